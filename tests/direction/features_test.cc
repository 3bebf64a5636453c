#include "gait/direction/features.h"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

namespace retrowalk::direction {
namespace {

// A gait-like signal: gravity along a tilted "up", vertical bounce at the
// step frequency with a sharp rise and slow fall, fore-aft acceleration and
// pitch rate with a phase lag (so the features are not all zero).
std::vector<Sample> GaitLike(double seconds, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> noise(0, 0.05);
  std::vector<Sample> out;
  const double f = 1.8;  // steps/s
  for (int i = 0; i < static_cast<int>(seconds * 100); ++i) {
    const double t = i / 100.0, ph = 2 * 3.14159265358979 * f * t;
    const double v = 2.0 * (std::sin(ph) + 0.4 * std::sin(2 * ph + 0.7));
    const double ap = 1.5 * std::sin(ph + 0.9) + 0.3 * std::cos(3 * ph);
    const double al = 0.6 * std::sin(ph / 2);
    const double wl = 0.5 * std::sin(ph + 0.3) + 0.2 * std::sin(2 * ph);
    const double wp = 0.3 * std::sin(ph / 2 + 1.1);
    Sample s;
    s.t_s = t;
    // Sensor frame: up = z, p = x, l = y.
    s.acc_mps2 = {static_cast<float>(ap + noise(rng)), static_cast<float>(al + noise(rng)),
                  static_cast<float>(9.81 + v + noise(rng))};
    s.gyro_radps = {static_cast<float>(wp), static_cast<float>(wl),
                    static_cast<float>(0.1 * std::sin(ph / 2))};
    out.push_back(s);
  }
  return out;
}

Vec3 Rotate(const double r[3][3], Vec3 v) {
  return {static_cast<float>(r[0][0] * v.x + r[0][1] * v.y + r[0][2] * v.z),
          static_cast<float>(r[1][0] * v.x + r[1][1] * v.y + r[1][2] * v.z),
          static_cast<float>(r[2][0] * v.x + r[2][1] * v.y + r[2][2] * v.z)};
}

TEST(DirectionFeatures, ChangeSignUnderTimeReversal) {
  const auto samples = GaitLike(3, 1);
  const auto fwd = ComputeFeatures(MakeFrames(samples, 100));
  const auto rev = ComputeFeatures(MakeFrames(TimeReversed(samples), 100));
  ASSERT_TRUE(fwd && rev);
  double norm = 0;
  for (std::size_t i = 0; i < kFeatureCount; ++i) {
    EXPECT_NEAR(rev->values[i], -fwd->values[i], 1e-4) << FeatureNames()[i];
    norm += std::abs(fwd->values[i]);
  }
  EXPECT_GT(norm, 0.5);  // not trivially zero
}

TEST(DirectionFeatures, DoNotDependOnDeviceOrientation) {
  const auto samples = GaitLike(3, 2);
  const auto base = ComputeFeatures(MakeFrames(samples, 100));
  ASSERT_TRUE(base);
  // 180° about up, and an arbitrary rotation.
  const double turn[3][3] = {{-1, 0, 0}, {0, -1, 0}, {0, 0, 1}};
  const double a = 0.7, b = -1.2, c = 2.1;
  const double rx[3][3] = {
      {1, 0, 0}, {0, std::cos(a), -std::sin(a)}, {0, std::sin(a), std::cos(a)}};
  const double ry[3][3] = {
      {std::cos(b), 0, std::sin(b)}, {0, 1, 0}, {-std::sin(b), 0, std::cos(b)}};
  const double rz[3][3] = {
      {std::cos(c), -std::sin(c), 0}, {std::sin(c), std::cos(c), 0}, {0, 0, 1}};
  for (const auto* r : {&turn, &rx, &ry, &rz}) {
    std::vector<Sample> turned = samples;
    for (Sample& s : turned) {
      s.acc_mps2 = Rotate(*r, s.acc_mps2);
      s.gyro_radps = Rotate(*r, s.gyro_radps);
    }
    const auto f = ComputeFeatures(MakeFrames(turned, 100));
    ASSERT_TRUE(f);
    for (std::size_t i = 0; i < kFeatureCount; ++i)
      EXPECT_NEAR(f->values[i], base->values[i], 2e-3) << FeatureNames()[i];
  }
}

TEST(DirectionFeatures, WithoutGyroTheGyroFeaturesAreZero) {
  const auto f = ComputeFeatures(MakeFrames(GaitLike(3, 3), 100), {}, false);
  ASSERT_TRUE(f);
  EXPECT_FALSE(f->has_gyro);
  for (std::size_t i = 0; i < kGyroFeatureCount; ++i) EXPECT_EQ(f->values[i], 0.0);
}

TEST(DirectionFeatures, NoFeaturesForShortOrFlatWindows) {
  EXPECT_FALSE(ComputeFeatures(MakeFrames(GaitLike(1, 4), 100)));
  std::vector<Sample> still(300);
  for (std::size_t i = 0; i < still.size(); ++i) {
    still[i].t_s = static_cast<double>(i) / 100;
    still[i].acc_mps2 = {0, 0, 9.81f};
  }
  EXPECT_FALSE(ComputeFeatures(MakeFrames(still, 100)));
}

TEST(DirectionFeatures, NamesMatchLayout) {
  EXPECT_EQ(FeatureNames().size(), kFeatureCount);
}

}  // namespace
}  // namespace retrowalk::direction
