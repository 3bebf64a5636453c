// The streaming side of the batch-equals-streaming tests, and the comparison
// of their live direction events.
#pragma once

#include <algorithm>
#include <random>
#include <span>
#include <vector>

#include <gtest/gtest.h>

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

// The live direction events of two runs over the same samples are the same,
// field by field and in order.
inline void ExpectSameDirectionEvents(const std::vector<DirectionEvent>& a,
                                      const std::vector<DirectionEvent>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].bout_start_s, b[i].bout_start_s) << i;
    EXPECT_EQ(a[i].from_s, b[i].from_s) << i;
    EXPECT_EQ(a[i].to_s, b[i].to_s) << i;
    EXPECT_EQ(a[i].decided_at_s, b[i].decided_at_s) << i;
    EXPECT_EQ(a[i].direction, b[i].direction) << i;
    EXPECT_EQ(a[i].confidence, b[i].confidence) << i;
  }
}

}  // namespace retrowalk::testing
