// Synthetic IMU signals for the gait engine's tests: a harmonic gait model in
// any orientation, and the things that must not count as walking.
#pragma once

#include <cmath>
#include <numbers>
#include <random>
#include <utility>
#include <vector>

#include "core/sample.h"

namespace retrowalk::testing {

// A rotation matrix (rows) from sensor to body frame, or body to sensor via Transpose.
struct Rotation {
  float m[3][3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
  Vec3 Apply(Vec3 v) const {
    return {m[0][0] * v.x + m[0][1] * v.y + m[0][2] * v.z,
            m[1][0] * v.x + m[1][1] * v.y + m[1][2] * v.z,
            m[2][0] * v.x + m[2][1] * v.y + m[2][2] * v.z};
  }
};

// Rotation from Euler angles (z-y-x).
inline Rotation Euler(double yaw, double pitch, double roll) {
  const double cy = std::cos(yaw), sy = std::sin(yaw), cp = std::cos(pitch), sp = std::sin(pitch),
               cr = std::cos(roll), sr = std::sin(roll);
  Rotation r;
  const double m[3][3] = {{cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr},
                          {sy * cp, sy * sp * sr + cy * cr, sy * sp * cr - cy * sr},
                          {-sp, cp * sr, cp * cr}};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) r.m[i][j] = static_cast<float>(m[i][j]);
  return r;
}

inline Rotation RandomRotation(std::mt19937& rng) {
  std::uniform_real_distribution<double> u(-std::numbers::pi, std::numbers::pi);
  return Euler(u(rng), u(rng) / 2, u(rng));
}

struct GaitModel {
  double step_hz = 1.8;
  double amplitude_mps2 = 2.0;  // vertical fundamental
  double noise_mps2 = 0.05;
  double rate_hz = 100;
  Rotation body_to_sensor;
};

// Appends walking from t0 for `steps` steps; step i happens at
// t0 + (i + 0.5) / step_hz (a vertical peak). Returns the step times.
inline std::vector<double> AppendWalk(const GaitModel& g, double t0, int steps,
                                      std::vector<Sample>& out, std::mt19937& rng) {
  std::normal_distribution<double> noise(0, g.noise_mps2);
  const double w = 2 * std::numbers::pi * g.step_hz;
  const double end = t0 + static_cast<double>(steps) / g.step_hz;
  std::vector<double> times;
  for (int i = 0; i < steps; ++i) times.push_back(t0 + (i + 0.5) / g.step_hz);
  const double dt = 1.0 / g.rate_hz;
  const double start = out.empty() ? t0 : std::max(t0, out.back().t_s + dt);
  for (double t = start; t < end; t += dt) {
    const double x = w * (t - t0 - 0.5 / g.step_hz);
    const double a = g.amplitude_mps2;
    const Vec3 body{
        static_cast<float>(0.5 * a * std::sin(x) + noise(rng)),
        static_cast<float>(0.3 * a * std::sin(x / 2) + noise(rng)),
        static_cast<float>(a * (std::cos(x) + 0.3 * std::cos(2 * x) + 0.1 * std::cos(x / 2)) +
                           noise(rng))};
    const Vec3 gyro{static_cast<float>(0.3 * std::sin(x / 2)),
                    static_cast<float>(0.2 * std::sin(x)),
                    static_cast<float>(0.2 * std::cos(x / 2))};
    const Vec3 specific = body + Vec3{0, 0, kStandardGravity};
    out.push_back({t, g.body_to_sensor.Apply(specific), g.body_to_sensor.Apply(gyro)});
  }
  return times;
}

// Standing or sitting: gravity and sensor noise, small sway.
inline void AppendStill(const Rotation& r, double t0, double seconds, double rate_hz,
                        std::vector<Sample>& out, std::mt19937& rng, double noise_mps2 = 0.05) {
  std::normal_distribution<double> noise(0, noise_mps2);
  const double dt = 1.0 / rate_hz;
  const double start = out.empty() ? t0 : std::max(t0, out.back().t_s + dt);
  for (double t = start; t < t0 + seconds; t += dt) {
    const Vec3 body{static_cast<float>(0.05 * std::sin(0.5 * t) + noise(rng)),
                    static_cast<float>(noise(rng)),
                    static_cast<float>(kStandardGravity + noise(rng))};
    out.push_back({t, r.Apply(body), {}});
  }
}

// Car vibration: 10-20 Hz engine/road buzz plus irregular bumps.
inline void AppendDriving(const Rotation& r, double t0, double seconds, double rate_hz,
                          std::vector<Sample>& out, std::mt19937& rng) {
  std::normal_distribution<double> noise(0, 0.1);
  std::uniform_real_distribution<double> u(0, 1);
  const double dt = 1.0 / rate_hz;
  double bump_t = t0 + 1.0, bump_a = 0;
  for (double t = t0; t < t0 + seconds; t += dt) {
    if (t > bump_t) {
      bump_t = t + 0.5 + 4 * u(rng);
      bump_a = 1.5 * u(rng);
    }
    bump_a *= 0.95;
    const double v = 0.6 * std::sin(2 * std::numbers::pi * 13.0 * t) +
                     0.3 * std::sin(2 * std::numbers::pi * 19.0 * t) + bump_a + noise(rng);
    const Vec3 body{static_cast<float>(0.3 * std::sin(0.2 * t) + noise(rng)),
                    static_cast<float>(noise(rng)), static_cast<float>(kStandardGravity + v)};
    out.push_back({t, r.Apply(body), {}});
  }
}

// One walk: `lead_s` standing, `steps` steps, `tail_s` standing, at
// g.rate_hz; the step times to *step_times when given.
inline std::vector<Sample> OneWalk(const GaitModel& g, std::mt19937& rng, double lead_s, int steps,
                                   double tail_s, std::vector<double>* step_times = nullptr) {
  std::vector<Sample> s;
  AppendStill(g.body_to_sensor, 0, lead_s, g.rate_hz, s, rng);
  std::vector<double> times = AppendWalk(g, lead_s, steps, s, rng);
  if (step_times) *step_times = std::move(times);
  AppendStill(g.body_to_sensor, s.back().t_s, tail_s, g.rate_hz, s, rng);
  return s;
}

// Two walks under one mounting: `lead_s` standing, `first` steps, `stand_s`
// standing, `second` steps, `tail_s` standing, at g.rate_hz.
inline std::vector<Sample> TwoWalks(const GaitModel& g, std::mt19937& rng, double lead_s, int first,
                                    double stand_s, int second, double tail_s) {
  std::vector<Sample> s;
  AppendStill(g.body_to_sensor, 0, lead_s, g.rate_hz, s, rng);
  AppendWalk(g, lead_s, first, s, rng);
  AppendStill(g.body_to_sensor, s.back().t_s, stand_s, g.rate_hz, s, rng);
  AppendWalk(g, s.back().t_s + 0.01, second, s, rng);
  AppendStill(g.body_to_sensor, s.back().t_s, tail_s, g.rate_hz, s, rng);
  return s;
}

// Phone handling: picked up, turned, put down, at irregular moments.
inline void AppendHandling(double t0, double seconds, double rate_hz, std::vector<Sample>& out,
                           std::mt19937& rng) {
  std::uniform_real_distribution<double> u(0, 1);
  std::normal_distribution<double> noise(0, 0.3);
  const double dt = 1.0 / rate_hz;
  double next = t0 + 0.5, yaw = 0, pitch = 0, roll = 0, burst = 0;
  for (double t = t0; t < t0 + seconds; t += dt) {
    if (t > next) {
      next = t + 0.3 + 3.0 * u(rng);
      burst = 3 + 6 * u(rng);
      pitch += (u(rng) - 0.5) * 2;
      roll += (u(rng) - 0.5) * 2;
      yaw += (u(rng) - 0.5) * 2;
    }
    burst *= 0.9;
    const Rotation r = Euler(yaw, pitch, roll);
    const Vec3 body{static_cast<float>(burst * std::sin(40 * t) + noise(rng)),
                    static_cast<float>(burst * std::cos(23 * t) + noise(rng)),
                    static_cast<float>(kStandardGravity + noise(rng))};
    out.push_back({t, r.Apply(body), {}});
  }
}

}  // namespace retrowalk::testing
