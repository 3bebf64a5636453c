#include "gait/stumble.h"

#include <algorithm>
#include <cmath>

namespace retrowalk {

namespace {

float MedianOf(std::span<const float> x) {
  std::vector<float> v(x.begin(), x.end());
  if (v.empty()) return 0;
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

}  // namespace

std::vector<double> DetectStumbles(const StumbleOptions& options,
                                   std::span<const double> step_times_s,
                                   std::span<const float> step_peak_acc,
                                   std::span<const float> step_peak_tilt_rate, bool has_gyro) {
  std::vector<double> out;
  const std::size_t n = step_times_s.size();
  if (n < static_cast<std::size_t>(options.min_bout_steps)) return out;
  const float acc_limit =
      std::max(options.acc_factor * MedianOf(step_peak_acc.subspan(1)), options.min_acc_mps2);
  const float gyro_limit = options.gyro_factor * MedianOf(step_peak_tilt_rate.subspan(1));
  std::vector<double> near;
  for (std::size_t i = 1; i < n; ++i) {
    const double d = step_times_s[i] - step_times_s[i - 1];
    if (d > options.max_step_s) continue;
    near.clear();
    // The rhythm around the step: 3 intervals before it and 3 after its
    // recovery step (which a stumble disturbs too).
    for (std::size_t k = (i > 3 ? i - 3 : 1); k <= std::min(n - 1, i + 4); ++k) {
      if (k == i || k == i + 1) continue;
      const double dk = step_times_s[k] - step_times_s[k - 1];
      if (dk <= options.max_step_s) near.push_back(dk);
    }
    if (near.size() < 4) continue;
    std::sort(near.begin(), near.end());
    const double m = near[near.size() / 2];
    if (std::abs(d - m) <= options.off_rhythm * m) continue;
    // ...which must be steady: turns and stops already break the rhythm,
    // and a jolt there is not a stumble out of steady walking.
    double spread = 0;
    for (double x : near) spread = std::max(spread, std::abs(x - m));
    if (spread > options.steady_tolerance * m) continue;
    // Detector slips are not stumbles: an interval of about two steps is a
    // missed step, and two short ones adding up to one an extra peak.
    const double tol = options.steady_tolerance * m;
    if (std::abs(d - 2 * m) < tol / 2) continue;
    const double next = i + 1 < n ? step_times_s[i + 1] - step_times_s[i] : 1e9;
    const double prev = i >= 2 ? step_times_s[i - 1] - step_times_s[i - 2] : 1e9;
    bool slip = false;
    for (int k = 1; k <= 3; ++k) {
      slip = slip || std::abs(d + next - k * m) < tol / 2 || std::abs(d + prev - k * m) < tol / 2;
    }
    if (slip) continue;
    // The jolt may fall in the off-rhythm step or in the recovery step after it.
    const std::size_t j = std::min(n - 1, i + 1);
    const float acc = std::max(step_peak_acc[i], step_peak_acc[j]);
    const float gyro = std::max(step_peak_tilt_rate[i], step_peak_tilt_rate[j]);
    const bool jolt = acc > acc_limit || (has_gyro && gyro_limit > 0 && gyro > gyro_limit);
    if (jolt) {
      out.push_back(step_times_s[i]);
      ++i;  // the recovery step belongs to the same stumble
    }
  }
  return out;
}

}  // namespace retrowalk
