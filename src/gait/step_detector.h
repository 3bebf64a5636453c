// StepDetector: candidate steps from the smoothed vertical acceleration.
//
// A candidate is the highest point of a region where the signal rises above
// a threshold, and a new region may only start after the signal has gone
// below -trough_fraction * threshold (hysteresis: ripples on one peak never
// count twice). The threshold adapts to the walker: relative_threshold times
// the running RMS of the signal (time constant rms_time_constant_s), but never
// below min_peak_mps2, which is what keeps standing still, sitting and small
// vibrations silent. Two candidates closer than min_step_s keep the higher.
// Each candidate also carries the highest local maximum of the signal since
// the previous candidate's region (a peak too small or too soon to be a
// candidate): a thigh-worn phone shows the other leg's step only as such a
// bump, and the BoutTracker may take it as a step when the rhythm says so.
// Whether candidates are walking is decided later (BoutTracker).
#pragma once

#include <cstdint>

namespace retrowalk {

struct StepDetectorOptions {
  // Tuned on the development subjects only (see docs/gait.md).
  float min_peak_mps2 = 0.2f;
  float relative_threshold = 0.25f;
  float trough_fraction = 0.2f;
  float rms_time_constant_s = 2.0f;
  float min_step_s = 0.25f;
};

struct StepCandidate {
  std::uint64_t index = 0;  // frame index of the peak
  double t_s = 0;
  float amplitude_mps2 = 0;
  // The highest local maximum above min_peak_mps2 between the previous
  // candidate and this one, outside both (between_mps2 0: none).
  std::uint64_t between_index = 0;
  double between_t_s = 0;
  float between_mps2 = 0;
};

class StepDetector {
 public:
  StepDetector(StepDetectorOptions options, double rate_hz);

  // Pushes the smoothed value of frame `index` at time t_s. Returns true and
  // fills `out` when a candidate became final.
  bool Push(std::uint64_t index, double t_s, float s, StepCandidate& out) {
    mean_square_ += alpha_ * (s * s - mean_square_);
    // A local maximum at the previous sample, outside a candidate's region.
    if (!prev_in_peak_ && prev_s_ > prev2_s_ && prev_s_ >= s && prev_s_ > gap_peak_mps2_ &&
        prev_s_ > opt_.min_peak_mps2) {
      gap_peak_mps2_ = prev_s_;
      gap_peak_t_s_ = prev_t_s_;
      gap_peak_index_ = prev_index_;
    }
    prev2_s_ = prev_s_;
    prev_s_ = s;
    prev_t_s_ = t_s;
    prev_index_ = index;
    prev_in_peak_ = true;  // until known otherwise below
    const float rel2 = rel2_ * mean_square_;
    if (in_peak_) {
      if (s > peak_.amplitude_mps2) {
        peak_.amplitude_mps2 = s;
        peak_.index = index;
        peak_.t_s = t_s;
      }
      if (s < 0) {
        in_peak_ = false;
        armed_ = false;
        prev_in_peak_ = false;
        return Offer(out);
      }
      return false;
    }
    prev_in_peak_ = false;
    if (!armed_) {
      if (s < 0 && s * s > trough2_ * rel2) armed_ = true;
      last_t_s_ = t_s;
      return false;
    }
    if (s > opt_.min_peak_mps2 && s * s > rel2) {
      in_peak_ = true;
      prev_in_peak_ = true;
      peak_ = {index, t_s, s, gap_peak_index_, gap_peak_t_s_, gap_peak_mps2_};
      gap_peak_mps2_ = 0;
    }
    last_t_s_ = t_s;
    return false;
  }
  // At the end of a segment: returns true while candidates remain to report.
  bool Flush(StepCandidate& out);
  void Reset();

  // No candidate reported later will have a time before this.
  double horizon_s() const {
    if (has_held_) return held_.t_s;
    if (in_peak_) return peak_.t_s;
    return last_t_s_;
  }

 private:
  // A finished peak: hold it until the next one shows whether they are closer
  // than min_step_s.
  bool Offer(StepCandidate& out) {
    if (!has_held_) {
      held_ = peak_;
      has_held_ = true;
      return false;
    }
    if (peak_.t_s - held_.t_s < opt_.min_step_s) {
      // One step: the higher peak, with what was between it and the step before.
      if (peak_.amplitude_mps2 > held_.amplitude_mps2) {
        held_.index = peak_.index;
        held_.t_s = peak_.t_s;
        held_.amplitude_mps2 = peak_.amplitude_mps2;
      }
      return false;
    }
    out = held_;
    held_ = peak_;
    return true;
  }

  StepDetectorOptions opt_;
  float alpha_;
  float rel2_;     // relative_threshold^2
  float trough2_;  // trough_fraction^2
  float mean_square_ = 0;
  bool in_peak_ = false;
  bool armed_ = true;
  bool has_held_ = false;
  StepCandidate peak_;
  StepCandidate held_;
  double last_t_s_ = 0;
  // The local-maximum search between candidates.
  float prev_s_ = 0;
  float prev2_s_ = 0;
  double prev_t_s_ = 0;
  std::uint64_t prev_index_ = 0;
  bool prev_in_peak_ = true;
  float gap_peak_mps2_ = 0;
  double gap_peak_t_s_ = 0;
  std::uint64_t gap_peak_index_ = 0;
};

}  // namespace retrowalk
