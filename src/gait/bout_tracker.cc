#include "gait/bout_tracker.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <type_traits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "gait/bout_metrics.h"

namespace retrowalk {

namespace {

StepCandidate Between(const StepCandidate& a, const StepCandidate& b, double frac) {
  StepCandidate f;
  f.index = a.index +
            static_cast<std::uint64_t>(std::llround(frac * static_cast<double>(b.index - a.index)));
  f.t_s = a.t_s + frac * (b.t_s - a.t_s);
  return f;
}

#if defined(__SSE2__)
// The median of 8 doubles by the network below, two comparators per minpd /
// maxpd: the values (v0 v1) (v2 v3) (v4 v5) (v6 v7) in pairs, regrouped
// between stages. For positive values (no signed zeros, no NaN) minpd and
// maxpd order them exactly as std::min and std::max, and the last stage's
// comparator (3, 4) is left out: the median adds the two either way round.
double MedianOf8(const double* v) {
  __m128d a = _mm_loadu_pd(&v[0]), b = _mm_loadu_pd(&v[2]);
  __m128d c = _mm_loadu_pd(&v[4]), d = _mm_loadu_pd(&v[6]);
  auto sort2 = [](__m128d& lo, __m128d& hi) {
    const __m128d l = _mm_min_pd(lo, hi);
    hi = _mm_max_pd(lo, hi);
    lo = l;
  };
  sort2(a, b);                                                       // (0,2) (1,3)
  sort2(c, d);                                                       // (4,6) (5,7)
  sort2(a, c);                                                       // (0,4) (1,5)
  sort2(b, d);                                                       // (2,6) (3,7)
  __m128d p = _mm_unpacklo_pd(a, b), q = _mm_unpackhi_pd(a, b);      // (v0 v2) (v1 v3)
  __m128d r = _mm_unpacklo_pd(c, d), s = _mm_unpackhi_pd(c, d);      // (v4 v6) (v5 v7)
  sort2(p, q);                                                       // (0,1) (2,3)
  sort2(r, s);                                                       // (4,5) (6,7)
  __m128d x = _mm_unpackhi_pd(p, q), y = _mm_unpacklo_pd(r, s);      // (v2 v3) (v4 v5)
  sort2(x, y);                                                       // (2,4) (3,5)
  __m128d u = _mm_shuffle_pd(q, x, 2), w = _mm_shuffle_pd(y, r, 2);  // (v1 v3) (v4 v6)
  sort2(u, w);                                                       // (1,4) (3,6)
  return (_mm_cvtsd_f64(_mm_unpackhi_pd(u, u)) + _mm_cvtsd_f64(w)) / 2.0;
}
#endif

// Median of the first n (>= 1) values of a small array. An insertion sort: n
// is at most 16, and GCC 12 flags std::sort over a short std::array with a
// false -Warray-bounds when optimising with sanitizers.
template <typename T, std::size_t N>
T SmallMedian(std::array<T, N> v, std::size_t n) {
#if defined(__SSE2__)
  if constexpr (std::is_same_v<T, double>) {
    if (n == 8) return MedianOf8(v.data());  // the rhythm, once per step
  }
#endif
  if (n == 8) {
    // The common case (a bout's last 8 intervals or peaks), once per step: a
    // sorting network of min / max, without the sort's mispredicted branches.
    // The values (step intervals, peak heights) are positive: no signed zeros
    // or NaN, so min / max order them exactly as the sort below.
    constexpr std::array<std::size_t, 38> kNetwork{0, 2, 1, 3, 4, 6, 5, 7, 0, 4, 1, 5, 2,
                                                   6, 3, 7, 0, 1, 2, 3, 4, 5, 6, 7, 2, 4,
                                                   3, 5, 1, 4, 3, 6, 1, 2, 3, 4, 5, 6};
    for (std::size_t k = 0; k < kNetwork.size(); k += 2) {
      T& a = v[kNetwork[k]];
      T& b = v[kNetwork[k + 1]];
      const T lo = std::min(a, b);
      b = std::max(a, b);
      a = lo;
    }
    return (v[3] + v[4]) / T(2);
  }
  for (std::size_t i = 1; i < n; ++i) {
    for (std::size_t j = i; j > 0 && v[j] < v[j - 1]; --j) std::swap(v[j], v[j - 1]);
  }
  return (n % 2 == 1) ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / T(2);
}

}  // namespace

bool BoutTracker::GrowRun(std::vector<StepCandidate>& run, const StepCandidate& c,
                          const BoutRules& rules, std::size_t& dropped) {
  if (!run.empty() && c.t_s - run.back().t_s > rules.max_step_s) {
    dropped += run.size();
    run.clear();
  }
  run.push_back(c);
  const std::size_t full = static_cast<std::size_t>(rules.min_steps);
  const std::size_t least = rules.slow_run_steps > 0
                                ? std::min(full, static_cast<std::size_t>(rules.slow_run_steps))
                                : full;
  if (run.size() < least) return false;
  if (IsRhythmic(run, rules)) return true;
  if (run.size() < full) return false;  // a slow run that is not one may still grow
  run.erase(run.begin());
  ++dropped;
  return false;
}

bool BoutTracker::IsRhythmic(std::span<const StepCandidate> run, const BoutRules& rules) {
  const std::size_t n = run.size();
  // A run shorter than min_steps (a slow run) needs every interval at least
  // slow_step_s and is judged against its shortest interval, not the mean of
  // two: as strict as the median of three is for a full run.
  const bool slow = n < static_cast<std::size_t>(rules.min_steps);
  const double shortest_allowed =
      slow ? std::max(rules.min_step_s, rules.slow_step_s) : rules.min_step_s;
  std::array<double, 16> intervals{};
  const std::size_t m = std::min<std::size_t>(n - 1, intervals.size());
  float lo = run[0].amplitude_mps2, hi = lo;
  for (std::size_t i = 0; i < m; ++i) {
    intervals[i] = run[i + 1].t_s - run[i].t_s;
    if (intervals[i] < shortest_allowed || intervals[i] > rules.max_step_s) return false;
    lo = std::min(lo, run[i + 1].amplitude_mps2);
    hi = std::max(hi, run[i + 1].amplitude_mps2);
  }
  if (hi > rules.max_amplitude_ratio * lo) return false;
  const double mid = slow ? *std::min_element(intervals.begin(), intervals.begin() + m)
                          : SmallMedian(intervals, m);
  for (std::size_t i = 0; i < m; ++i) {
    if (std::abs(intervals[i] - mid) > rules.rhythm_tolerance * mid) return false;
  }
  return true;
}

double BoutTracker::StepLimit() const {
  // Never past max_break_s: a bout whose last step is that old has ended.
  return std::min(rules_.max_break_s,
                  LongestStepS(rules_.max_step_s, rules_.max_step_rhythms, RhythmMedian()));
}

double BoutTracker::ComputeRhythmMedian() const {
  const std::size_t n = std::min(interval_count_, intervals_.size());
  if (n < 3) return 0;
  return SmallMedian(intervals_, n);
}

float BoutTracker::PeakMedian() const {
  const std::size_t n = std::min(peak_count_, peaks_.size());
  if (n == 0) return 0;
  return SmallMedian(peaks_, n);
}

float BoutTracker::PeakBound() const {
  const std::size_t n = std::min(peak_count_, peaks_.size());
  float m = 0;
  for (std::size_t i = 0; i < n; ++i) m = std::max(m, peaks_[i]);
  // Above half the largest float the median's sum of two could overflow.
  return m <= std::numeric_limits<float>::max() / 2 ? m : std::numeric_limits<float>::infinity();
}

bool BoutTracker::StartsWithPushOff(std::span<const StepCandidate> run, const BoutRules& rules) {
  const std::size_t n = run.size();
  if (rules.push_off_ratio <= 0 || n < kPushOffRun) return false;
  std::array<float, 16> peaks{};
  std::array<double, 16> intervals{};
  const std::size_t m = std::min<std::size_t>(n - 1, peaks.size());
  for (std::size_t i = 0; i < m; ++i) {
    peaks[i] = run[i + 1].amplitude_mps2;
    if (i + 2 < n) intervals[i] = run[i + 2].t_s - run[i + 1].t_s;
  }
  const std::size_t k = std::min<std::size_t>(n - 2, m);  // intervals after the first
  const float peak = SmallMedian(peaks, m);
  const double interval = SmallMedian(intervals, k);
  return run[0].amplitude_mps2 < rules.push_off_ratio * peak &&
         run[1].t_s - run[0].t_s < rules.push_off_interval * interval;
}

std::size_t BoutTracker::OpeningNear(std::span<const StepCandidate> run, double t_s,
                                     double tolerance_s) const {
  const auto near = [&](const StepCandidate& c) { return std::abs(c.t_s - t_s) < tolerance_s; };
  if (!run.empty() && near(run[0])) return 0;
  if (run.size() >= 2 && near(run[1]) &&
      (run.size() < kPushOffRun || StartsWithPushOff(run, rules_)))
    return 1;
  return kNone;
}

const StepCandidate* BoutTracker::RunStartNear(double t_s, double tolerance_s) const {
  if (bout_open_) return nullptr;
  const std::size_t i = OpeningNear(pending_, t_s, tolerance_s);
  return i == kNone ? nullptr : &pending_[i];
}

const StepCandidate* BoutTracker::PredictRunStart(double t_s, const StepCandidate* next,
                                                  std::span<const StepCandidate> later,
                                                  double tolerance_s) const {
  if (bout_open_ || pending_.empty()) return nullptr;
  // OnCandidate's path while no bout is open (GrowRun), on a copy; `dropped`
  // counts the candidates that left its front.
  std::vector<StepCandidate> run(pending_.begin(), pending_.end());
  std::size_t dropped = 0;
  bool accepted = false;
  const auto offer = [&](const StepCandidate& c) { accepted = GrowRun(run, c, rules_, dropped); };
  const auto pending_at = [&](std::size_t i) {
    return i != kNone && dropped + i < pending_.size() ? &pending_[dropped + i] : nullptr;
  };
  double last = pending_.back().t_s;
  if (next != nullptr) {
    offer(*next);
    last = next->t_s;
  }
  for (std::size_t k = 0; k < later.size() && !accepted; ++k) {
    if (later[k].t_s > last + tolerance_s) offer(later[k]);
  }
  if (accepted) return pending_at(StartsWithPushOff(run, rules_) ? 1 : 0);
  return pending_at(OpeningNear(run, t_s, tolerance_s));
}

void BoutTracker::EndBout(BoutListener& listener) {
  if (tail_weak_ >= rules_.tail_min_steps) {
    tail_count_ = 0;  // dropped; the bout ended on a weak peak: no closing step
    tail_weak_ = 0;
    listener.OnBoutEnd();
    bout_open_ = false;
    return;
  }
  ReleaseTail(listener);
  const double median = RhythmMedian();
  const float peak = PeakMedian();
  if (rules_.closing_last_ratio > 0 && median > 0 && peak > 0 &&
      last_step_.amplitude_mps2 >= rules_.closing_last_ratio * peak) {
    const SignalPeak* best = nullptr;
    for (int j = 0; j < last_step_.trailing_count; ++j) {
      const SignalPeak& p = last_step_.trailing[static_cast<std::size_t>(j)];
      if (std::abs(p.t_s - last_step_.t_s - median) <= rules_.closing_tolerance * median &&
          p.mps2 >= rules_.closing_min_ratio * peak && (!best || p.mps2 > best->mps2))
        best = &p;
    }
    if (best) {
      StepCandidate c;
      c.index = best->index;
      c.t_s = best->t_s;
      c.amplitude_mps2 = best->mps2;
      EmitStep(c, listener, false);
    }
  }
  listener.OnBoutEnd();
  bout_open_ = false;
}

void BoutTracker::EmitStep(const StepCandidate& c, BoutListener& listener, bool may_hold) {
  Deliver(c, listener, may_hold);
  if (c.amplitude_mps2 > 0) {
    peaks_[peak_count_ % peaks_.size()] = c.amplitude_mps2;
    ++peak_count_;
  }
  last_step_ = c;
  last_step_s_ = c.t_s;
}

void BoutTracker::Deliver(const StepCandidate& c, BoutListener& listener, bool may_hold) {
  if (may_hold && rules_.tail_ratio > 0 &&
      peak_count_ >= static_cast<std::size_t>(rules_.min_steps)) {
    // A filled step (no peak of its own) goes with its neighbours. A step
    // that starts no tail needs no new reference: the median is a sort, and a
    // step at least tail_ratio of the largest peak (most steps) is not weak
    // against any median of the peaks.
    const bool fresh = tail_count_ == 0 && c.amplitude_mps2 > 0;
    const bool strong = fresh && c.amplitude_mps2 >= rules_.tail_ratio * PeakBound();
    if (fresh && !strong) tail_reference_ = PeakMedian();
    const bool weak =
        !strong && c.amplitude_mps2 > 0 && c.amplitude_mps2 < rules_.tail_ratio * tail_reference_;
    if ((weak || (c.amplitude_mps2 <= 0 && tail_count_ > 0)) && tail_count_ < kMaxTail) {
      tail_[tail_count_++] = c;
      if (weak) ++tail_weak_;
      return;
    }
  }
  ReleaseTail(listener);
  listener.OnStep(c);
}

void BoutTracker::ReleaseTail(BoutListener& listener) {
  for (std::size_t i = 0; i < tail_count_; ++i) listener.OnStep(tail_[i]);
  tail_count_ = 0;
  tail_weak_ = 0;
}

int BoutTracker::MissedBefore(double d) const {
  const double median = RhythmMedian();
  const double k = median > 0 ? std::round(d / median) : 0;
  if (k >= 2 && k - 1 <= rules_.max_filled_steps &&
      std::abs(d - k * median) <= rules_.fill_tolerance * median)
    return static_cast<int>(k) - 1;
  return 0;
}

void BoutTracker::EmitNext(const StepCandidate& c, BoutListener& listener) {
  const StepCandidate a = last_step_;
  const double d = c.t_s - a.t_s;
  const int missed = MissedBefore(d);
  if (d > StepLimit() && missed == 0) {  // a merged break: never filled
    EmitStep(c, listener);
    return;
  }
  const double mid = a.t_s + 0.5 * d;
  const bool has_bump = c.between_mps2 > 0;
  // The detected interval feeds the rhythm (a filled one as k intervals).
  const double interval = missed > 0 ? d / (missed + 1) : d;
  for (int j = 0; j <= missed; ++j) {
    intervals_[interval_count_ % intervals_.size()] = interval;
    ++interval_count_;
  }
  rhythm_median_s_ = ComputeRhythmMedian();
  if (missed == 1 && has_bump && std::abs(c.between_t_s - mid) <= 0.25 * d) {
    StepCandidate f;
    f.index = c.between_index;
    f.t_s = c.between_t_s;
    EmitStep(f, listener);
  } else if (missed > 0) {
    for (int j = 1; j <= missed; ++j)
      EmitStep(Between(a, c, static_cast<double>(j) / (missed + 1)), listener);
  }
  EmitStep(c, listener);
}

void BoutTracker::ResolveRipple(const StepCandidate* next, BoutListener& listener) {
  ripple_deadline_s_ = std::numeric_limits<double>::infinity();
  if (next) {
    const double median = RhythmMedian();
    const double d = next->t_s - last_step_s_;
    if (std::abs(d - median) <= rules_.rhythm_tolerance * median) return;  // dropped
  }
  EmitNext(ripple_, listener);
}

void BoutTracker::Continue(const StepCandidate& c, BoutListener& listener) {
  const double median = RhythmMedian();
  const double since = c.t_s - last_step_s_;
  // The peak median last: it is a sort, and most candidates are not early.
  const bool same_step = since < rules_.same_step_fraction * median;
  if (median > 0 &&
      (same_step || (rules_.ripple_ratio > 0 && since < rules_.ripple_interval * median &&
                     c.amplitude_mps2 < rules_.ripple_ratio * PeakMedian()))) {
    ripple_ = c;
    ripple_deadline_s_ = last_step_s_ + (1 + rules_.rhythm_tolerance) * median;
    return;
  }
  EmitNext(c, listener);
}

void BoutTracker::OnCandidate(const StepCandidate& c, BoutListener& listener) {
  if (HasRipple()) ResolveRipple(&c, listener);
  const double d = c.t_s - last_step_s_;
  if (bout_open_ && pending_.empty() &&
      (d <= StepLimit() || (d <= rules_.max_break_s && MissedBefore(d) > 0))) {
    Continue(c, listener);
    return;
  }
  std::size_t dropped = 0;
  if (!GrowRun(pending_, c, rules_, dropped)) return;
  if (bout_open_ && pending_.front().t_s - last_step_s_ > rules_.max_break_s) EndBout(listener);
  std::size_t i = 0;
  if (!bout_open_) {
    if (StartsWithPushOff(pending_, rules_)) ++i;
    listener.OnBoutStart(pending_[i].t_s);
    bout_open_ = true;
    interval_count_ = 0;
    rhythm_median_s_ = 0;
    peak_count_ = 0;
    EmitStep(pending_[i++], listener);
  }
  for (; i < pending_.size(); ++i) EmitNext(pending_[i], listener);
  pending_.clear();
}

void BoutTracker::AdvanceSlow(double horizon_s, BoutListener& listener) {
  if (horizon_s > ripple_deadline_s_) ResolveRipple(nullptr, listener);  // +inf: none held
  // A pending run whose last candidate is older than max_step_s can't grow.
  if (!pending_.empty() && horizon_s - pending_.back().t_s > rules_.max_step_s) pending_.clear();
  if (!bout_open_) return;
  if (horizon_s - last_step_s_ <= rules_.max_break_s) return;
  if (!pending_.empty() && pending_.front().t_s - last_step_s_ <= rules_.max_break_s) return;
  EndBout(listener);
}

void BoutTracker::Flush(BoutListener& listener) {
  if (HasRipple()) ResolveRipple(nullptr, listener);
  pending_.clear();
  if (bout_open_) EndBout(listener);
  bout_open_ = false;
  last_step_s_ = -1e300;
  interval_count_ = 0;
  rhythm_median_s_ = 0;
  peak_count_ = 0;
}

}  // namespace retrowalk
