// GravityEstimator: gravity and vertical acceleration for any orientation.
//
// Gravity is the centred moving average of the acceleration over
// window_s (zero phase: it neither leads nor lags the steps). Its direction is
// "up" in the sensor frame, re-estimated every sample, so a phone turned or
// moved to another pocket is followed within half a window. The vertical
// dynamic acceleration is the projection of the measured acceleration on that
// direction minus |g|; the dynamic magnitude is |a| - |g|. Near the ends of a segment the window is
// truncated to the samples that exist. Sums are kept in double so that a week of running additions
// and removals does not drift.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/sample.h"
#include "gait/frame.h"

namespace retrowalk {

struct GravityOptions {
  double window_s = 2.0;
};

class GravityEstimator {
 public:
  GravityEstimator(GravityOptions options, double rate_hz);

  // Pushes one uniform sample; returns true and fills `out` when the frame
  // half a window earlier became final (at most one per push).
  bool Push(const Sample& s, Frame& out) {
    const std::uint64_t j = received_++;
    Sample& slot = ring_[j & mask_];
    slot = s;
    sx_ += s.acc_mps2.x;
    sy_ += s.acc_mps2.y;
    sz_ += s.acc_mps2.z;
    if (j < next_ + half_) return false;
    Emit(out);
    return true;
  }
  // Emits the next of the frames still pending at the end of a segment;
  // returns false when there are none left. Then the estimator is reset.
  bool Flush(Frame& out);
  void Reset();
  std::size_t delay_samples() const { return half_; }

 private:
  void Emit(Frame& out) {
    const std::uint64_t lo = next_ >= half_ ? next_ - half_ : 0;
    while (oldest_ < lo) {
      const Sample& o = ring_[oldest_ & mask_];
      sx_ -= o.acc_mps2.x;
      sy_ -= o.acc_mps2.y;
      sz_ -= o.acc_mps2.z;
      ++oldest_;
    }
    const std::uint64_t count = received_ - oldest_;
    const double inv_n = count == full_ ? inv_full_ : 1.0 / static_cast<double>(count);
    const Vec3 g{static_cast<float>(sx_ * inv_n), static_cast<float>(sy_ * inv_n),
                 static_cast<float>(sz_ * inv_n)};
    const Sample& c = ring_[next_ & mask_];
    const float g2 = Dot(g, g);
    out.t_s = c.t_s;
    out.acc_mps2 = c.acc_mps2;
    out.gyro_radps = c.gyro_radps;
    out.gravity_mps2 = g;
    if (g2 > 1e-6f) {
      const float inv_g = 1.0f / std::sqrt(g2);
      const float g_norm = g2 * inv_g;
      out.vertical_mps2 = Dot(c.acc_mps2, g) * inv_g - g_norm;
      out.magnitude_mps2 = c.acc_mps2.norm() - g_norm;
    } else {
      out.vertical_mps2 = 0;  // free fall or no signal: no up to project on
      out.magnitude_mps2 = 0;
    }
    out.smoothed_mps2 = 0;
    ++next_;
  }

  std::size_t half_;
  std::uint64_t full_;  // samples in a complete window
  double inv_full_;
  std::uint64_t mask_;
  std::vector<Sample> ring_;
  std::uint64_t received_ = 0;  // samples pushed in this segment
  std::uint64_t next_ = 0;      // index of the next frame to emit
  std::uint64_t oldest_ = 0;    // oldest sample still in the sums
  double sx_ = 0, sy_ = 0, sz_ = 0;
};

}  // namespace retrowalk
