#include "training/plan_generator.h"

#include <map>
#include <tuple>

#include <gtest/gtest.h>

#include "training/evidence.h"
#include "training/ladder.h"

namespace retrowalk::training {
namespace {

Date D(const char* s) {
  return ParseDate(s).value();
}

using Combo = std::tuple<Goal, Level, Setting>;

class EveryPlanTest : public ::testing::TestWithParam<Combo> {
 protected:
  Plan Make() {
    PlanRequest r;
    std::tie(r.goal, r.level, r.setting) = GetParam();
    r.start = D("2026-11-23");  // a Monday
    auto plan = GeneratePlan(r);
    EXPECT_TRUE(plan.ok()) << plan.status().message();
    return plan.value();
  }
};

TEST_P(EveryPlanTest, DosesNeverExceedTheEvidence) {
  const Plan plan = Make();
  const GoalProfile& profile = ProfileFor(plan.goal);
  ASSERT_FALSE(plan.sessions.empty());
  std::map<int, int> per_week;
  for (const Session& s : plan.sessions) {
    EXPECT_LE(s.BackwardMinutes(), profile.max_backward_minutes) << "session " << s.index;
    EXPECT_LE(s.stage, profile.target_stage);
    ++per_week[s.week];
    for (const Interval& i : s.intervals) {
      EXPECT_GT(i.minutes, 0);
      if (i.kind != IntervalKind::kBackward) continue;
      // Treadmill guidance: about 1-2 mph.
      EXPECT_GE(i.speed_mph, 1.0);
      EXPECT_LE(i.speed_mph, kMaxTreadmillBackwardMph);
      EXPECT_EQ(i.speed_is_target, plan.setting == Setting::kTreadmill);
      if (plan.setting == Setting::kOutdoor) {
        EXPECT_NE(i.instruction.find("slow, small steps"), std::string::npos);
      }
    }
    EXPECT_EQ(s.intervals.front().kind, IntervalKind::kWarmUp);
    EXPECT_EQ(s.intervals.back().kind, IntervalKind::kCoolDown);
  }
  for (const auto& [week, count] : per_week) EXPECT_LE(count, profile.max_sessions_per_week);
}

TEST_P(EveryPlanTest, RampIsMonotoneAndEveryStepCitesItsSource) {
  const Plan plan = Make();
  int previous = -1;
  double previous_minutes = 0;
  for (const Session& s : plan.sessions) {
    EXPECT_GE(s.stage, previous);
    EXPECT_GE(s.BackwardMinutes(), previous_minutes);
    if (s.stage != previous) {
      ASSERT_TRUE(s.progression.has_value()) << "session " << s.index;
      EXPECT_TRUE(HasEvidence(s.progression->evidence_id));
      EXPECT_LE(s.stage - previous, previous < 0 ? 100 : 1) << "one stage at a time";
    } else {
      EXPECT_FALSE(s.progression.has_value());
    }
    previous = s.stage;
    previous_minutes = s.BackwardMinutes();
  }
}

TEST_P(EveryPlanTest, DefaultLengthReachesTheGoalsTrialDose) {
  const Plan plan = Make();
  const GoalProfile& profile = ProfileFor(plan.goal);
  EXPECT_EQ(plan.sessions.back().stage, profile.target_stage);
  EXPECT_EQ(plan.sessions.front().stage, StartStage(plan.level));
  EXPECT_GE(plan.weeks, profile.trial_weeks);
}

TEST_P(EveryPlanTest, NewWalkersStartAtTheBeginnerDose) {
  const Plan plan = Make();
  if (plan.level != Level::kNew) return;  // the beginner rule applies to level new
  // 1-2 min backward for every 10-15 min forward, at 1-2 mph.
  for (const Session& s : plan.sessions) {
    if (s.week > 2) break;
    double forward_before = 0;
    for (const Interval& i : s.intervals) {
      if (i.kind == IntervalKind::kBackward) {
        EXPECT_GE(i.minutes, 1);
        EXPECT_LE(i.minutes, 2);
        EXPECT_GE(forward_before, 10);
        EXPECT_LE(forward_before, 15);
        EXPECT_GE(i.speed_mph, 1);
        EXPECT_LE(i.speed_mph, 2);
        forward_before = 0;
      } else {
        forward_before += i.minutes;
      }
    }
    EXPECT_EQ(s.stage <= 1, true);
    EXPECT_TRUE(HasEvidence(StageEvidence(plan.goal, s.stage)));
    EXPECT_EQ(StageEvidence(plan.goal, s.stage), "practice.beginner_dose");
  }
}

INSTANTIATE_TEST_SUITE_P(
    AllGoalsLevelsSettings, EveryPlanTest,
    ::testing::Combine(::testing::Values(Goal::kKnee, Goal::kBalance, Goal::kBack, Goal::kCardio,
                                         Goal::kGeneral),
                       ::testing::Values(Level::kNew, Level::kSome, Level::kConfident),
                       ::testing::Values(Setting::kTreadmill, Setting::kOutdoor)),
    [](const ::testing::TestParamInfo<Combo>& param_info) {
      return std::string(Name(std::get<0>(param_info.param))) + "_" +
             std::string(Name(std::get<1>(param_info.param))) + "_" +
             std::string(Name(std::get<2>(param_info.param)));
    });

TEST(PlanGeneratorTest, KneeNewReachesTenMinutesThreeTimesAWeekByWeekSix) {
  PlanRequest r{Goal::kKnee, Level::kNew, Setting::kTreadmill, std::nullopt, {}, D("2026-11-23")};
  auto plan = GeneratePlan(r);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->weeks, 6);
  EXPECT_EQ(plan->sessions.size(), 18u);
  EXPECT_DOUBLE_EQ(plan->sessions.front().BackwardMinutes(), 2);
  for (const Session& s : plan->sessions) {
    // Week 5 reaches 10 min in two bursts of 5; week 6 walks them at once.
    EXPECT_DOUBLE_EQ(s.BackwardMinutes(), s.week >= 5   ? 10
                                          : s.week == 4 ? 8
                                          : s.week == 3 ? 6
                                          : s.week == 2 ? 4
                                                        : 2);
    EXPECT_EQ(s.intervals[1].minutes == 10, s.week == 6);
  }
  EXPECT_EQ(plan->sessions[15].progression->evidence_id, "trial.knee");
}

TEST(PlanGeneratorTest, SessionsFallOnTheChosenDays) {
  PlanRequest r{Goal::kBalance, Level::kSome, Setting::kOutdoor, 2, {1, 3}, D("2026-11-25")};
  auto plan = GeneratePlan(r);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->sessions.size(), 4u);  // Wed start: Thu, Tue, Thu, Tue
  EXPECT_EQ(FormatDate(plan->sessions[0].date), "2026-11-26");
  EXPECT_EQ(FormatDate(plan->sessions[1].date), "2026-12-01");
  for (const Session& s : plan->sessions) {
    const int wd = IsoWeekdayIndex(s.date);
    EXPECT_TRUE(wd == 1 || wd == 3);
  }
}

TEST(PlanGeneratorTest, ShortPlanStopsBelowTheTargetWithoutJumping) {
  PlanRequest r{Goal::kBack, Level::kNew, Setting::kTreadmill, 3, {}, D("2026-11-23")};
  auto plan = GeneratePlan(r);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->sessions.back().stage, 2);
}

TEST(PlanGeneratorTest, RefusesMoreSessionsAWeekThanTheEvidence) {
  PlanRequest r{Goal::kKnee,  Level::kNew,  Setting::kTreadmill,
                std::nullopt, {0, 1, 2, 3}, D("2026-11-23")};
  auto plan = GeneratePlan(r);
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.status().message().find("at most 3 sessions a week"), std::string::npos);
  r.goal = Goal::kBack;  // hamstring trial: 4 days a week
  EXPECT_TRUE(GeneratePlan(r).ok());
}

TEST(PlanGeneratorTest, RejectsBadWeeksAndDuplicateDays) {
  PlanRequest r{Goal::kKnee, Level::kNew, Setting::kTreadmill, 0, {}, D("2026-11-23")};
  EXPECT_FALSE(GeneratePlan(r).ok());
  r.weeks = 53;
  EXPECT_FALSE(GeneratePlan(r).ok());
  r.weeks = 2;
  r.days = {0, 0};
  EXPECT_FALSE(GeneratePlan(r).ok());
}

TEST(CivilDateTest, ParsesStrictlyAndRejectsImpossibleDates) {
  EXPECT_TRUE(ParseDate("2028-02-29").ok());
  EXPECT_FALSE(ParseDate("2026-02-29").ok());
  EXPECT_FALSE(ParseDate("2026-13-01").ok());
  EXPECT_FALSE(ParseDate("2026-1-01").ok());
  EXPECT_FALSE(ParseDate("tomorrow").ok());
  EXPECT_EQ(FormatDate(D("2026-11-23")), "2026-11-23");
  EXPECT_EQ(IsoWeekdayIndex(D("2026-11-23")), 0);
  EXPECT_EQ(ParseWeekday("sun").value(), 6);
  EXPECT_FALSE(ParseWeekday("Mon").ok());
}

TEST(TypesTest, UnknownNamesAreErrorsListingTheChoices) {
  auto g = ParseGoal("hip");
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().message(),
            "unknown goal 'hip' (expected knee, balance, back, cardio, general)");
  EXPECT_FALSE(ParseLevel("expert").ok());
  EXPECT_FALSE(ParseSetting("pool").ok());
}

}  // namespace
}  // namespace retrowalk::training
