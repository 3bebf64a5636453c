#include "training/energy.h"

#include <gtest/gtest.h>

namespace retrowalk::training {
namespace {

EnergyEstimate Estimate(Direction d, double mph, double grade, double minutes, double kg) {
  auto e = EstimateEnergy({d, mph, grade, minutes, kg});
  EXPECT_TRUE(e.ok()) << e.status().message();
  return e.value();
}

TEST(EnergyTest, BackwardThreeAndAHalfMphLevelHourAt70KgIs441Kcal) {
  // 6.0 x 3.5 x 70 / 200 x 60 = 441 (issue 5).
  const EnergyEstimate e = Estimate(Direction::kBackward, 3.5, 0, 60, 70);
  EXPECT_DOUBLE_EQ(e.primary.met, 6.0);
  EXPECT_EQ(e.primary.method, "compendium");
  EXPECT_FALSE(e.primary.is_estimate);
  EXPECT_NEAR(e.kcal, 441.0, 1e-9);
  EXPECT_NEAR(e.kcal_per_minute, 7.35, 1e-12);
}

struct CompendiumCase {
  Direction direction;
  double mph;
  double grade;
  double met;
  const char* code;
};

class CompendiumTest : public ::testing::TestWithParam<CompendiumCase> {};

TEST_P(CompendiumTest, ReproducesTheCompendiumAtItsAnchors) {
  const CompendiumCase& c = GetParam();
  auto e = CompendiumMet(c.direction, c.mph, c.grade);
  ASSERT_TRUE(e.has_value());
  EXPECT_NEAR(e->met, c.met, 1e-9) << c.code;
}

INSTANTIATE_TEST_SUITE_P(
    Codes, CompendiumTest,
    ::testing::Values(CompendiumCase{Direction::kForward, 1.5, 0, 2.0, "17151"},
                      CompendiumCase{Direction::kForward, 2.0, 0, 2.8, "17152"},
                      CompendiumCase{Direction::kForward, 3.5, 0, 4.3, "17200"},
                      CompendiumCase{Direction::kForward, 3.5, 5, 5.3, "17210"},
                      CompendiumCase{Direction::kBackward, 3.5, 0, 6.0, "17320"},
                      CompendiumCase{Direction::kBackward, 3.5, 5, 8.0, "17325"}));

TEST(EnergyTest, InterpolatesLinearlyAndSaysSo) {
  // Forward 2.75 mph: halfway between 2.8 and 4.3 MET.
  auto f = CompendiumMet(Direction::kForward, 2.75, 0);
  ASSERT_TRUE(f);
  EXPECT_NEAR(f->met, 3.55, 1e-9);
  EXPECT_TRUE(f->is_estimate);
  // Backward 2 mph: the forward curve scaled by 6.0/4.3.
  auto b = CompendiumMet(Direction::kBackward, 2.0, 0);
  ASSERT_TRUE(b);
  EXPECT_NEAR(b->met, 2.8 * 6.0 / 4.3, 1e-9);
  EXPECT_TRUE(b->is_estimate);
  EXPECT_NE(b->how.find("estimate"), std::string::npos);
  // Backward is always costlier than forward at the same speed and grade.
  for (double mph : {1.0, 1.5, 2.0, 2.5, 3.0, 3.5})
    for (double grade : {0.0, 2.5, 5.0})
      EXPECT_GT(CompendiumMet(Direction::kBackward, mph, grade)->met,
                CompendiumMet(Direction::kForward, mph, grade)->met);
}

TEST(EnergyTest, AcsmEquationForwardAndTheBackwardEstimate) {
  // 3.5 mph = 93.88 m/min: VO2 = 3.5 + 9.388 = 12.888 ml/kg/min = 3.68 MET.
  const MetEstimate f = AcsmMet(Direction::kForward, 3.5, 0);
  EXPECT_NEAR(f.met, (3.5 + 0.1 * 3.5 * 26.8224) / 3.5, 1e-9);
  EXPECT_FALSE(f.is_estimate);
  // Backward: net VO2 x 1.9 level lands near the Compendium's 6.0 MET.
  const MetEstimate b = AcsmMet(Direction::kBackward, 3.5, 0);
  EXPECT_TRUE(b.is_estimate);
  EXPECT_NEAR(b.met, 6.0, 0.15);
  // and x 1.4 at 5% near 8.0 MET.
  EXPECT_NEAR(AcsmMet(Direction::kBackward, 3.5, 5).met, 8.0, 0.15);
  EXPECT_TRUE(AcsmMet(Direction::kForward, 1.0, 0).outside_validity);  // < 50 m/min
}

TEST(EnergyTest, OutsideTheCompendiumFallsBackToAcsm) {
  const EnergyEstimate e = Estimate(Direction::kForward, 4.0, 0, 10, 70);
  EXPECT_EQ(e.primary.method, "acsm");
  EXPECT_FALSE(e.acsm.has_value());
  const EnergyEstimate g = Estimate(Direction::kBackward, 2.0, 10, 10, 70);
  EXPECT_EQ(g.primary.method, "acsm");
}

TEST(EnergyTest, RejectsOutOfRangeInput) {
  EXPECT_FALSE(EstimateEnergy({Direction::kBackward, 2, 0, 10, 19.9}).ok());
  EXPECT_FALSE(EstimateEnergy({Direction::kBackward, 2, 0, 10, 350.1}).ok());
  EXPECT_TRUE(EstimateEnergy({Direction::kBackward, 2, 0, 10, 20}).ok());
  EXPECT_TRUE(EstimateEnergy({Direction::kBackward, 2, 0, 10, 350}).ok());
  EXPECT_FALSE(EstimateEnergy({Direction::kBackward, 2, 0, -1, 70}).ok());
  EXPECT_FALSE(EstimateEnergy({Direction::kBackward, 0, 0, 10, 70}).ok());
  EXPECT_FALSE(EstimateEnergy({Direction::kBackward, 4.0, 0, 10, 70}).ok());  // running
  EXPECT_FALSE(EstimateEnergy({Direction::kForward, 2, -1, 10, 70}).ok());
  auto e = EstimateEnergy({Direction::kForward, 2, 0, 10, 400});
  EXPECT_NE(e.status().message().find("20-350 kg"), std::string::npos);
}

TEST(EnergyTest, SessionEnergyIsTheSumOfItsIntervals) {
  Session s;
  s.intervals = {{IntervalKind::kWarmUp, 10, 2.0, true, ""},
                 {IntervalKind::kBackward, 10, 3.5, true, ""}};
  auto kcal = SessionKcal(s, 70);
  ASSERT_TRUE(kcal.ok());
  EXPECT_NEAR(*kcal, (2.8 + 6.0) * 3.5 * 70 / 200 * 10, 1e-9);
}

}  // namespace
}  // namespace retrowalk::training
