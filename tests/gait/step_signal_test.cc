// StepSignalFilter: the step detector's input, with gravity from a window
// reaching a chosen lookahead past each sample.
#include <algorithm>
#include <cmath>
#include <random>
#include <span>
#include <vector>

#include <gtest/gtest.h>

#include "gait/gravity.h"
#include "gait/options.h"
#include "gait/step_signal.h"

namespace retrowalk {
namespace {

std::vector<Sample> Noisy(int n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> noise(0, 1.5f);
  std::vector<Sample> in;
  for (int i = 0; i < n; ++i) {
    // The phone turns over half-way, so |mean| and direction both change.
    const float up = i < n / 2 ? kStandardGravity : -kStandardGravity;
    in.push_back({i * 0.01, {noise(rng), noise(rng) + 0.3f * up, up + noise(rng)}, {}});
  }
  return in;
}

// Runs `in` through a GravityEstimator (2-s window at 100 Hz) and the filter
// behind it, in blocks of varying size (chunked) or in one, as the engine does.
std::vector<StepSignalValue> Filtered(StepSignal kind, double lookahead_s,
                                      std::span<const Sample> in, bool chunked) {
  GravityEstimator g({.window_s = 2.0}, 100);
  StepSignalFilter f(kind, g.delay_samples(), lookahead_s, 100);
  std::vector<Frame> frames(in.size());
  std::vector<StepSignalValue> out, buf(in.size() + f.max_backlog());
  for (std::size_t i = 0; i < in.size();) {
    const std::size_t n =
        chunked ? std::min<std::size_t>(1 + (i * 7919) % 300, in.size() - i) : in.size() - i;
    const std::size_t nf = g.PushBlock(in.subspan(i, n), frames.data());
    const std::size_t made =
        f.PushBlock(in.subspan(i, n), std::span<const Frame>(frames).first(nf), buf.data());
    out.insert(out.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(made));
    i += n;
  }
  Frame fr;
  while (g.Flush(fr)) {
    const std::size_t made = f.Flush(fr, buf.data());
    out.insert(out.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(made));
  }
  f.Reset();
  return out;
}

TEST(StepSignalFilterTest, CentredItIsTheGravityFramesOwnSignalBitForBit) {
  const std::vector<Sample> in = Noisy(2500, 4);
  for (StepSignal kind : {StepSignal::kMagnitude, StepSignal::kVertical}) {
    GravityEstimator g({.window_s = 2.0}, 100);
    std::vector<Frame> frames;
    Frame fr;
    for (const Sample& s : in)
      if (g.Push(s, fr)) frames.push_back(fr);
    while (g.Flush(fr)) frames.push_back(fr);
    const std::vector<StepSignalValue> v = Filtered(kind, 1.0, in, true);
    ASSERT_EQ(v.size(), frames.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
      ASSERT_EQ(v[i].t_s, frames[i].t_s) << i;
      ASSERT_EQ(v[i].mps2,
                kind == StepSignal::kMagnitude ? frames[i].magnitude_mps2 : frames[i].vertical_mps2)
          << i;
    }
  }
}

TEST(StepSignalFilterTest, WithoutLookaheadGravityIsTheLastWindowAndValuesComeAtOnce) {
  const std::vector<Sample> in = Noisy(2500, 5);
  EXPECT_EQ(StepSignalFilter(StepSignal::kMagnitude, 100, 0.0, 100).delay_samples(), 0u);
  const std::vector<StepSignalValue> chunked = Filtered(StepSignal::kMagnitude, 0.0, in, true);
  ASSERT_EQ(chunked.size(), in.size());
  for (std::size_t c = 0; c < in.size(); ++c) {
    // The 201 samples up to c; the segment's first take the first 101.
    const std::size_t hi = std::max<std::size_t>(c, 100);
    const std::size_t lo = hi >= 200 ? hi - 200 : 0;
    double sx = 0, sy = 0, sz = 0;
    for (std::size_t k = lo; k <= hi; ++k) {
      sx += in[k].acc_mps2.x;
      sy += in[k].acc_mps2.y;
      sz += in[k].acc_mps2.z;
    }
    const double n = static_cast<double>(hi - lo + 1);
    const double g = std::sqrt(sx * sx + sy * sy + sz * sz) / n;
    ASSERT_EQ(chunked[c].t_s, in[c].t_s);
    ASSERT_NEAR(chunked[c].mps2, in[c].acc_mps2.norm() - g, 2e-4) << c;
  }
  // One value per sample once 101 are in, the first 101 together; blocks of
  // any size give the same values.
  GravityEstimator g({.window_s = 2.0}, 100);
  StepSignalFilter once(StepSignal::kMagnitude, g.delay_samples(), 0.0, 100);
  std::vector<Frame> frames(101);
  std::vector<StepSignalValue> buf(100 + once.max_backlog());
  const auto push = [&](std::span<const Sample> block) {
    const std::size_t nf = g.PushBlock(block, frames.data());
    return once.PushBlock(block, std::span<const Frame>(frames).first(nf), buf.data());
  };
  EXPECT_EQ(push(std::span(in).first(100)), 0u);
  EXPECT_EQ(push(std::span(in).subspan(100, 1)), 101u);
  EXPECT_EQ(push(std::span(in).subspan(101, 1)), 1u);
  const std::vector<StepSignalValue> one_go = Filtered(StepSignal::kMagnitude, 0.0, in, false);
  ASSERT_EQ(one_go.size(), chunked.size());
  for (std::size_t i = 0; i < one_go.size(); ++i) ASSERT_EQ(one_go[i].mps2, chunked[i].mps2);
}

}  // namespace
}  // namespace retrowalk
