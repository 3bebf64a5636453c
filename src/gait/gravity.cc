#include "gait/gravity.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace retrowalk {

GravityEstimator::GravityEstimator(GravityOptions options, double rate_hz)
    : half_(static_cast<std::size_t>(std::max(1.0, std::round(options.window_s * rate_hz / 2)))) {
  full_ = 2 * half_ + 1;
  inv_full_ = 1.0 / static_cast<double>(full_);
  const std::size_t capacity = std::bit_ceil(2 * half_ + 2);
  mask_ = capacity - 1;
  ring_.resize(capacity);
}

bool GravityEstimator::Flush(Frame& out) {
  if (state_.next < state_.received) {
    Emit(state_, out);
    return true;
  }
  Reset();
  return false;
}

void GravityEstimator::Reset() {
  state_ = State{};
}

}  // namespace retrowalk
