// OnsetWatcher: where walking starts, found on a trailing step signal a
// second before the engine's centred one finds it.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <random>
#include <span>
#include <vector>

#include <gtest/gtest.h>

#include "gait/engine.h"
#include "gait/gravity.h"
#include "gait/onset_watcher.h"
#include "gait/options.h"
#include "synthetic_gait.h"

namespace retrowalk {
namespace {

using testing::AppendStill;
using testing::AppendWalk;
using testing::GaitModel;
using testing::RandomRotation;

constexpr std::size_t kMaxBlock = 256;

// Two walks with a long stand between them.
std::vector<Sample> TwoWalks(std::uint32_t seed) {
  std::mt19937 rng(seed);
  GaitModel g;
  g.body_to_sensor = RandomRotation(rng);
  return testing::TwoWalks(g, rng, 3, 30, 8, 30, 5);
}

// The watcher behind a GravityEstimator as the engine runs them, in blocks of
// `block_seed`-drawn sizes (0: kMaxBlock each).
std::vector<WalkOnset> Watch(std::span<const Sample> in, double lookahead_s,
                             std::uint32_t block_seed) {
  const EngineOptions options;
  GravityEstimator gravity(options.gravity, 100);
  OnsetWatcher watcher(options, gravity.delay_samples(), 7, lookahead_s, 100, kMaxBlock);
  std::vector<Frame> frames(kMaxBlock);
  std::vector<WalkOnset> onsets;
  std::mt19937 rng(block_seed);
  std::uniform_int_distribution<std::size_t> size(1, kMaxBlock);
  for (std::size_t i = 0; i < in.size();) {
    const std::size_t n = std::min(block_seed ? size(rng) : kMaxBlock, in.size() - i);
    const std::size_t nf = gravity.PushBlock(in.subspan(i, n), frames.data());
    watcher.PushBlock(in.subspan(i, n), std::span<const Frame>(frames).first(nf), 0, onsets);
    i += n;
  }
  return onsets;
}

// The onsets where the watcher's own bouts opened (not its candidates).
std::vector<WalkOnset> Opened(const std::vector<WalkOnset>& all) {
  std::vector<WalkOnset> opened;
  std::copy_if(all.begin(), all.end(), std::back_inserter(opened),
               [](const WalkOnset& o) { return o.opened; });
  return opened;
}

TEST(OnsetWatcherTest, FindsEachWalkOnceASecondBeforeACentredSignalWould) {
  const std::vector<Sample> s = TwoWalks(31);
  const std::vector<WalkOnset> trailing = Opened(Watch(s, 0.0, 0));
  const std::vector<WalkOnset> centred = Opened(Watch(s, 1.0, 0));  // the engine's own step signal
  const EngineEvents engine = AnalyzeSamples(s);
  ASSERT_EQ(engine.bout_starts.size(), 2u);
  ASSERT_EQ(trailing.size(), 2u);
  ASSERT_EQ(centred.size(), 2u);
  for (std::size_t k = 0; k < 2; ++k) {
    // The same first step as the engine's bout (its index is the sample's).
    EXPECT_NEAR(trailing[k].first_t_s, engine.bout_starts[k].start_s, 0.015);
    EXPECT_NEAR(centred[k].first_t_s, engine.bout_starts[k].start_s, 0.015);
    EXPECT_NEAR(s[trailing[k].first_index].t_s, trailing[k].first_t_s, 1e-9);
    // Known after its first step and after three more (four in rhythm).
    EXPECT_GT(static_cast<double>(trailing[k].known_push),
              static_cast<double>(trailing[k].first_index) + 3 * 100 / 1.8);
    // A second sooner: the gravity window's half, give or take a sample.
    const double sooner =
        static_cast<double>(centred[k].known_push) - static_cast<double>(trailing[k].known_push);
    EXPECT_NEAR(sooner, 100.0, 2.0);
  }
}

TEST(OnsetWatcherTest, ReportsEachCandidateOnceSoonAfterItWithTheLatestBeforeIt) {
  // The engine plays its own run on with these before the watcher's bout
  // opens (BoutTracker::PredictRunStart).
  const std::vector<Sample> s = TwoWalks(33);
  const std::vector<WalkOnset> all = Watch(s, 0.0, 0);
  const EngineEvents engine = AnalyzeSamples(s);
  ASSERT_EQ(engine.bouts.size(), 2u);
  std::vector<WalkOnset> candidates;
  double watcher_bout_s = std::numeric_limits<double>::quiet_NaN();
  for (const WalkOnset& o : all) {
    if (o.opened) {
      EXPECT_EQ(o.bout_start_s, o.first_t_s);
      watcher_bout_s = o.first_t_s;
      // Every step of the run that opened it was reported before it.
      for (const StepCandidate& c : o.run) {
        EXPECT_TRUE(std::any_of(candidates.begin(), candidates.end(), [&](const WalkOnset& k) {
          return k.first_index == c.index;
        })) << c.t_s;
      }
      continue;
    }
    ASSERT_FALSE(o.run.empty());
    EXPECT_EQ(o.run.back().index, o.first_index);  // its latest candidates, ending with it
    // The watcher's open bout, if any: none before the first walk's fourth
    // step, the first walk's during it, none in the stand between the walks
    // (once the break is over), the second's during the second walk.
    if (o.first_t_s < engine.bouts[0].step_times_s[3] - 0.1 ||
        (o.first_t_s > engine.bouts[0].end_s + 4.0 && o.first_t_s < engine.bouts[1].start_s)) {
      EXPECT_TRUE(std::isnan(o.bout_start_s)) << o.first_t_s;
    } else if (!std::isnan(watcher_bout_s) && o.first_t_s < engine.bouts[0].end_s + 1.0) {
      EXPECT_NEAR(o.bout_start_s, engine.bouts[0].start_s, 0.015) << o.first_t_s;
    } else if (o.first_t_s > engine.bouts[1].step_times_s[4]) {
      EXPECT_NEAR(o.bout_start_s, engine.bouts[1].start_s, 0.015) << o.first_t_s;
    }
    EXPECT_LE(o.run.size(), 8u);
    for (std::size_t k = 1; k < o.run.size(); ++k) EXPECT_LT(o.run[k - 1].t_s, o.run[k].t_s);
    if (!candidates.empty()) {
      EXPECT_GT(o.first_index, candidates.back().first_index);
    }
    // Known after it, within the release (min_step_s) and smoothing.
    EXPECT_GT(o.known_push, o.first_index);
    EXPECT_LT(static_cast<double>(o.known_push - o.first_index), 0.6 * 100);
    candidates.push_back(o);
  }
  // Every step the engine counts was a candidate of the watcher's, but the
  // closing one (a trailing maximum, which the watcher does not look for).
  for (const Bout& b : engine.bouts) {
    for (double t : std::span(b.step_times_s).first(b.step_times_s.size() - 1)) {
      EXPECT_TRUE(std::any_of(candidates.begin(), candidates.end(), [&](const WalkOnset& k) {
        return std::abs(k.first_t_s - t) < 0.02;
      })) << t;
    }
  }
}

TEST(OnsetWatcherTest, BlocksOfAnySizeFindTheSameOnsets) {
  const std::vector<Sample> s = TwoWalks(32);
  const std::vector<WalkOnset> whole = Watch(s, 0.0, 0);
  ASSERT_EQ(Opened(whole).size(), 2u);
  for (std::uint32_t seed : {1u, 2u, 3u}) {
    const std::vector<WalkOnset> chunked = Watch(s, 0.0, seed);
    ASSERT_EQ(chunked.size(), whole.size());
    for (std::size_t k = 0; k < whole.size(); ++k) {
      EXPECT_EQ(chunked[k].opened, whole[k].opened);
      EXPECT_EQ(chunked[k].first_index, whole[k].first_index);
      EXPECT_EQ(chunked[k].first_t_s, whole[k].first_t_s);
      EXPECT_EQ(chunked[k].known_push, whole[k].known_push);
      EXPECT_EQ(chunked[k].run.size(), whole[k].run.size());
      EXPECT_EQ(std::isnan(chunked[k].bout_start_s), std::isnan(whole[k].bout_start_s));
    }
  }
}

}  // namespace
}  // namespace retrowalk
