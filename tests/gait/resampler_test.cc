#include "gait/resampler.h"

#include <cmath>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace retrowalk {
namespace {

std::vector<Sample> Ramp(double t0, double t1, double step_s) {
  std::vector<Sample> v;
  for (double t = t0; t <= t1 + 1e-9; t += step_s) {
    const float a = static_cast<float>(t);
    v.push_back({t, {a, 2 * a, 9.8f}, {0, 0, a}});
  }
  return v;
}

TEST(ResamplerTest, UniformGridAndLinearValues) {
  Resampler r({.rate_hz = 100, .max_gap_s = 1.0});
  std::vector<Sample> in = Ramp(0.0, 1.0, 0.0037);  // ~270 Hz, not a multiple of 100
  std::vector<Sample> out;
  std::vector<Gap> gaps;
  r.Push(in, out, gaps);
  EXPECT_TRUE(gaps.empty());
  ASSERT_GE(out.size(), 99u);
  for (std::size_t i = 0; i < out.size(); ++i) {
    EXPECT_NEAR(out[i].t_s, 0.01 * static_cast<double>(i), 1e-9);
    // A ramp is reproduced exactly by linear interpolation.
    EXPECT_NEAR(out[i].acc_mps2.x, out[i].t_s, 1e-5);
    EXPECT_NEAR(out[i].acc_mps2.y, 2 * out[i].t_s, 1e-5);
    EXPECT_NEAR(out[i].gyro_radps.z, out[i].t_s, 1e-5);
  }
}

TEST(ResamplerTest, GapsAreKeptNotInterpolated) {
  Resampler r({.rate_hz = 100, .max_gap_s = 1.0});
  std::vector<Sample> in = Ramp(0.0, 2.0, 0.01);
  std::vector<Sample> later = Ramp(5.003, 6.0, 0.01);
  in.insert(in.end(), later.begin(), later.end());
  std::vector<Sample> out;
  std::vector<Gap> gaps;
  r.Push(in, out, gaps);
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_NEAR(gaps[0].start_s, 2.0, 1e-6);
  EXPECT_NEAR(gaps[0].end_s, 5.003, 1e-6);
  const Sample& first_after = out[gaps[0].output_index];
  EXPECT_NEAR(first_after.t_s, 5.003, 1e-9);
  EXPECT_NEAR(out[gaps[0].output_index - 1].t_s, 2.0, 1e-6);
  for (const Sample& s : out) EXPECT_FALSE(s.t_s > 2.0 + 1e-6 && s.t_s < 5.003 - 1e-6);
}

TEST(ResamplerTest, ShortGapIsBridged) {
  Resampler r({.rate_hz = 100, .max_gap_s = 1.0});
  std::vector<Sample> in = Ramp(0.0, 1.0, 0.01);
  std::vector<Sample> later = Ramp(1.8, 2.0, 0.01);
  in.insert(in.end(), later.begin(), later.end());
  std::vector<Sample> out;
  std::vector<Gap> gaps;
  r.Push(in, out, gaps);
  EXPECT_TRUE(gaps.empty());
  EXPECT_EQ(out.size(), 201u);
}

TEST(ResamplerTest, ChunkingDoesNotChangeOutput) {
  std::vector<Sample> in = Ramp(0.0, 30.0, 0.0043);
  Resampler whole;
  std::vector<Sample> expected;
  std::vector<Gap> gaps;
  whole.Push(in, expected, gaps);

  std::mt19937 rng(7);
  Resampler chunked;
  std::vector<Sample> got;
  std::size_t i = 0;
  while (i < in.size()) {
    std::size_t n = std::min<std::size_t>(in.size() - i, rng() % 50);
    chunked.Push(std::span<const Sample>(in).subspan(i, n), got, gaps);
    i += n;
  }
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t k = 0; k < got.size(); ++k) {
    EXPECT_EQ(got[k].t_s, expected[k].t_s);
    EXPECT_EQ(got[k].acc_mps2, expected[k].acc_mps2);
  }
}

TEST(ResamplerTest, SkipsNonFiniteAndBackwardSamples) {
  Resampler r;
  std::vector<Sample> in = Ramp(0.0, 0.5, 0.01);
  in.insert(in.begin() + 10, Sample{0.095, {NAN, 0, 0}, {}});
  in.insert(in.begin() + 20, Sample{0.05, {0, 0, 0}, {}});
  std::vector<Sample> out;
  std::vector<Gap> gaps;
  r.Push(in, out, gaps);
  EXPECT_EQ(r.skipped(), 2u);
  for (const Sample& s : out) EXPECT_TRUE(s.acc_mps2.finite());
  EXPECT_EQ(out.size(), 51u);
}

// PassThrough takes exactly the samples Push would copy unchanged: on-grid
// input passes through as it is; an off-grid, jittered, skipped or
// gap-opening sample stops it, and Push (interpolating) takes over from there.
// Alternating the two gives Push's output sample for sample.
TEST(ResamplerTest, PassThroughTakesOnGridSamplesAndHandsTheRestToPush) {
  // On the 100 Hz grid (times as the resampler computes them), 3 s, then
  // after a gap 1 s more (a new segment and grid).
  std::vector<Sample> in;
  for (int i = 0; i < 400; ++i) {
    const double t = i <= 300 ? i * 0.01 : 5.0 + (i - 301) * 0.01;
    const float a = static_cast<float>(std::sin(t));
    in.push_back({t, {a, 2 * a, 9.8f}, {0, 0, a}});
  }
  in[150].t_s += 0.003;             // jitter: interpolated
  in[200].acc_mps2.x = NAN;         // skipped
  in[250].gyro_radps.y = INFINITY;  // skipped
  // Finite, but their sum overflows: PassThrough's test of a whole span
  // fails, and its per-sample loop takes them.
  in[260].acc_mps2.x = 3e38f;
  in[261].acc_mps2.x = 3e38f;

  Resampler whole;
  std::vector<Sample> expected;
  std::vector<Gap> expected_gaps;
  whole.Push(in, expected, expected_gaps);
  ASSERT_EQ(expected_gaps.size(), 1u);

  Resampler mixed;
  std::vector<Sample> got;
  std::vector<Gap> gaps;
  std::vector<std::size_t> stops;  // where PassThrough stopped
  std::size_t passed = 0;
  for (std::size_t i = 0; i < in.size();) {
    const std::span<const Sample> rest = std::span<const Sample>(in).subspan(i);
    if (const std::size_t n = mixed.PassThrough(rest)) {
      got.insert(got.end(), rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(n));
      passed += n;
      i += n;
      EXPECT_EQ(mixed.emitted(), got.size());
      continue;
    }
    stops.push_back(i);
    mixed.Push(rest.first(1), got, gaps);  // one sample, then try again
    ++i;
  }
  // Stopped at the first sample (no segment yet), the jittered one (the next
  // is on the grid again), the NaN and the one after it (its grid time 2.00
  // lies between 1.99 and 2.01: interpolated), the same for the infinity, the
  // first after the gap.
  EXPECT_EQ(stops, (std::vector<std::size_t>{0, 150, 200, 201, 250, 251, 301}));
  EXPECT_EQ(passed, in.size() - stops.size());
  EXPECT_EQ(mixed.skipped(), whole.skipped());
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0].output_index, expected_gaps[0].output_index);
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t k = 0; k < got.size(); ++k) {
    ASSERT_EQ(got[k].t_s, expected[k].t_s) << k;
    ASSERT_EQ(got[k].acc_mps2, expected[k].acc_mps2) << k;
    ASSERT_EQ(got[k].gyro_radps, expected[k].gyro_radps) << k;
  }
}

}  // namespace
}  // namespace retrowalk
