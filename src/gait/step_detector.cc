#include "gait/step_detector.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <limits>

#if defined(__SSE2__)
#include <xmmintrin.h>
#endif

namespace retrowalk {

namespace {

// What ends a quiet stretch in each phase of Push, on value c with level r:
// the tests of Push's branches, as they are written there (the vector forms
// make the same comparisons of the same products).
struct InPeakEnds {  // the region's end, or a higher peak (unless SkipQuiet takes it)
  float amplitude;   // +inf when a higher peak does not end the stretch
  bool At(float c, float) const { return c > amplitude || c < 0; }
#if defined(__SSE2__)
  __m128 At(__m128 c, __m128) const {
    return _mm_or_ps(_mm_cmpgt_ps(c, _mm_set1_ps(amplitude)), _mm_cmplt_ps(c, _mm_setzero_ps()));
  }
#endif
};
struct DisarmedEnds {  // the trough that arms the detector
  float trough2;
  bool At(float c, float r) const { return c < 0 && c * c > trough2 * r; }
#if defined(__SSE2__)
  __m128 At(__m128 c, __m128 r) const {
    return _mm_and_ps(_mm_cmplt_ps(c, _mm_setzero_ps()),
                      _mm_cmpgt_ps(_mm_mul_ps(c, c), _mm_mul_ps(_mm_set1_ps(trough2), r)));
  }
#endif
};
struct ArmedEnds {  // a region starting
  float min_peak;
  bool At(float c, float r) const { return c > min_peak && c * c > r; }
#if defined(__SSE2__)
  __m128 At(__m128 c, __m128 r) const {
    return _mm_and_ps(_mm_cmpgt_ps(c, _mm_set1_ps(min_peak)), _mm_cmpgt_ps(_mm_mul_ps(c, c), r));
  }
#endif
};

// The first k at which s[k] (history a = s[k-2], b = s[k-1], p2 and p1
// before s) makes Push do more than record it: a local maximum b above
// `limit`, or `ends`. n when there is none. Four values at a time with SSE2.
template <typename Ends>
std::size_t FirstBusy(const float* s, const float* rel2, std::size_t n, float p2, float p1,
                      float limit, Ends ends) {
  auto busy = [&](float a, float b, float c, float r) {
    return (b > a && b >= c && b > limit) || ends.At(c, r);
  };
  float a = p2, b = p1;
  std::size_t k = 0;
  for (; k < std::min<std::size_t>(n, 2); ++k) {
    if (busy(a, b, s[k], rel2[k])) return k;
    a = b;
    b = s[k];
  }
#if defined(__SSE2__)
  const __m128 vlimit = _mm_set1_ps(limit);
  for (; k + 4 <= n; k += 4) {
    const __m128 va = _mm_loadu_ps(s + k - 2);
    const __m128 vb = _mm_loadu_ps(s + k - 1);
    const __m128 vc = _mm_loadu_ps(s + k);
    const __m128 peak = _mm_and_ps(_mm_and_ps(_mm_cmpgt_ps(vb, va), _mm_cmpge_ps(vb, vc)),
                                   _mm_cmpgt_ps(vb, vlimit));
    const int mask = _mm_movemask_ps(_mm_or_ps(peak, ends.At(vc, _mm_loadu_ps(rel2 + k))));
    if (mask != 0)
      return k + static_cast<std::size_t>(std::countr_zero(static_cast<unsigned>(mask)));
  }
  if (k >= 2) {
    a = s[k - 2];
    b = s[k - 1];
  }
#endif
  for (; k < n; ++k) {
    if (busy(a, b, s[k], rel2[k])) return k;
    a = b;
    b = s[k];
  }
  return n;
}

}  // namespace

StepDetector::StepDetector(StepDetectorOptions options, double rate_hz)
    : opt_(options),
      alpha_(static_cast<float>(1.0 / (options.rms_time_constant_s * rate_hz))),
      rel2_(options.relative_threshold * options.relative_threshold),
      trough2_(options.trough_fraction * options.trough_fraction),
      // One value more than the longer reach, so that the times' rounding
      // cannot let a trailing maximum in after it.
      final_after_(static_cast<std::uint64_t>(
                       std::ceil(std::max(options.max_trailing_s, options.min_step_s) * rate_hz)) +
                   1) {}

std::size_t StepDetector::Quiet(const float* s, const float* rel2, std::size_t n) const {
  // prev_in_peak_ equals in_peak_ after every Push (not after Flush or Reset).
  if (prev_in_peak_ != in_peak_) return 0;
  if (has_held_ && !in_peak_) {
    // Released early by time, which Quiet does not see; else at the push of
    // FinalValue(), which stops the run (s[0] is value prev_index_ + 1).
    if (opt_.release_early || FinalValue() <= prev_index_ + 1) return 0;
    n = static_cast<std::size_t>(std::min<std::uint64_t>(n, FinalValue() - (prev_index_ + 1)));
  }
  constexpr float kNever = std::numeric_limits<float>::infinity();
  constexpr int kMax = StepCandidate::kMaxTrailing;
  if (in_peak_) {
    // A local maximum only matters as the region's trailing peak. A higher
    // peak is taken by SkipQuiet while a candidate is held (then the horizon
    // is the held one's; without one it is the peak's, which would move).
    // SkipQuiet resets the trailing count with the peak: so the bound
    // assumes a trailing peak may still be added.
    const float rise_ends = has_held_ ? kNever : peak_.amplitude_mps2;
    return FirstBusy(s, rel2, n, prev2_s_, prev_s_, opt_.min_trailing_mps2, InPeakEnds{rise_ends});
  }
  // Outside a region: as the highest bump since the last candidate, or as
  // the held candidate's trailing peak.
  const float limit =
      std::min(std::max(gap_peak_mps2_, opt_.min_peak_mps2),
               has_held_ && held_.trailing_count < kMax ? opt_.min_trailing_mps2 : kNever);
  if (!armed_) return FirstBusy(s, rel2, n, prev2_s_, prev_s_, limit, DisarmedEnds{trough2_});
  return FirstBusy(s, rel2, n, prev2_s_, prev_s_, limit, ArmedEnds{opt_.min_peak_mps2});
}

bool StepDetector::Flush(StepCandidate& out) {
  // A peak still rising or falling when the segment ends is not a step: it
  // never came back below zero.
  in_peak_ = false;
  if (has_held_) {
    out = held_;
    has_held_ = false;
    return true;
  }
  Reset();
  return false;
}

void StepDetector::Reset() {
  mean_square_ = 0;
  in_peak_ = false;
  armed_ = true;
  has_held_ = false;
  last_t_s_ = 0;
  prev_s_ = prev2_s_ = 0;
  prev_in_peak_ = true;
  gap_peak_mps2_ = 0;
}

}  // namespace retrowalk
