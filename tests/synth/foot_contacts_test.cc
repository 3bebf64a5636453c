#include <cmath>
#include <functional>
#include <vector>

#include <gtest/gtest.h>

#include "synth/labels.h"

namespace retrowalk::synth {
namespace {

struct FootAt {
  double forward_m, height_m;  // the ankle, world frame (Y up; forward is +Z)
};

// One foot (the ankle, no toes) under a still pelvis at 30 fps: the ankle's
// path is all FootContacts reads.
Motion OneFoot(double seconds, const std::function<FootAt(double)>& path) {
  Motion m;
  m.names = {"Hips", "Foot_L"};
  m.parents = {-1, 0};
  m.frame_time_s = 1.0 / 30;
  for (int f = 0; f * m.frame_time_s <= seconds; ++f) {
    const FootAt p = path(f * m.frame_time_s);
    std::vector<Pose> frame(2);
    frame[1].translation = {0.0, p.height_m, p.forward_m};
    m.frames.push_back(frame);
  }
  return m;
}

SkeletonMap LeftFootOnly() {
  SkeletonMap map;
  map.pelvis = 0;
  map.foot[kLeft] = 1;
  return map;
}

// Steps of `stride_m` taking swing_s each, then rest_s standing, from t = 0;
// the foot clears the floor (0.08 m, its ankle height at rest) by `clear_m`.
FootAt Stepping(double t, double stride_m, double clear_m, double swing_s = 0.5,
                double rest_s = 0.5) {
  const double period = swing_s + rest_s;
  const double k = std::floor(t / period);
  const double in = t - k * period;
  const double u = std::min(in / swing_s, 1.0);  // 0..1 through the swing, then 1
  const double along = (k + (1 - std::cos(3.14159265358979 * u)) / 2) * stride_m;
  return {along, 0.08 + clear_m * std::sin(3.14159265358979 * u)};
}

TEST(FootContacts, ALiftedStepLandsWhenTheFootIsBackOnTheFloor) {
  const Motion m = OneFoot(4.2, [](double t) { return Stepping(t, 0.6, 0.12); });
  const std::vector<double> steps = FootContacts(m, LeftFootOnly());
  ASSERT_EQ(steps.size(), 4u);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    // Within contact height (3 cm) a little before the swing ends.
    EXPECT_NEAR(steps[i], static_cast<double>(i) * 1.0 + 0.5, 0.1) << i;
  }
}

TEST(FootContacts, AShufflingStepThatNeverClearsTheFloorIsAStep) {
  // A backward shuffle as some motion-capture styles walk: 2.5 cm of
  // clearance, under the 6 cm lift, yet 0.5 m of travel per step.
  const Motion m = OneFoot(4.2, [](double t) { return Stepping(t, -0.5, 0.025); });
  const std::vector<double> steps = FootContacts(m, LeftFootOnly());
  ASSERT_EQ(steps.size(), 4u);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    // At rest again: the end of the swing, within a frame or two.
    EXPECT_NEAR(steps[i], static_cast<double>(i) * 1.0 + 0.5, 0.1) << i;
  }
}

TEST(FootContacts, StandingWithASlowCreepOrAShortSlideIsNoStep) {
  // 10 cm of creep over 4 s (under the rest speed), and one 10-cm slide
  // (under the travel).
  const Motion m = OneFoot(4.2, [](double t) {
    return FootAt{0.025 * t + (t > 2 ? std::min(t - 2, 0.2) * 0.5 : 0.0), 0.08};
  });
  EXPECT_TRUE(FootContacts(m, LeftFootOnly()).empty());
}

}  // namespace
}  // namespace retrowalk::synth
