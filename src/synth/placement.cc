#include "synth/placement.h"

#include <cmath>
#include <cstdio>
#include <numbers>

namespace retrowalk::synth {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

Eigen::Matrix3d Orthonormal(const Eigen::Vector3d& forward_hint, const Eigen::Vector3d& up_in) {
  const Eigen::Vector3d up = up_in.normalized();
  const Eigen::Vector3d forward = (forward_hint - forward_hint.dot(up) * up).normalized();
  Eigen::Matrix3d axes;
  axes.col(0) = forward;
  axes.col(1) = up.cross(forward);
  axes.col(2) = up;
  return axes;
}

// A small random rotation: axis uniform on the sphere, angle uniform in ±max.
Eigen::Quaterniond Tilt(double max_deg, std::mt19937_64& rng, double& angle_deg) {
  std::normal_distribution<double> unit(0.0, 1.0);
  Eigen::Vector3d axis(unit(rng), unit(rng), unit(rng));
  if (axis.norm() < 1e-9) axis = Eigen::Vector3d::UnitZ();
  angle_deg = std::uniform_real_distribution<double>(-max_deg, max_deg)(rng);
  return Eigen::Quaterniond(Eigen::AngleAxisd(angle_deg * kDeg, axis.normalized()));
}

std::string Format(const char* fmt, double a, double b = 0) {
  char buf[96];
  std::snprintf(buf, sizeof buf, fmt, a, b);
  return buf;
}

}  // namespace

std::optional<Placement> ParsePlacement(std::string_view name) {
  if (name == "lower-back") return Placement::kLowerBack;
  if (name == "front-pocket") return Placement::kFrontPocket;
  if (name == "thigh") return Placement::kThigh;
  return std::nullopt;
}

const char* PlacementName(Placement placement) {
  switch (placement) {
    case Placement::kLowerBack:
      return "lower-back";
    case Placement::kFrontPocket:
      return "front-pocket";
    case Placement::kThigh:
      return "thigh";
  }
  return "?";
}

Eigen::Matrix3d PelvisAxesInSegment(const Motion& motion, const SkeletonMap& map) {
  // The pelvis markers (spine, hips) are rigid in the pelvis frame: frame 0 suffices.
  const std::vector<Pose> g = ForwardKinematics(motion, 0);
  const Eigen::Matrix3d world = PelvisAxes(g, map);
  return g[static_cast<std::size_t>(map.pelvis)].rotation.conjugate().toRotationMatrix() * world;
}

Eigen::Matrix3d ThighAxesInSegment(const Motion& motion, const SkeletonMap& map, Side side) {
  const auto thigh = static_cast<std::size_t>(map.upper_leg[side]);
  const auto knee = static_cast<std::size_t>(map.lower_leg[side]);
  Eigen::Vector3d forward_sum = Eigen::Vector3d::Zero();
  Eigen::Vector3d up_sum = Eigen::Vector3d::Zero();
  const int n = motion.frame_count();
  const int stride = std::max(1, n / 200);
  for (int f = 0; f < n; f += stride) {
    const std::vector<Pose> g = ForwardKinematics(motion, f);
    const Eigen::Quaterniond inv = g[thigh].rotation.conjugate();
    forward_sum += inv * PelvisAxes(g, map).col(0);
    up_sum += inv * (g[thigh].translation - g[knee].translation).normalized();
  }
  return Orthonormal(forward_sum, up_sum);
}

Mounting DrawMounting(Placement placement, const Motion& motion, const SkeletonMap& map,
                      std::mt19937_64& rng) {
  Mounting m;
  std::bernoulli_distribution coin(0.5);
  double tilt_deg = 0;
  if (placement == Placement::kLowerBack) {
    const Eigen::Matrix3d anat = PelvisAxesInSegment(motion, map);  // columns F, L, U
    m.attachment.joint = map.pelvis;
    m.attachment.offset_m = anat * Eigen::Vector3d(-0.10, 0.0, 0.04);
    // Sensor axes in anatomical coordinates: x = up, y = right, z = forward.
    Eigen::Matrix3d sensor;
    sensor.col(0) = Eigen::Vector3d(0, 0, 1);
    sensor.col(1) = Eigen::Vector3d(0, -1, 0);
    sensor.col(2) = Eigen::Vector3d(1, 0, 0);
    const bool turned = coin(rng);
    const Eigen::Quaterniond yaw(
        Eigen::AngleAxisd(turned ? std::numbers::pi : 0.0, Eigen::Vector3d::UnitZ()));
    const Eigen::Quaterniond tilt = Tilt(5.0, rng, tilt_deg);
    m.attachment.mount = Eigen::Quaterniond(anat) * tilt * yaw * Eigen::Quaterniond(sensor);
    m.description = Format("yaw_deg=%.0f tilt_deg=%.1f", turned ? 180.0 : 0.0, tilt_deg);
    return m;
  }
  const Side side = coin(rng) ? kLeft : kRight;
  const double outward = side == kLeft ? 1.0 : -1.0;  // +left for the left thigh
  const Eigen::Matrix3d anat = ThighAxesInSegment(motion, map, side);
  m.attachment.joint = map.upper_leg[side];
  Eigen::Matrix3d sensor;  // sensor axes in the thigh's (F, L, U) coordinates
  if (placement == Placement::kFrontPocket) {
    m.attachment.offset_m = anat * Eigen::Vector3d(0.07, 0.03 * outward, -0.12);
    // Phone: y along the thigh (top towards the hip), z out of the screen forward.
    sensor.col(0) = Eigen::Vector3d(0, 1, 0);
    sensor.col(1) = Eigen::Vector3d(0, 0, 1);
    sensor.col(2) = Eigen::Vector3d(1, 0, 0);
  } else {
    m.attachment.offset_m = anat * Eigen::Vector3d(0.0, 0.08 * outward, -0.20);
    // Strap: y along the thigh, z pointing out of the leg's side.
    sensor.col(1) = Eigen::Vector3d(0, 0, 1);
    sensor.col(2) = Eigen::Vector3d(0, outward, 0);
    sensor.col(0) = sensor.col(1).cross(sensor.col(2));
  }
  const bool upside_down = coin(rng);
  const double yaw_deg = std::uniform_real_distribution<double>(0.0, 360.0)(rng);
  const Eigen::Quaterniond flip(
      Eigen::AngleAxisd(upside_down ? std::numbers::pi : 0.0, Eigen::Vector3d::UnitX()));
  const Eigen::Quaterniond yaw(Eigen::AngleAxisd(yaw_deg * kDeg, Eigen::Vector3d::UnitZ()));
  const Eigen::Quaterniond tilt = Tilt(10.0, rng, tilt_deg);
  // Flip about the forward axis turns the phone's top towards the knee.
  m.attachment.mount = Eigen::Quaterniond(anat) * tilt * yaw * flip * Eigen::Quaterniond(sensor);
  m.description = std::string("side=") + (side == kLeft ? "left" : "right") +
                  Format(" yaw_deg=%.1f upside_down=%.0f", yaw_deg, upside_down ? 1.0 : 0.0) +
                  Format(" tilt_deg=%.1f", tilt_deg);
  return m;
}

}  // namespace retrowalk::synth
