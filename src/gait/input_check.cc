#include "gait/input_check.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace retrowalk {

namespace {
constexpr std::size_t kRateIntervals = 2000;

std::string Fixed(double x, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return buf;
}
}  // namespace

Status InputCheck::Add(std::span<const Sample> samples) {
  for (const Sample& s : samples) {
    if (!std::isfinite(s.t_s)) continue;
    if (count_ == 0) first_s_ = s.t_s;
    if (count_ > 0 && intervals_.size() < kRateIntervals && s.t_s > last_s_) {
      intervals_.push_back(s.t_s - last_s_);
    }
    last_s_ = s.t_s;
    ++count_;
  }
  if (!rate_known_ && intervals_.size() >= kRateIntervals) return CheckRate();
  return Status::Ok();
}

Status InputCheck::CheckRate() {
  rate_known_ = true;
  if (intervals_.empty()) return Status::Ok();
  std::vector<double> v = intervals_;
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  rate_hz_ = *mid > 0 ? 1.0 / *mid : 0;
  if (rate_hz_ < req_.min_rate_hz * (1.0 - req_.rate_tolerance)) {
    return Status::InvalidInput("sampling rate " + Fixed(rate_hz_, 1) +
                                " Hz is too coarse: the gait engine needs at least " +
                                Fixed(req_.min_rate_hz, 0) + " Hz");
  }
  return Status::Ok();
}

Status InputCheck::Finish() {
  if (count_ == 0) return Status::InvalidInput("the recording has no samples");
  if (!rate_known_) RETROWALK_RETURN_IF_ERROR(CheckRate());
  if (duration_s() < req_.min_duration_s) {
    return Status::InvalidInput("the recording is " + Fixed(duration_s(), 2) +
                                " s long: the gait engine needs at least " +
                                Fixed(req_.min_duration_s, 0) + " s");
  }
  return Status::Ok();
}

}  // namespace retrowalk
