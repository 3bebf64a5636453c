// BoutTracker: walking detection and bout rules over step candidates.
//
// Rules (mobgap-like, stated so they can be checked):
//  - Walking is a run of at least min_steps candidates in a rhythm: every
//    interval between min_step_s and max_step_s, each within
//    rhythm_tolerance of the run's median interval, and peak heights within
//    a factor max_amplitude_ratio. Isolated peaks (phone handling, sitting
//    down, a bump in a car) never make such a run and are dropped.
//    Optionally a slow run (every interval at least slow_step_s and within
//    rhythm_tolerance of the shortest) needs only slow_run_steps: a slow
//    walker's 4th step comes late.
//  - While a bout is open, a candidate within max_step_s of the bout's last
//    step continues it, or within max_step_rhythms of the bout's step time
//    when that is longer (below about 64 steps/min, where a step a little
//    slower than the rhythm is over max_step_s); and so does one that is a
//    whole number of the bout's step times after it with steps to fill
//    (below): a slow walk's missed step leaves more than max_step_s.
//  - A new run that starts within max_break_s of the bout's last step merges
//    into it (the break is kept out of the step-time statistics); otherwise
//    the bout ends and the run opens a new one.
//  - A bout ends once no candidate can continue or merge into it any more.
//  - Missed steps are recovered from the rhythm (per step, O(1)):
//    * once the bout has a rhythm (median of its last detected intervals),
//      an interval of k step times (k - 1 <= max_filled_steps, within
//      fill_tolerance) gets its k - 1 missed steps: at the highest bump
//      between the two peaks when there is one near the middle, else evenly
//      (also beyond max_step_s: never across a pause, which is no whole
//      number of step times, nor over max_break_s);
//  - A ripple is not a step: in an established rhythm, a candidate early in
//    a step (under ripple_interval of the rhythm after the last step) that is
//    weak (under ripple_ratio of the bout's median peak), or of any height
//    but very early (under same_step_fraction of the rhythm: a second peak of
//    the same step, which min_step_s no longer merges in a walk slower than
//    about 60 steps/min; docs/gait.md, "Two peaks of one slow step"), is held
//    until the next candidate shows whether it sits inside one step time (the
//    next one lands within rhythm_tolerance of a step time after the last
//    step: the held one was a second bump of that step, as a slow walker's
//    heel strike and push-off can make) or not (it is emitted as before). At
//    any pace: the slower the walk, the more of these second bumps survive
//    the fixed low-pass (docs/gait.md, "Slow walking").
//  - Bout edges, against the bout's own rhythm and peak heights:
//    * a new bout's first candidate is a push-off, not a step, when it is
//      weak (under push_off_ratio of the run's other peaks) and early (its
//      interval under push_off_interval of the run's others): setting off, the
//      trunk is pushed up before the first foot lands, and that first step is
//      longer than the next, not shorter;
//    * a bout that ends on a run of at least tail_min_steps weak steps (each
//      under tail_ratio of the peak median before the run) ends before them:
//      a bag or a hand swinging on after the stop, not walking. Weak steps
//      are held (at most kMaxTail) until a full step shows the walk went on;
//      the tracker's own rhythm and peaks see them as before;
//    * when a bout ends on a full step (at least closing_last_ratio of the
//      bout's median peak), the step that brings the feet together is looked
//      for one step time later (within closing_tolerance): the highest local
//      maximum there, however small (above closing_min_ratio of the median
//      peak). A bout that ends on a weak peak ended on its closing step.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "gait/step_detector.h"

namespace retrowalk {

struct BoutRules {
  int min_steps = 4;
  // A run of slow_run_steps (fewer than min_steps) is enough when every
  // interval is at least slow_step_s and within rhythm_tolerance of the
  // shortest (0: off, as in the engine's own bouts; the OnsetWatcher's use
  // it, docs/direction.md).
  int slow_run_steps = 0;
  double slow_step_s = 0.7;
  double min_step_s = 0.25;
  double max_step_s = 1.5;
  double max_step_rhythms = 1.6;  // 0: max_step_s alone
  double max_break_s = 3.0;
  double rhythm_tolerance = 0.35;
  float max_amplitude_ratio = 5.0f;
  // Missed-step recovery (see above).
  int max_filled_steps = 1;  // 0: off
  double fill_tolerance = 0.15;
  // Ripples (see above).
  float ripple_ratio = 0.5f;        // 0: off
  double same_step_fraction = 0.4;  // 0: off
  double ripple_interval = 0.75;
  // Bout edges (see above).
  float push_off_ratio = 0.35f;  // 0: off
  double push_off_interval = 1.0;
  float closing_last_ratio = 0.38f;  // 0: off
  double closing_tolerance = 0.3;
  float closing_min_ratio = 0.02f;
  float tail_ratio = 0.2f;  // 0: off
  int tail_min_steps = 3;
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
    if (Expires(horizon_s)) AdvanceSlow(horizon_s, listener);
  }
  // Whether Advance(horizon_s) would change anything: called per sample, so
  // only the expiries. Monotone in the horizon.
  bool Expires(double horizon_s) const {
    const bool run_expired =
        !pending_.empty() && horizon_s - pending_.back().t_s > rules_.max_step_s;
    const bool break_over = bout_open_ && horizon_s - last_step_s_ > rules_.max_break_s;
    const bool ripple_due = horizon_s > ripple_deadline_s_;  // +inf when none is held
    return run_expired || break_over || ripple_due;
  }
  // Of the rising horizons horizon_of(0..n), how many lead before the first
  // at which Advance would change something (n when none would).
  template <typename HorizonOf>
  std::size_t BeforeExpiry(std::size_t n, HorizonOf&& horizon_of) const {
    if (n == 0 || !Expires(horizon_of(n - 1))) return n;
    std::size_t lo = 0, hi = n - 1;  // the first expiry is in [lo, hi]
    while (lo < hi) {
      const std::size_t mid = lo + (hi - lo) / 2;
      if (Expires(horizon_of(mid)))
        hi = mid;
      else
        lo = mid + 1;
    }
    return lo;
  }
  // End of segment: close the open bout, drop the pending run.
  void Flush(BoutListener& listener);

  bool bout_open() const { return bout_open_; }
  // The candidate of the pending run that the next bout would open on, when
  // it lies within `tolerance_s` of t_s (nullptr otherwise, or while a bout is
  // open): the run's first; or its second when the first is a push-off, or
  // when too few candidates are in to judge one (the caller has judged it on
  // a run of its own). A run's earlier candidates may still fall out of its
  // rhythm: a t_s further in is not taken as its start.
  const StepCandidate* RunStartNear(double t_s, double tolerance_s) const;
  // Where the next bout would open, given that another detector over the
  // same steps (less delayed) saw a bout open on its step at t_s, from its run
  // `later`: the candidate of the pending run that the rules above, played on
  // a copy, open it on when the pending candidates are followed by `next`
  // (the one the caller's detector holds, nullptr: none) and then by those
  // of `later` past them (those up to `tolerance_s` after the last of the
  // caller's are taken for it or an earlier one). When they run out before a
  // run is accepted, RunStartNear's rule on what is left (t_s NaN: none, only
  // an accepted run names a candidate). nullptr while a
  // bout is open, or when the run would open on none of the pending
  // candidates (yet).
  const StepCandidate* PredictRunStart(double t_s, const StepCandidate* next,
                                       std::span<const StepCandidate> later,
                                       double tolerance_s) const;
  // The run of candidates not yet in a bout (the one that opened a bout,
  // inside BoutListener::OnBoutStart).
  std::span<const StepCandidate> pending() const { return pending_; }
  const BoutRules& rules() const { return rules_; }

 private:
  void AdvanceSlow(double horizon_s, BoutListener& listener);
  // Adds `c` to `run` as the pending run grows (rules above): after a gap
  // over max_step_s the run starts again at c; a run of min_steps that is not
  // in a rhythm loses its first candidate. True when the run is accepted;
  // `dropped` counts the candidates that left its front.
  static bool GrowRun(std::vector<StepCandidate>& run, const StepCandidate& c,
                      const BoutRules& rules, std::size_t& dropped);
  // Whether `run` is in a rhythm (rules above).
  static bool IsRhythmic(std::span<const StepCandidate> run, const BoutRules& rules);
  // Steps of the bout's rhythm missed in an interval d after its last step
  // (rules above; 0 when d is not a whole number of step times).
  int MissedBefore(double d) const;
  // Emits `c` as the bout's next step, after the steps missed before it.
  void EmitNext(const StepCandidate& c, BoutListener& listener);
  void EmitStep(const StepCandidate& c, BoutListener& listener, bool may_hold = true);
  // Hands `c` to the listener, or holds it while the bout may be ending on a
  // weak tail (rules above).
  void Deliver(const StepCandidate& c, BoutListener& listener, bool may_hold);
  void ReleaseTail(BoutListener& listener);
  // Continues the open bout with `c`, holding it while it may be a ripple.
  void Continue(const StepCandidate& c, BoutListener& listener);
  // Decides the held candidate: dropped when `next` (nullptr: none can come
  // in time any more) lands one step time after the last step, else emitted.
  void ResolveRipple(const StepCandidate* next, BoutListener& listener);
  bool HasRipple() const { return ripple_deadline_s_ != std::numeric_limits<double>::infinity(); }
  // Of the bout's last detected intervals; 0 when unknown. Kept up to date
  // by EmitNext, since several rules read it per candidate.
  double RhythmMedian() const { return rhythm_median_s_; }
  double ComputeRhythmMedian() const;
  // The longest interval after the open bout's last step that continues it
  // without a missed step (rules above), at most max_break_s.
  double StepLimit() const;
  float PeakMedian() const;  // of the bout's last detected peaks; 0 when unknown
  // At least PeakMedian() without a sort: the largest of those peaks (+inf
  // when huge).
  float PeakBound() const;
  // Whether a run (the accepted one: a new bout) starts with a push-off (rules
  // above); judged on runs of at least kPushOffRun candidates.
  static bool StartsWithPushOff(std::span<const StepCandidate> run, const BoutRules& rules);
  // Which of a run's candidates within tolerance_s of t_s could open it (the
  // rule of RunStartNear): 0, 1 or kNone.
  std::size_t OpeningNear(std::span<const StepCandidate> run, double t_s, double tolerance_s) const;
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  static constexpr std::size_t kPushOffRun = 3;
  // Emits the closing step when there is one (rules above), then ends the bout.
  void EndBout(BoutListener& listener);

  BoutRules rules_;
  bool bout_open_ = false;
  double last_step_s_ = -1e300;  // none yet
  StepCandidate last_step_;
  std::vector<StepCandidate> pending_;  // never longer than min_steps
  std::array<double, 8> intervals_{};   // the bout's last detected step intervals (ring)
  std::size_t interval_count_ = 0;
  double rhythm_median_s_ = 0;    // RhythmMedian()
  std::array<float, 8> peaks_{};  // the bout's last detected peak heights (ring)
  std::size_t peak_count_ = 0;
  // A candidate held as a possible ripple, and the time after which no next
  // candidate can resolve it (+inf: none held).
  double ripple_deadline_s_ = std::numeric_limits<double>::infinity();
  StepCandidate ripple_;
  // Weak steps held at the bout's end, and the peak median before them.
  static constexpr std::size_t kMaxTail = 12;
  std::array<StepCandidate, kMaxTail> tail_{};
  std::size_t tail_count_ = 0;
  int tail_weak_ = 0;
  float tail_reference_ = 0;
};

// The leading values of s[0, n) (with their levels rel2; smoothed values
// first_value.., at times time_of(i)) that a detector feeding a tracker may
// skip (StepDetector::SkipQuiet): those the detector would only record
// (StepDetector::Quiet) and, while its horizon follows the values, only those
// before the first at which the tracker's Advance would change something.
template <typename TimeOf>
std::size_t QuietFor(const StepDetector& detector, const BoutTracker& tracker, const float* s,
                     const float* rel2, std::size_t n, std::uint64_t first_value,
                     TimeOf&& time_of) {
  const std::size_t quiet = detector.Quiet(s, rel2, n);
  if (quiet == 0 || !detector.horizon_follows()) return quiet;
  return tracker.BeforeExpiry(quiet, [&](std::size_t k) { return time_of(first_value + k); });
}

}  // namespace retrowalk
