#include "gait/step_signal.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "gait/frame.h"
#include "gait/options.h"

namespace retrowalk {

StepSignalFilter::StepSignalFilter(StepSignal kind, double window_s, double lookahead_s,
                                   double rate_hz)
    : magnitude_(kind == StepSignal::kMagnitude),
      half_(static_cast<std::size_t>(std::max(1.0, std::round(window_s * rate_hz / 2)))) {
  lead_ =
      std::min(half_, static_cast<std::size_t>(std::round(std::max(0.0, lookahead_s) * rate_hz)));
  full_ = 2 * half_ + 1;
  inv_full_ = 1.0 / static_cast<double>(full_);
  const std::size_t capacity = std::bit_ceil(2 * half_ + 2);
  mask_ = capacity - 1;
  ring_.resize(capacity);
}

std::size_t StepSignalFilter::PushBlock(std::span<const Sample> in, StepSignalValue* out) {
  std::size_t n = 0;
  for (const Sample& s : in) {
    const std::uint64_t j = received_++;
    ring_[j & mask_] = {s.t_s, s.acc_mps2};
    sx_ += s.acc_mps2.x;
    sy_ += s.acc_mps2.y;
    sz_ += s.acc_mps2.z;
    while (j >= Reach()) Emit(out[n++]);
  }
  return n;
}

void StepSignalFilter::Emit(StepSignalValue& out) {
  // The same sums, removals and roundings as GravityEstimator::EmitGravity,
  // over the window [reach - 2 half, reach].
  const std::uint64_t reach = Reach();
  const std::uint64_t lo = reach >= 2 * half_ ? reach - 2 * half_ : 0;
  while (oldest_ < lo) {
    const Vec3& a = ring_[oldest_ & mask_].acc;
    sx_ -= a.x;
    sy_ -= a.y;
    sz_ -= a.z;
    ++oldest_;
  }
  const std::uint64_t count = received_ - oldest_;
  const double inv_n = count == full_ ? inv_full_ : 1.0 / static_cast<double>(count);
  const Vec3 g{static_cast<float>(sx_ * inv_n), static_cast<float>(sy_ * inv_n),
               static_cast<float>(sz_ * inv_n)};
  const Stored& c = ring_[next_++ & mask_];
  const DynamicAcceleration d = DynamicParts(c.acc, g);
  out.t_s = c.t_s;
  out.mps2 = magnitude_ ? d.magnitude_mps2 : d.vertical_mps2;
}

bool StepSignalFilter::Flush(StepSignalValue& out) {
  if (next_ < received_) {
    Emit(out);
    return true;
  }
  Reset();
  return false;
}

void StepSignalFilter::Reset() {
  received_ = next_ = oldest_ = 0;
  sx_ = sy_ = sz_ = 0;
}

}  // namespace retrowalk
