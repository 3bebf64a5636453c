// Stumble detection, applied to each finished bout.
//
// Rule: step i is a stumble when
//  (1) its interval is off the bout's rhythm: |d_i - m_i| > off_rhythm * m_i,
//      where m_i is the median of the (up to) 3 intervals before it and 3
//      after its recovery step, breaks excluded, and those intervals are
//      steady (all within steady_tolerance * m_i: a stumble interrupts steady
//      walking; turns and stops are irregular already); and
//  (2) the trunk moves unusually in the step's interval: the peak dynamic
//      acceleration |a - g| exceeds max(acc_factor * the bout's median
//      per-step peak, min_acc_mps2), or (with a gyroscope) the peak angular
//      rate about horizontal axes (pitch and roll of the trunk) exceeds
//      gyro_factor * the bout's median per-step peak. Rotation about the
//      vertical is left out: a U-turn is a long, fast yaw with a change of
//      pace in it, and no stumble.
// Intervals that look like detector slips are skipped: within
// steady_tolerance * m_i / 2 of 2 * m_i (a missed step), or adding up with a
// neighbour to 1, 2 or 3 * m_i within that (an extra or a missed peak: the
// rhythm goes on).
// Both must hold: a change of pace alone or a bump alone is not a stumble.
// The jolt may fall in step i or in the recovery step i+1; one stumble is
// counted per off-rhythm step, and the step after a stumble is not judged.
// Bouts with fewer than 8 steps have too little rhythm to judge.
#pragma once

#include <span>
#include <vector>

namespace retrowalk {

struct StumbleOptions {
  double off_rhythm = 0.4;
  double steady_tolerance = 0.2;
  float acc_factor = 5.0f;
  float min_acc_mps2 = 20.0f;
  float gyro_factor = 3.5f;
  double max_step_s = 1.5;  // longer intervals are breaks
  int min_bout_steps = 8;
};

// step_times_s: the bout's steps; step_peak_acc / step_peak_tilt_rate: per
// step, the peak |a - g| (m/s²) and angular rate about horizontal axes
// (rad/s) since the previous step (0 for the first). Returns the times of the
// stumbling steps.
std::vector<double> DetectStumbles(const StumbleOptions& options,
                                   std::span<const double> step_times_s,
                                   std::span<const float> step_peak_acc,
                                   std::span<const float> step_peak_tilt_rate, bool has_gyro);

}  // namespace retrowalk
