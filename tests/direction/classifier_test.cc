#include "gait/direction/classifier.h"

#include <cmath>
#include <memory>

#include <gtest/gtest.h>

namespace retrowalk::direction {
namespace {

// A model whose p(backward) is σ(−10·feature 0): positive feature 0 is forward.
DirectionModel ToyModel() {
  DirectionModel m;
  m.version = "toy";
  m.with_gyro = {{0}, {0.0}, {1.0}, {-10.0}, 0.0, 0.9, 0.3};
  // The accelerometer-only model reads the same toy feature, so the two agree.
  m.acc_only = {{0}, {0.0}, {1.0}, {-10.0}, 0.0, 0.9, 0.3};
  m.feature_scale.assign(kFeatureCount, 1.0);
  return m;
}

// No learned part: the session cosine over all features in their own units.
DirectionModel UnitScaleModel() {
  DirectionModel m;
  m.feature_scale.assign(kFeatureCount, 1.0);
  return m;
}

// A finished bout's signal over `frames`.
BoutSignal BoutOf(std::span<const Frame> frames, bool has_gyro = true) {
  BoutSignal bout;
  bout.has_gyro = has_gyro;
  bout.frames = frames;
  return bout;
}

SpanFeatures Span(double first, Vec3 up = {0, 0, 1}) {
  SpanFeatures s;
  s.windows = 2;
  s.has_gyro = true;
  s.up = up;
  for (std::size_t i = 0; i < kFeatureCount; ++i)
    s.mean[i] = 0.1 * static_cast<double>(i % 3) - 0.1;
  s.mean[0] = first;
  return s;
}

SpanFeatures Negated(SpanFeatures s) {
  for (double& v : s.mean) v = -v;
  return s;
}

TEST(StandaloneDirection, HighThresholdLeavesTheMiddleUnknown) {
  const DirectionModel model = ToyModel();
  const StandaloneDirectionClassifier c(model);
  EXPECT_EQ(c.Decide(Span(0.5)).direction, Direction::kForward);
  EXPECT_EQ(c.Decide(Span(-0.5)).direction, Direction::kBackward);
  EXPECT_EQ(c.Decide(Span(-0.1)).direction, Direction::kUnknown);  // p = 0.73
  EXPECT_EQ(c.Decide(Span(-0.1)).confidence, 0.0f);
  EXPECT_GT(c.Decide(Span(-0.5)).confidence, 0.9f);
}

TEST(StandaloneDirection, BackwardNeedsTheAccelerometerModelToAgree) {
  DirectionModel model = ToyModel();
  model.acc_only = {{1}, {0.0}, {1.0}, {-10.0}, 0.0, 0.9, 0.3};  // feature 1 = 0.0: p = 0.5
  const StandaloneDirectionClassifier c(model);
  EXPECT_EQ(c.Decide(Span(-0.5)).direction, Direction::kUnknown);
  EXPECT_EQ(c.Decide(Span(0.5)).direction, Direction::kForward);
  SpanFeatures no_gyro = Span(-0.5);
  no_gyro.has_gyro = false;  // the accelerometer model alone decides
  no_gyro.mean[1] = -0.5;
  EXPECT_EQ(c.Decide(no_gyro).direction, Direction::kBackward);
}

TEST(StandaloneDirection, EmptyModelAlwaysSaysUnknown) {
  const DirectionModel empty;
  const StandaloneDirectionClassifier c(empty);
  EXPECT_EQ(c.Decide(Span(0.5)).direction, Direction::kUnknown);
}

TEST(SessionDirection, CallsBoutsRelativeToTheWarmUp) {
  const DirectionModel model = ToyModel();
  SessionDirectionClassifier c(model);
  // The warm-up is forward by definition, even where the standalone model
  // would disagree: this person's forward signature is what it is.
  const SpanFeatures warm = Span(-0.3);
  EXPECT_EQ(c.Decide(warm).direction, Direction::kForward);
  EXPECT_TRUE(c.anchored());
  EXPECT_EQ(c.Decide(warm).direction, Direction::kForward);
  EXPECT_EQ(c.Decide(Negated(warm)).direction, Direction::kBackward);
  EXPECT_EQ(c.reanchors(), 0);
}

TEST(SessionDirection, ReanchorsOnAConfidentStandaloneAnswerWhenTheDeviceMovesIfAsked) {
  const DirectionModel model = ToyModel();
  SessionOptions o;
  o.rejudge_moves = false;  // else Segment re-judges a move against the template
  SessionDirectionClassifier c(model, {}, o);
  c.Anchor(Span(0.4, {0, 0, 1}));
  // Phone now lies sideways: up is along x. Standalone says backward
  // confidently (feature 0 = −0.5): the template is re-anchored on its negation.
  const SpanFeatures moved = Span(-0.5, {1, 0, 0});
  EXPECT_EQ(c.Decide(moved).direction, Direction::kBackward);
  EXPECT_EQ(c.reanchors(), 1);
  EXPECT_EQ(c.Decide(Negated(moved)).direction, Direction::kForward);
  EXPECT_EQ(c.Decide(moved).direction, Direction::kBackward);
}

TEST(SessionDirection, ClassifyOnABoutSignalAnchorsOnTheFirstBout) {
  const DirectionModel model = ToyModel();
  SessionDirectionClassifier c(model);
  BoutSignal empty;
  EXPECT_EQ(c.Classify(empty).direction, Direction::kUnknown);  // no signal, no answer
  EXPECT_FALSE(c.anchored());
}

}  // namespace
}  // namespace retrowalk::direction

namespace retrowalk::direction {
namespace {

// Gait-like frames: forward for 9 s, then the same played backward for 9 s.
std::vector<Frame> ForwardThenBackward() {
  std::vector<Sample> fwd;
  for (int i = 0; i < 900; ++i) {
    const double t = i / 100.0, ph = 2 * 3.14159265358979 * 1.8 * t;
    Sample s;
    s.t_s = t;
    s.acc_mps2 = {static_cast<float>(1.5 * std::sin(ph + 0.9)),
                  0.1f * static_cast<float>(std::sin(ph / 2)),
                  static_cast<float>(9.81 + 2 * std::sin(ph) + 0.8 * std::sin(2 * ph + 0.7))};
    s.gyro_radps = {0.2f * static_cast<float>(std::sin(ph / 2 + 1)),
                    static_cast<float>(0.5 * std::sin(ph + 0.3)), 0.0f};
    fwd.push_back(s);
  }
  std::vector<Sample> all = fwd;
  for (const Sample& s : TimeReversed(fwd)) {
    Sample r = s;
    r.t_s += 9.0;
    all.push_back(r);
  }
  return MakeFrames(all, 100);
}

TEST(AxisScatter, PrincipalIsTheMeanAxisWhateverTheSigns) {
  AxisScatter scatter;
  EXPECT_EQ(scatter.Principal().norm(), 0.0f);
  const Vec3 axis = Vec3{0.6f, -0.48f, 0.64f};  // unit
  const Vec3 off[] = {{0.05f, 0.0f, 0.0f}, {0.0f, -0.05f, 0.02f}, {-0.03f, 0.0f, -0.04f}};
  for (int k = 0; k < 9; ++k) {
    Vec3 a = axis + off[k % 3];
    a = a * ((k % 2 == 0 ? 1.0f : -1.0f) / a.norm());
    scatter.Add(a);
  }
  AxisScatter merged;
  merged.Add(scatter);
  for (const AxisScatter& s : {scatter, merged}) {
    const Vec3 p = s.Principal();
    EXPECT_NEAR(p.norm(), 1.0f, 1e-5f);
    EXPECT_GT(std::abs(Dot(p, axis)), 0.995f);
  }
}

TEST(SessionDirection, WindowsAfterTheWarmUpUseItsAccelerationAxis) {
  const DirectionModel model = ToyModel();
  SessionDirectionClassifier c(model);
  EXPECT_EQ(c.WithTemplateAxis({}).features.acc_axis_hint.norm(), 0.0f);  // no template yet
  SpanFeatures warmup = Span(0.5);
  warmup.acc_axes.Add({0, 1, 0});
  warmup.acc_axes.Add({0, -1, 0});
  c.Anchor(warmup);
  EXPECT_NEAR(std::abs(c.WithTemplateAxis({}).features.acc_axis_hint.y), 1.0f, 1e-6f);

  SessionOptions off;
  off.template_acc_axis = false;
  SessionDirectionClassifier without(model, {}, off);
  without.Anchor(warmup);
  EXPECT_EQ(without.WithTemplateAxis({}).features.acc_axis_hint.norm(), 0.0f);
}

TEST(AbsorbShortRuns, JoinsOneWindowBetweenRunsOfTheOtherAnswer) {
  constexpr Direction F = Direction::kForward, B = Direction::kBackward;
  std::vector<DirectionSegment> runs = {
      {0, 6, F, 0.8f, 4}, {6, 7.5, B, 0.6f, 1}, {7.5, 12, F, 0.6f, 3}, {12, 20, B, 0.9f, 5}};
  AbsorbShortRuns(runs, 2);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].direction, F);
  EXPECT_DOUBLE_EQ(runs[0].start_s, 0.0);
  EXPECT_DOUBLE_EQ(runs[0].end_s, 12.0);
  EXPECT_EQ(runs[0].windows, 8);
  EXPECT_NEAR(runs[0].confidence, (0.8 * 4 + 0.6 * 3) / 7, 1e-6);
  EXPECT_EQ(runs[1].direction, B);
  EXPECT_DOUBLE_EQ(runs[1].start_s, 12.0);
}

TEST(AbsorbShortRuns, KeepsRunsAtTheEndsAndBetweenShortNeighbours) {
  constexpr Direction F = Direction::kForward, B = Direction::kBackward;
  // A short run at either end, or one whose neighbours are short as well, or
  // one between two different answers, stays.
  const std::vector<DirectionSegment> runs = {
      {0, 1.5, B, 0.6f, 1},  {1.5, 6, F, 0.8f, 3},  {6, 7.5, B, 0.6f, 1},
      {7.5, 9, F, 0.6f, 1},  {9, 10.5, B, 0.6f, 1}, {10.5, 15, Direction::kUnknown, 0, 3},
      {15, 16.5, F, 0.6f, 1}};
  std::vector<DirectionSegment> kept = runs;
  AbsorbShortRuns(kept, 2);
  ASSERT_EQ(kept.size(), runs.size());
  // 1 (off) changes nothing either.
  std::vector<DirectionSegment> off = {
      {0, 6, F, 0.8f, 4}, {6, 7.5, B, 0.6f, 1}, {7.5, 12, F, 0.6f, 3}};
  AbsorbShortRuns(off, 1);
  EXPECT_EQ(off.size(), 3u);
}

TEST(SegmentByDirection, SplitsWhereTheSessionAnswerChanges) {
  const std::vector<Frame> frames = ForwardThenBackward();
  DirectionModel model = UnitScaleModel();
  SessionDirectionClassifier session(model);
  WindowingOptions w;
  session.Anchor(*ComputeSpanFeatures(std::span<const Frame>(frames).first(600), true, w));
  const auto segments =
      SegmentByDirection(frames, true, w, [&](const SpanFeatures& f) { return session.Decide(f); });
  ASSERT_GE(segments.size(), 2u);
  EXPECT_EQ(segments.front().direction, Direction::kForward);
  EXPECT_EQ(segments.back().direction, Direction::kBackward);
  EXPECT_DOUBLE_EQ(segments.front().start_s, 0.0);
  EXPECT_DOUBLE_EQ(segments.back().end_s, frames.back().t_s);
  // The change is found within a window of where it happened.
  double change = -1;
  for (std::size_t i = 1; i < segments.size(); ++i) {
    if (segments[i].direction == Direction::kBackward &&
        segments[i - 1].direction != Direction::kBackward) {
      change = segments[i].start_s;
    }
  }
  EXPECT_NEAR(change, 9.0, 3.0);
  for (std::size_t i = 1; i < segments.size(); ++i)
    EXPECT_DOUBLE_EQ(segments[i].start_s, segments[i - 1].end_s);
}

void ExpectSameSpan(const std::optional<SpanFeatures>& a, const std::optional<SpanFeatures>& b) {
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->mean, b->mean);  // to the bit
  EXPECT_EQ(a->windows, b->windows);
  EXPECT_EQ(a->has_gyro, b->has_gyro);
  EXPECT_EQ(a->up.x, b->up.x);
  EXPECT_EQ(a->up.y, b->up.y);
  EXPECT_EQ(a->up.z, b->up.z);
}

TEST(SegmentByDirection, ItsWindowsAddUpToTheSpansFeatures) {
  // A bout's answer as a whole can come from the windows that split it.
  const std::vector<Frame> frames = ForwardThenBackward();
  const WindowingOptions w;
  const auto decide = [](const SpanFeatures&) { return Decision{}; };
  for (std::size_t n : {frames.size(), std::size_t{250}, std::size_t{1234}}) {
    const std::span<const Frame> span = std::span<const Frame>(frames).first(n);
    SpanAccumulator whole;
    SegmentByDirection(span, true, w, decide, &whole);
    ExpectSameSpan(whole.Finish(w), ComputeSpanFeatures(span, true, w));
  }
}

TEST(WindowMemo, FindsAWindowByItsFramesAndFeatureOptions) {
  const std::vector<Frame> frames = ForwardThenBackward();
  const std::span<const Frame> all(frames);
  const FeatureOptions o;
  WindowMemo memo;
  const std::optional<WindowFeatures> f = ComputeFeatures(all.subspan(0, 300), o, true);
  ASSERT_TRUE(f);
  memo.Put(all.subspan(0, 300), o, true, f);
  const std::optional<WindowFeatures>* found = memo.Find(all.subspan(0, 300), o, true);
  ASSERT_NE(found, nullptr);
  ASSERT_TRUE(*found);
  EXPECT_EQ((*found)->values, f->values);
  EXPECT_EQ(memo.Find(all.subspan(1, 300), o, true), nullptr);   // other frames
  EXPECT_EQ(memo.Find(all.subspan(0, 299), o, true), nullptr);   // other length
  EXPECT_EQ(memo.Find(all.subspan(0, 300), o, false), nullptr);  // no gyroscope
  FeatureOptions hinted = o;
  hinted.acc_axis_hint = {1, 0, 0};
  EXPECT_EQ(memo.Find(all.subspan(0, 300), hinted, true), nullptr);  // another axis
  // Bounded: the oldest window goes once many more are kept.
  for (std::size_t k = 1; k <= 60; ++k) memo.Put(all.subspan(k * 10, 300), o, true, f);
  EXPECT_EQ(memo.Find(all.subspan(0, 300), o, true), nullptr);
  EXPECT_NE(memo.Find(all.subspan(600, 300), o, true), nullptr);
}

TEST(SegmentByDirection, TakesTheWindowsItsMemoKeeps) {
  const std::vector<Frame> frames = ForwardThenBackward();
  const std::span<const Frame> all(frames);
  const WindowingOptions w;
  // A kept first window that is not what its frames give: its features are
  // used as they are.
  WindowFeatures marked = *ComputeFeatures(all.subspan(0, 300), w.features, true);
  marked.values[0] = 1234;
  WindowMemo memo;
  memo.Put(all.subspan(0, 300), w.features, true, marked);
  std::vector<double> seen;
  const auto decide = [&](const SpanFeatures& f) {
    seen.push_back(f.mean[0]);
    return Decision{};
  };
  SegmentByDirection(all, true, w, decide, nullptr, &memo);
  ASSERT_GE(seen.size(), 3u);
  EXPECT_EQ(seen[0], 1234);
  EXPECT_NE(seen[1], 1234);
}

}  // namespace
}  // namespace retrowalk::direction

namespace retrowalk::direction {
namespace {

TEST(SessionDirection, SegmentOfTheFirstBoutLearnsTheWarmUpAndSplits) {
  const std::vector<Frame> frames = ForwardThenBackward();
  DirectionModel model = UnitScaleModel();
  SessionDirectionClassifier session(model);
  BoutSignal bout = BoutOf(frames);
  const std::vector<BoutDirectionSegment> segments = session.Segment(bout);
  EXPECT_TRUE(session.anchored());
  ASSERT_EQ(segments.size(), 2u);
  EXPECT_EQ(segments[0].direction, Direction::kForward);
  EXPECT_EQ(segments[1].direction, Direction::kBackward);
  EXPECT_DOUBLE_EQ(segments[0].start_s, frames.front().t_s);
  EXPECT_DOUBLE_EQ(segments[0].end_s, segments[1].start_s);
  EXPECT_DOUBLE_EQ(segments[1].end_s, frames.back().t_s);
  EXPECT_NEAR(segments[1].start_s, 9.0, 3.0);
  EXPECT_GT(segments[1].confidence, 0.5f);
  // A later bout of backward walking alone is one backward segment.
  bout.frames = std::span<const Frame>(frames).last(800);
  const std::vector<BoutDirectionSegment> later = session.Segment(bout);
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].direction, Direction::kBackward);
}

TEST(SessionDirection, AFirstBoutOfOneAnswerIsAllWarmUpWithItsSignedAxis) {
  const std::vector<Frame> frames = ForwardThenBackward();
  DirectionModel model = UnitScaleModel();
  SessionDirectionClassifier session(model);
  BoutSignal bout = BoutOf(std::span<const Frame>(frames).first(900));  // forward only
  const std::vector<BoutDirectionSegment> first = session.Segment(bout);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].direction, Direction::kForward);
  // The template is the whole bout (5 windows of 3 s, hop 1.5 s), not its
  // first window, and carries the signed features on its own axis, which
  // every later window is computed on.
  const SessionTemplate& t = session.forward_template();
  EXPECT_EQ(t.windows, 5);
  ASSERT_TRUE(t.has_signed);
  const Vec3 hint = session.WithTemplateAxis(session.windowing()).features.acc_axis_hint;
  EXPECT_EQ(hint.x, t.signed_axis.x);
  EXPECT_EQ(hint.y, t.signed_axis.y);
  EXPECT_EQ(hint.z, t.signed_axis.z);
  double norm = 0;
  for (double v : t.signed_sum) norm += std::abs(v);
  EXPECT_GT(norm, 0.1);
  bout.frames = std::span<const Frame>(frames).last(800);
  const std::vector<BoutDirectionSegment> later = session.Segment(bout);
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].direction, Direction::kBackward);
  // With the signed features off, the template has none.
  SessionOptions off;
  off.signed_weight = 0;
  SessionDirectionClassifier unsigned_session(model, {}, off);
  bout.frames = std::span<const Frame>(frames).first(900);
  unsigned_session.Segment(bout);
  EXPECT_FALSE(unsigned_session.forward_template().has_signed);
}

// `frames` from a device turned upside down (180° about its x axis), later by
// `shift_s`: what a phone put back in the pocket the other way up reads.
std::vector<Frame> UpsideDown(std::span<const Frame> frames, double shift_s) {
  std::vector<Frame> out(frames.begin(), frames.end());
  for (Frame& f : out) {
    f.t_s += shift_s;
    for (Vec3* v : {&f.acc_mps2, &f.gyro_radps, &f.gravity_mps2}) *v = Vec3{v->x, -v->y, -v->z};
  }
  return out;
}

TEST(SessionDirection, AMovedDeviceIsFlaggedJudgedAgainstTheWarmUpOnItsOwnAxisAndReanchored) {
  const std::vector<Frame> frames = ForwardThenBackward();
  const std::span<const Frame> all(frames);
  DirectionModel model = UnitScaleModel();  // no standalone model: it answers unknown
  SessionDirectionClassifier session(model);
  const std::vector<BoutDirectionSegment> warm_up = session.Segment(BoutOf(all.first(900)));
  ASSERT_EQ(warm_up.size(), 1u);
  EXPECT_FALSE(warm_up[0].device_moved);
  // Put back upside down, then walking backward: the template's axis no
  // longer applies, but the walk is still the warm-up's time reversal.
  const std::vector<Frame> backward = UpsideDown(all.last(800), 30);
  const std::vector<BoutDirectionSegment> moved = session.Segment(BoutOf(backward));
  ASSERT_EQ(moved.size(), 1u);
  EXPECT_EQ(moved[0].direction, Direction::kBackward);
  EXPECT_TRUE(moved[0].device_moved);
  EXPECT_EQ(session.reanchors(), 1);
  // The template now is the new mounting's: forward walking in it is forward,
  // and no longer a move.
  const std::vector<BoutDirectionSegment> after =
      session.Segment(BoutOf(UpsideDown(all.first(900), 60)));
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].direction, Direction::kForward);
  EXPECT_FALSE(after[0].device_moved);

  // The rule before: the moved bout got the standalone answer (here unknown)
  // and nothing re-anchored.
  SessionOptions standalone_after_move;
  standalone_after_move.rejudge_moves = false;
  SessionDirectionClassifier old(model, {}, standalone_after_move);
  old.Segment(BoutOf(all.first(900)));
  const std::vector<BoutDirectionSegment> unknown = old.Segment(BoutOf(backward));
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].direction, Direction::kUnknown);
  EXPECT_TRUE(unknown[0].device_moved);
  EXPECT_EQ(old.reanchors(), 0);

  // Without a gyroscope (require_gyro) a move is not judged against the
  // template either: the standalone answer stays (here unknown).
  SessionDirectionClassifier no_gyro(model);
  no_gyro.Segment(BoutOf(all.first(900), false));
  const std::vector<BoutDirectionSegment> unjudged = no_gyro.Segment(BoutOf(backward, false));
  ASSERT_EQ(unjudged.size(), 1u);
  EXPECT_EQ(unjudged[0].direction, Direction::kUnknown);
  EXPECT_TRUE(unjudged[0].device_moved);
  EXPECT_EQ(no_gyro.reanchors(), 0);
}

TEST(SessionDirection, ADeviceTurnedOverWhileWalkingSplitsTheBoutAtTheMove) {
  // One bout, no gap: the warm-up, then the device turned upside down and
  // walking backward on. The warm-up stays forward against its own template;
  // after the move the walk is judged on its own axis and re-anchors.
  const std::vector<Frame> frames = ForwardThenBackward();
  const std::span<const Frame> all(frames);
  std::vector<Frame> bout(frames.begin(), frames.begin() + 900);
  for (const Frame& f : UpsideDown(all.last(800), -1.0)) bout.push_back(f);
  DirectionModel model = UnitScaleModel();
  SessionDirectionClassifier session(model);
  const std::vector<BoutDirectionSegment> segments = session.Segment(BoutOf(bout));
  ASSERT_GE(segments.size(), 2u);
  EXPECT_EQ(segments.front().direction, Direction::kForward);
  EXPECT_FALSE(segments.front().device_moved);
  EXPECT_EQ(segments.back().direction, Direction::kBackward);
  EXPECT_TRUE(segments.back().device_moved);
  EXPECT_NEAR(segments.back().start_s, 9.0, 3.0);
  EXPECT_EQ(session.reanchors(), 1);
}

TEST(SessionDirection, LiveFirstBoutJudgesOnTheSignedFeaturesOfItsFirstWindowsAxis) {
  // No angular rate and a cosine over ω_l·a_p only: nothing but the signed
  // features can tell the backward half from the forward half.
  std::vector<Frame> frames = ForwardThenBackward();
  for (Frame& f : frames) f.gyro_radps = {};
  DirectionModel model = UnitScaleModel();
  model.session_features = {0};
  SessionOptions on;
  on.require_gyro = false;
  SessionOptions off = on;
  off.signed_weight = 0;
  auto live_answers = [&](const SessionOptions& o) {
    const SessionDirectionClassifier session(model, {}, o);
    std::unique_ptr<LiveDirection> live = session.StartLive(100, false);
    std::vector<Direction> out;
    for (std::size_t a = 0; a + 300 <= frames.size(); a += 150)
      out.push_back(live->OnWindow(std::span<const Frame>(frames).subspan(a, 300)).direction);
    return out;
  };
  const std::vector<Direction> with = live_answers(on), without = live_answers(off);
  ASSERT_GE(with.size(), 8u);
  EXPECT_EQ(with.front(), Direction::kForward);
  EXPECT_EQ(with[2], Direction::kForward);
  EXPECT_EQ(with.back(), Direction::kBackward);
  EXPECT_EQ(without.back(), Direction::kUnknown);
}

TEST(SessionDirection, WithoutAGyroscopeTheFirstBoutIsTheWarmUpAndLaterBoutsAreUnknown) {
  const std::vector<Frame> frames = ForwardThenBackward();
  DirectionModel model = UnitScaleModel();
  BoutSignal bout = BoutOf(frames, /*has_gyro=*/false);
  // The accelerometer features alone would split this bout...
  SessionOptions guessing;
  guessing.require_gyro = false;
  SessionDirectionClassifier guess(model, {}, guessing);
  EXPECT_GE(guess.Segment(bout).size(), 2u);
  // ...but they are no better than a guess on real phones: by default the
  // whole first bout is the warm-up and later bouts are unknown.
  SessionDirectionClassifier session(model);
  const std::vector<BoutDirectionSegment> first = session.Segment(bout);
  EXPECT_TRUE(session.anchored());
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].direction, Direction::kForward);
  EXPECT_DOUBLE_EQ(first[0].start_s, frames.front().t_s);
  EXPECT_DOUBLE_EQ(first[0].end_s, frames.back().t_s);
  bout.frames = std::span<const Frame>(frames).last(800);
  for (const BoutDirectionSegment& s : session.Segment(bout))
    EXPECT_EQ(s.direction, Direction::kUnknown);
  // Live agrees: forward through the first bout, unknown later.
  SessionDirectionClassifier live_session(model);
  std::unique_ptr<LiveDirection> live = live_session.StartLive(100, false);
  for (std::size_t a = 0; a + 300 <= frames.size(); a += 150)
    EXPECT_EQ(live->OnWindow(std::span<const Frame>(frames).subspan(a, 300)).direction,
              Direction::kForward);
  live = session.StartLive(100, false);
  EXPECT_EQ(live->OnWindow(std::span<const Frame>(frames).last(300)).direction,
            Direction::kUnknown);
}

}  // namespace
}  // namespace retrowalk::direction

namespace retrowalk::direction {
namespace {

// Feeds a live tracker the windows of `frames` on the engine's grid.
std::vector<LiveAnswer> LiveAnswers(const DirectionClassifier& c, std::span<const Frame> frames) {
  std::unique_ptr<LiveDirection> live = c.StartLive(100, true);
  std::vector<LiveAnswer> out;
  for (std::size_t a = 0; a + 300 <= frames.size(); a += 150)
    out.push_back(live->OnWindow(frames.subspan(a, 300)));
  return out;
}

TEST(SessionDirection, LiveAnswersFollowTheChangeWithoutTouchingTheTemplate) {
  const std::vector<Frame> frames = ForwardThenBackward();
  DirectionModel model = UnitScaleModel();
  SessionDirectionClassifier session(model);
  // First bout: a provisional template from its first windows.
  const std::vector<LiveAnswer> first = LiveAnswers(session, frames);
  ASSERT_GE(first.size(), 8u);
  EXPECT_EQ(first.front().direction, Direction::kForward);
  EXPECT_EQ(first.back().direction, Direction::kBackward);
  EXPECT_FALSE(session.anchored());  // provisional calls learn nothing
  // Later bout: judged against the session's template, which stays as it is.
  BoutSignal bout = BoutOf(frames);
  session.Segment(bout);
  ASSERT_TRUE(session.anchored());
  const SessionTemplate before = session.forward_template();
  const std::vector<LiveAnswer> later =
      LiveAnswers(session, std::span<const Frame>(frames).last(800));
  ASSERT_FALSE(later.empty());
  for (const LiveAnswer& d : later) EXPECT_EQ(d.direction, Direction::kBackward);
  EXPECT_EQ(session.forward_template().windows, before.windows);
  EXPECT_EQ(session.forward_template().sum, before.sum);
}

TEST(SessionDirection, ALiveChangeConfirmedLaterIsDatedFromItsStart) {
  const std::vector<Frame> frames = ForwardThenBackward();
  DirectionModel model = UnitScaleModel();
  WindowingOptions twice;
  twice.live_confirm_windows = 2;
  const SessionDirectionClassifier quick(model), steady(model, twice);
  const std::vector<LiveAnswer> a = LiveAnswers(quick, frames);
  const std::vector<LiveAnswer> b = LiveAnswers(steady, frames);
  auto first_backward = [](const std::vector<LiveAnswer>& v) {
    for (std::size_t i = 0; i < v.size(); ++i)
      if (v[i].direction == Direction::kBackward) return i;
    return v.size();
  };
  const std::size_t ka = first_backward(a), kb = first_backward(b);
  ASSERT_LT(ka, a.size());
  ASSERT_LT(kb, b.size());
  EXPECT_EQ(kb, ka + 1);  // one window later...
  EXPECT_EQ(a[ka].since_windows, 0);
  EXPECT_EQ(b[kb].since_windows, 1);  // ...dated from the same window
}

TEST(SessionDirection, ChangeIsPlacedBetweenWindows) {
  const std::vector<Frame> frames = ForwardThenBackward();
  DirectionModel model = UnitScaleModel();
  SessionOptions coarse;
  coarse.boundary_search_s = 0;
  double change[2];
  int k = 0;
  for (const SessionOptions& o : {coarse, SessionOptions{}}) {
    SessionDirectionClassifier session(model, {}, o);
    BoutSignal bout = BoutOf(frames);
    const std::vector<BoutDirectionSegment> s = session.Segment(bout);
    ASSERT_EQ(s.size(), 2u);
    change[k++] = s[1].start_s;
  }
  EXPECT_LE(std::abs(change[1] - 9.0), 0.3);  // the true change is at 9 s
  EXPECT_LE(std::abs(change[1] - 9.0), std::abs(change[0] - 9.0));
}

TEST(SessionDirection, LongFirstBoutLearnsTheWarmUpFromItsOpening) {
  const std::vector<Frame> frames = ForwardThenBackward();
  DirectionModel model = UnitScaleModel();
  SessionDirectionClassifier session(model);
  BoutSignal bout;
  bout.has_gyro = true;
  // The engine kept only the bout's backward end, and its forward opening.
  bout.frames = std::span<const Frame>(frames).last(700);
  bout.opening = std::span<const Frame>(frames).first(700);
  const std::vector<BoutDirectionSegment> s = session.Segment(bout);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].direction, Direction::kForward);
  EXPECT_EQ(s[1].direction, Direction::kBackward);
  EXPECT_DOUBLE_EQ(s[0].start_s, frames.front().t_s);
  EXPECT_DOUBLE_EQ(s[1].start_s, bout.frames.front().t_s);
  EXPECT_DOUBLE_EQ(s[1].end_s, frames.back().t_s);
  // Without the opening the backward end would have been the template.
  SessionDirectionClassifier blind(model);
  bout.opening = {};
  EXPECT_EQ(blind.Segment(bout).front().direction, Direction::kForward);
}

TEST(StandaloneDirection, LiveAnswersComeFromTheBoutSoFar) {
  const std::vector<Frame> frames = ForwardThenBackward();
  const DirectionModel model = ToyModel();
  const StandaloneDirectionClassifier c(model);
  const std::vector<LiveAnswer> answers = LiveAnswers(c, std::span<const Frame>(frames).first(900));
  ASSERT_FALSE(answers.empty());
  // Window by window or bout so far, the same features give one answer.
  const auto whole = ComputeSpanFeatures(std::span<const Frame>(frames).first(900), true);
  ASSERT_TRUE(whole);
  EXPECT_EQ(answers.back().direction, c.Decide(*whole).direction);
}

}  // namespace
}  // namespace retrowalk::direction
