// Per-bout gait metrics computed when a bout ends.
#pragma once

#include <algorithm>
#include <span>

#include "gait/events.h"
#include "gait/frame.h"

namespace retrowalk {

struct MetricsOptions {
  // Longer intervals are breaks, not steps, unless within max_step_rhythms of
  // the bout's median interval (as BoutRules continues a slow bout).
  double max_step_s = 1.5;
  double max_step_rhythms = 1.6;
};

// The longest interval that is still a step (not a break) in a walk whose
// step time is step_s (0: unknown): max_step_s, or max_step_rhythms step
// times when that is longer (a slow walk). BoutTracker continues an open bout
// by it, and ComputeStepTimeMetrics counts a bout's intervals by it.
inline double LongestStepS(double max_step_s, double max_step_rhythms, double step_s) {
  return std::max(max_step_s, max_step_rhythms * step_s);
}

// Fills steps, duration, cadence and step-time statistics of `bout` from its
// step_times_s.
void ComputeStepTimeMetrics(const MetricsOptions& options, Bout& bout);

// Fills step/stride regularity and symmetry (Moe-Nilssen & Helbostad 2004)
// from the vertical acceleration of `frames` (uniform at rate_hz): the
// unbiased, variance-normalised autocorrelation over the last 20 s of the
// bout, its highest value within ±20 % of the median step time (Ad1) and of
// twice it (Ad2); symmetry is Ad1 / Ad2. NaN when there are fewer than four
// stride periods of signal.
void ComputeRegularity(std::span<const Frame> frames, double rate_hz, Bout& bout);

// Unbiased normalised autocorrelation of x at one lag (exposed for tests).
double Autocorrelation(std::span<const float> x, std::size_t lag);

}  // namespace retrowalk
