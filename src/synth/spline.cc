#include "synth/spline.h"

#include <algorithm>
#include <cmath>

namespace retrowalk::synth {

PointSpline::PointSpline(std::vector<Eigen::Vector3d> points, double dt)
    : points_(std::move(points)), dt_(dt) {
  const std::size_t n = points_.size();
  second_.assign(n, Eigen::Vector3d::Zero());
  if (n < 3) return;  // linear
  // Unknowns M_1..M_{n-2}; M_0 = M_1 and M_{n-1} = M_{n-2}.
  // M_{i-1} + 4 M_i + M_{i+1} = 6/dt² (y_{i-1} − 2 y_i + y_{i+1}).
  const std::size_t m = n - 2;
  std::vector<double> diag(m, 4.0);
  std::vector<Eigen::Vector3d> rhs(m);
  for (std::size_t k = 0; k < m; ++k) {
    const std::size_t i = k + 1;
    rhs[k] = 6.0 / (dt_ * dt_) * (points_[i - 1] - 2.0 * points_[i] + points_[i + 1]);
  }
  diag[0] += 1.0;
  diag[m - 1] += 1.0;
  if (m == 1) diag[0] = 6.0;  // both ends fold into the single unknown
  // Thomas algorithm, off-diagonals all 1.
  for (std::size_t k = 1; k < m; ++k) {
    const double w = 1.0 / diag[k - 1];
    diag[k] -= w;
    rhs[k] -= w * rhs[k - 1];
  }
  std::vector<Eigen::Vector3d> sol(m);
  sol[m - 1] = rhs[m - 1] / diag[m - 1];
  for (std::size_t k = m - 1; k-- > 0;) sol[k] = (rhs[k] - sol[k + 1]) / diag[k];
  for (std::size_t k = 0; k < m; ++k) second_[k + 1] = sol[k];
  second_[0] = second_[1];
  second_[n - 1] = second_[n - 2];
}

void PointSpline::Locate(double t, std::size_t& i, double& u) const {
  const double x = std::clamp(t / dt_, 0.0, static_cast<double>(points_.size() - 1));
  const double fi = std::floor(x);
  i = std::min(static_cast<std::size_t>(fi), points_.size() - 2);
  u = x - static_cast<double>(i);
}

Eigen::Vector3d PointSpline::Position(double t) const {
  if (points_.size() == 1) return points_[0];
  std::size_t i = 0;
  double u = 0;
  Locate(t, i, u);
  const double v = 1.0 - u;
  return v * points_[i] + u * points_[i + 1] +
         dt_ * dt_ / 6.0 * ((v * v * v - v) * second_[i] + (u * u * u - u) * second_[i + 1]);
}

Eigen::Vector3d PointSpline::Acceleration(double t) const {
  if (points_.size() == 1) return Eigen::Vector3d::Zero();
  std::size_t i = 0;
  double u = 0;
  Locate(t, i, u);
  return (1.0 - u) * second_[i] + u * second_[i + 1];
}

namespace {
std::vector<Eigen::Quaterniond> SignContinuous(std::vector<Eigen::Quaterniond> q) {
  for (std::size_t i = 1; i < q.size(); ++i) {
    if (q[i].coeffs().dot(q[i - 1].coeffs()) < 0) q[i].coeffs() = -q[i].coeffs();
  }
  return q;
}
std::vector<Eigen::Vector3d> Vectors(const std::vector<Eigen::Quaterniond>& q) {
  std::vector<Eigen::Vector3d> v;
  v.reserve(q.size());
  for (const auto& r : q) v.push_back(r.vec());
  return v;
}
std::vector<Eigen::Vector3d> Scalars(const std::vector<Eigen::Quaterniond>& q) {
  std::vector<Eigen::Vector3d> v;
  v.reserve(q.size());
  for (const auto& r : q) v.emplace_back(r.w(), 0.0, 0.0);
  return v;
}
}  // namespace

RotationSpline::RotationSpline(const std::vector<Eigen::Quaterniond>& rotations, double dt)
    : xyz_(Vectors(SignContinuous(rotations)), dt),
      w_(Scalars(SignContinuous(rotations)), dt),
      duration_s_(dt * static_cast<double>(rotations.size() - 1)) {}

Eigen::Quaterniond RotationSpline::Rotation(double t) const {
  const Eigen::Vector3d v = xyz_.Position(t);
  Eigen::Quaterniond q(w_.Position(t).x(), v.x(), v.y(), v.z());
  return q.normalized();
}

Eigen::Vector3d RotationSpline::BodyRate(double t) const {
  constexpr double kHalfStep = 1e-3;
  // Stay inside the knots so the difference never straddles the clamp.
  const double a = std::clamp(t - kHalfStep, 0.0, duration_s_);
  const double b = std::clamp(t + kHalfStep, 0.0, duration_s_);
  if (b <= a) return Eigen::Vector3d::Zero();
  const Eigen::Quaterniond delta = Rotation(a).conjugate() * Rotation(b);
  const Eigen::AngleAxisd aa(delta.normalized());
  double angle = aa.angle();
  if (angle > 3.14159265358979323846) angle -= 2 * 3.14159265358979323846;
  return aa.axis() * (angle / (b - a));
}

}  // namespace retrowalk::synth
