#include "gait/resampler.h"

#include <cmath>
#include <cstddef>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

#if defined(__SSE2__)
bool Resampler::AllOnGrid(std::span<const Sample> in, double previous_t, double grid_index) const {
  // Two samples per step, without a branch: the tests are those of
  // PassThrough's loop (the same grid-time arithmetic, mulpd / addpd rounding
  // as mulsd / addsd), their failures or-ed. Finiteness by sums: a lane that
  // ever added an inf or NaN stays inf or NaN, so finite sums prove every
  // value finite (an overflowing sum only sends the span to the exact loop).
  const __m128d origin = _mm_set1_pd(segment_origin_s_);
  const __m128d period = _mm_set1_pd(period_s_);
  const __m128d max_gap = _mm_set1_pd(options_.max_gap_s);
  const __m128d two = _mm_set1_pd(2.0);
  __m128d index = _mm_set_pd(grid_index + 1.0, grid_index);
  __m128d last = _mm_set_pd(previous_t, 0.0);  // high lane: the time before the pair
  __m128d bad = _mm_setzero_pd();
  __m128 sums = _mm_setzero_ps();
  for (std::size_t k = 0; k + 1 < in.size(); k += 2) {
    const __m128d t = _mm_loadh_pd(_mm_load_sd(&in[k].t_s), &in[k + 1].t_s);
    const __m128d before = _mm_shuffle_pd(last, t, 1);  // (last[1], t[0])
    const __m128d grid = _mm_add_pd(origin, _mm_mul_pd(index, period));
    bad = _mm_or_pd(bad, _mm_cmpneq_pd(grid, t));
    bad = _mm_or_pd(bad, _mm_cmpngt_pd(t, before));
    bad = _mm_or_pd(bad, _mm_cmpgt_pd(_mm_sub_pd(t, before), max_gap));
    // Each sample's six values (the middle two twice), past its time.
    for (std::size_t j = k; j < k + 2; ++j) {
      const char* values = reinterpret_cast<const char*>(&in[j]) + offsetof(Sample, acc_mps2);
      sums = _mm_add_ps(sums, _mm_loadu_ps(reinterpret_cast<const float*>(values)));
      sums = _mm_add_ps(sums, _mm_loadu_ps(reinterpret_cast<const float*>(values + 8)));
    }
    index = _mm_add_pd(index, two);
    last = t;
  }
  const __m128 finite = _mm_cmpord_ps(_mm_sub_ps(sums, sums), _mm_setzero_ps());
  return _mm_movemask_pd(bad) == 0 && _mm_movemask_ps(finite) == 0xf;
}
#endif

std::size_t Resampler::PassThrough(std::span<const Sample> in) {
  if (!has_previous_) return 0;
  // The conditions under which Push takes its on-grid branch. A time equal
  // to a grid time is finite, so Push's isfinite(t_s) test is implied.
  double previous_t = previous_.t_s;
  std::size_t index = segment_index_;
  double grid_index = static_cast<double>(index);
  std::size_t n = 0;
#if defined(__SSE2__)
  // Nearly always the whole span passes: tested at once, and the loop below
  // only for an odd last sample. Otherwise the loop finds where it stops.
  const std::size_t even = in.size() & ~std::size_t{1};
  if (even > 0 && AllOnGrid(in.first(even), previous_t, grid_index)) {
    n = even;
    previous_t = in[n - 1].t_s;
    index += n;
    grid_index += static_cast<double>(n);
  }
#endif
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
