// The engine on the real recordings in ../shared/data: loose accuracy bounds
// (the exact figures are reported by `retrowalk evaluate steps`), no
// stumbles on steady walks, and streaming == batch on real signals.
#include <cmath>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "../gait/random_chunks.h"
#include "../gait/synthetic_gait.h"
#include "app/analysis.h"
#include "app/evaluation.h"
#include "gait/engine.h"
#include "io/read.h"

namespace retrowalk {
namespace {

const std::string kShared = RETROWALK_SHARED_DATA;

bool HaveData() {
  std::error_code ec;
  return std::filesystem::is_directory(kShared, ec);
}

#define SKIP_WITHOUT_DATA() \
  if (!HaveData()) GTEST_SKIP() << kShared << " is absent: data-driven evaluation skipped"

std::vector<RecordingEvaluation> EvaluateAll() {
  std::vector<RecordingEvaluation> out;
  for (const std::string& path : FindEvaluationRecordings({kShared})) {
    auto r = ReadRecording(path);
    if (!r.ok() || r->CountAnnotations(kStepAnnotation) == 0) continue;
    auto e = EvaluateRecording(*r, {});
    if (e.ok()) out.push_back(std::move(*e));
  }
  return out;
}

TEST(GaitEvalTest, StepCountsOnAllSubjectsWithinLooseBounds) {
  SKIP_WITHOUT_DATA();
  const auto recordings = EvaluateAll();
  ASSERT_GT(recordings.size(), 50u);
  for (const GroupEvaluation& g : Summarize(recordings)) {
    if (!g.placement.empty()) continue;
    SCOPED_TRACE(g.source);
    if (g.source == "oxford-step") {
      EXPECT_LT(g.mape_pct, 5.0);
    }
    if (g.source == "ipol-gait") {
      EXPECT_LT(g.mape_pct, 8.0);
      EXPECT_GE(g.bout_sensitivity(), 0.95);
    }
    // Mobilise-D is scored inside its INDIP walking bouts, but its one-subject
    // development figures are too few and irregular for a bound (docs/gait.md).
    if (g.source != "mobilise-d") {
      EXPECT_GT(g.precision(), 0.9);
    }
    // The stumble rule never fires on these steady walks.
    EXPECT_EQ(g.stumbles, 0);
  }
}

// Needs no data: a synthetic recording with two walks, the reference bout
// covering only the first and the reference steps the first plus a few of the
// second (as IPOL annotates some steps after its trial ends; Mobilise-D's
// INDIP reference has none outside its bouts).
TEST(GaitEvalTest, BoutScopedReferenceIsScoredInsideItsBoutsWholeRecordingKept) {
  std::mt19937 rng(21);
  testing::GaitModel g;
  g.body_to_sensor = testing::RandomRotation(rng);
  for (const char* source : {"mobilise-d", "ipol-gait", "oxford-step"}) {
    Recording r;
    r.metadata.Set("source", source);
    testing::AppendStill(g.body_to_sensor, 0, 5, 100, r.samples, rng);
    const auto first = testing::AppendWalk(g, 5, 40, r.samples, rng);
    testing::AppendStill(g.body_to_sensor, r.samples.back().t_s, 10, 100, r.samples, rng);
    const auto second = testing::AppendWalk(g, r.samples.back().t_s + 0.01, 40, r.samples, rng);
    testing::AppendStill(g.body_to_sensor, r.samples.back().t_s, 6, 100, r.samples, rng);
    r.annotations.push_back({first.front(), first.back(), kBoutAnnotation});
    for (double t : first) r.annotations.push_back({t, t, kStepAnnotation});
    const int annotated_after = 3;
    for (int i = 0; i < annotated_after; ++i) {
      r.annotations.push_back({second[i], second[i], kStepAnnotation});
    }
    const double reference_all = static_cast<double>(first.size()) + annotated_after;
    auto e = EvaluateRecording(r, {});
    ASSERT_TRUE(e.ok()) << source;
    SCOPED_TRACE(source);
    EXPECT_NEAR(e->detected_steps_recording, 80, 2);
    EXPECT_NEAR(e->count_error_recording_pct, 100 * (80 - reference_all) / reference_all, 5);
    EXPECT_EQ(e->match_recording.reference, reference_all);
    if (ReferenceCoversOnlyItsBouts(source)) {
      EXPECT_TRUE(e->within_reference_bouts);
      EXPECT_EQ(e->reference_steps, static_cast<int>(first.size()));
      EXPECT_NEAR(e->detected_steps, 40, 1);
      EXPECT_LT(std::abs(e->count_error_pct), 3);
      EXPECT_GT(e->match.matched, 38);
    } else {
      EXPECT_FALSE(e->within_reference_bouts);
      EXPECT_EQ(e->reference_steps, reference_all);
      EXPECT_EQ(e->detected_steps, e->detected_steps_recording);
      EXPECT_EQ(e->count_error_pct, e->count_error_recording_pct);
    }
  }
  EXPECT_TRUE(ReferenceCoversOnlyItsBouts("mobilise-d"));
  EXPECT_TRUE(ReferenceCoversOnlyItsBouts("ipol-gait"));
  EXPECT_FALSE(ReferenceCoversOnlyItsBouts("oxford-step"));
}

// What a sensor logging at rate_hz would give: each channel averaged over
// 1/rate_hz-long bins centred on the new sample times (its own low-pass).
Recording Downsampled(const Recording& r, double rate_hz) {
  Recording out = r;
  out.samples.clear();
  const std::vector<Sample>& in = r.samples;
  std::size_t i = 0;
  for (long k = std::lround(std::ceil(in.front().t_s * rate_hz)); i < in.size(); ++k) {
    const double t = static_cast<double>(k) / rate_hz;
    while (i < in.size() && in[i].t_s < t - 0.5 / rate_hz) ++i;
    Vec3 acc, gyro;
    int n = 0;
    for (; i < in.size() && in[i].t_s < t + 0.5 / rate_hz; ++i, ++n) {
      acc = acc + in[i].acc_mps2;
      gyro = gyro + in[i].gyro_radps;
    }
    if (n == 0) continue;
    const float mean = 1.0f / static_cast<float>(n);
    out.samples.push_back({t, acc * mean, gyro * mean});
  }
  return out;
}

// Many wearables log at 25-50 Hz and are worn any way round: the development
// IPOL walks (U-turns in each) still count within a step or two of the
// original, and the stumble rule still never fires (a turn is not a jolt).
TEST(GaitEvalTest, RealWalksAtTwentyFiveHertzAndTurnedCountTheSameWithoutStumbles) {
  SKIP_WITHOUT_DATA();
  std::mt19937 rng(25);
  int recordings = 0;
  for (const std::string& path : FindEvaluationRecordings({kShared + "/ipol-gait"})) {
    const std::string name = std::filesystem::path(path).filename().string();
    if (name.size() < 2 || name[0] < '1' || name[0] > '6' || name[1] != '-') continue;
    auto r = ReadRecording(path);
    ASSERT_TRUE(r.ok()) << path;
    auto original = EvaluateRecording(*r, {});
    ASSERT_TRUE(original.ok()) << path;
    Recording changed = Downsampled(*r, 25.0);
    const testing::Rotation turn = testing::RandomRotation(rng);
    for (Sample& s : changed.samples) {
      s.acc_mps2 = turn.Apply(s.acc_mps2);
      s.gyro_radps = turn.Apply(s.gyro_radps);
    }
    auto e = EvaluateRecording(changed, {});
    ASSERT_TRUE(e.ok()) << path << ": " << e.status().message();
    SCOPED_TRACE(name);
    EXPECT_LE(std::abs(e->detected_steps - original->detected_steps), 2);
    EXPECT_EQ(e->stumbles, 0);
    ++recordings;
  }
  EXPECT_EQ(recordings, 34);
}

// Needs no data: synthetic sessions are scored as one source, not one per
// list of motion-capture clips (their `source` metadata).
TEST(GaitEvalTest, SyntheticRecordingsAreOneSource) {
  Recording r;
  r.format = "retrowalk-csv";
  EXPECT_EQ(EvaluationSource(r), "retrowalk-csv");
  r.metadata.Set("source", "ipol-gait");
  EXPECT_EQ(EvaluationSource(r), "ipol-gait");
  EXPECT_FALSE(IsSynthetic(r));
  r.metadata.Set("source", "dataset-1_walk_happy_001.bvh dataset-1_walk-back_happy_001.bvh");
  r.metadata.Set("generator", "retrowalk synth (virtual IMU from motion capture)");
  EXPECT_TRUE(IsSynthetic(r));
  EXPECT_EQ(EvaluationSource(r), "synth");
  std::mt19937 rng(4);
  testing::GaitModel g;
  testing::AppendStill(g.body_to_sensor, 0, 3, 100, r.samples, rng);
  for (double t : testing::AppendWalk(g, 3, 20, r.samples, rng))
    r.annotations.push_back({t, t, kStepAnnotation});
  testing::AppendStill(g.body_to_sensor, r.samples.back().t_s, 4, 100, r.samples, rng);
  auto e = EvaluateRecording(r, {});
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->source, "synth");
  EXPECT_EQ(e->split, "test");
}

TEST(GaitEvalTest, StreamingEqualsBatchOnARealPhoneRecording) {
  SKIP_WITHOUT_DATA();
  const std::string path = kShared + "/oxford-step/optimisation/data/Pixel_Jamie_Hard_Purse_1";
  auto r = ReadRecording(path);
  if (!r.ok()) GTEST_SKIP() << r.status().message();
  const EngineEvents batch = AnalyzeSamples(r->samples);
  ASSERT_FALSE(batch.steps.empty());
  std::mt19937 rng(11);
  std::uniform_int_distribution<std::size_t> chunk(1, 5000);
  GaitEngine engine;
  EngineEvents streamed;
  const std::span<const Sample> all(r->samples);
  for (std::size_t i = 0; i < all.size();) {
    const std::size_t n = std::min(chunk(rng), all.size() - i);
    engine.Push(all.subspan(i, n), streamed);
    i += n;
  }
  engine.Finish(streamed);
  ASSERT_EQ(batch.steps.size(), streamed.steps.size());
  for (std::size_t i = 0; i < batch.steps.size(); ++i) {
    EXPECT_EQ(batch.steps[i].t_s, streamed.steps[i].t_s);
  }
  ASSERT_EQ(batch.bouts.size(), streamed.bouts.size());
  for (std::size_t i = 0; i < batch.bouts.size(); ++i) {
    EXPECT_EQ(batch.bouts[i].step_times_s, streamed.bouts[i].step_times_s);
  }
}

// Live direction on real walks, where the OnsetWatcher's early answers, their
// retries and answers for bouts that open elsewhere happen: the same events
// and final directions whatever the chunks, standalone and in a session.
TEST(GaitEvalTest, LiveDirectionStreamingEqualsBatchOnRealRecordings) {
  SKIP_WITHOUT_DATA();
  const std::vector<std::string> paths = {
      kShared + "/oxford-step/optimisation/data/Pixel_Jamie_Hard_SwingingArm_2",
      kShared + "/oxford-step/optimisation/data/Pixel_Jamie_Hard_Armband_1",
      kShared + "/oxford-step/optimisation/data/Pixel_Jamie_Hard_BackPocket_2",
      kShared + "/ipol-gait/GaitData/2-1_lb.txt",
      kShared + "/mobgap-example/HA002_TimeMeasure1_Test11_Trial1_lowerback_imu.csv"};
  std::size_t events = 0;
  for (const std::string& path : paths) {
    SCOPED_TRACE(path);
    auto r = ReadRecording(path);
    ASSERT_TRUE(r.ok()) << r.status().message();
    for (const bool session : {false, true}) {
      AnalysisOptions options;
      options.engine = *EnginePreset(DefaultEnginePreset(session));
      options.direction = DirectionStage(session);
      options.chunk_samples = r->samples.size();
      const auto batch = AnalyzeRecording(*r, options);
      ASSERT_TRUE(batch.ok());
      ASSERT_FALSE(batch->direction_events.empty());
      events += batch->direction_events.size();
      for (const std::size_t chunk : {97u, 1000u, 4099u}) {
        SCOPED_TRACE(::testing::Message() << "session " << session << ", chunks of " << chunk);
        options.chunk_samples = chunk;
        const auto streamed = AnalyzeRecording(*r, options);
        ASSERT_TRUE(streamed.ok());
        testing::ExpectSameDirectionEvents(batch->direction_events, streamed->direction_events);
        ASSERT_EQ(streamed->bouts.size(), batch->bouts.size());
        for (std::size_t i = 0; i < batch->bouts.size(); ++i) {
          EXPECT_EQ(streamed->bouts[i].step_times_s, batch->bouts[i].step_times_s) << i;
          EXPECT_EQ(streamed->bouts[i].direction, batch->bouts[i].direction) << i;
        }
      }
    }
  }
  EXPECT_GT(events, 8u);
}

TEST(GaitEvalTest, WalksTheWatcherOpensOtherwiseAreAnsweredFromItsCandidates) {
  // Development recordings, where the trailing step signal's own bout opens
  // elsewhere than the engine's:
  // - InHand_2: a step after it (the first interval falls just out of the
  //   rhythm there), known at 4.93 s, 3.27 s after the engine's first step.
  //   The engine's run, played on with the watcher's candidates, is accepted
  //   one candidate sooner (2.87 s);
  // - InHand_1: on a candidate (0.29 s) the engine does not have, so the
  //   engine's run (from 0.80 s) is not near it; asked again and again, that
  //   onset held back the watcher's later candidates until 4.07 s (3.27 s).
  //   A newer candidate that is due takes over (2.49 s).
  // Either way the early answer is keyed to the engine's first step.
  SKIP_WITHOUT_DATA();
  for (const char* name : {"Pixel_Jamie_Hard_InHand_2", "Pixel_Jamie_Hard_InHand_1"}) {
    SCOPED_TRACE(name);
    auto r = ReadRecording(kShared + "/oxford-step/optimisation/data/" + name);
    ASSERT_TRUE(r.ok()) << r.status().message();
    AnalysisOptions options;  // as `retrowalk analyze` runs it
    options.engine = *EnginePreset(DefaultEnginePreset(false));
    options.direction = DirectionStage(false);
    const auto a = AnalyzeRecording(*r, options);
    ASSERT_TRUE(a.ok());
    ASSERT_FALSE(a->bouts.empty());
    ASSERT_FALSE(a->direction_events.empty());
    const double first_step = a->bouts[0].step_times_s.front();
    EXPECT_EQ(a->direction_events[0].bout_start_s, first_step);
    EXPECT_LE(a->direction_events[0].decided_at_s - first_step, 3.0);
  }
}

}  // namespace
}  // namespace retrowalk
