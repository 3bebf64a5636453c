#include "synth/join.h"

#include <cmath>
#include <string>

namespace retrowalk::synth {
namespace {

Eigen::Vector3d Horizontal(Eigen::Vector3d v) {
  v.y() = 0;
  return v;
}

// Applies a world-frame rigid motion x ↦ R(x − from) + to to the whole body
// by changing the root's local pose (the root has no parent).
void MoveRoot(Motion& motion, const Eigen::Quaterniond& yaw, const Eigen::Vector3d& from,
              const Eigen::Vector3d& to) {
  for (auto& frame : motion.frames) {
    Pose& root = frame[0];
    root.translation = yaw * (root.translation - from) + to;
    root.rotation = (yaw * root.rotation).normalized();
  }
}

Eigen::Vector3d PelvisPosition(const Motion& m, int frame, const SkeletonMap& map) {
  return ForwardKinematics(m, frame)[static_cast<std::size_t>(map.pelvis)].translation;
}

// Pelvis velocity at the first (at_end = false) or last frame.
Eigen::Vector3d EndVelocity(const Motion& m, const SkeletonMap& map, bool at_end) {
  const int n = m.frame_count();
  if (n < 3) return Eigen::Vector3d::Zero();
  const int k = std::min(3, n - 1);  // ~0.1 s at 30 fps: steadier than one frame
  const Eigen::Vector3d d = at_end
                                ? PelvisPosition(m, n - 1, map) - PelvisPosition(m, n - 1 - k, map)
                                : PelvisPosition(m, k, map) - PelvisPosition(m, 0, map);
  return d / (k * m.frame_time_s);
}

}  // namespace

Result<Motion> JoinMotions(const std::vector<Motion>& clips, const SkeletonMap& map,
                           double transition_s) {
  if (clips.empty()) return Status::InvalidInput("no clips to join");
  Motion out = clips[0];
  for (std::size_t c = 1; c < clips.size(); ++c) {
    const Motion& next_in = clips[c];
    if (next_in.names != out.names || next_in.parents != out.parents) {
      return Status::InvalidInput("clip " + std::to_string(c + 1) +
                                  " has a different skeleton from the first clip");
    }
    if (std::abs(next_in.frame_time_s - out.frame_time_s) > 1e-6) {
      return Status::InvalidInput("clip " + std::to_string(c + 1) +
                                  " has a different frame rate from the first clip");
    }
    if (next_in.frames.empty()) continue;
    const double dt = out.frame_time_s;
    const int gap = std::max(2, static_cast<int>(std::lround(transition_s / dt)));
    const double gap_s = gap * dt;

    // Turn the next clip so its pelvis faces where the last one ended facing.
    const std::vector<Pose> last = ForwardKinematics(out, out.frame_count() - 1);
    const std::vector<Pose> first = ForwardKinematics(next_in, 0);
    const Eigen::Vector3d f_end = PelvisFacing(last, map);
    const Eigen::Vector3d f_start = PelvisFacing(first, map);
    const double yaw_angle = std::atan2(f_start.cross(f_end).y(), f_start.dot(f_end));
    const Eigen::Quaterniond yaw(Eigen::AngleAxisd(yaw_angle, Eigen::Vector3d::UnitY()));
    const Eigen::Vector3d v0 = EndVelocity(out, map, true);
    Motion next = next_in;
    MoveRoot(next, yaw, Eigen::Vector3d::Zero(), Eigen::Vector3d::Zero());
    const Eigen::Vector3d v1 = EndVelocity(next, map, false);
    // Start the next clip where a walker going from v0 to v1 would be after
    // the gap (trapezoid), so the Hermite path needs no extra push.
    const Eigen::Vector3d p0 = last[static_cast<std::size_t>(map.pelvis)].translation;
    const Eigen::Vector3d start = Horizontal(PelvisPosition(next, 0, map));
    MoveRoot(next, Eigen::Quaterniond::Identity(), start, Horizontal(p0 + 0.5 * gap_s * (v0 + v1)));
    const Eigen::Vector3d p1 = PelvisPosition(next, 0, map);

    const std::vector<Pose> a = out.frames.back();
    const std::vector<Pose> b = next.frames.front();
    for (int i = 1; i < gap; ++i) {
      const double s = static_cast<double>(i) / gap;
      const double w = s * s * (3 - 2 * s);  // smoothstep: joint rates start and end at zero
      std::vector<Pose> blend(a.size());
      for (std::size_t j = 0; j < a.size(); ++j) {
        blend[j].translation = (1 - w) * a[j].translation + w * b[j].translation;
        blend[j].rotation = a[j].rotation.slerp(w, b[j].rotation).normalized();
      }
      out.frames.push_back(std::move(blend));
      // Put the pelvis on the Hermite path between (p0, v0) and (p1, v1):
      // blending the poses alone would stop the pelvis's bob and travel dead
      // at both ends of the gap, a velocity step the accelerometer sees as a spike.
      const double h00 = 2 * s * s * s - 3 * s * s + 1, h10 = s * s * s - 2 * s * s + s;
      const double h01 = -2 * s * s * s + 3 * s * s, h11 = s * s * s - s * s;
      const Eigen::Vector3d target = h00 * p0 + h10 * gap_s * v0 + h01 * p1 + h11 * gap_s * v1;
      const Eigen::Vector3d actual = PelvisPosition(out, out.frame_count() - 1, map);
      out.frames.back()[0].translation += target - actual;
    }
    for (auto& frame : next.frames) out.frames.push_back(std::move(frame));
  }
  return out;
}

}  // namespace retrowalk::synth
