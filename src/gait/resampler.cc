#include "gait/resampler.h"

#include <cmath>

namespace retrowalk {

namespace {

Vec3 Lerp(Vec3 a, Vec3 b, float w) {
  return a + (b - a) * w;
}

// One test per sample instead of six: a sum of finite values that is itself
// finite proves them all finite (NaN and inf propagate); only an overflowing
// sum needs the component checks.
bool AllFinite(const Sample& s) {
  const float sum =
      s.acc_mps2.x + s.acc_mps2.y + s.acc_mps2.z + s.gyro_radps.x + s.gyro_radps.y + s.gyro_radps.z;
  if (std::isfinite(sum)) return true;
  return s.acc_mps2.finite() && s.gyro_radps.finite();
}

}  // namespace

Resampler::Resampler(ResamplerOptions options)
    : options_(options), period_s_(1.0 / options.rate_hz) {}

void Resampler::StartSegment(const Sample& s, std::vector<Sample>& out) {
  previous_ = s;
  has_previous_ = true;
  segment_origin_s_ = s.t_s;
  out.push_back(s);
  ++emitted_;
  segment_index_ = 1;
}

std::size_t Resampler::PassThrough(std::span<const Sample> in) {
  if (!has_previous_) return 0;
  // The conditions under which Push takes its on-grid branch. A time equal
  // to a grid time is finite, so Push's isfinite(t_s) test is implied.
  double previous_t = previous_.t_s;
  std::size_t index = segment_index_;
  double grid_index = static_cast<double>(index);
  std::size_t n = 0;
  for (; n < in.size(); ++n) {
    const Sample& s = in[n];
    if (GridTime(grid_index) != s.t_s || !AllFinite(s) || s.t_s <= previous_t ||
        s.t_s - previous_t > options_.max_gap_s) {
      break;
    }
    previous_t = s.t_s;
    ++index;
    grid_index += 1.0;
  }
  if (n > 0) {
    previous_ = in[n - 1];
    segment_index_ = index;
    emitted_ += n;
  }
  return n;
}

void Resampler::Push(std::span<const Sample> in, std::vector<Sample>& out, std::vector<Gap>& gaps) {
  out.reserve(out.size() + in.size() + in.size() / 2);
  for (const Sample& s : in) {
    if (!std::isfinite(s.t_s) || !AllFinite(s) || (has_previous_ && s.t_s <= previous_.t_s)) {
      ++skipped_;
      continue;
    }
    if (!has_previous_) {
      StartSegment(s, out);
      continue;
    }
    if (s.t_s - previous_.t_s > options_.max_gap_s) {
      gaps.push_back({emitted_, previous_.t_s, s.t_s});
      StartSegment(s, out);
      continue;
    }
    double t = GridTime(segment_index_);
    if (t == s.t_s) {
      // Already on the grid (uniform input at the working rate): no interpolation.
      out.push_back(s);
      ++emitted_;
      ++segment_index_;
      previous_ = s;
      continue;
    }
    for (; t <= s.t_s; t = GridTime(segment_index_)) {
      const float w = static_cast<float>((t - previous_.t_s) / (s.t_s - previous_.t_s));
      out.push_back({t, Lerp(previous_.acc_mps2, s.acc_mps2, w),
                     Lerp(previous_.gyro_radps, s.gyro_radps, w)});
      ++emitted_;
      ++segment_index_;
    }
    previous_ = s;
  }
}

}  // namespace retrowalk
