// Frame: one uniform sample after the gravity stage, as every later stage and
// the direction seam see it.
#pragma once

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

}  // namespace retrowalk
