// Frame: one uniform sample after the gravity stage, as every later stage and
// the direction seam see it.
#pragma once

#include <cmath>

#include "core/sample.h"

namespace retrowalk {

struct Frame {
  double t_s = 0;
  Vec3 acc_mps2;      // specific force with gravity, sensor frame (as measured)
  Vec3 gyro_radps;    // angular rate, sensor frame; zero without a gyroscope
  Vec3 gravity_mps2;  // gravity estimate in the sensor frame (points up: what a still sensor reads)
  float vertical_mps2 = 0;   // dynamic acceleration along gravity, positive up
  float magnitude_mps2 = 0;  // |acc| - |gravity|: needs no orientation even within a stride
};

// The dynamic parts of acceleration `a` given gravity `g` (both zero without
// an up to project on: free fall or no signal). GravityEstimator's vector
// version (ProjectFour) must stay operation for operation the same.
struct DynamicAcceleration {
  float vertical_mps2 = 0;   // along gravity, positive up
  float magnitude_mps2 = 0;  // |a| - |g|
};
inline DynamicAcceleration DynamicParts(Vec3 a, Vec3 g) {
  const float g2 = Dot(g, g);
  if (!(g2 > 1e-6f)) return {};
  const float inv_g = 1.0f / std::sqrt(g2);
  const float g_norm = g2 * inv_g;
  return {Dot(a, g) * inv_g - g_norm, a.norm() - g_norm};
}

}  // namespace retrowalk
