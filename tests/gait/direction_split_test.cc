// Splitting a bout where the direction changes: the engine asks the
// classifier for segments (DirectionClassifier::Segment) and reports one bout
// per direction, each with its own metrics and per-step directions.
#include <cmath>
#include <memory>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "gait/bout_metrics.h"
#include "gait/engine.h"
#include "random_chunks.h"
#include "synthetic_gait.h"

namespace retrowalk {
namespace {

using testing::AppendStill;
using testing::AppendWalk;
using testing::GaitModel;
using testing::StreamInRandomChunks;

int segment_calls = 0;  // Segment calls by any TwoSegments

// Answers `first` before the step with index `split_step`, then `second`
// (a segment boundary between two steps). With `flip_steps` > 0, also a short
// opposite stretch of that many steps right after the split. With
// `second_moved`, the second segment was judged after the device moved.
class TwoSegments final : public DirectionClassifier {
 public:
  TwoSegments(std::size_t split_step, Direction first, Direction second, int flip_steps = 0,
              bool second_moved = false)
      : split_step_(split_step),
        first_(first),
        second_(second),
        flip_steps_(flip_steps),
        second_moved_(second_moved) {}
  DirectionEstimate Classify(const BoutSignal&) override { return {first_, 0.5f}; }
  std::vector<BoutDirectionSegment> Segment(const BoutSignal& b) override {
    ++segment_calls;
    const auto& t = b.step_times_s;
    if (t.size() <= split_step_ + 1) return DirectionClassifier::Segment(b);
    const double split = 0.5 * (t[split_step_ - 1] + t[split_step_]);
    std::vector<BoutDirectionSegment> out;
    out.push_back({b.frames.front().t_s, split, first_, 0.9f});
    double from = split;
    if (flip_steps_ > 0) {
      const std::size_t k = split_step_ + static_cast<std::size_t>(flip_steps_);
      const double to = 0.5 * (t[k - 1] + t[k]);
      out.push_back({from, to, second_, 0.3f});
      out.push_back({to, b.frames.back().t_s, first_, 0.7f});
      return out;
    }
    out.push_back({from, b.frames.back().t_s, second_, 0.7f, second_moved_});
    return out;
  }

 private:
  std::size_t split_step_;
  Direction first_, second_;
  int flip_steps_;
  bool second_moved_;
};

std::vector<Sample> OneWalk(int steps, std::uint32_t seed) {
  std::mt19937 rng(seed);
  GaitModel g;
  std::vector<Sample> s;
  AppendStill(g.body_to_sensor, 0, 3, 100, s, rng);
  AppendWalk(g, 3, steps, s, rng);
  AppendStill(g.body_to_sensor, s.back().t_s, 6, 100, s, rng);
  return s;
}

TEST(DirectionSplitTest, ForwardThenBackwardSplitsTheBout) {
  const std::vector<Sample> s = OneWalk(60, 11);
  const EngineEvents whole = AnalyzeSamples(s);
  ASSERT_EQ(whole.bouts.size(), 1u);
  const std::vector<double>& all = whole.bouts[0].step_times_s;
  ASSERT_GT(all.size(), 50u);

  segment_calls = 0;
  const EngineEvents e = AnalyzeSamples(
      s, {}, std::make_unique<TwoSegments>(25, Direction::kForward, Direction::kBackward));
  EXPECT_EQ(segment_calls, 1);
  ASSERT_EQ(e.bouts.size(), 2u);
  const Bout& f = e.bouts[0];
  const Bout& b = e.bouts[1];
  EXPECT_EQ(f.direction, Direction::kForward);
  EXPECT_FLOAT_EQ(f.direction_confidence, 0.9f);
  EXPECT_EQ(b.direction, Direction::kBackward);
  EXPECT_FLOAT_EQ(b.direction_confidence, 0.7f);

  // Steps: the first 25 forward, the rest backward, none lost or repeated.
  ASSERT_EQ(f.steps, 25);
  EXPECT_EQ(f.steps + b.steps, static_cast<int>(all.size()));
  EXPECT_EQ(f.step_times_s, std::vector<double>(all.begin(), all.begin() + 25));
  EXPECT_EQ(b.step_times_s, std::vector<double>(all.begin() + 25, all.end()));
  EXPECT_EQ(f.step_directions, std::vector<Direction>(25, Direction::kForward));
  EXPECT_EQ(b.step_directions,
            std::vector<Direction>(static_cast<std::size_t>(b.steps), Direction::kBackward));
  EXPECT_EQ(e.steps.size(), all.size());

  // Metrics are each part's own, from the same metrics code.
  EXPECT_DOUBLE_EQ(f.start_s, all.front());
  EXPECT_DOUBLE_EQ(f.end_s, all[24]);
  EXPECT_DOUBLE_EQ(b.start_s, all[25]);
  EXPECT_DOUBLE_EQ(b.end_s, all.back());
  for (const Bout* part : {&f, &b}) {
    Bout expected;
    expected.step_times_s = part->step_times_s;
    ComputeStepTimeMetrics({}, expected);
    EXPECT_EQ(part->steps, expected.steps);
    EXPECT_DOUBLE_EQ(part->duration_s, expected.duration_s);
    EXPECT_DOUBLE_EQ(part->cadence_spm, expected.cadence_spm);
    EXPECT_DOUBLE_EQ(part->step_time_cv, expected.step_time_cv);
    EXPECT_NEAR(part->cadence_spm, 108, 1.5);
    EXPECT_TRUE(std::isfinite(part->step_regularity));
    EXPECT_GT(part->step_regularity, 0.5);
    EXPECT_EQ(part->stumbles(), 0);
  }
  EXPECT_LT(f.duration_s, whole.bouts[0].duration_s);
}

TEST(DirectionSplitTest, ABoutJudgedAfterTheDeviceMovedSaysSo) {
  const std::vector<Sample> s = OneWalk(60, 11);
  for (const bool moved : {false, true}) {
    const EngineEvents e = AnalyzeSamples(
        s, {},
        std::make_unique<TwoSegments>(25, Direction::kForward, Direction::kBackward, 0, moved));
    ASSERT_EQ(e.bouts.size(), 2u);
    EXPECT_FALSE(e.bouts[0].device_moved);
    EXPECT_EQ(e.bouts[1].device_moved, moved);
  }
}

TEST(DirectionSplitTest, TooFewStepsOnOneSideAreNotABout) {
  // A change 2 steps before the end: the tail joins the bout (bout rule: 4 steps).
  const std::vector<Sample> s = OneWalk(40, 12);
  const EngineEvents whole = AnalyzeSamples(s);
  ASSERT_EQ(whole.bouts.size(), 1u);
  const std::size_t n = whole.bouts[0].step_times_s.size();
  const EngineEvents e = AnalyzeSamples(
      s, {}, std::make_unique<TwoSegments>(n - 2, Direction::kBackward, Direction::kForward));
  ASSERT_EQ(e.bouts.size(), 1u);
  EXPECT_EQ(e.bouts[0].direction, Direction::kBackward);
  EXPECT_EQ(e.bouts[0].steps, static_cast<int>(n));
  EXPECT_EQ(e.bouts[0].step_directions, std::vector<Direction>(n, Direction::kBackward));
  // Confidence counts only the steps whose stretch agreed.
  EXPECT_FLOAT_EQ(e.bouts[0].direction_confidence, 0.9f);
}

TEST(DirectionSplitTest, AShortFlipInsideOneDirectionIsAbsorbed) {
  // forward | 2 steps backward | forward: one forward bout.
  const std::vector<Sample> s = OneWalk(40, 13);
  const EngineEvents e = AnalyzeSamples(
      s, {}, std::make_unique<TwoSegments>(15, Direction::kForward, Direction::kBackward, 2));
  ASSERT_EQ(e.bouts.size(), 1u);
  EXPECT_EQ(e.bouts[0].direction, Direction::kForward);
}

TEST(DirectionSplitTest, SplitBoutsAreTheSameStreamed) {
  const std::vector<Sample> s = OneWalk(60, 14);
  const EngineEvents batch = AnalyzeSamples(
      s, {}, std::make_unique<TwoSegments>(30, Direction::kForward, Direction::kBackward));
  ASSERT_EQ(batch.bouts.size(), 2u);
  std::mt19937 rng(3);
  GaitEngine engine({},
                    std::make_unique<TwoSegments>(30, Direction::kForward, Direction::kBackward));
  const EngineEvents streamed = StreamInRandomChunks(engine, s, rng, 500);
  ASSERT_EQ(streamed.bouts.size(), 2u);
  for (std::size_t k = 0; k < 2; ++k) {
    EXPECT_EQ(streamed.bouts[k].step_times_s, batch.bouts[k].step_times_s);
    EXPECT_EQ(streamed.bouts[k].direction, batch.bouts[k].direction);
    EXPECT_DOUBLE_EQ(streamed.bouts[k].cadence_spm, batch.bouts[k].cadence_spm);
  }
}

}  // namespace
}  // namespace retrowalk
