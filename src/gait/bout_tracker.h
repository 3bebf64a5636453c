// BoutTracker: walking detection and bout rules over step candidates.
//
// Rules (mobgap-like, stated so they can be checked):
//  - Walking is a run of at least min_steps candidates in a rhythm: every
//    interval between min_step_s and max_step_s, each within
//    rhythm_tolerance of the run's median interval, and peak heights within
//    a factor max_amplitude_ratio. Isolated peaks (phone handling, sitting
//    down, a bump in a car) never make such a run and are dropped.
//  - While a bout is open, a candidate within max_step_s of the bout's last
//    step continues it.
//  - A new run that starts within max_break_s of the bout's last step merges
//    into it (the break is kept out of the step-time statistics); otherwise
//    the bout ends and the run opens a new one.
//  - A bout ends once no candidate can continue or merge into it any more.
#pragma once

#include <cstddef>
#include <vector>

#include "gait/step_detector.h"

namespace retrowalk {

struct BoutRules {
  int min_steps = 4;
  double min_step_s = 0.25;
  double max_step_s = 1.5;
  double max_break_s = 3.0;
  double rhythm_tolerance = 0.35;
  float max_amplitude_ratio = 5.0f;
};

class BoutListener {
 public:
  virtual ~BoutListener() = default;
  virtual void OnBoutStart(double start_s) = 0;
  virtual void OnStep(const StepCandidate& step) = 0;  // a step of the open bout
  virtual void OnBoutEnd() = 0;
};

class BoutTracker {
 public:
  explicit BoutTracker(BoutRules rules) : rules_(rules) {}

  void OnCandidate(const StepCandidate& c, BoutListener& listener);
  // Candidates before horizon_s are all known: close what can no longer grow.
  void Advance(double horizon_s, BoutListener& listener) {
    if (!bout_open_ && pending_.empty()) return;  // the common case, per sample
    AdvanceSlow(horizon_s, listener);
  }
  // End of segment: close the open bout, drop the pending run.
  void Flush(BoutListener& listener);

  bool bout_open() const { return bout_open_; }
  const BoutRules& rules() const { return rules_; }

 private:
  void AdvanceSlow(double horizon_s, BoutListener& listener);
  bool RunIsRhythmic() const;
  void Accept(BoutListener& listener);

  BoutRules rules_;
  bool bout_open_ = false;
  double last_step_s_ = 0;
  std::vector<StepCandidate> pending_;  // never longer than min_steps
};

}  // namespace retrowalk
