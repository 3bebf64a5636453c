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

std::vector<StepSignalValue> Filtered(StepSignalFilter& f, std::span<const Sample> in,
                                      bool chunked) {
  std::vector<StepSignalValue> out, buf(in.size() + f.max_backlog());
  for (std::size_t i = 0; i < in.size();) {
    const std::size_t n =
        chunked ? std::min<std::size_t>(1 + (i * 7919) % 300, in.size() - i) : in.size() - i;
    const std::size_t made = f.PushBlock(in.subspan(i, n), buf.data());
    out.insert(out.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(made));
    i += n;
  }
  StepSignalValue v;
  while (f.Flush(v)) out.push_back(v);
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
    StepSignalFilter f(kind, 2.0, 1.0, 100);
    const std::vector<StepSignalValue> v = Filtered(f, in, true);
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
  StepSignalFilter f(StepSignal::kMagnitude, 2.0, 0.0, 100);
  EXPECT_EQ(f.delay_samples(), 0u);
  const std::vector<StepSignalValue> chunked = Filtered(f, in, true);
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
  StepSignalFilter once(StepSignal::kMagnitude, 2.0, 0.0, 100);
  std::vector<StepSignalValue> buf(100 + once.max_backlog());
  EXPECT_EQ(once.PushBlock(std::span(in).first(100), buf.data()), 0u);
  EXPECT_EQ(once.PushBlock(std::span(in).subspan(100, 1), buf.data()), 101u);
  EXPECT_EQ(once.PushBlock(std::span(in).subspan(101, 1), buf.data()), 1u);
  StepSignalFilter whole(StepSignal::kMagnitude, 2.0, 0.0, 100);
  const std::vector<StepSignalValue> one_go = Filtered(whole, in, false);
  ASSERT_EQ(one_go.size(), chunked.size());
  for (std::size_t i = 0; i < one_go.size(); ++i) ASSERT_EQ(one_go[i].mps2, chunked[i].mps2);
}

}  // namespace
}  // namespace retrowalk
