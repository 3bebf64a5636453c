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
  if (next_ < received_) {
    Emit(out);
    return true;
  }
  Reset();
  return false;
}

void GravityEstimator::Reset() {
  received_ = next_ = oldest_ = 0;
  sx_ = sy_ = sz_ = 0;
}

}  // namespace retrowalk
