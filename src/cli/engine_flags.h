// Engine flags shared by the commands that run the gait engine (analyze,
// evaluate steps, evaluate direction; the onset flag only where live
// direction is reported: analyze, evaluate direction).
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

// --onset-lookahead S: EngineOptions::onset_lookahead_s (docs/direction.md,
// "Live direction while walking").
inline void AddOnsetLookaheadFlag(CLI::App* sub, std::optional<double>& seconds) {
  sub->add_option("--onset-lookahead", seconds,
                  "Seconds the OnsetWatcher's step signal reaches past each sample: 0 (the "
                  "default) makes a bout's first live direction answer about 0.5 s sooner; "
                  "the --step-lookahead value or more turns the watcher off. Steps, bouts and "
                  "final directions do not depend on it (docs/direction.md)")
      ->check(CLI::Range(0.0, 1.0));
}

inline void ApplyOnsetLookahead(const std::optional<double>& seconds, EngineOptions& engine) {
  if (seconds) engine.onset_lookahead_s = *seconds;
}

}  // namespace retrowalk::cli
