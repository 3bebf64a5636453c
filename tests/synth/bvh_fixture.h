// Generated BVH text for tests: a minimal human skeleton (Hips > Spine,
// UpperLeg_L/R > LowerLeg_L/R) whose root follows an analytic motion, so the
// expected IMU readings are known in closed form. Facing +Z, left is +X.
#pragma once

#include <array>
#include <functional>
#include <string>

namespace retrowalk::synth::testing {

struct RootState {
  std::array<double, 3> position_cm{0, 90, 0};
  std::array<double, 3> rotation_deg{0, 0, 0};  // about X, Y, Z (written in `order`)
};

// `order` is the root's rotation channel order, e.g. "ZXY" or "XYZ".
std::string MakeBvh(int frames, double frame_time_s, const std::function<RootState(double)>& root,
                    const std::string& order = "ZXY");

}  // namespace retrowalk::synth::testing
