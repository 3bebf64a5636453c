// ScoreWithEngine's live figures: the first decision's latency after a bout's
// first step, and the bouts decided within the window (3 s) and within the
// window plus the engine's latency.
#include <random>

#include <gtest/gtest.h>

#include "../gait/synthetic_gait.h"
#include "gait/direction/model.h"
#include "synth/direction_eval.h"

namespace retrowalk::synth {
namespace {

DirectionRecording ForwardWalk() {
  std::mt19937 rng(41);
  retrowalk::testing::GaitModel g;
  DirectionRecording r;
  r.id = "walk";
  r.source = "test";
  r.placement = "lower-back";
  r.has_gyro = true;
  retrowalk::testing::AppendStill(g.body_to_sensor, 0, 3, 100, r.samples, rng);
  r.steps_s = retrowalk::testing::AppendWalk(g, 3, 40, r.samples, rng);
  retrowalk::testing::AppendStill(g.body_to_sensor, r.samples.back().t_s, 6, 100, r.samples, rng);
  r.truth = {{r.steps_s.front() - 0.3, r.steps_s.back() + 0.3, "forward"}};
  r.bouts = r.truth;
  return r;
}

TEST(ScoreWithEngineTest, CountsFirstDecisionsWithinTheWindowAndWithinTheBound) {
  const DirectionRecording walk = ForwardWalk();
  // The engine's own (centred) step signal alone, then with the OnsetWatcher
  // (the default) and with the step signal trailing.
  EngineOptions centred, watched, soon;
  centred.onset_lookahead_s = centred.step_signal_lookahead_s;
  soon.step_signal_lookahead_s = 0;
  const LiveScores a =
      ScoreWithEngine(walk, direction::DefaultDirectionModel(), false, centred).live;
  const LiveScores b =
      ScoreWithEngine(walk, direction::DefaultDirectionModel(), false, watched).live;
  const LiveScores c = ScoreWithEngine(walk, direction::DefaultDirectionModel(), false, soon).live;
  for (const LiveScores* s : {&a, &b, &c}) {
    ASSERT_EQ(s->bouts, 1);
    ASSERT_EQ(s->decided, 1);
    // One bout: the mean is its latency, and the counts follow from it.
    EXPECT_EQ(s->latency_max_s, s->latency_sum_s);
    EXPECT_EQ(s->within_window, s->latency_sum_s <= 3.0 ? 1 : 0);
    EXPECT_GE(s->within_bound, s->within_window);
  }
  EXPECT_LT(b.latency_sum_s, a.latency_sum_s - 0.5);
  EXPECT_LT(c.latency_sum_s, a.latency_sum_s - 0.5);
  EXPECT_EQ(b.within_window, 1);
  EXPECT_EQ(c.within_window, 1);
  EXPECT_EQ(a.within_window, 0);  // centred, the bout is known too late for 3 s
  for (const LiveScores* s : {&a, &b, &c}) EXPECT_EQ(s->unmatched, 0);
  LiveScores both = a;
  both.Merge(b);
  EXPECT_EQ(both.within_window, 1);
  EXPECT_EQ(both.decided, 2);
}

TEST(ScoreWithEngineTest, CountsAnswersForNoBoutOncePerStep) {
  EngineEvents e;
  e.bout_starts = {{1.0}, {10.0}};
  const auto answer = [&e](double key, double at) {
    DirectionEvent d;
    d.bout_start_s = key;
    d.decided_at_s = at;
    e.directions.push_back(d);
  };
  answer(0.5, 3.0);  // keyed to a step before the bout that opened
  answer(0.5, 4.0);
  answer(1.0, 3.5);
  answer(1.0, 6.0);
  answer(9.2, 12.0);  // and before the second
  answer(10.0, 12.5);
  EXPECT_EQ(AnswersForNoBout(e), 2);
  e.directions.erase(e.directions.begin(), e.directions.begin() + 2);
  EXPECT_EQ(AnswersForNoBout(e), 1);
}

}  // namespace
}  // namespace retrowalk::synth
