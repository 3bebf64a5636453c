// The streaming side of the batch-equals-streaming tests.
#pragma once

#include <algorithm>
#include <random>
#include <span>

#include "core/sample.h"
#include "gait/engine.h"

namespace retrowalk::testing {

// Pushes `samples` to `engine` in chunks of 1..max_chunk samples drawn from
// `rng`, then finishes the stream; returns every event.
inline EngineEvents StreamInRandomChunks(GaitEngine& engine, std::span<const Sample> samples,
                                         std::mt19937& rng, std::size_t max_chunk) {
  EngineEvents streamed;
  std::uniform_int_distribution<std::size_t> chunk(1, max_chunk);
  for (std::size_t i = 0; i < samples.size();) {
    const std::size_t n = std::min(chunk(rng), samples.size() - i);
    engine.Push(samples.subspan(i, n), streamed);
    i += n;
  }
  engine.Finish(streamed);
  return streamed;
}

}  // namespace retrowalk::testing
