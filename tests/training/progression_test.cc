#include "training/progression.h"

#include <gtest/gtest.h>

#include "training/ladder.h"
#include "training/plan_generator.h"

namespace retrowalk::training {
namespace {

Date D(const char* s) {
  return ParseDate(s).value();
}

// A log entry at `date` that completed stage `stage`'s backward minutes.
LogEntry Done(const char* date, int stage, int rpe = 11, int pain = 0, int stumbles = 0) {
  LogEntry e;
  e.date = D(date);
  e.backward_minutes = Ladder()[static_cast<size_t>(stage)].BackwardMinutes();
  e.rpe = rpe;
  e.pain = pain;
  e.stumbles = stumbles;
  return e;
}

Decision DecideFor(Goal goal, int stage, const std::vector<LogEntry>& history, int at_stage,
                   const char* as_of) {
  ProgressionInput in;
  in.goal = goal;
  in.stage = stage;
  in.history = history;
  in.entries_at_stage = at_stage;
  in.as_of = D(as_of);
  return Decide(in);
}

struct Case {
  const char* name;
  std::vector<LogEntry> history;
  int at_stage;
  const char* as_of;
  Action action;
  const char* rule;
  int to_stage;
};

class RuleTest : public ::testing::TestWithParam<Case> {};

TEST_P(RuleTest, DecidesAsTheRulesSay) {
  const Case& c = GetParam();
  const Decision d = DecideFor(Goal::kKnee, 2, c.history, c.at_stage, c.as_of);
  EXPECT_EQ(d.action, c.action) << d.reason;
  EXPECT_EQ(d.rule_id, c.rule) << d.reason;
  EXPECT_EQ(d.to_stage, c.to_stage);
  EXPECT_FALSE(d.reason.empty());
  EXPECT_EQ(d.reason.back(), '.');  // one sentence
  EXPECT_EQ(d.reason.find(". "), std::string::npos) << d.reason;
}

// Knee: RPE band 9-13; stage 2 is 3 x 2 min.
INSTANTIATE_TEST_SUITE_P(
    Knee, RuleTest,
    ::testing::Values(Case{"no_history", {}, 0, "2026-11-23", Action::kHold, "no_history", 2},
                      Case{"pain_4_steps_back",
                           {Done("2026-11-23", 2, 11, 4)},
                           1,
                           "2026-11-25",
                           Action::kStepBack,
                           "pain_high",
                           1},
                      Case{"pain_rising_steps_back",
                           {Done("2026-11-23", 2, 11, 1), Done("2026-11-25", 2, 11, 2)},
                           2,
                           "2026-11-27",
                           Action::kStepBack,
                           "pain_rising",
                           1},
                      Case{"stumble_steps_back",
                           {Done("2026-11-23", 2, 11, 0, 1)},
                           1,
                           "2026-11-25",
                           Action::kStepBack,
                           "stumbles",
                           1},
                      Case{"missed_week_steps_back",
                           {Done("2026-11-23", 2)},
                           1,
                           "2026-12-01",
                           Action::kStepBack,
                           "missed_week",
                           1},
                      Case{"seven_days_is_not_a_missed_week",
                           {Done("2026-11-16", 2), Done("2026-11-23", 2)},
                           2,
                           "2026-11-30",
                           Action::kAdvance,
                           "two_in_band",
                           3},
                      Case{"rpe_above_band_holds",
                           {Done("2026-11-23", 2), Done("2026-11-25", 2, 15)},
                           2,
                           "2026-11-27",
                           Action::kHold,
                           "rpe_above_band",
                           2},
                      Case{"two_in_band_advance",
                           {Done("2026-11-23", 2, 12), Done("2026-11-25", 2, 13)},
                           2,
                           "2026-11-27",
                           Action::kAdvance,
                           "two_in_band",
                           3},
                      Case{"one_in_band_holds",
                           {Done("2026-11-23", 2)},
                           1,
                           "2026-11-25",
                           Action::kHold,
                           "otherwise",
                           2},
                      Case{"two_in_band_but_one_from_the_stage_below_holds",
                           {Done("2026-11-23", 2), Done("2026-11-25", 2)},
                           1,
                           "2026-11-27",
                           Action::kHold,
                           "otherwise",
                           2},
                      Case{"incomplete_holds",
                           {Done("2026-11-23", 2),
                            [] {
                              LogEntry e = Done("2026-11-25", 2);
                              e.backward_minutes = 3;
                              return e;
                            }()},
                           2,
                           "2026-11-27",
                           Action::kHold,
                           "incomplete",
                           2},
                      Case{"pain_beats_rpe",
                           {Done("2026-11-23", 2, 18, 5)},
                           1,
                           "2026-11-25",
                           Action::kStepBack,
                           "pain_high",
                           1},
                      Case{"pain_falling_is_fine",
                           {Done("2026-11-23", 2, 11, 3), Done("2026-11-25", 2, 11, 2)},
                           2,
                           "2026-11-27",
                           Action::kAdvance,
                           "two_in_band",
                           3}),
    [](const ::testing::TestParamInfo<Case>& param_info) { return param_info.param.name; });

TEST(ProgressionTest, StepBackAtTheFirstStageStaysThere) {
  const Decision d = DecideFor(Goal::kKnee, 0, {Done("2026-11-23", 0, 11, 6)}, 1, "2026-11-25");
  EXPECT_EQ(d.action, Action::kHold);
  EXPECT_EQ(d.to_stage, 0);
  EXPECT_NE(d.reason.find("first stage"), std::string::npos);
}

TEST(ProgressionTest, NeverAdvancesPastTheGoalsDoseOrThePlan) {
  const int target = ProfileFor(Goal::kKnee).target_stage;
  std::vector<LogEntry> h = {Done("2026-11-23", target), Done("2026-11-25", target)};
  Decision d = DecideFor(Goal::kKnee, target, h, 2, "2026-11-27");
  EXPECT_EQ(d.action, Action::kHold);
  EXPECT_EQ(d.to_stage, target);
  ProgressionInput in{Goal::kKnee, 2, {}, 2, D("2026-11-27"), 2};
  std::vector<LogEntry> h2 = {Done("2026-11-23", 2), Done("2026-11-25", 2)};
  in.history = h2;
  d = Decide(in);
  EXPECT_EQ(d.action, Action::kHold);
  EXPECT_NE(d.reason.find("on plan"), std::string::npos);
}

TEST(ProgressionTest, CardioBandIsModerate) {
  // RPE 11 is light: below cardio's 12-13 band counts as in band (not above it).
  const Decision d = DecideFor(Goal::kCardio, 2, {Done("2026-11-23", 2, 14)}, 1, "2026-11-25");
  EXPECT_EQ(d.rule_id, "rpe_above_band");
  EXPECT_EQ(DecideFor(Goal::kBalance, 2, {Done("2026-11-23", 2, 12)}, 1, "2026-11-25").rule_id,
            "rpe_above_band");
}

TEST(ProgressionTest, ValidatesEntries) {
  LogEntry e = Done("2026-11-23", 0);
  e.rpe = 21;
  EXPECT_FALSE(ValidateLogEntry(e).ok());
  e.rpe = 5;
  EXPECT_FALSE(ValidateLogEntry(e).ok());
  e.rpe = 12;
  e.pain = 11;
  EXPECT_FALSE(ValidateLogEntry(e).ok());
  e.pain = 0;
  e.backward_minutes = -1;
  EXPECT_FALSE(ValidateLogEntry(e).ok());
  e.backward_minutes = 2;
  EXPECT_TRUE(ValidateLogEntry(e).ok());
}

class PlanNextTest : public ::testing::Test {
 protected:
  void SetUp() override {
    PlanRequest r{Goal::kKnee, Level::kNew, Setting::kTreadmill, std::nullopt, {}, D("2026-11-23")};
    plan_ = GeneratePlan(r).value();
  }
  LogEntry At(int session, int rpe = 11, int pain = 0) {
    LogEntry e = Done("2026-11-23", plan_.sessions[static_cast<size_t>(session)].stage, rpe, pain);
    e.date = plan_.sessions[static_cast<size_t>(session)].date;
    e.session_index = session;
    return e;
  }
  Plan plan_;
};

TEST_F(PlanNextTest, FollowingThePlanInBandKeepsPace) {
  std::vector<LogEntry> log;
  for (int s = 0; s < 9; ++s) log.push_back(At(s));
  auto next = PlanNext(plan_, log, D("2026-12-14"));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->next_index, 9);
  EXPECT_EQ(next->decision.to_stage, plan_.sessions[9].stage);
  EXPECT_EQ(next->decision.action, Action::kAdvance);
}

TEST_F(PlanNextTest, PainStepsBackThenClimbsAgain) {
  std::vector<LogEntry> log = {At(0), At(1), At(2), At(3, 11, 5)};
  auto next = PlanNext(plan_, log, D("2026-12-02"));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->decision.action, Action::kStepBack);
  EXPECT_EQ(next->decision.to_stage, 0);
  EXPECT_DOUBLE_EQ(next->intervals[1].minutes, 1);
}

TEST_F(PlanNextTest, RejectsEntriesForSessionsThePlanDoesNotHave) {
  LogEntry e = At(0);
  e.session_index = 99;
  EXPECT_FALSE(PlanNext(plan_, std::vector<LogEntry>{e}, D("2026-12-02")).ok());
}

TEST_F(PlanNextTest, EmptyLogStartsAsPlanned) {
  auto next = PlanNext(plan_, {}, D("2026-11-23"));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->next_index, 0);
  EXPECT_EQ(next->decision.rule_id, "no_history");
}

}  // namespace
}  // namespace retrowalk::training
