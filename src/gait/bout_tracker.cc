#include "gait/bout_tracker.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace retrowalk {

bool BoutTracker::RunIsRhythmic() const {
  const std::size_t n = pending_.size();
  std::array<double, 16> intervals{};
  const std::size_t m = std::min<std::size_t>(n - 1, intervals.size());
  float lo = pending_[0].amplitude_mps2, hi = lo;
  for (std::size_t i = 0; i < m; ++i) {
    intervals[i] = pending_[i + 1].t_s - pending_[i].t_s;
    if (intervals[i] < rules_.min_step_s || intervals[i] > rules_.max_step_s) return false;
    lo = std::min(lo, pending_[i + 1].amplitude_mps2);
    hi = std::max(hi, pending_[i + 1].amplitude_mps2);
  }
  if (hi > rules_.max_amplitude_ratio * lo) return false;
  std::array<double, 16> sorted = intervals;
  std::sort(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(m));
  const double median = (m % 2 == 1) ? sorted[m / 2] : 0.5 * (sorted[m / 2 - 1] + sorted[m / 2]);
  for (std::size_t i = 0; i < m; ++i) {
    if (std::abs(intervals[i] - median) > rules_.rhythm_tolerance * median) return false;
  }
  return true;
}

void BoutTracker::Accept(BoutListener& listener) {
  for (const StepCandidate& c : pending_) listener.OnStep(c);
  last_step_s_ = pending_.back().t_s;
  pending_.clear();
}

void BoutTracker::OnCandidate(const StepCandidate& c, BoutListener& listener) {
  if (bout_open_ && pending_.empty() && c.t_s - last_step_s_ <= rules_.max_step_s) {
    listener.OnStep(c);
    last_step_s_ = c.t_s;
    return;
  }
  if (!pending_.empty() && c.t_s - pending_.back().t_s > rules_.max_step_s) pending_.clear();
  pending_.push_back(c);
  if (pending_.size() < static_cast<std::size_t>(rules_.min_steps)) return;
  if (!RunIsRhythmic()) {
    pending_.erase(pending_.begin());
    return;
  }
  if (bout_open_ && pending_.front().t_s - last_step_s_ > rules_.max_break_s) {
    listener.OnBoutEnd();
    bout_open_ = false;
  }
  if (!bout_open_) {
    listener.OnBoutStart(pending_.front().t_s);
    bout_open_ = true;
  }
  Accept(listener);
}

void BoutTracker::AdvanceSlow(double horizon_s, BoutListener& listener) {
  // A pending run whose last candidate is older than max_step_s can't grow.
  if (!pending_.empty() && horizon_s - pending_.back().t_s > rules_.max_step_s) pending_.clear();
  if (!bout_open_) return;
  if (horizon_s - last_step_s_ <= rules_.max_break_s) return;
  if (!pending_.empty() && pending_.front().t_s - last_step_s_ <= rules_.max_break_s) return;
  listener.OnBoutEnd();
  bout_open_ = false;
}

void BoutTracker::Flush(BoutListener& listener) {
  pending_.clear();
  if (bout_open_) listener.OnBoutEnd();
  bout_open_ = false;
}

}  // namespace retrowalk
