// The one sample type every reader produces and every engine consumes.
#pragma once

#include <cmath>

namespace retrowalk {

// A vector in the sensor's own frame. float keeps a week of 100 Hz samples
// small; its 7 significant digits exceed any consumer IMU's resolution.
struct Vec3 {
  float x = 0, y = 0, z = 0;

  friend Vec3 operator+(Vec3 a, Vec3 b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
  friend Vec3 operator-(Vec3 a, Vec3 b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
  friend Vec3 operator*(Vec3 a, float s) { return {a.x * s, a.y * s, a.z * s}; }
  friend bool operator==(Vec3 a, Vec3 b) = default;
  float norm() const { return std::sqrt(x * x + y * y + z * z); }
  bool finite() const { return std::isfinite(x) && std::isfinite(y) && std::isfinite(z); }
};

inline float Dot(Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
inline Vec3 Cross(Vec3 a, Vec3 b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

inline constexpr float kStandardGravity = 9.80665f;  // m/s² per g

// Time stays double: a week in seconds needs more than float's 24-bit mantissa.
struct Sample {
  double t_s = 0;      // seconds, any origin, strictly increasing within a recording
  Vec3 acc_mps2;       // specific force including gravity, sensor frame
  Vec3 gyro_radps;     // angular rate, sensor frame; zero when the recording has none
};

}  // namespace retrowalk
