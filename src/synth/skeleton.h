// The few joints the synthesiser needs, found by name, and the body's
// anatomical directions derived from them.
#pragma once

#include <Eigen/Geometry>

#include "core/result.h"
#include "synth/motion.h"

namespace retrowalk::synth {

struct SkeletonMap {
  int pelvis = -1;              // Hips
  int spine = -1;               // first joint above the pelvis
  int upper_leg[2] = {-1, -1};  // [left, right]: hip joints (thigh segments)
  int lower_leg[2] = {-1, -1};  // knees
  int foot[2] = {-1, -1};       // ankles; -1 when the skeleton has none
  int toes[2] = {-1, -1};       // optional
};

enum Side { kLeft = 0, kRight = 1 };

// Accepts the Bandai names (Hips, Spine, UpperLeg_L, LowerLeg_L, ...) and the
// common CMU/Mixamo spellings (LeftUpLeg, LeftLeg, ...).
Result<SkeletonMap> FindSkeleton(const Motion& motion);

// Pelvis anatomical axes in world coordinates as columns (forward, left, up):
// up from the pelvis to the spine, left from the right hip to the left hip.
Eigen::Matrix3d PelvisAxes(const std::vector<Pose>& global, const SkeletonMap& map);

// Horizontal unit vector the pelvis faces (world XZ plane, Y = 0).
Eigen::Vector3d PelvisFacing(const std::vector<Pose>& global, const SkeletonMap& map);

}  // namespace retrowalk::synth
