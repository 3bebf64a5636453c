#include "gait/step_detector.h"

namespace retrowalk {

StepDetector::StepDetector(StepDetectorOptions options, double rate_hz)
    : opt_(options),
      alpha_(static_cast<float>(1.0 / (options.rms_time_constant_s * rate_hz))),
      rel2_(options.relative_threshold * options.relative_threshold),
      trough2_(options.trough_fraction * options.trough_fraction) {}

bool StepDetector::Flush(StepCandidate& out) {
  // A peak still rising or falling when the segment ends is not a step: it
  // never came back below zero.
  in_peak_ = false;
  if (has_held_) {
    out = held_;
    has_held_ = false;
    return true;
  }
  Reset();
  return false;
}

void StepDetector::Reset() {
  mean_square_ = 0;
  in_peak_ = false;
  armed_ = true;
  has_held_ = false;
  last_t_s_ = 0;
  prev_s_ = prev2_s_ = 0;
  prev_in_peak_ = true;
  gap_peak_mps2_ = 0;
}

}  // namespace retrowalk
