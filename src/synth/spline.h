// Cubic splines through uniformly sampled motion, used to upsample mocap
// (30 fps) to the IMU rate *before* differentiating: differentiating the
// 30 fps samples and then interpolating would smear and alias the steps.
#pragma once

#include <vector>

#include <Eigen/Core>
#include <Eigen/Geometry>

namespace retrowalk::synth {

// C2 cubic spline of 3-D points at t = i·dt. End conditions are "parabolic
// runout" (second derivative of the first/last interval equal to its
// neighbour's), so quadratic motion — constant acceleration — is reproduced
// exactly, including at the ends.
class PointSpline {
 public:
  PointSpline(std::vector<Eigen::Vector3d> points, double dt);
  Eigen::Vector3d Position(double t) const;
  Eigen::Vector3d Acceleration(double t) const;
  double duration_s() const { return dt_ * static_cast<double>(points_.size() - 1); }

 private:
  // Interval index and fraction for time t (clamped to the knots' range).
  void Locate(double t, std::size_t& i, double& u) const;
  std::vector<Eigen::Vector3d> points_;
  std::vector<Eigen::Vector3d> second_;  // second derivative at the knots
  double dt_;
};

// Smooth orientation: a C2 spline of the quaternion components (made
// sign-continuous first), renormalised. Unlike piecewise slerp, whose angular
// rate is constant per interval and jumps at every mocap frame, this gives a
// gyroscope signal without a 30 Hz staircase.
class RotationSpline {
 public:
  RotationSpline(const std::vector<Eigen::Quaterniond>& rotations, double dt);
  Eigen::Quaterniond Rotation(double t) const;
  // Angular rate in the rotating (body) frame, rad/s, by a symmetric
  // difference of the interpolated rotation over ±1 ms.
  Eigen::Vector3d BodyRate(double t) const;

 private:
  PointSpline xyz_;
  PointSpline w_;  // the scalar part, carried as (w, 0, 0)
  double duration_s_;
};

}  // namespace retrowalk::synth
