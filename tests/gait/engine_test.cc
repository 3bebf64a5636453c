// The whole engine on synthetic recordings: walking in any orientation,
// things that are not walking, streaming == batch, bad input.
#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "gait/engine.h"
#include "random_chunks.h"
#include "synthetic_gait.h"

namespace retrowalk {
namespace {

using testing::AppendDriving;
using testing::AppendHandling;
using testing::AppendStill;
using testing::AppendWalk;
using testing::GaitModel;
using testing::OneWalk;
using testing::RandomRotation;
using testing::Rotation;
using testing::StreamInRandomChunks;

// Fraction of true steps with a detected step within ±0.25 s.
double Sensitivity(const std::vector<double>& truth, const std::vector<StepEvent>& found) {
  int hits = 0;
  for (double t : truth) {
    for (const StepEvent& s : found) {
      if (std::abs(s.t_s - t) <= 0.25) {
        ++hits;
        break;
      }
    }
  }
  return truth.empty() ? 1.0 : static_cast<double>(hits) / static_cast<double>(truth.size());
}

TEST(GaitEngineTest, CountsStepsInAnyOrientation) {
  std::mt19937 rng(1);
  for (int trial = 0; trial < 8; ++trial) {
    GaitModel g;
    g.body_to_sensor = RandomRotation(rng);
    std::vector<Sample> s;
    AppendStill(g.body_to_sensor, 0, 5, 100, s, rng);
    const auto truth = AppendWalk(g, 5, 100, s, rng);
    AppendStill(g.body_to_sensor, s.back().t_s, 8, 100, s, rng);
    const EngineEvents e = AnalyzeSamples(s);
    ASSERT_EQ(e.bouts.size(), 1u) << trial;
    EXPECT_NEAR(e.bouts[0].steps, 100, 1) << trial;
    EXPECT_NEAR(e.bouts[0].cadence_spm, 108, 1) << trial;
    EXPECT_GT(Sensitivity(truth, e.steps), 0.98) << trial;
    EXPECT_EQ(e.bouts[0].direction, Direction::kUnknown);
    EXPECT_EQ(e.bouts[0].stumbles(), 0);
  }
}

TEST(GaitEngineTest, SlowWeakStepsAreCounted) {
  std::mt19937 rng(2);
  GaitModel g;
  g.step_hz = 1.1;  // ~0.4 m/s shuffling
  g.amplitude_mps2 = 0.6;
  g.body_to_sensor = RandomRotation(rng);
  std::vector<Sample> s;
  AppendStill(g.body_to_sensor, 0, 3, 100, s, rng);
  const auto truth = AppendWalk(g, 3, 60, s, rng);
  AppendStill(g.body_to_sensor, s.back().t_s, 6, 100, s, rng);
  const EngineEvents e = AnalyzeSamples(s);
  ASSERT_EQ(e.bouts.size(), 1u);
  EXPECT_NEAR(e.bouts[0].steps, 60, 1);
  EXPECT_GT(Sensitivity(truth, e.steps), 0.97);
}

TEST(GaitEngineTest, FollowsAnOrientationChangeMidWalk) {
  std::mt19937 rng(3);
  GaitModel g;
  g.body_to_sensor = RandomRotation(rng);
  std::vector<Sample> s;
  AppendStill(g.body_to_sensor, 0, 3, 100, s, rng);
  auto truth = AppendWalk(g, 3, 50, s, rng);
  g.body_to_sensor = RandomRotation(rng);  // phone moved to another pocket
  const auto more = AppendWalk(g, s.back().t_s + 0.01, 50, s, rng);
  truth.insert(truth.end(), more.begin(), more.end());
  AppendStill(g.body_to_sensor, s.back().t_s, 6, 100, s, rng);
  const EngineEvents e = AnalyzeSamples(s);
  int steps = 0;
  for (const Bout& b : e.bouts) steps += b.steps;
  EXPECT_NEAR(steps, 100, 3);
  EXPECT_GT(Sensitivity(truth, e.steps), 0.95);
}

TEST(GaitEngineTest, NoBoutsWhenNotWalking) {
  std::mt19937 rng(4);
  const auto r = RandomRotation(rng);
  std::vector<Sample> still, driving, handling;
  AppendStill(r, 0, 120, 100, still, rng);
  AppendDriving(r, 0, 120, 100, driving, rng);
  AppendHandling(0, 120, 100, handling, rng);
  const char* names[] = {"still", "driving", "handling"};
  int k = 0;
  for (const auto* s : {&still, &driving, &handling}) {
    const EngineEvents e = AnalyzeSamples(*s);
    EXPECT_TRUE(e.bouts.empty()) << names[k];
    for (const Bout& b : e.bouts)
      ADD_FAILURE() << names[k] << " bout " << b.start_s << "-" << b.end_s << " steps " << b.steps;
    EXPECT_TRUE(e.steps.empty()) << names[k];
    ++k;
  }
}

void ExpectSameEvents(const EngineEvents& a, const EngineEvents& b) {
  ASSERT_EQ(a.steps.size(), b.steps.size());
  for (std::size_t i = 0; i < a.steps.size(); ++i) {
    EXPECT_EQ(a.steps[i].t_s, b.steps[i].t_s);
    EXPECT_EQ(a.steps[i].amplitude_mps2, b.steps[i].amplitude_mps2);
  }
  ASSERT_EQ(a.bout_starts.size(), b.bout_starts.size());
  ASSERT_EQ(a.bouts.size(), b.bouts.size());
  for (std::size_t i = 0; i < a.bouts.size(); ++i) {
    EXPECT_EQ(a.bouts[i].step_times_s, b.bouts[i].step_times_s);
    EXPECT_EQ(a.bouts[i].cadence_spm, b.bouts[i].cadence_spm);
    // NaN == NaN is false; compare bit for bit through their representation.
    EXPECT_TRUE(a.bouts[i].step_regularity == b.bouts[i].step_regularity ||
                (std::isnan(a.bouts[i].step_regularity) && std::isnan(b.bouts[i].step_regularity)));
    EXPECT_EQ(a.bouts[i].stumble_times_s, b.bouts[i].stumble_times_s);
  }
  EXPECT_EQ(a.gaps.size(), b.gaps.size());
  // Live directions (none with the default classifier; see direction_live_test.cc).
  ASSERT_EQ(a.directions.size(), b.directions.size());
  for (std::size_t i = 0; i < a.directions.size(); ++i) {
    EXPECT_EQ(a.directions[i].decided_at_s, b.directions[i].decided_at_s);
    EXPECT_EQ(a.directions[i].direction, b.directions[i].direction);
  }
}

TEST(GaitEngineTest, StreamingInRandomChunksEqualsBatch) {
  std::mt19937 rng(5);
  GaitModel g;
  g.body_to_sensor = RandomRotation(rng);
  g.rate_hz = 173;  // irregular input rate: the resampler is in the path
  std::vector<Sample> s;
  AppendStill(g.body_to_sensor, 0, 4, 173, s, rng);
  AppendWalk(g, 4, 40, s, rng);
  AppendHandling(s.back().t_s + 0.01, 10, 173, s, rng);
  // A 2-s hole the engine must not bridge, then more walking.
  GaitModel g2 = g;
  AppendWalk(g2, s.back().t_s + 2.0, 30, s, rng);
  AppendStill(g.body_to_sensor, s.back().t_s, 5, 173, s, rng);

  // Also with steps found before their frames (no step signal lookahead):
  // the work held for the frames is done at the same points however chunked.
  for (double lookahead_s : {1.0, 0.0}) {
    EngineOptions o;
    o.step_signal_lookahead_s = lookahead_s;
    const EngineEvents batch = AnalyzeSamples(s, o);
    EXPECT_EQ(batch.gaps.size(), 1u);
    EXPECT_GE(batch.bouts.size(), 2u);
    for (int trial = 0; trial < 5; ++trial) {
      GaitEngine engine(o);
      const EngineEvents streamed = StreamInRandomChunks(engine, s, rng, 700);
      ExpectSameEvents(batch, streamed);
    }
  }
}

// Adds a vertical Gaussian bump (sd sd_s) centred at t_s.
void AddBump(std::vector<Sample>& s, const Vec3& up, double t_s, float height_mps2,
             double sd_s = 0.05) {
  for (Sample& x : s) {
    const double z = (x.t_s - t_s) / sd_s;
    if (std::abs(z) < 4)
      x.acc_mps2 = x.acc_mps2 + up * (height_mps2 * static_cast<float>(std::exp(-0.5 * z * z)));
  }
}

// Slow walking whose every third step (after the first six) has a second,
// weak bump half-way to the next one, as heel strike and push-off can make.
std::vector<Sample> SlowWalkWithRipples(std::mt19937& rng, double step_hz, float bump_mps2,
                                        int steps, std::vector<double>& truth) {
  GaitModel g;
  g.step_hz = step_hz;
  g.body_to_sensor = RandomRotation(rng);
  std::vector<Sample> s = OneWalk(g, rng, 3, steps, 6, &truth);
  const Vec3 up = g.body_to_sensor.Apply({0, 0, 1});
  for (std::size_t i = 6; i + 1 < truth.size(); i += 3)
    AddBump(s, up, 0.5 * (truth[i] + truth[i + 1]), bump_mps2);
  return s;
}

// Slow walking of sharp impacts over a weak sway: each step a peak, and from
// the 7th step on a second one as high `second_s` after it, as a slowed
// thigh's burst of peaks (docs/gait.md, "Two peaks of one slow step").
std::vector<Sample> SlowWalkWithTwoPeaksPerStep(std::mt19937& rng, double step_hz, double second_s,
                                                int steps, std::vector<double>& truth) {
  GaitModel g;
  g.step_hz = step_hz;
  g.amplitude_mps2 = 0.4;
  g.body_to_sensor = RandomRotation(rng);
  std::vector<Sample> s = OneWalk(g, rng, 3, steps, 6, &truth);
  const Vec3 up = g.body_to_sensor.Apply({0, 0, 1});
  for (std::size_t i = 0; i < truth.size(); ++i) {
    AddBump(s, up, truth[i], 4.0f, 0.03);
    if (i >= 6) AddBump(s, up, truth[i] + second_s, 4.0f, 0.03);
  }
  return s;
}

TEST(GaitEngineTest, AWalkThatStopsEndsWhileTheWalkerStandsStill) {
  // Streamed live: the bout is reported once the break is over, not when the
  // next walk starts or the stream ends.
  std::mt19937 rng(3);
  GaitModel g;
  g.body_to_sensor = RandomRotation(rng);
  const std::vector<Sample> s = OneWalk(g, rng, 3, 30, 60);
  GaitEngine engine(EngineOptions{});
  const EngineEvents batch = AnalyzeSamples(s, EngineOptions{});
  ASSERT_EQ(batch.bouts.size(), 1u);
  const double due_s = batch.bouts[0].step_times_s.back() + EngineOptions{}.bouts.max_break_s +
                       engine.latency_s() + 1.0;
  EngineEvents e;
  double out_at_s = -1;
  for (std::size_t i = 0; i < s.size() && out_at_s < 0; i += 50) {
    const std::size_t n = std::min<std::size_t>(50, s.size() - i);
    engine.Push(std::span<const Sample>(s).subspan(i, n), e);
    if (!e.bouts.empty()) out_at_s = s[i + n - 1].t_s;
  }
  ASSERT_GT(out_at_s, 0) << "not before the stream's end";
  EXPECT_LE(out_at_s, due_s);
  EXPECT_EQ(e.bouts[0].step_times_s, batch.bouts[0].step_times_s);
}

// The extra peaks of `s`, a 60-step walk with steps at `truth`: candidates
// that `off` counts (at least min_counted steps), and no steps by default, in
// batch or streamed.
void ExpectExtraPeaksAreNotSteps(const std::vector<Sample>& s, const std::vector<double>& truth,
                                 const EngineOptions& off, int min_counted, std::mt19937& rng) {
  const EngineEvents counted = AnalyzeSamples(s, off);
  ASSERT_EQ(counted.bouts.size(), 1u);
  EXPECT_GE(counted.bouts[0].steps, min_counted);  // the construction does make candidates
  const EngineEvents batch = AnalyzeSamples(s);
  ASSERT_EQ(batch.bouts.size(), 1u);
  EXPECT_NEAR(batch.bouts[0].steps, 60, 1);
  EXPECT_GT(Sensitivity(truth, batch.steps), 0.97);
  for (int trial = 0; trial < 3; ++trial) {
    GaitEngine engine;
    const EngineEvents streamed = StreamInRandomChunks(engine, s, rng, 400);
    ExpectSameEvents(batch, streamed);
  }
}

TEST(GaitEngineTest, ARippleInsideASlowStepIsNotAStepInBatchOrStreaming) {
  // 81 and 60 steps/min: at 1-s steps too, where a stride-long rhythm once
  // took the bump for the other leg's step. At each pace the bump is high
  // enough to be a candidate and under ripple_ratio of the steps' peaks.
  for (const auto& [step_hz, bump_mps2] : {std::pair{1.35, 2.9f}, std::pair{1.0, 4.0f}}) {
    SCOPED_TRACE(step_hz);
    std::mt19937 rng(11);
    std::vector<double> truth;
    const std::vector<Sample> s = SlowWalkWithRipples(rng, step_hz, bump_mps2, 60, truth);
    EngineOptions off;
    off.bouts.ripple_ratio = 0;
    ExpectExtraPeaksAreNotSteps(s, truth, off, 60 + 12, rng);
  }
}

TEST(GaitEngineTest, ASecondPeakSoonAfterASlowStepIsNotAStepInBatchOrStreaming) {
  // 54 steps/min, and from the 7th step on a second peak 0.33 s after each
  // step: past min_step_s, so the detector keeps both (a slowed thigh's burst
  // of peaks, docs/gait.md), but under a third of a step.
  std::mt19937 rng(12);
  std::vector<double> truth;
  const std::vector<Sample> s = SlowWalkWithTwoPeaksPerStep(rng, 0.9, 0.33, 60, truth);
  EngineOptions off;
  off.bouts.same_step_fraction = 0;
  ExpectExtraPeaksAreNotSteps(s, truth, off, 60 + 40, rng);
}

TEST(GaitEngineTest, NaNsAndGapsNeverCrash) {
  std::mt19937 rng(6);
  GaitModel g;
  std::vector<Sample> s;
  AppendWalk(g, 0, 40, s, rng);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  for (std::size_t i = 100; i < s.size(); i += 37) s[i].acc_mps2.y = nan;
  s[500].t_s = s[499].t_s;  // a repeated time
  std::vector<Sample> later;
  AppendWalk(g, s.back().t_s + 30, 40, later, rng);
  s.insert(s.end(), later.begin(), later.end());
  const EngineEvents e = AnalyzeSamples(s);
  EXPECT_EQ(e.gaps.size(), 1u);
  EXPECT_EQ(e.bouts.size(), 2u);
  EXPECT_TRUE(AnalyzeSamples({}).bouts.empty());
  std::vector<Sample> one{{0, {0, 0, 9.8f}, {}}};
  EXPECT_TRUE(AnalyzeSamples(one).bouts.empty());
}

// 3 s still, 30 steps, one step slow_factor times as long, 30 steps, 6 s
// still, from a sensor turned at random; then disturb(sample, dt, rotation)
// changes each sample, dt being its time from 0.5 s into the slow step.
struct Hesitation {
  std::vector<Sample> samples;
  double t_s = 0;  // 0.5 s into the slow step
};
Hesitation WalkWithAHesitation(
    double slow_factor, const std::function<void(Sample&, double, const Rotation&)>& disturb) {
  std::mt19937 rng(7);
  GaitModel g;
  g.body_to_sensor = RandomRotation(rng);
  Hesitation h;
  std::vector<Sample>& s = h.samples;
  AppendStill(g.body_to_sensor, 0, 3, 100, s, rng);
  AppendWalk(g, 3, 30, s, rng);
  h.t_s = s.back().t_s + 0.5;
  GaitModel slow = g;
  slow.step_hz = g.step_hz / slow_factor;
  AppendWalk(slow, s.back().t_s + 0.01, 1, s, rng);
  AppendWalk(g, s.back().t_s + 0.01, 30, s, rng);
  AppendStill(g.body_to_sensor, s.back().t_s, 6, 100, s, rng);
  for (Sample& x : s) disturb(x, x.t_s - h.t_s, g.body_to_sensor);
  return h;
}

TEST(GaitEngineTest, ConstructedStumbleIsFoundSteadyWalkHasNone) {
  // The stumble: a hesitation (one step 1.6x as long, then its recovery)
  // with a hard jolt (~3 g) in it.
  const Hesitation h = WalkWithAHesitation(1.6, [](Sample& x, double dt, const Rotation& r) {
    if (std::abs(dt) < 0.08) {
      x.acc_mps2 = x.acc_mps2 + r.Apply({25.0f, 8.0f, 15.0f});
      x.gyro_radps = x.gyro_radps + r.Apply({4.0f, 3.0f, 0.0f});
    }
  });
  const EngineEvents e = AnalyzeSamples(h.samples);
  ASSERT_EQ(e.bouts.size(), 1u);
  ASSERT_EQ(e.bouts[0].stumbles(), 1);
  EXPECT_NEAR(e.bouts[0].stumble_times_s[0], h.t_s, 1.2);
}

TEST(GaitEngineTest, AHesitantTurnIsNotAStumble) {
  // A U-turn: two steps 1.6x as long, off the rhythm as a stumble is, while
  // the trunk turns about the vertical at 3 rad/s (7x the walk's peak rate)
  // for a second. Off rhythm with a large |ω|, yet no jolt: a turn is a
  // rotation about the vertical, a stumble a pitch or roll of the trunk.
  const Hesitation h = WalkWithAHesitation(2.2, [](Sample& x, double dt, const Rotation& r) {
    if (std::abs(dt) < 0.5) x.gyro_radps = x.gyro_radps + r.Apply({0.0f, 0.0f, 3.0f});
  });
  const EngineEvents e = AnalyzeSamples(h.samples);
  ASSERT_EQ(e.bouts.size(), 1u);
  EXPECT_EQ(e.bouts[0].stumbles(), 0);
}

class FixedDirection final : public DirectionClassifier {
 public:
  DirectionEstimate Classify(const BoutSignal& b) override {
    seen_frames = b.frames.size();
    seen_steps = b.step_times_s.size();
    return {Direction::kBackward, 0.8f};
  }
  std::size_t seen_frames = 0, seen_steps = 0;
};

TEST(GaitEngineTest, DirectionSeamGetsTheBoutAndFillsDirection) {
  std::mt19937 rng(8);
  GaitModel g;
  std::vector<Sample> s;
  AppendStill(g.body_to_sensor, 0, 3, 100, s, rng);
  AppendWalk(g, 3, 40, s, rng);
  AppendStill(g.body_to_sensor, s.back().t_s, 6, 100, s, rng);
  auto classifier = std::make_unique<FixedDirection>();
  FixedDirection* seen = classifier.get();
  // The engine owns the classifier: keep the engine alive while `seen` is read.
  GaitEngine engine({}, std::move(classifier));
  EngineEvents e;
  engine.Push(s, e);
  engine.Finish(e);
  ASSERT_EQ(e.bouts.size(), 1u);
  EXPECT_EQ(e.bouts[0].direction, Direction::kBackward);
  EXPECT_FLOAT_EQ(e.bouts[0].direction_confidence, 0.8f);
  EXPECT_EQ(seen->seen_steps, static_cast<std::size_t>(e.bouts[0].steps));
  EXPECT_GT(seen->seen_frames, 2000u);
}

}  // namespace
}  // namespace retrowalk
