// EngineOptions: every parameter of the gait engine, with named presets.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "gait/bout_metrics.h"
#include "gait/bout_tracker.h"
#include "gait/gravity.h"
#include "gait/resampler.h"
#include "gait/step_detector.h"
#include "gait/stumble.h"

namespace retrowalk {

// Which signal the step detector looks at.
enum class StepSignal {
  // |a| - |g|: the default. Phones swinging in a hand or on an arm turn
  // within each stride, so a projection on the (averaged) vertical mixes in
  // arm swing; the magnitude does not care (Oxford development set: 7 % vs
  // 12 % MAPE swinging arm, 2.2 % vs 2.9 % overall; IPOL lower back 3.3 vs 3.5 %).
  kMagnitude,
  kVertical,  // the projection on gravity
};

struct EngineOptions {
  ResamplerOptions resampler;  // rate_hz is the engine's working rate
  GravityOptions gravity;
  StepSignal step_signal = StepSignal::kMagnitude;
  // How far past a sample the gravity window of its step signal reaches
  // (StepSignalFilter): gravity.window_s / 2 centres it; less finds steps and
  // bouts sooner, ahead of the frames.
  double step_signal_lookahead_s = 1.0;
  // The lookahead of the OnsetWatcher's step signal, which spots where a bout
  // opens so that its first live direction answer comes as soon as its frames
  // are in. Used with a live direction classifier, when under
  // step_signal_lookahead_s; the steps and bouts reported do not depend on it.
  double onset_lookahead_s = 0.0;
  double smoothing_s = 0.15;  // width of each of the two centred boxcars of the step low-pass
  StepDetectorOptions steps;
  BoutRules bouts;
  StumbleOptions stumbles;
  // Frames kept for a finished bout's metrics and direction (the last
  // bout_signal_s of longer bouts); this bounds the engine's memory.
  double bout_signal_s = 60.0;
  bool has_gyro = true;  // false: angular rates are zero and ignored
};

// "healthy" (default), "impaired" (slow, weak steps: lower thresholds, longer
// steps allowed), "backward" (short, careful steps: lower thresholds).
std::optional<EngineOptions> EnginePreset(std::string_view name);
inline constexpr const char* kEnginePresetNames = "healthy, impaired, backward";

// The preset used when none is named: "healthy", or "impaired" for a
// retro-walking session. Sessions are rehabilitation walking (slow, careful,
// irregular steps) and session direction learns its forward template from
// the short warm-up, which the engine must therefore find: on the development
// sessions (docs/direction.md) "healthy" missed front-pocket warm-ups that
// "impaired" finds (94.3 % vs 96.8 % of steps right).
std::string_view DefaultEnginePreset(bool session);

}  // namespace retrowalk
