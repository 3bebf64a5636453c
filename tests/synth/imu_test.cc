// The virtual IMU against motions whose readings are known in closed form.
#include "synth/imu.h"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include "bvh_fixture.h"
#include "synth/bvh.h"
#include "synth/motion.h"

namespace retrowalk::synth {
namespace {

using testing::MakeBvh;
using testing::RootState;
constexpr double kG = kGravityMps2;
constexpr double kDeg = std::numbers::pi / 180;

Motion Make(int frames, const std::function<RootState(double)>& root,
            const std::string& order = "ZXY") {
  Result<BvhClip> clip = ParseBvh(MakeBvh(frames, 1.0 / 30, root, order), "analytic.bvh");
  EXPECT_TRUE(clip.ok()) << clip.status().message();
  return MotionFromBvh(*clip, 0.01);
}

TEST(VirtualImu, BodyAtRestReadsPlusGUpAndNoRotation) {
  const Motion m = Make(30, [](double) { return RootState{}; });
  const auto samples = SimulateImu(m, {}, 100);
  ASSERT_EQ(samples.size(), 97u);  // 29 frames at 30 fps = 0.9667 s → 0..0.96 at 100 Hz
  for (const Sample& s : samples) {
    EXPECT_NEAR(s.acc_mps2.x, 0, 1e-5);
    EXPECT_NEAR(s.acc_mps2.y, kG, 1e-5);
    EXPECT_NEAR(s.acc_mps2.z, 0, 1e-5);
    EXPECT_NEAR(s.gyro_radps.norm(), 0, 1e-6);
  }
}

TEST(VirtualImu, MountRotationTurnsGravityIntoTheSensorFrame) {
  const Motion m = Make(10, [](double) { return RootState{}; });
  SensorAttachment sensor;
  // Sensor x axis along world up: a Mobilise-D style lower-back mounting.
  sensor.mount =
      Eigen::Quaterniond(Eigen::AngleAxisd(std::numbers::pi / 2, Eigen::Vector3d::UnitZ()));
  for (const Sample& s : SimulateImu(m, sensor, 100)) {
    EXPECT_NEAR(s.acc_mps2.x, kG, 1e-5);
    EXPECT_NEAR(s.acc_mps2.y, 0, 1e-5);
  }
}

TEST(VirtualImu, ConstantYawRateReadsThatRate) {
  const double rate_dps = 90;
  for (const std::string order : {"ZXY", "XYZ", "YXZ"}) {
    const Motion m = Make(
        60,
        [&](double t) {
          RootState r;
          r.rotation_deg = {0, rate_dps * t, 0};
          return r;
        },
        order);
    for (const Sample& s : SimulateImu(m, {}, 100)) {
      EXPECT_NEAR(s.gyro_radps.y, rate_dps * kDeg, 2e-3) << order << " t=" << s.t_s;
      EXPECT_NEAR(s.gyro_radps.x, 0, 1e-4);
      EXPECT_NEAR(s.gyro_radps.z, 0, 1e-4);
      EXPECT_NEAR(s.acc_mps2.y, kG, 1e-3);  // spinning in place: only gravity
    }
  }
}

// The gyroscope reads the rate in the sensor's own frame: a yaw about world
// up is a rate about the sensor's z axis when the sensor's z points up.
TEST(VirtualImu, RateIsExpressedInTheSensorFrame) {
  const Motion m = Make(60, [](double t) {
    RootState r;
    r.rotation_deg = {0, 60 * t, 0};
    return r;
  });
  SensorAttachment sensor;
  sensor.mount =
      Eigen::Quaterniond(Eigen::AngleAxisd(-std::numbers::pi / 2, Eigen::Vector3d::UnitX()));
  for (const Sample& s : SimulateImu(m, sensor, 100)) {
    EXPECT_NEAR(s.gyro_radps.z, 60 * kDeg, 2e-3);
    EXPECT_NEAR(s.acc_mps2.z, kG, 1e-3);
  }
}

TEST(VirtualImu, ConstantAccelerationIsExactIncludingTheEnds) {
  const double a = 2.0;  // m/s² along world x
  const Motion m = Make(31, [&](double t) {
    RootState r;
    r.position_cm = {50 * a * t * t, 90, 0};  // ½ a t², in cm
    return r;
  });
  for (const Sample& s : SimulateImu(m, {}, 100)) {
    EXPECT_NEAR(s.acc_mps2.x, a, 1e-4) << "t=" << s.t_s;
    EXPECT_NEAR(s.acc_mps2.y, kG, 1e-4);
  }
}

TEST(VirtualImu, SinusoidalBobbingIsRecoveredAfterUpsampling) {
  const double amp_m = 0.03, freq_hz = 2.0, w = 2 * std::numbers::pi * freq_hz;
  const Motion m = Make(90, [&](double t) {
    RootState r;
    r.position_cm = {0, 90 + 100 * amp_m * std::sin(w * t), 0};
    return r;
  });
  const auto samples = SimulateImu(m, {}, 100);
  double worst = 0;
  for (const Sample& s : samples) {
    if (s.t_s < 0.3 || s.t_s > 2.6) continue;  // spline ends are one-sided
    const double expected = kG - amp_m * w * w * std::sin(w * s.t_s);
    worst = std::max(worst, std::abs(s.acc_mps2.y - expected));
  }
  // 4.7 m/s² peaks sampled 15 times a cycle: the spline is within 2 %.
  EXPECT_LT(worst, 0.1);
}

TEST(VirtualImu, LeverArmAddsCentripetalAcceleration) {
  const double rate = std::numbers::pi;  // rad/s about vertical
  const Motion m = Make(60, [&](double t) {
    RootState r;
    r.rotation_deg = {0, rate * t / kDeg, 0};
    return r;
  });
  SensorAttachment sensor;
  sensor.offset_m = {0, 0, 0.2};  // 20 cm in front of the axis
  for (const Sample& s : SimulateImu(m, sensor, 100)) {
    if (s.t_s < 0.2 || s.t_s > 1.7) continue;
    // Centripetal ω²r towards the axis: −z in the body frame.
    EXPECT_NEAR(s.acc_mps2.z, -rate * rate * 0.2, 0.02) << s.t_s;
    EXPECT_NEAR(s.acc_mps2.x, 0, 0.02);
  }
}

TEST(VirtualImu, DeviceErrorsAreSeededAndBounded) {
  const Motion m = Make(30, [](double) { return RootState{}; });
  auto a = SimulateImu(m, {}, 100);
  auto b = a;
  std::mt19937_64 r1(7), r2(7);
  ApplyImuErrors(a, {}, r1);
  ApplyImuErrors(b, {}, r2);
  double mean_y = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].acc_mps2, b[i].acc_mps2);
    mean_y += a[i].acc_mps2.y / static_cast<double>(a.size());
  }
  EXPECT_NEAR(mean_y, kG, 0.15 + 4 * 0.02 * kG);
  EXPECT_NE(mean_y, kG);
}

}  // namespace
}  // namespace retrowalk::synth
