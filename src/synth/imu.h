// The virtual IMU: a sensor rigidly attached to a segment, read at a fixed
// rate, with the errors of a consumer device.
#pragma once

#include <random>
#include <vector>

#include <Eigen/Geometry>

#include "core/sample.h"
#include "synth/motion.h"

namespace retrowalk::synth {

inline constexpr double kGravityMps2 = 9.80665;

struct SensorAttachment {
  int joint = 0;                                              // segment the sensor is fixed to
  Eigen::Vector3d offset_m = Eigen::Vector3d::Zero();         // sensor origin, segment frame
  Eigen::Quaterniond mount = Eigen::Quaterniond::Identity();  // sensor axes in the segment frame
};

// Ideal readings at `rate_hz` over the motion's span, t = 0, 1/rate, ...
// Accelerometer: specific force R_sᵀ(a − g) with g = (0, −9.81, 0), i.e.
// +9.81 along the sensor's up axis at rest. Gyroscope: body-frame angular
// rate. The sensor's position and orientation are computed at every mocap
// frame, splined, and only then differentiated.
std::vector<Sample> SimulateImu(const Motion& motion, const SensorAttachment& sensor,
                                double rate_hz);

// Per-axis scale error and bias (fixed for the recording) and white noise.
struct ImuErrorModel {
  double acc_scale_sd = 0.02;    // 2 %
  double acc_bias_mps2 = 0.15;   // uniform ±
  double acc_noise_mps2 = 0.03;  // white-noise sd per sample
  double gyro_scale_sd = 0.02;
  double gyro_bias_radps = 0.02;
  double gyro_noise_radps = 0.005;
};

void ApplyImuErrors(std::vector<Sample>& samples, const ImuErrorModel& model, std::mt19937_64& rng);

}  // namespace retrowalk::synth
