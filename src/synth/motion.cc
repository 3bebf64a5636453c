#include "synth/motion.h"

#include <numbers>

namespace retrowalk::synth {

int Motion::FindJoint(const std::string& name) const {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<int>(i);
  }
  return -1;
}

Motion MotionFromBvh(const BvhClip& clip, double metres_per_unit) {
  Motion motion;
  motion.frame_time_s = clip.frame_time_s;
  for (const BvhJoint& joint : clip.joints) {
    motion.names.push_back(joint.name);
    motion.parents.push_back(joint.parent);
  }
  constexpr double kRadPerDeg = std::numbers::pi / 180.0;
  motion.frames.resize(static_cast<std::size_t>(clip.frame_count));
  for (int f = 0; f < clip.frame_count; ++f) {
    const double* row = clip.frame(f);
    std::vector<Pose>& poses = motion.frames[static_cast<std::size_t>(f)];
    poses.resize(clip.joints.size());
    for (std::size_t j = 0; j < clip.joints.size(); ++j) {
      const BvhJoint& joint = clip.joints[j];
      Eigen::Vector3d t(joint.offset[0], joint.offset[1], joint.offset[2]);
      Eigen::Quaterniond q = Eigen::Quaterniond::Identity();
      for (std::size_t c = 0; c < joint.channels.size(); ++c) {
        const double v = row[joint.first_channel + static_cast<int>(c)];
        switch (joint.channels[c]) {
          case BvhChannel::kXposition:
            t.x() = v;
            break;
          case BvhChannel::kYposition:
            t.y() = v;
            break;
          case BvhChannel::kZposition:
            t.z() = v;
            break;
          // Rotations compose in the order listed: R = R1·R2·R3.
          case BvhChannel::kXrotation:
            q = q * Eigen::AngleAxisd(v * kRadPerDeg, Eigen::Vector3d::UnitX());
            break;
          case BvhChannel::kYrotation:
            q = q * Eigen::AngleAxisd(v * kRadPerDeg, Eigen::Vector3d::UnitY());
            break;
          case BvhChannel::kZrotation:
            q = q * Eigen::AngleAxisd(v * kRadPerDeg, Eigen::Vector3d::UnitZ());
            break;
        }
      }
      poses[j].translation = t * metres_per_unit;
      poses[j].rotation = q.normalized();
    }
  }
  return motion;
}

std::vector<Pose> ForwardKinematics(const Motion& motion, int frame) {
  const std::vector<Pose>& local = motion.frames[static_cast<std::size_t>(frame)];
  std::vector<Pose> global(local.size());
  for (std::size_t j = 0; j < local.size(); ++j) {
    const int p = motion.parents[j];
    if (p < 0) {
      global[j] = local[j];
    } else {
      const Pose& parent = global[static_cast<std::size_t>(p)];
      global[j].translation = parent.translation + parent.rotation * local[j].translation;
      global[j].rotation = (parent.rotation * local[j].rotation).normalized();
    }
  }
  return global;
}

}  // namespace retrowalk::synth
