// RecordingSummary: what `retrowalk inspect` reports about a recording,
// accumulated chunk by chunk so a multi-gigabyte file never sits in memory
// (only the sampling intervals are kept, 4 bytes per sample, for the median).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/sample.h"

namespace retrowalk {

struct SampleGap {
  double start_s = 0;  // last sample before the gap
  double end_s = 0;    // first sample after it
};

struct RecordingSummary {
  std::size_t samples = 0;
  double start_s = 0, end_s = 0, duration_s = 0;
  double median_rate_hz = 0;  // 1 / median sampling interval
  double interval_median_ms = 0;
  double interval_iqr_ms = 0;  // jitter: interquartile range of the intervals
  double interval_std_ms = 0;  // jitter: standard deviation (gaps excluded)
  double interval_min_ms = 0, interval_max_ms = 0;
  std::vector<SampleGap> gaps;  // intervals longer than the gap threshold
  double gap_total_s = 0;
  double acc_norm_mean_g = 0;  // about 1 when the recording includes gravity
  double acc_norm_max_g = 0;
};

class SummaryBuilder {
 public:
  explicit SummaryBuilder(double gap_threshold_s = 1.0) : gap_threshold_s_(gap_threshold_s) {}
  void Add(std::span<const Sample> samples);
  RecordingSummary Finish();

 private:
  double gap_threshold_s_;
  RecordingSummary s_;
  std::vector<float> intervals_s_;  // gaps excluded
  double sum_ = 0, sum_sq_ = 0;     // of intervals (s), for the standard deviation
  double acc_norm_sum_ = 0;
  bool have_last_ = false;
  double last_t_ = 0;
};

}  // namespace retrowalk
