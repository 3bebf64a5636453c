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

}  // namespace
}  // namespace retrowalk
