#include "training/screening.h"

#include <gtest/gtest.h>

namespace retrowalk::training {
namespace {

std::map<std::string, bool> AllClear() {
  std::map<std::string, bool> a;
  for (const ScreeningQuestion& q : ScreeningQuestions()) a[std::string(q.id)] = !q.flagged_answer;
  return a;
}

TEST(ScreeningTest, AllClear) {
  auto r = EvaluateScreening(AllClear(), Setting::kTreadmill);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->verdict, ScreeningVerdict::kClear);
  EXPECT_TRUE(r->findings.empty());
}

TEST(ScreeningTest, EachTrialExclusionRefuses) {
  for (const char* id : {"unstable_angina", "ventricular_arrhythmia", "resting_bp_over_200_100"}) {
    auto a = AllClear();
    a[id] = true;
    for (Setting s : {Setting::kTreadmill, Setting::kOutdoor}) {
      auto r = EvaluateScreening(a, s);
      ASSERT_TRUE(r.ok());
      EXPECT_EQ(r->verdict, ScreeningVerdict::kRefuse) << id;
      ASSERT_EQ(r->findings.size(), 1u);
      EXPECT_NE(r->findings[0].message.find("("), std::string::npos);  // cites its source
    }
  }
}

TEST(ScreeningTest, RailTestRefusesOnlyTreadmillPlans) {
  auto a = AllClear();
  a["treadmill_rail_test"] = false;
  EXPECT_EQ(EvaluateScreening(a, Setting::kTreadmill)->verdict, ScreeningVerdict::kRefuse);
  EXPECT_EQ(EvaluateScreening(a, Setting::kOutdoor)->verdict, ScreeningVerdict::kClear);
  a.erase("treadmill_rail_test");  // not asked outdoors
  EXPECT_TRUE(EvaluateScreening(a, Setting::kOutdoor).ok());
  EXPECT_FALSE(EvaluateScreening(a, Setting::kTreadmill).ok());
}

TEST(ScreeningTest, ConditionsWarnAndRefusalWins) {
  auto a = AllClear();
  a["treated_condition"] = true;
  EXPECT_EQ(EvaluateScreening(a, Setting::kOutdoor)->verdict, ScreeningVerdict::kWarn);
  a["resting_bp_over_200_100"] = true;
  auto r = EvaluateScreening(a, Setting::kOutdoor);
  EXPECT_EQ(r->verdict, ScreeningVerdict::kRefuse);
  EXPECT_EQ(r->findings.size(), 2u);
}

TEST(ScreeningTest, MissingAndUnknownAnswersAreErrors) {
  auto a = AllClear();
  a.erase("unstable_angina");
  EXPECT_FALSE(EvaluateScreening(a, Setting::kOutdoor).ok());
  a = AllClear();
  a["unstable_angine"] = false;
  EXPECT_FALSE(EvaluateScreening(a, Setting::kOutdoor).ok());
}

}  // namespace
}  // namespace retrowalk::training
