// Skeletal motion as local joint poses per frame, in metres, and forward
// kinematics to global poses. World frame: Y up, gravity along −Y.
#pragma once

#include <string>
#include <vector>

#include <Eigen/Geometry>

#include "synth/bvh.h"

namespace retrowalk::synth {

struct Pose {
  Eigen::Vector3d translation = Eigen::Vector3d::Zero();  // metres
  Eigen::Quaterniond rotation = Eigen::Quaterniond::Identity();
};

struct Motion {
  std::vector<std::string> names;
  std::vector<int> parents;  // parents come before children
  double frame_time_s = 0;
  std::vector<std::vector<Pose>> frames;  // frames[f][joint] = pose relative to parent

  int FindJoint(const std::string& name) const;  // -1 when absent
  int frame_count() const { return static_cast<int>(frames.size()); }
};

// Local poses from BVH channels. A joint's position channels replace the
// matching OFFSET component (Bandai writes the offset again as position
// channels; files with OFFSET 0 on the root read the same either way).
// `metres_per_unit` converts file units (0.01 for centimetres).
Motion MotionFromBvh(const BvhClip& clip, double metres_per_unit);

// Global poses of every joint in one frame.
std::vector<Pose> ForwardKinematics(const Motion& motion, int frame);

}  // namespace retrowalk::synth
