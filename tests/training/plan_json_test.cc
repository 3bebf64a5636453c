#include "app/plan_json.h"

#include <gtest/gtest.h>

#include "app/plan_json_io.h"
#include "training/plan_generator.h"

namespace retrowalk::app {
namespace {

using namespace retrowalk::training;

Plan MakePlan(Goal goal, Level level, Setting setting) {
  PlanRequest r{goal, level, setting, std::nullopt, {}, ParseDate("2026-11-23").value()};
  return GeneratePlan(r).value();
}

TEST(PlanJsonTest, RoundTripsEveryGoalLevelAndSetting) {
  for (Goal g : {Goal::kKnee, Goal::kBalance, Goal::kBack, Goal::kCardio, Goal::kGeneral})
    for (Level l : {Level::kNew, Level::kSome, Level::kConfident})
      for (Setting s : {Setting::kTreadmill, Setting::kOutdoor}) {
        const Plan plan = MakePlan(g, l, s);
        const nlohmann::json j = PlanToJson(plan, {});
        auto back = PlanFromJson(nlohmann::json::parse(j.dump()), "plan.json");
        ASSERT_TRUE(back.ok()) << back.status().message();
        EXPECT_EQ(back->goal, g);
        EXPECT_EQ(back->level, l);
        EXPECT_EQ(back->setting, s);
        EXPECT_EQ(back->days, plan.days);
        ASSERT_EQ(back->sessions.size(), plan.sessions.size());
        for (size_t k = 0; k < plan.sessions.size(); ++k) {
          EXPECT_EQ(back->sessions[k].date, plan.sessions[k].date);
          EXPECT_EQ(back->sessions[k].stage, plan.sessions[k].stage);
          EXPECT_DOUBLE_EQ(back->sessions[k].BackwardMinutes(), plan.sessions[k].BackwardMinutes());
          EXPECT_EQ(back->sessions[k].progression.has_value(),
                    plan.sessions[k].progression.has_value());
        }
      }
}

TEST(PlanJsonTest, CarriesSourcesWarningsAndEnergy) {
  const nlohmann::json j = PlanToJson(MakePlan(Goal::kKnee, Level::kNew, Setting::kTreadmill), {});
  EXPECT_NE(j["target"]["source"].get<std::string>().find("Alghadir"), std::string::npos);
  EXPECT_NE(j["warnings"][0]["text"].get<std::string>().find("treadmill's manual"),
            std::string::npos);
  EXPECT_EQ(j["screening"]["status"], "not done");
  EXPECT_TRUE(j["sessions"][0].contains("kcal_estimate"));
  EXPECT_TRUE(j["sessions"][0]["progression"].contains("source"));
  EXPECT_FALSE(j["sessions"][0]["stop_rules"].empty());
  EXPECT_DOUBLE_EQ(j["sessions"][0]["intervals"][1]["speed_kmh"].get<double>(), 1.61);
}

TEST(PlanJsonTest, SchemaErrorsNameTheMember) {
  nlohmann::json j = PlanToJson(MakePlan(Goal::kKnee, Level::kNew, Setting::kOutdoor), {});
  j["sessions"][2]["intervals"][1]["minutes"] = -3;
  auto r = PlanFromJson(j, "p.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind("p.json.sessions[2].intervals[1].minutes: ", 0), 0u)
      << r.status().message();
  j = PlanToJson(MakePlan(Goal::kKnee, Level::kNew, Setting::kOutdoor), {});
  j["goal"] = "hip";
  EXPECT_NE(PlanFromJson(j, "p.json").status().message().find("unknown goal"), std::string::npos);
  j["goal"] = "knee";
  j["sessions"][0]["date"] = "2026-02-30";
  EXPECT_FALSE(PlanFromJson(j, "p.json").ok());
  EXPECT_FALSE(PlanFromJson(nlohmann::json::array(), "p.json").ok());
}

TEST(PlanJsonIoTest, SyntaxErrorsGiveLineAndColumn) {
  auto r = ParseJsonText("{\n  \"a\": 1,\n  \"b\": ]\n}", "x.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind("x.json:3:8: malformed JSON", 0), 0u)
      << r.status().message();
  EXPECT_EQ(LineColumn("ab\ncd", 4), (std::pair<int, int>{2, 2}));
}

}  // namespace
}  // namespace retrowalk::app
