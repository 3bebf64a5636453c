// Live direction while a bout is open: the engine feeds a LiveDirection the
// bout's windows (3 s from half a second before the first step, hop 1.5 s)
// and reports EngineEvents::directions at the first decision and at every
// change; the same events batch and streamed.
#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "gait/direction/classifier.h"
#include "gait/engine.h"
#include "random_chunks.h"
#include "synthetic_gait.h"

namespace retrowalk {
namespace {

using testing::ExpectSameDirectionEvents;
using testing::GaitModel;
using testing::OneWalk;
using testing::RandomRotation;
using testing::StreamInRandomChunks;
using testing::TwoWalks;

struct LiveLog {
  std::vector<std::pair<double, double>> windows;  // first and last frame time
  std::vector<std::pair<double, double>> early;    // the same, of early answers
  std::vector<Frame> early_frames;                 // the last early answer's
  std::vector<std::size_t> opening_sizes;
  std::vector<double> opening_first_s, frames_first_s;
};

// Answers forward for the first `switch_after` windows of every bout, then
// backward; with early_s > 0, an early answer of `unknown` too; records what
// it was given.
class ScriptedLive final : public LiveDirection {
 public:
  ScriptedLive(LiveLog* log, int switch_after, double early_s)
      : log_(log), switch_after_(switch_after), early_s_(early_s) {}
  LiveAnswer OnWindow(std::span<const Frame> w) override {
    log_->windows.emplace_back(w.front().t_s, w.back().t_s);
    return {n_++ < switch_after_ ? Direction::kForward : Direction::kBackward, 0.8f, 0};
  }
  double early_s() const override { return early_s_; }
  std::optional<LiveAnswer> Early(std::span<const Frame> w) const override {
    log_->early.emplace_back(w.front().t_s, w.back().t_s);
    log_->early_frames.assign(w.begin(), w.end());
    return LiveAnswer{Direction::kUnknown, 0.1f, 0};
  }

 private:
  LiveLog* log_;
  int switch_after_;
  double early_s_;
  int n_ = 0;
};

class Scripted final : public DirectionClassifier {
 public:
  Scripted(LiveLog* log, int switch_after, double early_s = 0)
      : log_(log), switch_after_(switch_after), early_s_(early_s) {}
  DirectionEstimate Classify(const BoutSignal&) override { return {}; }
  std::vector<BoutDirectionSegment> Segment(const BoutSignal& b) override {
    log_->opening_sizes.push_back(b.opening.size());
    log_->opening_first_s.push_back(b.opening.empty() ? -1 : b.opening.front().t_s);
    log_->frames_first_s.push_back(b.frames.front().t_s);
    return DirectionClassifier::Segment(b);
  }
  std::unique_ptr<LiveDirection> StartLive(double, bool) const override {
    return std::make_unique<ScriptedLive>(log_, switch_after_, early_s_);
  }

 private:
  LiveLog* log_;
  int switch_after_;
  double early_s_;
};

std::vector<Sample> Walk(int steps, std::uint32_t seed) {
  std::mt19937 rng(seed);
  GaitModel g;
  g.body_to_sensor = RandomRotation(rng);
  return OneWalk(g, rng, 3, steps, 6);
}

TEST(DirectionLiveTest, FirstDecisionWithinAWindowOfWalkingPlusTheEngineLatency) {
  const std::vector<Sample> s = Walk(60, 21);
  LiveLog log;
  GaitEngine engine({}, std::make_unique<Scripted>(&log, 1000));
  EngineEvents e;
  engine.Push(s, e);
  engine.Finish(e);
  ASSERT_EQ(e.bouts.size(), 1u);
  ASSERT_EQ(e.directions.size(), 1u);  // one answer throughout: reported once
  const DirectionEvent& d = e.directions[0];
  EXPECT_EQ(d.direction, Direction::kForward);
  EXPECT_DOUBLE_EQ(d.bout_start_s, e.bouts[0].start_s);
  EXPECT_NEAR(d.from_s, d.bout_start_s - 0.5, 0.011);
  EXPECT_NEAR(d.to_s - d.from_s, 3.0, 0.011);
  EXPECT_GT(d.decided_at_s, d.to_s);
  EXPECT_LE(d.decided_at_s - d.bout_start_s, 3.0 + engine.latency_s());
  // Every window was seen once, in order, on the 1.5-s grid, and none ends
  // more than half a second after the bout's last step.
  ASSERT_GE(log.windows.size(), 10u);
  for (std::size_t i = 1; i < log.windows.size(); ++i)
    EXPECT_NEAR(log.windows[i].first - log.windows[i - 1].first, 1.5, 0.011);
  EXPECT_LE(log.windows.back().second, e.bouts[0].end_s + 0.5 + 0.011);
}

TEST(DirectionLiveTest, AnEarlyAnswerComesBeforeTheFirstWindowAndChangesNoWindow) {
  const std::vector<Sample> s = Walk(60, 21);
  LiveLog without, with;
  const EngineEvents a = AnalyzeSamples(s, {}, std::make_unique<Scripted>(&without, 1000));
  const EngineEvents b = AnalyzeSamples(s, {}, std::make_unique<Scripted>(&with, 1000, 2.0));
  ASSERT_EQ(a.directions.size(), 1u);
  ASSERT_EQ(b.directions.size(), 2u);  // early unknown, then the first window's forward
  ASSERT_EQ(with.early.size(), 1u);    // asked once
  const DirectionEvent& early = b.directions[0];
  EXPECT_EQ(early.direction, Direction::kUnknown);
  EXPECT_NEAR(early.from_s, a.directions[0].from_s, 1e-9);  // where the first window starts
  EXPECT_GE(early.to_s - early.from_s, 2.0 - 0.011);
  EXPECT_LT(early.to_s - early.from_s, 3.0);
  EXPECT_LT(early.decided_at_s, a.directions[0].decided_at_s);
  // The windows, and the answers on them, are those of the run without it.
  EXPECT_EQ(with.windows, without.windows);
  const DirectionEvent& first = b.directions[1];
  EXPECT_EQ(first.direction, a.directions[0].direction);
  EXPECT_EQ(first.from_s, a.directions[0].from_s);
  EXPECT_EQ(first.to_s, a.directions[0].to_s);
  EXPECT_EQ(first.decided_at_s, a.directions[0].decided_at_s);
}

// The engine's own step signal alone (no OnsetWatcher).
EngineOptions Unwatched() {
  EngineOptions o;
  o.onset_lookahead_s = o.step_signal_lookahead_s;
  return o;
}

TEST(DirectionLiveTest, StepsFoundBeforeTheirFramesAnswerOnceTheFramesAreIn) {
  // Without a step signal lookahead the bout is known about a second sooner;
  // the early answer then waits only for its own 2 s of frames.
  const std::vector<Sample> s = Walk(60, 21);
  EngineOptions now;
  now.step_signal_lookahead_s = 0;
  LiveLog centred_log, now_log;
  const EngineEvents centred =
      AnalyzeSamples(s, Unwatched(), std::make_unique<Scripted>(&centred_log, 1000, 2.0));
  const EngineEvents soon = AnalyzeSamples(s, now, std::make_unique<Scripted>(&now_log, 1000, 2.0));
  ASSERT_EQ(centred.bouts.size(), 1u);
  ASSERT_EQ(soon.bouts.size(), 1u);
  ASSERT_EQ(soon.directions.size(), 2u);  // early unknown, then forward
  const DirectionEvent& early = soon.directions[0];
  const double first_step = soon.bouts[0].step_times_s.front();
  EXPECT_NEAR(early.from_s, first_step - 0.5, 0.011);
  EXPECT_NEAR(early.to_s - early.from_s, 2.0, 0.011);  // exactly its 2 s: answered as they came
  // Decided when the input reached those frames plus the gravity delay.
  EXPECT_NEAR(early.decided_at_s, early.to_s + 1.0, 0.011);
  EXPECT_LE(early.decided_at_s - first_step, 3.0);
  EXPECT_LT(early.decided_at_s, centred.directions[0].decided_at_s - 0.5);
  // The steps and what is computed from the frames are the walk's all the same.
  EXPECT_NEAR(static_cast<double>(soon.bouts[0].step_times_s.size()),
              static_cast<double>(centred.bouts[0].step_times_s.size()), 1.0);
  EXPECT_EQ(soon.bouts[0].stumble_times_s.size(), 0u);
}

TEST(DirectionLiveTest, TheOnsetWatcherAnswersAsSoonAndChangesNothingElse) {
  // By default the engine's steps wait for the centred gravity, but the
  // OnsetWatcher sees the bout open on a trailing signal: the early answer
  // comes once the input has reached its 2 s of frames (those whose gravity
  // window is not all in yet have it cut at the newest sample), keyed to the
  // engine's bout. Everything else is as without the watcher.
  const std::vector<Sample> s = Walk(60, 21);
  LiveLog off_log, on_log;
  const EngineEvents off =
      AnalyzeSamples(s, Unwatched(), std::make_unique<Scripted>(&off_log, 1000, 2.0));
  const EngineEvents on = AnalyzeSamples(s, {}, std::make_unique<Scripted>(&on_log, 1000, 2.0));
  ASSERT_EQ(on.bouts.size(), 1u);
  ASSERT_EQ(off.bouts.size(), 1u);
  EXPECT_EQ(on.steps.size(), off.steps.size());
  EXPECT_EQ(on.bouts[0].step_times_s, off.bouts[0].step_times_s);
  EXPECT_EQ(on.bouts[0].stumble_times_s, off.bouts[0].stumble_times_s);
  EXPECT_EQ(on.bouts[0].step_regularity, off.bouts[0].step_regularity);
  ASSERT_EQ(on.directions.size(), 2u);  // early unknown, then forward
  ASSERT_EQ(off.directions.size(), 2u);
  ASSERT_EQ(on_log.early.size(), 1u);  // asked once: the engine's bout kept the answer
  const DirectionEvent& early = on.directions[0];
  const double first_step = on.bouts[0].step_times_s.front();
  EXPECT_EQ(early.bout_start_s, first_step);
  EXPECT_NEAR(early.from_s, first_step - 0.5, 0.011);
  EXPECT_NEAR(early.to_s - early.from_s, 2.0, 0.011);
  EXPECT_GE(early.decided_at_s, early.to_s);
  EXPECT_LT(early.decided_at_s, early.to_s + 1.0 - 0.1);  // not the gravity's delay later
  EXPECT_LE(early.decided_at_s - first_step, 3.0);
  EXPECT_LT(early.decided_at_s, off.directions[0].decided_at_s - 0.5);
  // Each frame's gravity is the mean acceleration over the second either
  // side, of what was in when the answer was made.
  ASSERT_EQ(on_log.early_frames.size(), 200u);
  const double reached_s = early.decided_at_s;
  const auto mean_acc = [&](double from_s, double to_s) {
    Vec3 sum;
    int n = 0;
    for (const Sample& x : s)
      if (x.t_s >= from_s - 1e-6 && x.t_s <= to_s + 1e-6) sum = sum + x.acc_mps2, ++n;
    return sum * (1.0f / static_cast<float>(n));
  };
  int cut = 0;
  for (const Frame& f : on_log.early_frames) {
    const double newest_s = std::min(f.t_s + 1.0, reached_s);
    cut += newest_s < f.t_s + 1.0 - 1e-6;
    EXPECT_NEAR((f.gravity_mps2 - mean_acc(f.t_s - 1.0, newest_s)).norm(), 0, 1e-3) << f.t_s;
  }
  EXPECT_GT(cut, 20);  // some were answered on before their gravity was final
  // The windows and the first window's answer are those without it.
  EXPECT_EQ(on_log.windows, off_log.windows);
  EXPECT_EQ(on.directions[1].from_s, off.directions[1].from_s);
  EXPECT_EQ(on.directions[1].decided_at_s, off.directions[1].decided_at_s);
  EXPECT_EQ(on.directions[1].direction, off.directions[1].direction);
}

TEST(DirectionLiveTest, ReportsAChangeInsideTheBout) {
  const std::vector<Sample> s = Walk(60, 22);
  LiveLog log;
  const EngineEvents e = AnalyzeSamples(s, {}, std::make_unique<Scripted>(&log, 4));
  ASSERT_EQ(e.directions.size(), 2u);
  EXPECT_EQ(e.directions[0].direction, Direction::kForward);
  EXPECT_EQ(e.directions[1].direction, Direction::kBackward);
  EXPECT_NEAR(e.directions[1].from_s - e.directions[0].from_s, 4 * 1.5, 0.011);
  EXPECT_GE(e.directions[1].decided_at_s, e.directions[0].decided_at_s);
  EXPECT_EQ(e.directions[1].bout_start_s, e.directions[0].bout_start_s);
}

TEST(DirectionLiveTest, DefaultClassifierMakesNoLiveEvents) {
  const EngineEvents e = AnalyzeSamples(Walk(30, 23));
  ASSERT_EQ(e.bouts.size(), 1u);
  EXPECT_TRUE(e.directions.empty());
}

TEST(DirectionLiveTest, SessionClassifierDecidesWithinAWindowPlusLatency) {
  const std::vector<Sample> s = Walk(40, 24);
  GaitEngine engine({}, std::make_unique<direction::SessionDirectionClassifier>());
  EngineEvents e;
  engine.Push(s, e);
  engine.Finish(e);
  ASSERT_EQ(e.bouts.size(), 1u);
  ASSERT_GE(e.directions.size(), 1u);
  EXPECT_EQ(e.directions[0].direction, Direction::kForward);  // the warm-up
  EXPECT_LE(e.directions[0].decided_at_s - e.bouts[0].start_s, 3.0 + engine.latency_s());
}

TEST(DirectionLiveTest, LongBoutGivesItsOpeningToTheClassifier) {
  EngineOptions o;
  o.bout_signal_s = 20;  // the bout below is ~55 s: its frames are cut
  const std::vector<Sample> s = Walk(100, 25);
  LiveLog log;
  const EngineEvents e = AnalyzeSamples(s, o, std::make_unique<Scripted>(&log, 1000));
  ASSERT_EQ(e.bouts.size(), 1u);
  ASSERT_EQ(log.opening_sizes.size(), 1u);
  EXPECT_GT(log.opening_sizes[0], 1000u);
  EXPECT_NEAR(log.opening_first_s[0], e.bouts[0].start_s - 0.5, 0.011);
  EXPECT_GT(log.frames_first_s[0], e.bouts[0].start_s + 20);
  // A bout that fits has no opening.
  LiveLog short_log;
  AnalyzeSamples(Walk(30, 26), o, std::make_unique<Scripted>(&short_log, 1000));
  ASSERT_EQ(short_log.opening_sizes.size(), 1u);
  EXPECT_EQ(short_log.opening_sizes[0], 0u);
}

void ExpectSameDirections(const EngineEvents& a, const EngineEvents& b) {
  ExpectSameDirectionEvents(a.directions, b.directions);
  ASSERT_EQ(a.bouts.size(), b.bouts.size());
  for (std::size_t i = 0; i < a.bouts.size(); ++i)
    EXPECT_EQ(a.bouts[i].step_directions, b.bouts[i].step_directions);
}

// Adds a jolt along the specific force (a phone set down or settled in a
// pocket) centred at t_s: a peak the step detector takes for a candidate.
void AddJolt(std::vector<Sample>& s, double t_s, double mps2) {
  for (Sample& x : s) {
    const double d = (x.t_s - t_s) / 0.08;
    if (std::abs(d) < 4) {
      const Vec3& a = x.acc_mps2;
      const float k = static_cast<float>(1 + mps2 * std::exp(-d * d / 2) / 9.80665);
      x.acc_mps2 = {a.x * k, a.y * k, a.z * k};
    }
  }
}

// The first live answer keyed to the bout whose first step is at
// first_step_s (nullptr: none).
const DirectionEvent* FirstAnswerFor(const EngineEvents& e, double first_step_s) {
  const auto it =
      std::find_if(e.directions.begin(), e.directions.end(),
                   [&](const DirectionEvent& d) { return d.bout_start_s == first_step_s; });
  return it == e.directions.end() ? nullptr : &*it;
}

// The same directions streamed in random chunks as in `batch`, three times.
template <typename MakeClassifier>
void ExpectSameStreamed(const EngineEvents& batch, const std::vector<Sample>& s,
                        const MakeClassifier& make, std::uint32_t seed) {
  std::mt19937 chunks(seed);
  for (int trial = 0; trial < 3; ++trial) {
    GaitEngine engine({}, make());
    ExpectSameDirections(batch, StreamInRandomChunks(engine, s, chunks, 700));
  }
}

TEST(DirectionLiveTest, AJoltBeforeTheWalkDoesNotHoldBackTheEarlyAnswer) {
  // The jolt 1.2 s before the first step heads the engine's run of
  // candidates until a further step shows it is out of the rhythm. The
  // early answer is keyed where that run, played on with the watcher's
  // candidates, opens: the walk's first step, and within 3 s of it.
  std::vector<Sample> s = Walk(40, 31);
  const EngineEvents plain = AnalyzeSamples(s);
  ASSERT_EQ(plain.bouts.size(), 1u);
  const double first_step = plain.bouts[0].step_times_s.front();
  AddJolt(s, first_step - 1.2, 3.0);
  LiveLog log;
  const auto make = [&log] { return std::make_unique<Scripted>(&log, 1000, 2.0); };
  const EngineEvents e = AnalyzeSamples(s, {}, make());
  ASSERT_EQ(e.bouts.size(), 1u);
  EXPECT_EQ(e.bouts[0].step_times_s, plain.bouts[0].step_times_s);  // the jolt is no step
  ASSERT_EQ(e.directions.size(), 2u);                               // early unknown, then forward
  ASSERT_EQ(log.early.size(), 1u);  // asked once: the engine's bout kept the answer
  const DirectionEvent& early = e.directions[0];
  EXPECT_EQ(early.bout_start_s, first_step);
  EXPECT_NEAR(early.from_s, first_step - 0.5, 0.011);
  EXPECT_LE(early.decided_at_s - first_step, 3.0);
  ExpectSameStreamed(e, s, make, 32);
}

TEST(DirectionLiveTest, ASlowWalkIsAnsweredWithinThreeSecondsOfItsFirstStep) {
  // 55 steps/min: the 4th step comes 3.3 s after the first, so the early
  // answer is keyed where the OnsetWatcher's run of 3 slow steps opens.
  for (const std::uint32_t seed : {51u, 52u}) {
    SCOPED_TRACE(seed);
    std::mt19937 rng(seed);
    GaitModel g;
    g.step_hz = 0.9;
    g.body_to_sensor = RandomRotation(rng);
    const std::vector<Sample> s = OneWalk(g, rng, 3, 30, 6);
    LiveLog log;
    const auto make = [&log] { return std::make_unique<Scripted>(&log, 1000, 2.0); };
    const EngineEvents e = AnalyzeSamples(s, {}, make());
    ASSERT_EQ(e.bouts.size(), 1u);
    const double first_step = e.bouts[0].step_times_s.front();
    const DirectionEvent* early = FirstAnswerFor(e, first_step);
    ASSERT_NE(early, nullptr);
    EXPECT_LE(early->decided_at_s - first_step, 3.0);
    EXPECT_EQ(AnalyzeSamples(s).bouts[0].step_times_s, e.bouts[0].step_times_s);
    ExpectSameStreamed(e, s, make, seed);
  }
}

TEST(DirectionLiveTest, AfterAGapInTheInputTheNextWalksEarlyAnswerComesAsSoon) {
  // A gap starts a new segment; the watcher's onsets there are keyed to the
  // frames as in the first (with the first segment's frames counted once).
  const std::vector<Sample> first = Walk(40, 41);
  std::vector<Sample> s = first;
  const double resume_s = first.back().t_s + 20.0;  // no samples for 20 s
  for (const Sample& x : Walk(40, 42)) {
    s.push_back(x);
    s.back().t_s += resume_s;
  }
  LiveLog log;
  const auto make = [&log] { return std::make_unique<Scripted>(&log, 1000, 2.0); };
  const EngineEvents e = AnalyzeSamples(s, {}, make());
  ASSERT_EQ(e.bouts.size(), 2u);
  for (const Bout& b : e.bouts) {
    const double first_step = b.step_times_s.front();
    const DirectionEvent* early = FirstAnswerFor(e, first_step);
    ASSERT_NE(early, nullptr) << first_step;
    EXPECT_LE(early->decided_at_s - first_step, 3.0) << first_step;
  }
  ExpectSameStreamed(e, s, make, 43);
}

TEST(DirectionLiveTest, AWalkResumedJustAfterABreakIsAnsweredAsSoon) {
  // A jolt within max_break_s of the first walk's last step might still head
  // a run that merges into that bout, so the bout stays open until the second
  // walk's candidates show the jolt out of their rhythm. The watcher's
  // candidates of then are asked again once it ends: 2.99 s after the first
  // step, where they were dropped before and the next one came at 3.16 s.
  std::mt19937 rng(51);
  GaitModel g;
  g.body_to_sensor = RandomRotation(rng);
  std::vector<Sample> s = TwoWalks(g, rng, 3, 30, 3.2, 30, 6);
  const EngineEvents plain = AnalyzeSamples(s);
  ASSERT_EQ(plain.bouts.size(), 2u);
  const double last = plain.bouts[0].step_times_s.back();
  const double first_step = plain.bouts[1].step_times_s.front();
  ASSERT_GT(first_step - last, 3.0);  // a bout of its own, the jolt within the break
  AddJolt(s, first_step - 1.2, 3.0);
  LiveLog log;
  const auto make = [&log] { return std::make_unique<Scripted>(&log, 1000, 2.0); };
  const EngineEvents e = AnalyzeSamples(s, {}, make());
  ASSERT_EQ(e.bouts.size(), 2u);
  EXPECT_EQ(e.bouts[1].step_times_s, plain.bouts[1].step_times_s);
  const DirectionEvent* early = FirstAnswerFor(e, first_step);
  ASSERT_NE(early, nullptr);
  EXPECT_LE(early->decided_at_s - first_step, 3.0);
  ExpectSameStreamed(e, s, make, 52);
}

TEST(DirectionLiveTest, StreamingInRandomChunksEqualsBatch) {
  std::mt19937 rng(27);
  GaitModel g;
  g.body_to_sensor = RandomRotation(rng);
  g.rate_hz = 173;
  const std::vector<Sample> s = TwoWalks(g, rng, 4, 40, 8, 50, 5);
  for (int mode = 0; mode < 4; ++mode) {
    auto make = [mode]() -> std::unique_ptr<DirectionClassifier> {
      if (mode % 2 == 0) return std::make_unique<direction::SessionDirectionClassifier>();
      return std::make_unique<direction::StandaloneDirectionClassifier>();
    };
    EngineOptions o;  // modes 2, 3: steps known before their frames
    if (mode >= 2) o.step_signal_lookahead_s = 0;
    const EngineEvents batch = AnalyzeSamples(s, o, make());
    EXPECT_GE(batch.bouts.size(), 2u);
    EXPECT_GE(batch.directions.size(), 2u);  // at least one per bout
    for (int trial = 0; trial < 3; ++trial) {
      GaitEngine engine(o, make());
      const EngineEvents streamed = StreamInRandomChunks(engine, s, rng, 700);
      ExpectSameDirections(batch, streamed);
    }
  }
}

}  // namespace
}  // namespace retrowalk
