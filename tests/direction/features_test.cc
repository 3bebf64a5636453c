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
  // Every group takes part, the gyroscope frame's included.
  for (const FeatureGroup& g : kFeatureGroups) {
    double group_norm = 0;
    for (std::size_t i = g.begin; i < g.end; ++i) group_norm += std::abs(fwd->values[i]);
    EXPECT_GT(group_norm, 0.05) << g.name;
  }
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

// The gyroscope frame: the body pitches about y (the rotation's main axis)
// and accelerates fore-aft along x in phase with it, while the largest
// horizontal acceleration is a lateral sway along y that has nothing to do
// with the rotation (as a thigh's swing can dominate a pocket's signal). The
// accelerometer frame then takes y as "fore-aft" and finds no ω·a coupling;
// the gyroscope frame (L = y, P = L × up = x) finds it.
TEST(DirectionFeatures, GyroFrameFollowsTheRotationNotTheAcceleration) {
  const double f = 1.8, phase = 0.5;
  std::vector<Sample> samples;
  for (int i = 0; i < 300; ++i) {
    const double t = i / 100.0, ph = 2 * 3.14159265358979 * f * t;
    Sample s;
    s.t_s = t;
    s.acc_mps2 = {static_cast<float>(0.5 * std::sin(ph + phase)),
                  static_cast<float>(2.0 * std::sin(2 * 3.14159265358979 * 0.9 * t + 0.4)),
                  static_cast<float>(9.81 + 1.0 * std::sin(ph + 0.2))};
    s.gyro_radps = {static_cast<float>(0.1 * std::sin(2 * 3.14159265358979 * 0.7 * t + 1.0)),
                    static_cast<float>(std::sin(ph)), 0.0f};
    samples.push_back(s);
  }
  const auto features = ComputeFeatures(MakeFrames(samples, 100));
  ASSERT_TRUE(features);
  const std::size_t gyro_frame = kFeatureGroups[2].begin;  // lag 0
  ASSERT_EQ(kGyroFrameLags[0], 0);
  // Standardised sinusoids with a phase difference correlate as its cosine.
  EXPECT_NEAR(features->values[gyro_frame], std::cos(phase), 0.1);
  EXPECT_LT(std::abs(features->values[kFeatureGroups[0].begin]), 0.3);
}

// Side steps and turns: a lateral sway larger than the fore-aft motion takes
// the window's own main axis p. A hint (the warm-up's fore-aft axis) puts p
// back on x, where the pitch-rate coupling is; a vertical hint is ignored.
TEST(DirectionFeatures, AccAxisHintReplacesTheWindowsOwnAxis) {
  const double f = 1.8, phase = 0.5, two_pi = 2 * 3.14159265358979;
  std::vector<Sample> samples;
  for (int i = 0; i < 300; ++i) {
    const double t = i / 100.0, ph = two_pi * f * t;
    Sample s;
    s.t_s = t;
    s.acc_mps2 = {static_cast<float>(0.5 * std::sin(ph + phase)),
                  static_cast<float>(2.0 * std::sin(two_pi * 0.9 * t + 0.4)),
                  static_cast<float>(9.81 + 1.0 * std::sin(ph + 0.2))};
    s.gyro_radps = {static_cast<float>(0.1 * std::sin(two_pi * 0.7 * t + 1.0)),
                    static_cast<float>(std::sin(ph)), 0.0f};
    samples.push_back(s);
  }
  const std::vector<Frame> frames = MakeFrames(samples, 100);
  const std::size_t wl_ap = kFeatureGroups[0].begin;  // lag 0
  ASSERT_EQ(kGyroAccLags[0], 0);

  const auto own = ComputeFeatures(frames);
  FeatureOptions hinted;
  hinted.acc_axis_hint = {-0.9f, 0.1f, 0.2f};  // roughly −x, a little off the plane
  const auto with_hint = ComputeFeatures(frames, hinted);
  FeatureOptions vertical;
  vertical.acc_axis_hint = {0.1f, 0.0f, 1.0f};
  const auto with_vertical_hint = ComputeFeatures(frames, vertical);
  ASSERT_TRUE(own && with_hint && with_vertical_hint);

  EXPECT_LT(std::abs(own->values[wl_ap]), 0.3);
  // l = up × p = y (p's sign cancels): ω_y against a_x correlate as cos(phase).
  EXPECT_NEAR(with_hint->values[wl_ap], std::cos(phase), 0.15);
  for (std::size_t i = 0; i < kFeatureCount; ++i)
    EXPECT_EQ(with_vertical_hint->values[i], own->values[i]) << FeatureNames()[i];
  // The window still reports its own axis (the sway, y), hint or not.
  for (const auto& w : {own, with_hint}) {
    EXPECT_GT(std::abs(w->acc_axis.y), 0.95f);
    EXPECT_NEAR(w->acc_axis.norm(), 1.0f, 1e-5f);
  }
}

TEST(DirectionFeatures, SignedVerticalForeAftNeedsASignedAxisAndFlipsWithTimeAndWithIt) {
  const auto samples = GaitLike(3, 1);
  const std::vector<Frame> frames = MakeFrames(samples, 100);
  FeatureOptions plus, minus, vertical;
  plus.acc_axis_hint = {1, 0, 0};  // p = x, the signal's fore-aft axis
  minus.acc_axis_hint = {-1, 0, 0};
  vertical.acc_axis_hint = {0, 0, 1};
  const auto own = ComputeFeatures(frames);
  const auto on_plus = ComputeFeatures(frames, plus);
  const auto on_minus = ComputeFeatures(frames, minus);
  const auto on_vertical = ComputeFeatures(frames, vertical);
  const auto reversed = ComputeFeatures(MakeFrames(TimeReversed(samples), 100), plus);
  ASSERT_TRUE(own && on_plus && on_minus && on_vertical && reversed);
  // Only a horizontal hint gives p a known sign.
  EXPECT_FALSE(own->has_signed);
  EXPECT_FALSE(on_vertical->has_signed);
  ASSERT_TRUE(on_plus->has_signed && on_minus->has_signed && reversed->has_signed);
  double norm = 0;
  for (std::size_t i = 0; i < kSignedLags.size(); ++i) {
    EXPECT_EQ(own->signed_v_p[i], 0.0);
    EXPECT_NEAR(on_minus->signed_v_p[i], -on_plus->signed_v_p[i], 1e-9);
    EXPECT_NEAR(reversed->signed_v_p[i], -on_plus->signed_v_p[i], 1e-4);
    norm += std::abs(on_plus->signed_v_p[i]);
  }
  EXPECT_GT(norm, 0.1);  // not trivially zero
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
  EXPECT_EQ(kFeatureGroups.front().begin, 0u);
  for (std::size_t g = 1; g < kFeatureGroups.size(); ++g)
    EXPECT_EQ(kFeatureGroups[g].begin, kFeatureGroups[g - 1].end);
  EXPECT_EQ(FeatureNames()[kFeatureGroups[2].begin], "even_corr_gyroframe_wL_aP_0ms");
}

}  // namespace
}  // namespace retrowalk::direction
