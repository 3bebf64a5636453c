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
// candidate): where the rhythm says a step was missed there, the BoutTracker
// places it at that bump.
// Each candidate also carries the first few local maxima after it (however
// small, above min_trailing_mps2), found before the next candidate's region:
// the step that closes a walk (feet together) is often only such a bump, and
// the BoutTracker may take it when the bout ends.
// Whether candidates are walking is decided later (BoutTracker).
#pragma once

#include <array>
#include <cstdint>

namespace retrowalk {

struct StepDetectorOptions {
  // Tuned on the development subjects only (see docs/gait.md).
  float min_peak_mps2 = 0.2f;
  float relative_threshold = 0.25f;
  float trough_fraction = 0.2f;
  float rms_time_constant_s = 2.0f;
  float min_step_s = 0.25f;
  // Local maxima after a candidate kept for the BoutTracker (see above).
  float min_trailing_mps2 = 0.05f;
  float max_trailing_s = 2.0f;
  // Report a finished candidate as soon as no later peak can merge with it
  // (min_step_s after it, outside a region) instead of when the next region
  // ends: the same candidates, about half a step sooner, but with their
  // trailing maxima cut short there (no closing steps). For the
  // OnsetWatcher, which only needs to know where walking starts.
  bool release_early = false;
};

struct SignalPeak {
  std::uint64_t index = 0;
  double t_s = 0;
  float mps2 = 0;
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
  // The first local maxima after this candidate's region (outside any
  // candidate's, above min_trailing_mps2, within max_trailing_s), in time order.
  static constexpr int kMaxTrailing = 4;
  std::array<SignalPeak, kMaxTrailing> trailing{};
  int trailing_count = 0;
};

class StepDetector {
 public:
  StepDetector(StepDetectorOptions options, double rate_hz);

  // Pushes the smoothed value of frame `index` at time t_s. Returns true and
  // fills `out` when a candidate became final.
  bool Push(std::uint64_t index, double t_s, float s, StepCandidate& out) {
    return Push(index, t_s, s, NextLevel(s), out);
  }
  // The threshold (squared) after each smoothed value, from the running mean
  // square: a dependency chain of its own, which a block loop can run apart
  // from the branchy detection (Begin, Next per value, Commit), then pass each
  // value's result to the Push below.
  struct Level {
    float alpha, rel2, mean_square;
    float Next(float s) {
      mean_square += alpha * (s * s - mean_square);
      return rel2 * mean_square;
    }
  };
  Level BeginLevel() const { return {alpha_, rel2_, mean_square_}; }
  void CommitLevel(const Level& level) { mean_square_ = level.mean_square; }
  float NextLevel(float s) {
    Level level = BeginLevel();
    const float rel2 = level.Next(s);
    CommitLevel(level);
    return rel2;
  }
  // Push with the value's Level::Next result.
  bool Push(std::uint64_t index, double t_s, float s, float rel2, StepCandidate& out) {
    // Outside a region nothing below can report a candidate: this value may.
    const bool released =
        has_held_ && !in_peak_ &&
        (opt_.release_early ? t_s - held_.t_s >= static_cast<double>(opt_.min_step_s)
                            : prev_index_ + 1 >= FinalValue());
    if (released) {
      out = held_;
      has_held_ = false;
    }
    // A local maximum at the previous sample: outside a candidate's region, a
    // bump and trailing the held candidate; inside, trailing the region's peak.
    if (prev_s_ > prev2_s_ && prev_s_ >= s) {
      if (!prev_in_peak_) {
        if (prev_s_ > gap_peak_mps2_ && prev_s_ > opt_.min_peak_mps2) {
          gap_peak_mps2_ = prev_s_;
          gap_peak_t_s_ = prev_t_s_;
          gap_peak_index_ = prev_index_;
        }
        if (has_held_) AddTrailing(held_);
      } else if (in_peak_ && prev_index_ != peak_.index) {
        AddTrailing(peak_);
      }
    }
    prev2_s_ = prev_s_;
    prev_s_ = s;
    prev_t_s_ = t_s;
    prev_index_ = index;
    prev_in_peak_ = true;  // until known otherwise below
    if (in_peak_) {
      if (s > peak_.amplitude_mps2) {
        peak_.amplitude_mps2 = s;
        peak_.index = index;
        peak_.t_s = t_s;
        peak_.trailing_count = 0;  // those were before it
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
      return released;
    }
    if (s > opt_.min_peak_mps2 && s * s > rel2) {
      in_peak_ = true;
      prev_in_peak_ = true;
      peak_ = StepCandidate{};
      peak_.index = index;
      peak_.t_s = t_s;
      peak_.amplitude_mps2 = s;
      peak_.between_index = gap_peak_index_;
      peak_.between_t_s = gap_peak_t_s_;
      peak_.between_mps2 = gap_peak_mps2_;
      gap_peak_mps2_ = 0;
    }
    last_t_s_ = t_s;
    return released;
  }
  // The number of leading values of s[0, n) (with their Level::Next results
  // rel2[0, n)) that Push would only record as history: no local maximum
  // that can count, no region starting or ending, no higher peak in the
  // region, no held candidate released. While a candidate is held or a region
  // is open the horizon stays put over them too; otherwise it moves with
  // every value (horizon_follows()), to each one's time.
  // Between steps most values are such: Quiet tests several at once, and
  // SkipQuiet records them, so that Push runs only where something happens.
  std::size_t Quiet(const float* s, const float* rel2, std::size_t n) const;
  // Records the first n values of s (n > 0, counted by Quiet) as n Pushes
  // would; they are frames first_index.. and time_of(index) gives a frame's
  // time. Inside a region that is the highest of them becoming its peak.
  template <typename TimeOf>
  void SkipQuiet(const float* s, std::size_t n, std::uint64_t first_index, TimeOf&& time_of) {
    if (in_peak_) {
      std::size_t top = n;
      float amplitude = peak_.amplitude_mps2;
      for (std::size_t i = 0; i < n; ++i) {
        if (s[i] > amplitude) {
          amplitude = s[i];
          top = i;
        }
      }
      if (top != n) {
        peak_.amplitude_mps2 = amplitude;
        peak_.index = first_index + top;
        peak_.t_s = time_of(peak_.index);
        peak_.trailing_count = 0;  // those were before it
      }
    }
    const std::uint64_t last = first_index + n - 1;
    prev2_s_ = n >= 2 ? s[n - 2] : prev_s_;
    prev_s_ = s[n - 1];
    prev_t_s_ = time_of(last);
    prev_index_ = last;
    if (!in_peak_) last_t_s_ = prev_t_s_;
  }
  // At the end of a segment: returns true while candidates remain to report.
  bool Flush(StepCandidate& out);
  void Reset();

  // The finished candidate not reported yet (nullptr: none): the next one
  // reported, unless a peak within min_step_s after it is higher.
  const StepCandidate* held() const { return has_held_ ? &held_ : nullptr; }
  // Neither a candidate held nor a region open: the horizon is the newest
  // value's time.
  bool horizon_follows() const { return !has_held_ && !in_peak_; }
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
        held_.trailing = peak_.trailing;
        held_.trailing_count = peak_.trailing_count;
      }
      return false;
    }
    out = held_;
    held_ = peak_;
    return true;
  }

  // The value whose push reports the held candidate (not release_early): the
  // first past which nothing can change it (final_after_). Values are
  // consecutive, so it is the push of index prev_index_ + 1.
  std::uint64_t FinalValue() const { return held_.index + final_after_ + 1; }

  // The local maximum at the previous sample trails candidate c.
  void AddTrailing(StepCandidate& c) const {
    if (prev_s_ > opt_.min_trailing_mps2 && c.trailing_count < StepCandidate::kMaxTrailing &&
        prev_t_s_ - c.t_s <= opt_.max_trailing_s)
      c.trailing[static_cast<std::size_t>(c.trailing_count++)] = {prev_index_, prev_t_s_, prev_s_};
  }

  StepDetectorOptions opt_;
  float alpha_;
  float rel2_;     // relative_threshold^2
  float trough2_;  // trough_fraction^2
  // Values after a held candidate past which nothing can change it: no peak
  // can merge with it and no trailing maximum join it. It is reported then,
  // so that a walk that stops is not held open until the next one starts.
  std::uint64_t final_after_;
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
