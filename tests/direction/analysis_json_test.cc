// The live direction events reach `retrowalk analyze --json` as
// "direction_events", in time order, the first within a window of walking
// plus the engine's latency.
#include <memory>
#include <random>

#include <gtest/gtest.h>

#include "../gait/synthetic_gait.h"
#include "app/analysis.h"
#include "gait/direction/classifier.h"
#include "gait/engine.h"

namespace retrowalk {
namespace {

// With a gyroscope: 3 s standing, a walk of 40 steps, 6 s standing.
Recording StandWalkStand(testing::GaitModel& g, std::mt19937& rng) {
  Recording rec;
  rec.format = "test";
  rec.has_gyro = true;
  testing::AppendStill(g.body_to_sensor, 0, 3, 100, rec.samples, rng);
  testing::AppendWalk(g, 3, 40, rec.samples, rng);
  testing::AppendStill(g.body_to_sensor, rec.samples.back().t_s, 6, 100, rec.samples, rng);
  return rec;
}

AnalysisOptions SessionAnalysis() {
  AnalysisOptions o;
  o.chunk_samples = 333;
  o.direction = [] { return std::make_unique<direction::SessionDirectionClassifier>(); };
  return o;
}

TEST(AnalysisJson, CarriesTheLiveDirectionEvents) {
  std::mt19937 rng(31);
  testing::GaitModel g;
  const AnalysisOptions o = SessionAnalysis();
  const Result<Analysis> a = AnalyzeRecording(StandWalkStand(g, rng), o);
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->bouts.size(), 1u);
  ASSERT_FALSE(a->direction_events.empty());
  const nlohmann::ordered_json j = AnalysisToJson(*a);
  ASSERT_TRUE(j.contains("direction_events"));
  const auto& events = j["direction_events"];
  ASSERT_EQ(events.size(), a->direction_events.size());
  const auto& first = events[0];
  EXPECT_EQ(first["direction"], "forward");  // a session's warm-up
  EXPECT_DOUBLE_EQ(first["bout_start_s"].get<double>(), a->bouts[0].start_s);
  const double latency = first["latency_s"].get<double>();
  EXPECT_DOUBLE_EQ(latency, first["decided_at_s"].get<double>() - a->bouts[0].start_s);
  EXPECT_GT(latency, 0);
  EXPECT_LE(latency, 3.0 + GaitEngine(o.engine).latency_s());
  for (std::size_t i = 1; i < events.size(); ++i)
    EXPECT_GE(events[i]["decided_at_s"].get<double>(), events[i - 1]["decided_at_s"].get<double>());
}

TEST(AnalysisJson, SaysWhichBoutsWereJudgedAfterTheDeviceMoved) {
  // A session: a walk, a pause, then the device turned upside down (roll
  // 180°) and another walk. The second bout's "up" is the first's negation.
  std::mt19937 rng(32);
  testing::GaitModel g;
  Recording rec = StandWalkStand(g, rng);
  g.body_to_sensor = testing::Euler(0, 0, 3.14159265358979);
  testing::AppendWalk(g, rec.samples.back().t_s + 0.01, 40, rec.samples, rng);
  testing::AppendStill(g.body_to_sensor, rec.samples.back().t_s, 6, 100, rec.samples, rng);
  const Result<Analysis> a = AnalyzeRecording(rec, SessionAnalysis());
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->bouts.size(), 2u);
  const nlohmann::ordered_json j = AnalysisToJson(*a);
  EXPECT_EQ(j["bouts"][0]["device_moved"], false);
  EXPECT_EQ(j["bouts"][1]["device_moved"], true);
  bool moved_live = false;
  for (const auto& e : j["direction_events"]) {
    const bool second = e["bout_start_s"].get<double>() >= a->bouts[1].start_s;
    EXPECT_EQ(e["device_moved"].get<bool>(), second);
    moved_live = moved_live || second;
  }
  EXPECT_TRUE(moved_live);
}

}  // namespace
}  // namespace retrowalk
