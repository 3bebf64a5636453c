#include "io/recording_summary.h"

#include <algorithm>
#include <cmath>

namespace retrowalk {

void SummaryBuilder::Add(std::span<const Sample> samples) {
  for (const Sample& x : samples) {
    if (s_.samples == 0) s_.start_s = x.t_s;
    ++s_.samples;
    s_.end_s = x.t_s;
    const double norm_g = static_cast<double>(x.acc_mps2.norm() / kStandardGravity);
    acc_norm_sum_ += norm_g;
    s_.acc_norm_max_g = std::max(s_.acc_norm_max_g, norm_g);
    if (have_last_) {
      const double dt = x.t_s - last_t_;
      if (dt > gap_threshold_s_) {
        s_.gaps.push_back({last_t_, x.t_s});
        s_.gap_total_s += dt;
      } else {
        intervals_s_.push_back(static_cast<float>(dt));
        sum_ += dt;
        sum_sq_ += dt * dt;
      }
    }
    have_last_ = true;
    last_t_ = x.t_s;
  }
}

RecordingSummary SummaryBuilder::Finish() {
  RecordingSummary out = s_;
  out.duration_s = out.samples > 0 ? out.end_s - out.start_s : 0.0;
  if (out.samples > 0) out.acc_norm_mean_g = acc_norm_sum_ / static_cast<double>(out.samples);
  const std::size_t n = intervals_s_.size();
  if (n > 0) {
    auto quantile = [&](double q) {
      auto k = static_cast<std::ptrdiff_t>(q * static_cast<double>(n - 1));
      std::nth_element(intervals_s_.begin(), intervals_s_.begin() + k, intervals_s_.end());
      return static_cast<double>(intervals_s_[static_cast<std::size_t>(k)]);
    };
    const double median = quantile(0.5);
    const double q1 = quantile(0.25);
    const double q3 = quantile(0.75);
    out.interval_median_ms = median * 1e3;
    out.median_rate_hz = median > 0 ? 1.0 / median : 0.0;
    out.interval_iqr_ms = (q3 - q1) * 1e3;
    const double mean = sum_ / static_cast<double>(n);
    out.interval_std_ms =
        std::sqrt(std::max(0.0, sum_sq_ / static_cast<double>(n) - mean * mean)) * 1e3;
    auto [lo, hi] = std::minmax_element(intervals_s_.begin(), intervals_s_.end());
    out.interval_min_ms = static_cast<double>(*lo) * 1e3;
    out.interval_max_ms = static_cast<double>(*hi) * 1e3;
  }
  return out;
}

}  // namespace retrowalk
