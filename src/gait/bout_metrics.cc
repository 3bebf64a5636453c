#include "gait/bout_metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#if defined(__SSE2__)
#include <xmmintrin.h>
#endif

namespace retrowalk {

namespace {

constexpr double kRegularityWindowS = 20.0;

// The intervals between consecutive step times.
std::vector<double> StepIntervals(const std::vector<double>& t) {
  std::vector<double> d;
  for (std::size_t i = 1; i < t.size(); ++i) d.push_back(t[i] - t[i - 1]);
  return d;
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

// Sixteen accumulators: the compiler maps them to vector registers, and four
// independent vector sums hide the latency of each addition.
double Dot(const float* a, const float* b, std::size_t n) {
  constexpr std::size_t kLanes = 16;
  float acc[kLanes] = {};
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    for (std::size_t j = 0; j < kLanes; ++j) acc[j] += a[i + j] * b[i + j];
  }
  double s = 0;
  for (float v : acc) s += v;
  for (; i < n; ++i) s += static_cast<double>(a[i]) * b[i];
  return s;
}

// Dot(a, b, n) and Dot(a, b + 1, n - 1) in one pass, each a's values loaded
// once for both: every lane of each sums the same products in the same order
// as Dot's, its lanes and then its tail summed in double as there.
void Dot2(const float* a, const float* b, std::size_t n, double& d0, double& d1) {
#if defined(__SSE2__)
  __m128 s0[4], s1[4];
  for (int j = 0; j < 4; ++j) s0[j] = s1[j] = _mm_setzero_ps();
  const std::size_t n1 = n - 1;
  std::size_t i = 0;
  for (; i + 16 <= n1; i += 16) {
    for (std::size_t j = 0; j < 4; ++j) {
      const __m128 va = _mm_loadu_ps(a + i + 4 * j);
      s0[j] = _mm_add_ps(s0[j], _mm_mul_ps(va, _mm_loadu_ps(b + i + 4 * j)));
      s1[j] = _mm_add_ps(s1[j], _mm_mul_ps(va, _mm_loadu_ps(b + 1 + i + 4 * j)));
    }
  }
  const std::size_t i1 = i;  // lag 1's blocks end here; lag 0 may have one more
  if (i + 16 <= n) {
    for (std::size_t j = 0; j < 4; ++j)
      s0[j] =
          _mm_add_ps(s0[j], _mm_mul_ps(_mm_loadu_ps(a + i + 4 * j), _mm_loadu_ps(b + i + 4 * j)));
    i += 16;
  }
  auto finish = [](const __m128* lanes, const float* x, const float* y, std::size_t from,
                   std::size_t to) {
    alignas(16) float acc[16];
    for (std::size_t j = 0; j < 4; ++j) _mm_store_ps(acc + 4 * j, lanes[j]);
    double s = 0;
    for (float v : acc) s += v;
    for (std::size_t k = from; k < to; ++k) s += static_cast<double>(x[k]) * y[k];
    return s;
  };
  d0 = finish(s0, a, b, i, n);
  d1 = finish(s1, a, b + 1, i1, n1);
#else
  d0 = Dot(a, b, n);
  d1 = Dot(a, b + 1, n - 1);
#endif
}

}  // namespace

void ComputeStepTimeMetrics(const MetricsOptions& options, Bout& bout) {
  const std::vector<double>& t = bout.step_times_s;
  bout.steps = static_cast<int>(t.size());
  if (t.empty()) return;
  bout.start_s = t.front();
  bout.end_s = t.back();
  bout.duration_s = bout.end_s - bout.start_s;
  const std::vector<double> intervals = StepIntervals(t);
  const double longest =
      LongestStepS(options.max_step_s, options.max_step_rhythms, Median(intervals));
  double sum = 0, sum2 = 0;
  int n = 0;
  for (const double d : intervals) {
    if (d > longest) continue;  // a merged break
    sum += d;
    sum2 += d * d;
    ++n;
  }
  if (n == 0) return;
  bout.step_time_mean_s = sum / n;
  const double var = std::max(0.0, sum2 / n - bout.step_time_mean_s * bout.step_time_mean_s);
  bout.step_time_cv = std::sqrt(var) / bout.step_time_mean_s;
  bout.cadence_spm = 60.0 / bout.step_time_mean_s;
}

double Autocorrelation(std::span<const float> x, std::size_t lag) {
  const std::size_t n = x.size();
  if (lag >= n) return std::numeric_limits<double>::quiet_NaN();
  const double var = Dot(x.data(), x.data(), n) / static_cast<double>(n);
  if (var <= 0) return std::numeric_limits<double>::quiet_NaN();
  const double c = Dot(x.data(), x.data() + lag, n - lag) / static_cast<double>(n - lag);
  return c / var;
}

void ComputeRegularity(std::span<const Frame> frames, double rate_hz, Bout& bout) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  bout.step_regularity = bout.stride_regularity = bout.symmetry = nan;
  const double step_s = Median(StepIntervals(bout.step_times_s));
  if (step_s <= 0) return;
  const double step_lag = step_s * rate_hz;
  if (static_cast<double>(frames.size()) < 4 * 2 * step_lag) return;
  // The last regularity_window_s of the bout: enough periods for a stable
  // estimate, and a bounded cost per bout whatever its length.
  const auto window = static_cast<std::size_t>(kRegularityWindowS * rate_hz);
  if (frames.size() > window) frames = frames.subspan(frames.size() - window);
  std::vector<float> v(frames.size());
  double mean = 0;
  for (std::size_t i = 0; i < frames.size(); ++i) mean += frames[i].vertical_mps2;
  mean /= static_cast<double>(frames.size());
  for (std::size_t i = 0; i < frames.size(); ++i) {
    v[i] = frames[i].vertical_mps2 - static_cast<float>(mean);
  }
  const std::size_t n = v.size();
  const double var = Dot(v.data(), v.data(), n) / static_cast<double>(n);
  if (!(var > 0)) return;
  auto best = [&](double centre) {
    const auto lo = static_cast<std::size_t>(std::max(1.0, std::floor(centre * 0.8)));
    const auto hi = std::min(n - 1, static_cast<std::size_t>(std::ceil(centre * 1.2)));
    double b = -1;
    auto take = [&](double dot, std::size_t k) {
      b = std::max(b, dot / static_cast<double>(n - k) / var);
    };
    std::size_t k = lo;
    for (; k + 1 <= hi; k += 2) {  // two lags per pass over v
      double d0, d1;
      Dot2(v.data(), v.data() + k, n - k, d0, d1);
      take(d0, k);
      take(d1, k + 1);
    }
    if (k == hi) take(Dot(v.data(), v.data() + k, n - k), k);
    return b;
  };
  bout.step_regularity = best(step_lag);
  bout.stride_regularity = best(2 * step_lag);
  if (bout.stride_regularity > 0) bout.symmetry = bout.step_regularity / bout.stride_regularity;
}

}  // namespace retrowalk
