// Unit tests of the engine's stages, each alone, on synthetic signals.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>
#include <span>
#include <vector>

#include <gtest/gtest.h>

#include "gait/bout_metrics.h"
#include "gait/bout_tracker.h"
#include "gait/boxcar.h"
#include "gait/gravity.h"
#include "gait/step_detector.h"
#include "gait/stumble.h"
#include "synthetic_gait.h"

namespace retrowalk {
namespace {

using testing::Euler;

TEST(CenteredBoxcarTest, ZeroPhaseAndFlushDrainsEverything) {
  CenteredBoxcar box(3);
  std::vector<float> in(40, 0.0f), out;
  in[20] = 7.0f;  // an impulse stays centred on its index
  float y;
  for (float x : in)
    if (box.Push(x, y)) out.push_back(y);
  while (box.Flush(y)) out.push_back(y);
  ASSERT_EQ(out.size(), in.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    EXPECT_NEAR(out[i], (i >= 17 && i <= 23) ? 1.0f : 0.0f, 1e-6) << i;
  }
  // Reusable after a flush, even for a segment shorter than its half width.
  EXPECT_TRUE(!box.Push(1.0f, y));
  std::vector<float> tail;
  while (box.Flush(y)) tail.push_back(y);
  ASSERT_EQ(tail.size(), 1u);
  EXPECT_NEAR(tail[0], 1.0f / 7, 1e-6);
}

// Candidates and the index of the value whose push reported each, with
// per-sample Push (max_block 0) or as the engine and the OnsetWatcher run the
// detector: levels computed apart in blocks of 1 + (i * prime) % max_block
// values, the values it only records skipped (StepDetector::Quiet).
struct Reported {
  std::vector<StepCandidate> candidates;
  std::vector<std::size_t> at;
  std::size_t skipped = 0;
};

Reported Detect(const std::vector<float>& s, StepDetectorOptions options, std::size_t prime,
                std::size_t max_block) {
  StepDetector d(options, 100);
  Reported r;
  StepCandidate c;
  const auto time_of = [](std::uint64_t index) { return static_cast<double>(index) * 0.01; };
  std::vector<float> level;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n =
        max_block > 0 ? std::min<std::size_t>(1 + (i * prime) % max_block, s.size() - i) : 1;
    StepDetector::Level lv = d.BeginLevel();
    level.clear();
    for (std::size_t k = i; k < i + n; ++k) level.push_back(lv.Next(s[k]));
    d.CommitLevel(lv);
    for (std::size_t k = i; k < i + n;) {
      const std::size_t quiet = max_block > 0 ? d.Quiet(&s[k], &level[k - i], i + n - k) : 0;
      if (quiet > 0) {
        d.SkipQuiet(&s[k], quiet, k, time_of);
        r.skipped += quiet;
        k += quiet;
        continue;
      }
      if (d.Push(k, time_of(k), s[k], level[k - i], c)) {
        r.candidates.push_back(c);
        r.at.push_back(k);
      }
      ++k;
    }
    i += n;
  }
  while (d.Flush(c)) {
    r.candidates.push_back(c);
    r.at.push_back(s.size());
  }
  return r;
}

// The engine's block paths must equal the per-sample ones bit for bit,
// across block boundaries, segment warm-up, a stretch without signal (no
// gravity to project on) and a flush; and so must the step detector fed
// with levels computed apart, block by block, skipping the values it only
// records (StepDetector::Quiet) as the engine does.
TEST(StageBlocksTest, BlockPushesEqualPerSamplePushes) {
  std::mt19937 rng(3);
  std::normal_distribution<float> noise(0, 1.5f);
  std::vector<Sample> in;
  for (int i = 0; i < 3000; ++i) {
    in.push_back(
        {i * 0.01, {noise(rng), noise(rng), kStandardGravity + noise(rng)}, {noise(rng), 0, 0}});
    if (i >= 1200 && i < 1600) in.back().acc_mps2 = {};
  }
  GravityEstimator g1({.window_s = 2.0}, 100), g2({.window_s = 2.0}, 100);
  CenteredBoxcar b1(7), b2(7);
  std::vector<Frame> per_sample, blocked;
  std::vector<float> box_per_sample, box_blocked;
  Frame f;
  float y;
  for (const Sample& s : in) {
    if (g1.Push(s, f)) {
      per_sample.push_back(f);
      if (b1.Push(f.magnitude_mps2, y)) box_per_sample.push_back(y);
    }
  }
  std::vector<Frame> out(in.size());
  for (std::size_t i = 0; i < in.size();) {
    const std::size_t n = std::min<std::size_t>(1 + (i * 7919) % 300, in.size() - i);
    CenteredBoxcar::Local local = b2.Begin();
    const std::size_t made = g2.PushBlock(std::span<const Sample>(in).subspan(i, n), out.data());
    for (std::size_t k = 0; k < made;) {
      // The engine's steady runs once the window is full, Push before.
      if (local.Steady()) {
        const std::size_t run = std::min(made - k, local.Contiguous());
        CenteredBoxcar::Local::Run r = local.BeginRun();
        for (std::size_t j = 0; j < run; ++j)
          box_blocked.push_back(r.Push(j, out[k + j].magnitude_mps2));
        local.EndRun(r, run);
        k += run;
      } else {
        if (local.Push(out[k].magnitude_mps2, y)) box_blocked.push_back(y);
        ++k;
      }
    }
    b2.Commit(local);
    blocked.insert(blocked.end(), out.begin(), out.begin() + static_cast<std::ptrdiff_t>(made));
    i += n;
  }
  while (g1.Flush(f)) per_sample.push_back(f);
  while (g2.Flush(f)) blocked.push_back(f);
  while (b1.Flush(y)) box_per_sample.push_back(y);
  while (b2.Flush(y)) box_blocked.push_back(y);
  ASSERT_EQ(blocked.size(), per_sample.size());
  for (std::size_t i = 0; i < blocked.size(); ++i) {
    ASSERT_EQ(blocked[i].t_s, per_sample[i].t_s) << i;
    ASSERT_EQ(blocked[i].gravity_mps2, per_sample[i].gravity_mps2) << i;
    ASSERT_EQ(blocked[i].vertical_mps2, per_sample[i].vertical_mps2) << i;
    ASSERT_EQ(blocked[i].magnitude_mps2, per_sample[i].magnitude_mps2) << i;
    ASSERT_EQ(blocked[i].gyro_radps, per_sample[i].gyro_radps) << i;
  }
  EXPECT_TRUE(std::any_of(blocked.begin(), blocked.end(), [](const Frame& fr) {
    return Dot(fr.gravity_mps2, fr.gravity_mps2) <= 1e-6f;  // the no-gravity branch was taken
  }));
  ASSERT_EQ(box_blocked, box_per_sample);

  const std::vector<StepCandidate> c1 = Detect(box_per_sample, {}, 0, 0).candidates;
  const Reported blocked_steps = Detect(box_blocked, {}, 104729, 250);
  const std::vector<StepCandidate>& c2 = blocked_steps.candidates;
  const std::size_t skipped = blocked_steps.skipped;
  ASSERT_GT(c1.size(), 10u);
  ASSERT_EQ(c2.size(), c1.size());
  EXPECT_GT(skipped, box_blocked.size() / 2);
  for (std::size_t i = 0; i < c1.size(); ++i) {
    EXPECT_EQ(c2[i].index, c1[i].index) << i;
    EXPECT_EQ(c2[i].t_s, c1[i].t_s) << i;
    EXPECT_EQ(c2[i].amplitude_mps2, c1[i].amplitude_mps2) << i;
    EXPECT_EQ(c2[i].between_index, c1[i].between_index) << i;
    EXPECT_EQ(c2[i].between_mps2, c1[i].between_mps2) << i;
    ASSERT_EQ(c2[i].trailing_count, c1[i].trailing_count) << i;
    for (int j = 0; j < c1[i].trailing_count; ++j) {
      const auto t = static_cast<std::size_t>(j);
      EXPECT_EQ(c2[i].trailing[t].index, c1[i].trailing[t].index) << i;
      EXPECT_EQ(c2[i].trailing[t].mps2, c1[i].trailing[t].mps2) << i;
    }
  }
}

// Steps every 0.45-0.75 s of random height, some with a second peak
// 0.1-0.2 s later (merged into one candidate), some with a ripple, and
// pauses of several seconds.
std::vector<float> StepsWithPauses() {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<float> s(6000, -0.05f);
  auto bump = [&](double t0, double height, double width) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      const double d = (static_cast<double>(i) * 0.01 - t0) / width;
      if (std::abs(d) < 4) s[i] += static_cast<float>(height * std::exp(-d * d / 2));
    }
  };
  for (double t = 1; t < 58;) {
    const double h = 0.5 + 2 * u(rng);
    bump(t, h, 0.05);
    if (u(rng) < 0.25) bump(t + 0.1 + 0.1 * u(rng), h * (0.5 + u(rng)), 0.04);
    if (u(rng) < 0.25) bump(t + 0.3, 0.15, 0.03);
    t += u(rng) < 0.05 ? 3 + 3 * u(rng) : 0.45 + 0.3 * u(rng);
  }
  return s;
}

TEST(StepDetectorTest, ReleasingEarlyReportsTheSameCandidatesSooner) {
  const std::vector<float> s = StepsWithPauses();
  StepDetectorOptions early;
  early.release_early = true;
  const Reported held = Detect(s, {}, 0, 0);
  const Reported released = Detect(s, early, 0, 0);
  const Reported blocked = Detect(s, early, 7919, 200);
  ASSERT_GT(held.candidates.size(), 50u);
  ASSERT_EQ(released.candidates.size(), held.candidates.size());
  ASSERT_EQ(blocked.candidates.size(), held.candidates.size());
  double sooner_s = 0;
  for (std::size_t i = 0; i < held.candidates.size(); ++i) {
    EXPECT_EQ(released.candidates[i].index, held.candidates[i].index) << i;
    EXPECT_EQ(released.candidates[i].amplitude_mps2, held.candidates[i].amplitude_mps2) << i;
    EXPECT_EQ(released.candidates[i].between_index, held.candidates[i].between_index) << i;
    EXPECT_EQ(released.candidates[i].between_mps2, held.candidates[i].between_mps2) << i;
    EXPECT_LE(released.at[i], held.at[i]) << i;
    // Never before a later peak could still have merged with it.
    EXPECT_GE(static_cast<double>(released.at[i]) * 0.01,
              released.candidates[i].t_s + early.min_step_s - 1e-9)
        << i;
    sooner_s += static_cast<double>(held.at[i] - released.at[i]) * 0.01;
    EXPECT_EQ(blocked.candidates[i].index, released.candidates[i].index) << i;
    EXPECT_EQ(blocked.at[i], released.at[i]) << i;
  }
  EXPECT_GT(sooner_s / static_cast<double>(held.candidates.size()), 0.15);
}

TEST(StepDetectorTest, AHeldCandidateIsReportedOnceNothingCanChangeIt) {
  // The last step before a pause is reported during the pause, once no peak
  // can merge with it and no trailing maximum join it, not when walking
  // resumes: so a walk that stops can end while the walker stands.
  const std::vector<float> s = StepsWithPauses();
  const StepDetectorOptions o;
  const Reported per_sample = Detect(s, o, 0, 0);
  const Reported blocked = Detect(s, o, 7919, 200);
  ASSERT_GT(per_sample.candidates.size(), 50u);
  ASSERT_EQ(blocked.candidates.size(), per_sample.candidates.size());
  EXPECT_GT(blocked.skipped, s.size() / 2);
  int before_a_pause = 0;
  for (std::size_t i = 0; i < per_sample.candidates.size(); ++i) {
    const StepCandidate& c = per_sample.candidates[i];
    EXPECT_EQ(blocked.candidates[i].index, c.index) << i;
    EXPECT_EQ(blocked.candidates[i].trailing_count, c.trailing_count) << i;
    EXPECT_EQ(blocked.at[i], per_sample.at[i]) << i;
    if (i + 1 < per_sample.candidates.size() &&
        per_sample.candidates[i + 1].t_s - c.t_s > o.max_trailing_s + 1) {
      ++before_a_pause;
      const double at_s = static_cast<double>(per_sample.at[i]) * 0.01;
      EXPECT_GT(at_s, c.t_s + o.max_trailing_s) << i;  // nothing could join it later
      EXPECT_LE(at_s, c.t_s + o.max_trailing_s + 0.03) << i;
    }
  }
  EXPECT_GE(before_a_pause, 2);
}

TEST(GravityEstimatorTest, FindsUpInAnyOrientationAndFollowsATurn) {
  GravityEstimator g({.window_s = 2.0}, 100);
  const auto r1 = Euler(0.3, 1.1, -2.0), r2 = Euler(-1.0, 0.2, 2.5);
  std::vector<Frame> frames;
  Frame f;
  for (int i = 0; i < 2000; ++i) {
    const auto& r = i < 1000 ? r1 : r2;
    const Sample s{i * 0.01, r.Apply({0, 0, kStandardGravity}), {}};
    if (g.Push(s, f)) frames.push_back(f);
  }
  while (g.Flush(f)) frames.push_back(f);
  ASSERT_EQ(frames.size(), 2000u);
  for (int i : {200, 800, 1200, 1900}) {
    const Vec3 up = (i < 1000 ? r1 : r2).Apply({0, 0, kStandardGravity});
    EXPECT_NEAR((frames[i].gravity_mps2 - up).norm(), 0, 1e-3) << i;
    EXPECT_NEAR(frames[i].vertical_mps2, 0, 1e-3) << i;
  }
}

TEST(GravityEstimatorTest, VerticalIsTheUpComponentOfDynamicAcceleration) {
  GravityEstimator g({.window_s = 2.0}, 100);
  const auto r = Euler(2.0, -0.7, 0.4);
  std::vector<Frame> frames;
  Frame f;
  for (int i = 0; i < 1000; ++i) {
    const float v =
        static_cast<float>(std::sin(2 * std::numbers::pi * 2.0 * static_cast<double>(i) * 0.01));
    if (g.Push({i * 0.01, r.Apply({0.5f * v, 0, kStandardGravity + v}), {}}, f))
      frames.push_back(f);
  }
  for (std::size_t i = 200; i < 700; ++i) {
    const float v =
        static_cast<float>(std::sin(2 * std::numbers::pi * 2.0 * static_cast<double>(i) * 0.01));
    EXPECT_NEAR(frames[i].vertical_mps2, v, 0.02);
  }
}

TEST(GravityEstimatorTest, CutFramesAreTheFramesOfASegmentEndingThere) {
  // Frames cut at a sample are the frames Flush makes when the segment ends
  // there; further back than half a window they are the frames themselves.
  std::mt19937 rng(5);
  std::normal_distribution<float> noise(0, 2);
  const auto r = Euler(0.4, -1.2, 2.2);
  std::vector<Sample> in;
  for (int i = 0; i < 700; ++i) {
    const float v =
        static_cast<float>(std::sin(2 * std::numbers::pi * 1.8 * static_cast<double>(i) * 0.01));
    in.push_back({i * 0.01, r.Apply({noise(rng), v, kStandardGravity + 3 * v}), {}});
  }
  for (const std::size_t end : {150u, 420u, 700u}) {
    GravityEstimator g({.window_s = 2.0}, 100);
    std::vector<Frame> ended;
    Frame f;
    for (std::size_t i = 0; i < end; ++i)
      if (g.Push(in[i], f)) ended.push_back(f);
    while (g.Flush(f)) ended.push_back(f);
    ASSERT_EQ(ended.size(), end);
    const std::size_t from = end - std::min<std::size_t>(end, 250);  // from the segment or later
    std::vector<Frame> cut(end - from - 120);
    g.CutFrames(std::span<const Sample>(in).subspan(from, end - from), 120, cut);
    for (std::size_t k = 0; k < cut.size(); ++k) {
      const Frame& want = ended[from + 120 + k];
      ASSERT_EQ(cut[k].t_s, want.t_s);
      EXPECT_NEAR((cut[k].gravity_mps2 - want.gravity_mps2).norm(), 0, 1e-4) << end << " " << k;
      EXPECT_NEAR(cut[k].vertical_mps2, want.vertical_mps2, 1e-4);
      EXPECT_NEAR(cut[k].magnitude_mps2, want.magnitude_mps2, 1e-4);
    }
  }
}

TEST(GravityEstimatorTest, KeepsTheSamplesWhoseFramesAreNotOut) {
  GravityEstimator g({.window_s = 2.0}, 100);
  Frame f;
  std::size_t out = 0;
  for (int i = 0; i < 600; ++i) out += g.Push({i * 0.01, {static_cast<float>(i), 0, 9.8f}, {}}, f);
  for (std::uint64_t j = out; j < 600; ++j) {
    const Sample* s = g.Received(j);
    ASSERT_NE(s, nullptr) << j;
    EXPECT_EQ(s->acc_mps2.x, static_cast<float>(j));
  }
  EXPECT_EQ(g.received(), 600u);
  EXPECT_EQ(g.Received(0), nullptr);  // long overwritten
}

TEST(StepDetectorTest, OnePeakPerCycleAboveThresholdOnly) {
  StepDetector d({}, 100);
  std::vector<StepCandidate> found;
  StepCandidate c;
  for (int i = 0; i < 1000; ++i) {
    const double t = i * 0.01;
    // 2 Hz with a ripple on each peak; silent (0.05) for the first 2 s.
    const double a = t < 2 ? 0.05 : 1.0;
    const float s = static_cast<float>(a * (std::cos(2 * std::numbers::pi * 2 * t) +
                                            0.1 * std::cos(2 * std::numbers::pi * 20 * t)));
    if (d.Push(static_cast<std::uint64_t>(i), t, s, c)) found.push_back(c);
  }
  while (d.Flush(c)) found.push_back(c);
  ASSERT_EQ(found.size(), 16u);  // peaks at 2.0, 2.5, ... 9.5
  for (std::size_t k = 0; k < found.size(); ++k)
    EXPECT_NEAR(found[k].t_s, 2.0 + 0.5 * static_cast<double>(k), 0.02);
}

TEST(StepDetectorTest, ReportsTheHighestBumpBetweenCandidates) {
  // Tall narrow peaks every second and a small bump half-way: under the
  // threshold (0.25 x RMS, about 0.45 here) but above min_peak_mps2: a step
  // too weak to be a candidate, where the missed-step fill puts it.
  StepDetector d({}, 100);
  std::vector<StepCandidate> found;
  StepCandidate c;
  auto bell = [](double u, double w) { return std::exp(-u * u / (2 * w * w)); };
  for (int i = 0; i < 2000; ++i) {
    const double t = i * 0.01;
    const double u = std::fmod(t + 0.25, 1.0) - 0.25;  // -0.25..0.75, peak at 0
    const float s = static_cast<float>(-0.1 + 6 * bell(u, 0.05) + 0.45 * bell(u - 0.5, 0.05));
    if (d.Push(static_cast<std::uint64_t>(i), t, s, c)) found.push_back(c);
  }
  int checked = 0;
  for (const StepCandidate& k : found) {
    if (k.t_s < 5) continue;  // the running RMS has settled
    EXPECT_NEAR(k.t_s, std::round(k.t_s), 0.02);
    EXPECT_NEAR(k.between_t_s, k.t_s - 0.5, 0.02);
    EXPECT_NEAR(k.between_mps2, 0.35, 0.03);
    ++checked;
  }
  EXPECT_GE(checked, 13);
}

TEST(StepDetectorTest, ReportsTheSmallPeaksAfterACandidate) {
  // Tall peaks every second, each followed 0.5 s later by a small bump far
  // under the threshold (a closing step looks like this).
  StepDetector d({}, 100);
  std::vector<StepCandidate> found;
  StepCandidate c;
  auto bell = [](double u, double w) { return std::exp(-u * u / (2 * w * w)); };
  for (int i = 0; i < 1000; ++i) {
    const double t = i * 0.01;
    const double u = std::fmod(t + 0.25, 1.0) - 0.25;  // -0.25..0.75, peak at 0
    const float s = static_cast<float>(-0.1 + 6 * bell(u, 0.05) + 0.2 * bell(u - 0.5, 0.05));
    if (d.Push(static_cast<std::uint64_t>(i), t, s, c)) found.push_back(c);
  }
  while (d.Flush(c)) found.push_back(c);
  ASSERT_GE(found.size(), 8u);
  for (const StepCandidate& k : found) {
    EXPECT_EQ(k.between_mps2, 0.0f);  // under min_peak_mps2: not a bump
    ASSERT_GE(k.trailing_count, 1);
    EXPECT_NEAR(k.trailing[0].t_s, k.t_s + 0.5, 0.02);
    EXPECT_NEAR(k.trailing[0].mps2, 0.1, 0.02);
  }
}

struct Recorder : BoutListener {
  std::vector<double> starts, steps;
  int ends = 0;
  void OnBoutStart(double s) override { starts.push_back(s); }
  void OnStep(const StepCandidate& c) override { steps.push_back(c.t_s); }
  void OnBoutEnd() override { ++ends; }
};

// n step times step_s apart, from 1 s.
std::vector<double> StepsFromOne(int n, double step_s) {
  std::vector<double> times;
  for (int i = 0; i < n; ++i) times.push_back(1.0 + step_s * i);
  return times;
}

void Feed(BoutTracker& t, Recorder& r, const std::vector<double>& times, float amp = 1.0f) {
  for (double s : times) {
    t.Advance(s, r);
    t.OnCandidate({0, s, amp}, r);
  }
}

TEST(BoutTrackerTest, FourRhythmicStepsMakeABout) {
  BoutTracker t({});
  Recorder r;
  Feed(t, r, {1.0, 1.5, 2.0});
  EXPECT_TRUE(r.starts.empty());
  Feed(t, r, {2.5});
  ASSERT_EQ(r.starts.size(), 1u);
  EXPECT_EQ(r.steps.size(), 4u);
  t.Advance(10, r);
  EXPECT_EQ(r.ends, 1);
}

TEST(BoutTrackerTest, ASlowRunOpensOnFewerStepsOnlyWhenAskedAndSlow) {
  struct Case {
    const char* name;
    int slow_run_steps;
    double step_s;
    bool opens_on_third;
  };
  const Case cases[] = {{"off (the engine's own rules)", 0, 0.9, false},
                        {"slow: three are enough", 3, 0.9, true},
                        {"not slow: four are needed", 3, 0.6, false}};
  for (const Case& k : cases) {
    SCOPED_TRACE(k.name);
    BoutRules rules;
    rules.slow_run_steps = k.slow_run_steps;
    BoutTracker t(rules);
    Recorder r;
    Feed(t, r, {1.0, 1.0 + k.step_s, 1.0 + 2 * k.step_s});
    EXPECT_EQ(r.starts.size(), k.opens_on_third ? 1u : 0u);
    Feed(t, r, {1.0 + 3 * k.step_s});
    ASSERT_EQ(r.starts.size(), 1u);
    EXPECT_EQ(r.starts[0], 1.0);
    EXPECT_EQ(r.steps.size(), 4u);
  }
  // Three slow candidates out of rhythm are not a run.
  BoutRules rules;
  rules.slow_run_steps = 3;
  BoutTracker t(rules);
  Recorder r;
  Feed(t, r, {1.0, 1.8, 3.3});
  EXPECT_TRUE(r.starts.empty());
}

TEST(BoutTrackerTest, IrregularPeaksAreNotWalking) {
  BoutTracker t({});
  Recorder r;
  Feed(t, r, {1.0, 1.3, 2.4, 2.7, 3.9, 4.2, 5.6, 5.9, 7.0});
  t.Flush(r);
  EXPECT_TRUE(r.starts.empty());
  EXPECT_TRUE(r.steps.empty());
}

TEST(BoutTrackerTest, ShortBreaksMergeLongBreaksSplit) {
  BoutTracker t({});
  Recorder r;
  Feed(t, r, {1.0, 1.5, 2.0, 2.5, 3.0});
  Feed(t, r, {5.5, 6.0, 6.5, 7.0});  // 2.5 s break: same bout
  t.Advance(7.5, r);
  EXPECT_EQ(r.ends, 0);
  Feed(t, r, {11.0, 11.5, 12.0, 12.5});  // 4 s break: new bout
  t.Flush(r);
  EXPECT_EQ(r.starts.size(), 2u);
  EXPECT_EQ(r.ends, 2);
  EXPECT_EQ(r.steps.size(), 13u);
}

TEST(BoutTrackerTest, ASlowBoutContinuesWithAStepLongerThanMaxStepWithinItsRhythm) {
  // Nine steps of rhythm_s, then one candidate `after_s` after the last and
  // no more: a step of the bout, or a lone peak after it (a run of one).
  struct Case {
    const char* name;
    double rhythm_s, after_s, max_step_rhythms;
    std::size_t steps;
  };
  const Case cases[] = {{"1.2-s steps, one of 1.7 s (1.4 step times): a step", 1.2, 1.7, 1.6, 10},
                        {"1.2-s steps, one of 2.0 s (1.7 step times): not", 1.2, 2.0, 1.6, 9},
                        {"the rule off: not", 1.2, 1.7, 0.0, 9},
                        {"0.5-s steps, 1.7 s later (a pause): not", 0.5, 1.7, 1.6, 9}};
  for (const Case& k : cases) {
    SCOPED_TRACE(k.name);
    BoutRules rules;
    rules.max_step_rhythms = k.max_step_rhythms;
    BoutTracker t(rules);
    Recorder r;
    const std::vector<double> times = StepsFromOne(9, k.rhythm_s);
    Feed(t, r, times);
    Feed(t, r, {times.back() + k.after_s});
    t.Advance(times.back() + 20, r);
    EXPECT_EQ(r.starts.size(), 1u);
    EXPECT_EQ(r.ends, 1);
    EXPECT_EQ(r.steps.size(), k.steps);
  }
}

TEST(BoutTrackerTest, AMissedStepInARhythmIsFilledAnOddIntervalIsNot) {
  // Eight candidates s apart with the 6th missing, then four more after an
  // odd interval. At 1-s steps the hole (2 s) is over max_step_s (1.5 s) and
  // still two step times.
  struct Case {
    const char* name;
    double step_s, odd_s;
  };
  const Case cases[] = {{"0.5-s steps; then 1.6 step times: a slowing", 0.5, 0.8},
                        {"1-s steps; then 2.6 step times: a pause", 1.0, 2.6}};
  for (const Case& k : cases) {
    SCOPED_TRACE(k.name);
    BoutTracker t({});
    Recorder r;
    std::vector<double> times;
    for (int i = 0; i < 9; ++i)
      if (i != 5) times.push_back(1.0 + k.step_s * i);
    Feed(t, r, times);
    ASSERT_EQ(r.steps.size(), 9u);
    EXPECT_NEAR(r.steps[5], 1.0 + 5 * k.step_s, 1e-9);
    const double last = times.back();
    for (int i = 0; i < 4; ++i) Feed(t, r, {last + k.odd_s + k.step_s * i});
    t.Flush(r);
    EXPECT_EQ(r.steps.size(), 13u);  // nothing filled in the odd interval
    EXPECT_EQ(r.starts.size(), 1u);
  }
}

TEST(BoutTrackerTest, AWeakOrVeryEarlyPeakInsideOneStepTimeIsARippleNotAStep) {
  // Nine steps of rhythm_s at 2 m/s², then a peak `at` of a step after the
  // last one, and the next candidate `next_after_s` after that last step.
  struct Case {
    const char* name;
    float peak;
    double at;
    double next_after_s;  // 0: no next candidate, the bout ends
    double rhythm_s;
    float ripple_ratio;
    double same_step_fraction;
    std::size_t steps;
  };
  const Case cases[] = {
      {"weak, the next one a step time later: a ripple", 0.4f, 0.5, 0.7, 0.7, 0.5f, 0.4, 10},
      {"under half the median peak: a ripple too", 0.9f, 0.5, 0.7, 0.7, 0.5f, 0.4, 10},
      {"weak, the next one later than a step time: a step", 0.4f, 0.5, 1.05, 0.7, 0.5f, 0.4, 11},
      {"a full peak: a step", 1.5f, 0.5, 0.7, 0.7, 0.5f, 0.4, 11},
      {"weak, and the bout ends: kept", 0.4f, 0.5, 0.0, 0.7, 0.5f, 0.4, 10},
      {"a slow walk (1.1-s steps): a ripple too", 0.4f, 0.5, 1.1, 1.1, 0.5f, 0.4, 10},
      {"ripples off", 0.4f, 0.5, 0.7, 0.7, 0.0f, 0.4, 11},
      // A second peak of one slow step: as high, 0.3 s after a 1.1-s step.
      {"full, 0.27 of a step: a ripple", 2.0f, 0.27, 1.1, 1.1, 0.5f, 0.4, 10},
      {"full, 0.27 of a step, the next one later: a step", 2.0f, 0.27, 1.6, 1.1, 0.5f, 0.4, 11},
      {"full, 0.27 of a step, the rule off: a step", 2.0f, 0.27, 1.1, 1.1, 0.5f, 0.0, 11},
      {"full, 0.3 s after a 0.6-s step (half of it): a step", 2.0f, 0.5, 0.6, 0.6, 0.5f, 0.4, 11}};
  for (const Case& k : cases) {
    SCOPED_TRACE(k.name);
    BoutRules rules;
    rules.ripple_ratio = k.ripple_ratio;
    rules.same_step_fraction = k.same_step_fraction;
    BoutTracker t(rules);
    Recorder r;
    const std::vector<double> times = StepsFromOne(9, k.rhythm_s);
    Feed(t, r, times, 2.0f);
    const double last = times.back();
    const double early = last + k.at * k.rhythm_s;
    t.Advance(early, r);
    t.OnCandidate({0, early, k.peak}, r);
    if (k.next_after_s > 0) Feed(t, r, {last + k.next_after_s}, 2.0f);
    t.Advance(last + 10, r);
    EXPECT_EQ(r.ends, 1);
    EXPECT_EQ(r.steps.size(), k.steps);
    const bool kept = std::find(r.steps.begin(), r.steps.end(), early) != r.steps.end();
    EXPECT_EQ(kept, k.steps == 11 || k.next_after_s == 0);
    for (std::size_t i = 1; i < r.steps.size(); ++i) EXPECT_LT(r.steps[i - 1], r.steps[i]);
  }
}

TEST(BoutTrackerTest, ABoutThatEndsOnARunOfWeakPeaksEndsBeforeThem) {
  // Ten steps of 0.5 s at 2 m/s², then `weak` peaks of 0.3 m/s² (a bag
  // swinging on after the stop), then `full` more steps at 2 m/s².
  struct Case {
    const char* name;
    int weak, full;
    float tail_ratio;
    std::size_t steps;
  };
  const Case cases[] = {{"four weak peaks, then the bout ends: not steps", 4, 0, 0.2f, 10},
                        {"two weak peaks: kept (a closing step may be weak)", 2, 0, 0.2f, 12},
                        {"the walk goes on after them: kept", 4, 2, 0.2f, 16},
                        {"rule off", 4, 0, 0.0f, 14}};
  for (const Case& k : cases) {
    SCOPED_TRACE(k.name);
    BoutRules rules;
    rules.tail_ratio = k.tail_ratio;
    BoutTracker t(rules);
    Recorder r;
    double s = 1.0;
    std::vector<double> strong, weak, after;
    for (int i = 0; i < 10; ++i, s += 0.5) strong.push_back(s);
    for (int i = 0; i < k.weak; ++i, s += 0.5) weak.push_back(s);
    for (int i = 0; i < k.full; ++i, s += 0.5) after.push_back(s);
    Feed(t, r, strong, 2.0f);
    Feed(t, r, weak, 0.3f);
    if (k.tail_ratio > 0 && k.weak >= 3) {
      EXPECT_EQ(r.steps.size(), 10u);  // held, not yet given
    }
    Feed(t, r, after, 2.0f);
    t.Advance(s + 10, r);
    EXPECT_EQ(r.ends, 1);
    EXPECT_EQ(r.steps.size(), k.steps);
    for (std::size_t i = 1; i < r.steps.size(); ++i) EXPECT_LT(r.steps[i - 1], r.steps[i]);
  }
}

TEST(BoutTrackerTest, AWeakEarlyFirstPeakIsAPushOffNotAStep) {
  BoutTracker t({});
  Recorder r;
  // A weak peak 0.4 s before a 0.5-s rhythm: setting off, not a step.
  t.OnCandidate({0, 0.6, 0.5f}, r);
  Feed(t, r, {1.0, 1.5, 2.0, 2.5}, 2.0f);
  t.Flush(r);
  ASSERT_EQ(r.starts.size(), 1u);
  EXPECT_NEAR(r.starts[0], 1.0, 1e-9);
  EXPECT_EQ(r.steps.size(), 4u);
  // As weak but a step time early (the first step is the longest): kept.
  BoutTracker t2({});
  Recorder r2;
  t2.OnCandidate({0, 0.45, 0.5f}, r2);
  Feed(t2, r2, {1.0, 1.5, 2.0}, 2.0f);
  t2.Flush(r2);
  EXPECT_EQ(r2.steps.size(), 4u);
  // Early but a full peak: kept.
  BoutTracker t3({});
  Recorder r3;
  t3.OnCandidate({0, 0.6, 1.5f}, r3);
  Feed(t3, r3, {1.0, 1.5, 2.0}, 2.0f);
  t3.Flush(r3);
  EXPECT_EQ(r3.steps.size(), 4u);
}

TEST(BoutTrackerTest, RunStartNearIsWhereTheNextBoutWouldOpen) {
  BoutTracker t({});
  Recorder r;
  t.OnCandidate({0, 0.6, 0.5f}, r);  // a push-off, as above
  Feed(t, r, {1.0}, 2.0f);
  // Two candidates are too few to judge a push-off: either may start the bout.
  ASSERT_NE(t.RunStartNear(0.6, 0.25), nullptr);
  EXPECT_EQ(t.RunStartNear(0.6, 0.25)->t_s, 0.6);
  ASSERT_NE(t.RunStartNear(1.05, 0.25), nullptr);
  EXPECT_EQ(t.RunStartNear(1.05, 0.25)->t_s, 1.0);
  EXPECT_EQ(t.RunStartNear(1.3, 0.25), nullptr);
  // Three judge it a push-off: the second may start the bout.
  Feed(t, r, {1.5}, 2.0f);
  ASSERT_NE(t.RunStartNear(1.0, 0.25), nullptr);
  EXPECT_EQ(t.RunStartNear(1.0, 0.25)->t_s, 1.0);
  EXPECT_EQ(t.RunStartNear(1.5, 0.25), nullptr);  // in the run, but not its start
  Feed(t, r, {2.0}, 2.0f);
  ASSERT_EQ(r.starts.size(), 1u);
  EXPECT_EQ(r.starts[0], 1.0);                    // where it said
  EXPECT_EQ(t.RunStartNear(1.0, 0.25), nullptr);  // a bout is open
  // A full first peak is no push-off: the second does not start the bout.
  BoutTracker full({});
  Recorder r2;
  full.OnCandidate({0, 0.6, 1.5f}, r2);
  Feed(full, r2, {1.0, 1.5}, 2.0f);
  EXPECT_EQ(full.RunStartNear(1.0, 0.25), nullptr);
  ASSERT_NE(full.RunStartNear(0.6, 0.25), nullptr);
  EXPECT_EQ(full.RunStartNear(0.6, 0.25)->t_s, 0.6);
}

// Candidates at these times, as another detector's run would hand them over.
std::vector<StepCandidate> OthersRun(const std::vector<double>& times, float amp = 2.0f) {
  std::vector<StepCandidate> run;
  for (double s : times) run.push_back({0, s, amp});
  return run;
}

TEST(BoutTrackerTest, PredictRunStartPlaysThePendingRunOnWithAnothersCandidates) {
  // A leading candidate out of the rhythm falls out once the next comes: the
  // bout opens on the second, which RunStartNear cannot tell yet.
  BoutTracker t({});
  Recorder r;
  Feed(t, r, {1.70, 3.06, 3.64}, 2.0f);
  const std::vector<StepCandidate> later = OthersRun({3.07, 3.65, 4.22, 4.80});
  EXPECT_EQ(t.RunStartNear(3.07, 0.25), nullptr);
  ASSERT_NE(t.PredictRunStart(3.07, nullptr, later, 0.25), nullptr);
  EXPECT_EQ(t.PredictRunStart(3.07, nullptr, later, 0.25)->t_s, 3.06);
  Feed(t, r, {4.21, 4.79}, 2.0f);
  ASSERT_EQ(r.starts.size(), 1u);
  EXPECT_EQ(r.starts[0], 3.06);                                       // where it said
  EXPECT_EQ(t.PredictRunStart(3.07, nullptr, later, 0.25), nullptr);  // a bout is open

  // In the rhythm from the first: the first.
  BoutTracker steady({});
  Feed(steady, r, {1.0, 1.5}, 2.0f);
  ASSERT_NE(steady.PredictRunStart(1.0, nullptr, OthersRun({1.02, 1.51, 2.0, 2.5}), 0.25), nullptr);
  EXPECT_EQ(steady.PredictRunStart(1.0, nullptr, OthersRun({1.02, 1.51, 2.0, 2.5}), 0.25)->t_s,
            1.0);
  // A push-off first: the second, judged on the whole run.
  BoutTracker push({});
  push.OnCandidate({0, 0.6, 0.5f}, r);
  Feed(push, r, {1.0}, 2.0f);
  ASSERT_NE(push.PredictRunStart(1.0, nullptr, OthersRun({1.0, 1.5, 2.0}), 0.25), nullptr);
  EXPECT_EQ(push.PredictRunStart(1.0, nullptr, OthersRun({1.0, 1.5, 2.0}), 0.25)->t_s, 1.0);
  // The pending candidate falls out and the run opens on one of the others':
  // no candidate in yet to key to.
  BoutTracker lone({});
  Feed(lone, r, {1.0}, 2.0f);
  EXPECT_EQ(lone.PredictRunStart(2.4, nullptr, OthersRun({2.4, 2.9, 3.4, 3.9}), 0.25), nullptr);
  // Too few to accept a run: RunStartNear's rule on what is left.
  ASSERT_NE(steady.PredictRunStart(1.0, nullptr, OthersRun({1.0, 1.5, 2.0}), 0.25), nullptr);
  EXPECT_EQ(steady.PredictRunStart(1.0, nullptr, OthersRun({1.0, 1.5, 2.0}), 0.25)->t_s, 1.0);
  EXPECT_EQ(steady.PredictRunStart(1.5, nullptr, OthersRun({1.0, 1.5, 2.0}), 0.25), nullptr);
  // The candidate the caller's detector holds comes next: one the other
  // detector did not see breaks the rhythm it would have predicted.
  BoutTracker held({});
  Feed(held, r, {1.0}, 2.0f);
  const std::vector<StepCandidate> others = OthersRun({1.0, 1.5, 2.0, 2.5});
  ASSERT_NE(held.PredictRunStart(1.0, nullptr, others, 0.25), nullptr);
  const StepCandidate extra{0, 1.25, 2.0f};
  EXPECT_EQ(held.PredictRunStart(1.0, &extra, others, 0.25), nullptr);
  // One it did see changes nothing.
  const StepCandidate same{0, 1.51, 2.0f};
  ASSERT_NE(held.PredictRunStart(1.0, &same, others, 0.25), nullptr);
  EXPECT_EQ(held.PredictRunStart(1.0, &same, others, 0.25)->t_s, 1.0);
  // Without a step of the other's to be near (NaN), only an accepted run
  // names a candidate: too few is none.
  const double none = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(steady.PredictRunStart(none, nullptr, OthersRun({1.0, 1.5}), 0.25), nullptr);
  ASSERT_NE(steady.PredictRunStart(none, nullptr, OthersRun({1.0, 1.5, 2.0, 2.5}), 0.25), nullptr);
  EXPECT_EQ(steady.PredictRunStart(none, nullptr, OthersRun({1.0, 1.5, 2.0, 2.5}), 0.25)->t_s, 1.0);
}

TEST(BoutTrackerTest, TheClosingStepIsTakenOnlyAfterAFullLastStep) {
  struct Case {
    const char* name;
    float last_peak;
    double bump_after_s;
    float bump;
    std::size_t steps;
  };
  const Case cases[] = {{"full last step, bump a step time later", 2.0f, 0.5, 0.1f, 9},
                        {"weak last step: it was the closing one", 0.5f, 0.5, 0.1f, 8},
                        {"bump off the rhythm", 2.0f, 0.25, 0.1f, 8},
                        {"bump too small", 2.0f, 0.5, 0.02f, 8}};
  for (const Case& k : cases) {
    SCOPED_TRACE(k.name);
    BoutTracker t({});
    Recorder r;
    Feed(t, r, {1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0}, 2.0f);
    StepCandidate last{0, 4.5, k.last_peak};
    last.trailing[0] = {0, 4.5 + k.bump_after_s, k.bump};
    last.trailing_count = 1;
    t.OnCandidate(last, r);
    t.Advance(10, r);
    EXPECT_EQ(r.ends, 1);
    EXPECT_EQ(r.steps.size(), k.steps);
    if (k.steps == 9) {
      EXPECT_NEAR(r.steps.back(), 5.0, 1e-9);
    }
  }
}

TEST(BoutMetricsTest, ALongStepOfASlowBoutIsAStepABreakIsNot) {
  // Steps every 0.5 s (or 1.2 s), with one interval of 1.8 s (or 2.5 s) in
  // the middle: a step within 1.6 of the median interval, else a break.
  struct Case {
    const char* name;
    double step_s, long_s, max_step_rhythms;
    bool counted;
  };
  const Case cases[] = {{"1.2-s steps, one of 1.8 s: a step", 1.2, 1.8, 1.6, true},
                        {"1.2-s steps, a 2.5-s break", 1.2, 2.5, 1.6, false},
                        {"the rule off", 1.2, 1.8, 0.0, false},
                        {"0.5-s steps, a 1.8-s break", 0.5, 1.8, 1.6, false}};
  for (const Case& k : cases) {
    SCOPED_TRACE(k.name);
    Bout b;
    double t = 0;
    for (int i = 0; i < 10; ++i, t += k.step_s) b.step_times_s.push_back(t);
    t += k.long_s - k.step_s;
    for (int i = 0; i < 10; ++i, t += k.step_s) b.step_times_s.push_back(t);
    ComputeStepTimeMetrics({1.5, k.max_step_rhythms}, b);
    const double mean = k.counted ? (18 * k.step_s + k.long_s) / 19 : k.step_s;
    EXPECT_NEAR(b.step_time_mean_s, mean, 1e-9);
    EXPECT_NEAR(b.cadence_spm, 60 / mean, 1e-9);
  }
}

TEST(BoutMetricsTest, StepTimesAndRegularityOfAPeriodicSignal) {
  Bout b;
  for (int i = 0; i < 41; ++i) b.step_times_s.push_back(0.5 * i);
  ComputeStepTimeMetrics({}, b);
  EXPECT_EQ(b.steps, 41);
  EXPECT_NEAR(b.cadence_spm, 120, 1e-9);
  EXPECT_NEAR(b.step_time_cv, 0, 1e-9);
  std::vector<Frame> frames(2000);
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const double x = 2 * std::numbers::pi * 2.0 * static_cast<double>(i) * 0.01;
    // A stride asymmetry (1 Hz) lowers step regularity, not stride regularity.
    frames[i].vertical_mps2 = static_cast<float>(std::cos(x) + 0.4 * std::cos(x / 2));
  }
  ComputeRegularity(frames, 100, b);
  EXPECT_GT(b.stride_regularity, 0.95);
  EXPECT_LT(b.step_regularity, 0.8);
  EXPECT_NEAR(b.symmetry, b.step_regularity / b.stride_regularity, 1e-12);
}

TEST(StumbleTest, OffRhythmStepWithJoltIsAStumbleEitherAloneIsNot) {
  std::vector<double> t;
  for (int i = 0; i < 20; ++i) t.push_back(0.55 * i);
  std::vector<float> acc(20, 4.0f), gyro(20, 1.0f);
  EXPECT_TRUE(DetectStumbles({}, t, acc, gyro, true).empty());
  // Off rhythm alone (a pause in the step) is not a stumble.
  for (int i = 10; i < 20; ++i) t[i] += 0.25;
  EXPECT_TRUE(DetectStumbles({}, t, acc, gyro, true).empty());
  // With a jolt it is.
  acc[10] = 25.0f;
  const auto s = DetectStumbles({}, t, acc, gyro, true);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_DOUBLE_EQ(s[0], t[10]);
  // A jolt alone, in rhythm, is not.
  for (int i = 10; i < 20; ++i) t[i] -= 0.25;
  EXPECT_TRUE(DetectStumbles({}, t, acc, gyro, true).empty());
}

}  // namespace
}  // namespace retrowalk
