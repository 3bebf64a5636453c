// The plan, energy, screen and next commands through the built binary.
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "cli_run.h"

namespace retrowalk::testing_cli {
namespace {

const char* kPlanArgs = "plan --goal knee --level new --setting treadmill --start 2026-11-23";

TEST(PlanCliTest, PrintsSessionsWithSourcesAndSafety) {
  const CliRun r = Retrowalk(kPlanArgs);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Alghadir et al. 2019"), std::string::npos);
  EXPECT_NE(r.out.find("treadmill's manual"), std::string::npos);
  EXPECT_NE(r.out.find("Session 18"), std::string::npos);
  EXPECT_NE(r.out.find("Stop if tired, dizzy, in pain or losing balance."), std::string::npos);
  EXPECT_NE(r.err.find("not screened"), std::string::npos);  // a warning, not an error
}

TEST(PlanCliTest, JsonAndIcsOutputs) {
  const std::string ics = TempPath("plan.ics");
  const std::string out = TempPath("plan_out.json");
  const CliRun r = Retrowalk(std::string(kPlanArgs) + " --json --weeks 2 --ics '" + ics +
                             "' --out '" + out + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["sessions"].size(), 6u);
  EXPECT_EQ(nlohmann::json::parse(Slurp(out)), j);
  const std::string cal = Slurp(ics);
  EXPECT_EQ(cal.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  size_t events = 0;
  for (size_t p = cal.find("BEGIN:VEVENT"); p != std::string::npos;
       p = cal.find("BEGIN:VEVENT", p + 1))
    ++events;
  EXPECT_EQ(events, 6u);
}

struct BadPlan {
  const char* args;
  const char* fragment;
};
class BadPlanTest : public ::testing::TestWithParam<BadPlan> {};

TEST_P(BadPlanTest, OneLineErrorExitTwo) {
  ExpectOneLineError(Retrowalk(GetParam().args), GetParam().fragment);
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, BadPlanTest,
    ::testing::Values(
        BadPlan{"plan --goal hip --level new --setting outdoor", "unknown goal 'hip'"},
        BadPlan{"plan --goal knee --level pro --setting outdoor", "unknown level 'pro'"},
        BadPlan{"plan --goal knee --level new --setting pool", "unknown setting 'pool'"},
        BadPlan{"plan --goal knee --level new --setting outdoor --start 2026-02-30",
                "not a calendar date"},
        BadPlan{"plan --goal knee --level new --setting outdoor --start 23/11/2026", "not a date"},
        BadPlan{"plan --goal knee --level new --setting outdoor --days mon,funday",
                "unknown weekday"},
        BadPlan{"plan --goal knee --level new --setting outdoor --days mon,tue,wed,thu",
                "at most 3 sessions a week"},
        BadPlan{"plan --goal knee --level new --setting outdoor --weeks 0", "--weeks"},
        BadPlan{"plan --goal knee --level new --setting outdoor --weeks many", "weeks"},
        BadPlan{"plan --goal knee --level new --setting outdoor --mass-kg 10", "20 and 350"},
        BadPlan{"plan --goal knee --level new", "setting"}));

TEST(ScreeningCliTest, RefusesPlanOnAnExclusionAndWarnsOnACondition) {
  const std::string answers = TempPath("answers.json");
  WriteFile(answers, R"({"unstable_angina": false, "ventricular_arrhythmia": false,
    "resting_bp_over_200_100": true, "treadmill_rail_test": true,
    "treated_condition": false, "falls_or_dizziness": false})");
  ExpectOneLineError(Retrowalk(std::string(kPlanArgs) + " --screening '" + answers + "'"),
                     "200/100");
  WriteFile(answers, R"({"unstable_angina": false, "ventricular_arrhythmia": false,
    "resting_bp_over_200_100": false, "treadmill_rail_test": true,
    "treated_condition": true, "falls_or_dizziness": false})");
  const CliRun ok = Retrowalk(std::string(kPlanArgs) + " --json --screening '" + answers + "'");
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_TRUE(ok.err.empty()) << ok.err;
  EXPECT_EQ(nlohmann::json::parse(ok.out)["screening"]["status"], "warn");
  // Interactive answers from stdin.
  const CliRun asked = Retrowalk(std::string(kPlanArgs) + " --ask", "n\nn\nmaybe\nn\ny\nn\nn\n");
  EXPECT_EQ(asked.exit_code, 0) << asked.err;
  EXPECT_NE(asked.err.find("Please answer y or n"), std::string::npos);
  const CliRun q = Retrowalk("screen --json");
  ASSERT_EQ(q.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(q.out)["questions"].size(), 6u);
}

TEST(EnergyCliTest, BackwardHourIs441Kcal) {
  const CliRun r =
      Retrowalk("energy --direction backward --speed-mph 3.5 --minutes 60 --mass-kg 70 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_DOUBLE_EQ(j["kcal"].get<double>(), 441.0);
  EXPECT_DOUBLE_EQ(j["primary"]["met"].get<double>(), 6.0);
  EXPECT_TRUE(j["acsm"]["is_estimate"].get<bool>());
  const CliRun text =
      Retrowalk("energy --direction backward --speed-mph 2 --minutes 10 --mass-kg 70 --grade 5");
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("estimate"), std::string::npos);
}

TEST(EnergyCliTest, BadInput) {
  ExpectOneLineError(
      Retrowalk("energy --direction sideways --speed-mph 2 --minutes 10 --mass-kg 70"),
      "direction");
  ExpectOneLineError(
      Retrowalk("energy --direction forward --speed-mph 2 --minutes -5 --mass-kg 70"), "minutes");
  ExpectOneLineError(
      Retrowalk("energy --direction forward --speed-mph 2 --minutes 5 --mass-kg 351"), "20-350 kg");
  ExpectOneLineError(Retrowalk("energy --direction forward --speed-mph 2 --minutes 5 --mass-kg 19"),
                     "20-350 kg");
}

class NextCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    plan_ = TempPath("next_plan.json");
    log_ = TempPath("next_log.json");
    ASSERT_EQ(Retrowalk(std::string(kPlanArgs) + " --out '" + plan_ + "'").exit_code, 0);
  }
  CliRun Next(const std::string& entries, const std::string& extra = " --today 2026-11-27") {
    WriteFile(log_, R"({"format": "retrowalk-log", "version": 1, "entries": [)" + entries + "]}");
    return Retrowalk("next --plan '" + plan_ + "' --log '" + log_ + "'" + extra);
  }
  std::string plan_, log_;
};

TEST_F(NextCliTest, AdvanceHoldAndStepBackWithAReason) {
  const std::string e1 =
      R"({"date":"2026-11-23","session":1,"backward_minutes":2,"rpe":11,"pain":0})";
  const std::string e2 =
      R"({"date":"2026-11-25","session":2,"backward_minutes":2,"rpe":11,"pain":0})";
  const std::string e2_pain =
      R"({"date":"2026-11-25","session":2,"backward_minutes":2,"rpe":11,"pain":4})";
  const std::string e2_hard =
      R"({"date":"2026-11-25","session":2,"backward_minutes":2,"rpe":16,"pain":0})";
  auto decision = [&](const std::string& entries, const std::string& today) {
    const CliRun r = Next(entries, " --json --today " + today);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  };
  // Week 2 of the plan steps up; two in-band sessions let the walker take it.
  auto j = decision(e1 + "," + e2, "2026-11-27");
  EXPECT_EQ(j["decision"], "hold");  // on plan: session 3 is still week 1
  EXPECT_EQ(decision(e1 + "," + e2_hard, "2026-11-27")["rule"], "rpe_above_band");
  EXPECT_EQ(decision(e1 + "," + e2_pain, "2026-11-27")["rule"], "pain_high");
  EXPECT_EQ(decision(e1 + "," + e2, "2026-12-10")["rule"], "missed_week");
  const CliRun text = Next(e1 + "," + e2);
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Next: session 3"), std::string::npos) << text.out;
}

TEST_F(NextCliTest, BadLogs) {
  ExpectOneLineError(
      Next(R"({"date":"2026-11-23","session":1,"backward_minutes":2,"rpe":25,"pain":0})"), "rpe");
  ExpectOneLineError(
      Next(R"({"date":"2026-11-23","session":1,"backward_minutes":-2,"rpe":12,"pain":0})"),
      "backward_minutes");
  ExpectOneLineError(
      Next(R"({"date":"2026-11-31","session":1,"backward_minutes":2,"rpe":12,"pain":0})"),
      "not a calendar date");
  ExpectOneLineError(
      Next(R"({"date":"2026-11-23","session":99,"backward_minutes":2,"rpe":12,"pain":0})"),
      "not in the plan");
  WriteFile(log_, "{\n  \"format\": \"retrowalk-log\",\n  \"entries\": [1,]\n}\n");
  ExpectOneLineError(Retrowalk("next --plan '" + plan_ + "' --log '" + log_ + "'"), ":3:17:");
  WriteFile(plan_, "{\"format\": \"retrowalk-plan\"");
  ExpectOneLineError(Retrowalk("next --plan '" + plan_ + "' --log '" + log_ + "'"),
                     "malformed JSON");
  ExpectOneLineError(Retrowalk("next --plan '" + TempPath("missing.json") + "' --log x"),
                     "no such file");
}

}  // namespace
}  // namespace retrowalk::testing_cli
