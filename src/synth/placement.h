// Where and how the virtual sensor is worn, with the mounting drawn at random
// the way real wearers put devices on.
#pragma once

#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "synth/imu.h"
#include "synth/motion.h"
#include "synth/skeleton.h"

namespace retrowalk::synth {

enum class Placement { kLowerBack, kFrontPocket, kThigh };

std::optional<Placement> ParsePlacement(std::string_view name);
const char* PlacementName(Placement placement);

struct Mounting {
  SensorAttachment attachment;
  std::string description;  // e.g. "side=left yaw_deg=212.5 upside_down=1 tilt_deg=6.1"
};

// Draws a mounting for `placement` on `motion`'s skeleton:
// - lower-back: clip on the pelvis near L5 (10 cm behind, 4 cm above the hip
//   centre), sensor x up, y right, z forward, turned 0° or 180° about the
//   vertical, tilted a few degrees;
// - front-pocket: front of the upper thigh (12 cm below the hip joint, 7 cm
//   forward), phone long axis along the thigh, upside down or not, any yaw
//   about the thigh axis, left or right;
// - thigh: lateral thigh (20 cm below the hip joint, 8 cm out), same
//   randomisation as the pocket.
Mounting DrawMounting(Placement placement, const Motion& motion, const SkeletonMap& map,
                      std::mt19937_64& rng);

// Thigh anatomical axes (forward, left, up) as columns in the thigh segment's
// own frame: up along the femur (knee → hip), forward the pelvis's forward
// direction averaged over the motion and made perpendicular to the femur.
Eigen::Matrix3d ThighAxesInSegment(const Motion& motion, const SkeletonMap& map, Side side);
Eigen::Matrix3d PelvisAxesInSegment(const Motion& motion, const SkeletonMap& map);

}  // namespace retrowalk::synth
