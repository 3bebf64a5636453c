// Engine flags shared by the commands that run the gait engine (analyze,
// evaluate steps, evaluate direction).
#pragma once

#include <optional>

#include <CLI/CLI.hpp>

#include "gait/options.h"

namespace retrowalk::cli {

// --step-lookahead S: EngineOptions::step_signal_lookahead_s (docs/gait.md,
// "Steps before their frames").
inline void AddStepLookaheadFlag(CLI::App* sub, std::optional<double>& seconds) {
  sub->add_option("--step-lookahead", seconds,
                  "Seconds the step signal's gravity window reaches past each sample: 1 (the "
                  "default) centres it; 0 finds steps and bouts, and with them the live "
                  "direction, about 0.9 s sooner, at some cost in step accuracy (docs/gait.md)")
      ->check(CLI::Range(0.0, 1.0));
}

inline void ApplyStepLookahead(const std::optional<double>& seconds, EngineOptions& engine) {
  if (seconds) engine.step_signal_lookahead_s = *seconds;
}

}  // namespace retrowalk::cli
