#include "synth/imu.h"

#include <cmath>

#include "synth/spline.h"

namespace retrowalk::synth {

std::vector<Sample> SimulateImu(const Motion& motion, const SensorAttachment& sensor,
                                double rate_hz) {
  const int n = motion.frame_count();
  std::vector<Eigen::Vector3d> positions;
  std::vector<Eigen::Quaterniond> rotations;
  positions.reserve(static_cast<std::size_t>(n));
  rotations.reserve(static_cast<std::size_t>(n));
  for (int f = 0; f < n; ++f) {
    const Pose segment = ForwardKinematics(motion, f)[static_cast<std::size_t>(sensor.joint)];
    positions.push_back(segment.translation + segment.rotation * sensor.offset_m);
    rotations.push_back((segment.rotation * sensor.mount).normalized());
  }
  const PointSpline position(std::move(positions), motion.frame_time_s);
  const RotationSpline rotation(rotations, motion.frame_time_s);
  const double duration_s = position.duration_s();
  const auto count = static_cast<std::size_t>(std::floor(duration_s * rate_hz + 1e-9)) + 1;
  const Eigen::Vector3d gravity(0, -kGravityMps2, 0);
  std::vector<Sample> out(count);
  for (std::size_t k = 0; k < count; ++k) {
    const double t = static_cast<double>(k) / rate_hz;
    const Eigen::Quaterniond q = rotation.Rotation(t);
    const Eigen::Vector3d f = q.conjugate() * (position.Acceleration(t) - gravity);
    const Eigen::Vector3d w = rotation.BodyRate(t);
    out[k].t_s = t;
    out[k].acc_mps2 = {static_cast<float>(f.x()), static_cast<float>(f.y()),
                       static_cast<float>(f.z())};
    out[k].gyro_radps = {static_cast<float>(w.x()), static_cast<float>(w.y()),
                         static_cast<float>(w.z())};
  }
  return out;
}

void ApplyImuErrors(std::vector<Sample>& samples, const ImuErrorModel& model,
                    std::mt19937_64& rng) {
  std::normal_distribution<double> unit(0.0, 1.0);
  std::uniform_real_distribution<double> sym(-1.0, 1.0);
  double acc_scale[3], acc_bias[3], gyro_scale[3], gyro_bias[3];
  for (int i = 0; i < 3; ++i) {
    acc_scale[i] = 1.0 + model.acc_scale_sd * unit(rng);
    acc_bias[i] = model.acc_bias_mps2 * sym(rng);
    gyro_scale[i] = 1.0 + model.gyro_scale_sd * unit(rng);
    gyro_bias[i] = model.gyro_bias_radps * sym(rng);
  }
  auto apply = [&](Vec3& v, const double* scale, const double* bias, double noise) {
    float* c[3] = {&v.x, &v.y, &v.z};
    for (int i = 0; i < 3; ++i) {
      *c[i] = static_cast<float>(*c[i] * scale[i] + bias[i] + noise * unit(rng));
    }
  };
  for (Sample& s : samples) {
    apply(s.acc_mps2, acc_scale, acc_bias, model.acc_noise_mps2);
    apply(s.gyro_radps, gyro_scale, gyro_bias, model.gyro_noise_radps);
  }
}

}  // namespace retrowalk::synth
