// What the gait engine reports: steps, bout starts, finished bouts with metrics.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "gait/resampler.h"

namespace retrowalk {

enum class Direction { kUnknown, kForward, kBackward };

std::string_view DirectionName(Direction d);  // "unknown", "forward", "backward"

// A step (an initial contact of either foot, as seen from the trunk/phone).
struct StepEvent {
  double t_s = 0;
  float amplitude_mps2 = 0;  // height of the smoothed vertical peak
};

struct BoutStartEvent {
  double start_s = 0;  // time of the bout's first step
};

// A finished walking bout. Times are of its first and last step.
struct Bout {
  double start_s = 0;
  double end_s = 0;
  std::vector<double> step_times_s;
  int steps = 0;
  double duration_s = 0;
  double cadence_spm = 0;  // 60 * (steps - 1) / (walking time between first and last step)
  double step_time_mean_s = 0;
  double step_time_cv = 0;  // standard deviation / mean of step intervals (breaks excluded)
  // Moe-Nilssen & Helbostad (2004): unbiased autocorrelation of the vertical
  // acceleration at the step (Ad1) and stride (Ad2) lag; symmetry = Ad1 / Ad2.
  // NaN when the bout is too short to estimate them.
  double step_regularity = 0;
  double stride_regularity = 0;
  double symmetry = 0;
  Direction direction = Direction::kUnknown;
  float direction_confidence = 0;  // 0..1
  // Per step, parallel to step_times_s. A bout whose direction changes is
  // split at the change, so today every step has its bout's direction.
  std::vector<Direction> step_directions;
  // Session mode: some of the bout was judged after the device's orientation
  // changed since the warm-up (BoutDirectionSegment::device_moved).
  bool device_moved = false;
  std::vector<double> stumble_times_s;
  int stumbles() const { return static_cast<int>(stumble_times_s.size()); }
};

// A live (provisional) direction of the open bout: reported at the bout's
// first decision (its first window_s of frames, "within 3 s of walking") and
// again whenever the answer changes (re-decided every hop_s on the latest
// window). The bout's final per-step directions come with the Bout.
struct DirectionEvent {
  double bout_start_s = 0;      // the bout's first step
  double from_s = 0, to_s = 0;  // the window decided
  double decided_at_s = 0;      // input time when the decision was available
  Direction direction = Direction::kUnknown;
  float confidence = 0;       // 0..1
  bool device_moved = false;  // LiveAnswer::device_moved
};

// Events that became final during one Push (or Finish). Appended in time order.
struct EngineEvents {
  std::vector<StepEvent> steps;  // every step of every bout, reported once it is final
  std::vector<BoutStartEvent> bout_starts;
  std::vector<Bout> bouts;                 // bouts that ended, with their metrics
  std::vector<Gap> gaps;                   // input gaps > max_gap_s; a bout never spans one
  std::vector<DirectionEvent> directions;  // live directions of open bouts
  void clear() {
    directions.clear();
    steps.clear();
    bout_starts.clear();
    bouts.clear();
    gaps.clear();
  }
};

}  // namespace retrowalk
