#include "gait/direction/features.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace retrowalk::direction {
namespace {

struct V3 {
  double x = 0, y = 0, z = 0;
};
V3 ToV3(Vec3 v) {
  return {v.x, v.y, v.z};
}
double Dot(const V3& a, const V3& b) {
  return a.x * b.x + a.y * b.y + a.z * b.z;
}
V3 Cross(const V3& a, const V3& b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
V3 Scale(const V3& a, double s) {
  return {a.x * s, a.y * s, a.z * s};
}
V3 Sub(const V3& a, const V3& b) {
  return {a.x - b.x, a.y - b.y, a.z - b.z};
}
double Norm(const V3& a) {
  return std::sqrt(Dot(a, a));
}

// Second-order Butterworth low-pass run forward and backward (filtfilt),
// with the signal's first/last value held before the ends to limit the
// transient. Zero phase: the result has no time asymmetry of its own. The
// signals (all of one length) are filtered side by side: each recursion is a
// chain of dependent operations, and several chains overlap in the processor
// where one alone would wait on each step; every signal's arithmetic is that
// of filtering it alone.
template <std::size_t N>
void FiltFilt(const std::array<std::vector<double>*, N>& signals, double cutoff_hz,
              double rate_hz) {
  const std::size_t n = signals[0]->size();
  if (n < 4 || cutoff_hz <= 0 || cutoff_hz >= rate_hz / 2) return;
  const double k = std::tan(std::numbers::pi * cutoff_hz / rate_hz);
  const double q = std::numbers::sqrt2;
  const double norm = 1.0 / (1.0 + q * k + k * k);
  const double b0 = k * k * norm, b1 = 2 * b0, b2 = b0;
  const double a1 = 2 * (k * k - 1) * norm, a2 = (1 - q * k + k * k) * norm;
  // One pass over every signal, from index `first` in steps of `step`.
  const auto pass = [&](const std::array<double*, N>& x, std::size_t first, std::ptrdiff_t step) {
#if defined(__SSE2__)
    if constexpr (N % 2 == 0) {
      // Two signals per vector: each lane does the scalar expression's
      // operations in its order (no fused multiply-add), so the result is
      // the same to the bit.
      constexpr std::size_t P = N / 2;
      const __m128d B0 = _mm_set1_pd(b0), B1 = _mm_set1_pd(b1), B2 = _mm_set1_pd(b2);
      const __m128d A1 = _mm_set1_pd(a1), A2 = _mm_set1_pd(a2);
      __m128d x1[P], x2[P], y1[P], y2[P];
      for (std::size_t p = 0; p < P; ++p)
        x1[p] = x2[p] = y1[p] = y2[p] = _mm_set_pd(x[2 * p + 1][first], x[2 * p][first]);
      std::size_t t = first;
      for (std::size_t m = 0; m < n; ++m, t += static_cast<std::size_t>(step)) {
        for (std::size_t p = 0; p < P; ++p) {
          const __m128d in = _mm_set_pd(x[2 * p + 1][t], x[2 * p][t]);
          __m128d out = _mm_add_pd(_mm_mul_pd(B0, in), _mm_mul_pd(B1, x1[p]));
          out = _mm_add_pd(out, _mm_mul_pd(B2, x2[p]));
          out = _mm_sub_pd(out, _mm_mul_pd(A1, y1[p]));
          out = _mm_sub_pd(out, _mm_mul_pd(A2, y2[p]));
          x2[p] = x1[p];
          x1[p] = in;
          y2[p] = y1[p];
          y1[p] = out;
          _mm_storel_pd(&x[2 * p][t], out);
          _mm_storeh_pd(&x[2 * p + 1][t], out);
        }
      }
      return;
    }
#endif
    // Start in the steady state of a constant input (each signal's first value).
    std::array<double, N> x1, x2, y1, y2;
    for (std::size_t i = 0; i < N; ++i) x1[i] = x2[i] = y1[i] = y2[i] = x[i][first];
    std::size_t t = first;
    for (std::size_t m = 0; m < n; ++m, t += static_cast<std::size_t>(step)) {
      for (std::size_t i = 0; i < N; ++i) {
        const double in = x[i][t];
        const double out = b0 * in + b1 * x1[i] + b2 * x2[i] - a1 * y1[i] - a2 * y2[i];
        x2[i] = x1[i];
        x1[i] = in;
        y2[i] = y1[i];
        y1[i] = out;
        x[i][t] = out;
      }
    }
  };
  // Forward-then-backward and backward-then-forward differ only in their
  // edge transients; their mean is exactly equivariant under time reversal.
  thread_local std::array<std::vector<double>, N> copies;  // reused: no allocation per window
  std::array<double*, N> x, y;
  for (std::size_t i = 0; i < N; ++i) {
    copies[i].assign(signals[i]->begin(), signals[i]->end());
    x[i] = signals[i]->data();
    y[i] = copies[i].data();
  }
  pass(x, 0, 1);
  pass(x, n - 1, -1);
  pass(y, n - 1, -1);
  pass(y, 0, 1);
  for (std::size_t i = 0; i < N; ++i) {
    for (std::size_t t = 0; t < n; ++t) x[i][t] = 0.5 * (x[i][t] + y[i][t]);
  }
}

// Zero mean, unit variance, each signal (all of one length) side by side, as
// FiltFilt; ok[i] is false when signal i is flat (it is then only centred).
template <std::size_t N>
std::array<bool, N> Standardise(const std::array<std::vector<double>*, N>& signals) {
  const std::size_t n = signals[0]->size();
  std::array<double*, N> x;
  for (std::size_t i = 0; i < N; ++i) x[i] = signals[i]->data();
  std::array<double, N> mean{}, var{};
  for (std::size_t t = 0; t < n; ++t) {
    for (std::size_t i = 0; i < N; ++i) mean[i] += x[i][t];
  }
  for (std::size_t i = 0; i < N; ++i) mean[i] /= static_cast<double>(n);
  for (std::size_t t = 0; t < n; ++t) {
    for (std::size_t i = 0; i < N; ++i) {
      x[i][t] -= mean[i];
      var[i] += x[i][t] * x[i][t];
    }
  }
  std::array<bool, N> ok;
  for (std::size_t i = 0; i < N; ++i) {
    var[i] /= static_cast<double>(n);
    ok[i] = !(var[i] < 1e-12);
    if (!ok[i]) continue;
    const double inv = 1.0 / std::sqrt(var[i]);
    for (std::size_t t = 0; t < n; ++t) x[i][t] *= inv;
  }
  return ok;
}

// E[x(t)·y(t+lag)] over the overlap, for each of `lags` (any sign): out[k]
// for lags[k]. Each sum runs over its own overlap in ascending t, as one lag
// alone would be summed; the lags' sums are separate chains that overlap in
// the processor, where one alone waits on each addition.
template <std::size_t K>
std::array<double, K> CrossCorrelations(const std::vector<double>& x, const std::vector<double>& y,
                                        const std::array<int, K>& lags) {
  const int n = static_cast<int>(x.size());
  std::array<int, K> a, b;
  int common_a = 0, common_b = n;
  for (std::size_t k = 0; k < K; ++k) {
    a[k] = std::max(0, -lags[k]);
    b[k] = std::min(n, n - lags[k]);
    common_a = std::max(common_a, a[k]);
    common_b = std::min(common_b, b[k]);
  }
  std::array<double, K> s{};
  const auto add = [&](std::size_t k, int from, int to) {
    for (int t = from; t < to; ++t)
      s[k] += x[static_cast<std::size_t>(t)] * y[static_cast<std::size_t>(t + lags[k])];
  };
  if (common_a >= common_b) {
    for (std::size_t k = 0; k < K; ++k) add(k, a[k], b[k]);
  } else {
    for (std::size_t k = 0; k < K; ++k) add(k, a[k], common_a);
    for (int t = common_a; t < common_b; ++t) {
      const double xt = x[static_cast<std::size_t>(t)];
      for (std::size_t k = 0; k < K; ++k) s[k] += xt * y[static_cast<std::size_t>(t + lags[k])];
    }
    for (std::size_t k = 0; k < K; ++k) add(k, common_b, b[k]);
  }
  for (std::size_t k = 0; k < K; ++k) s[k] = b[k] > a[k] ? s[k] / (b[k] - a[k]) : 0.0;
  return s;
}

// Each lag of `lags` and its negation: {l0, -l0, l1, -l1, ...}.
template <std::size_t K>
std::array<int, 2 * K> PlusMinus(const std::array<int, K>& lags) {
  std::array<int, 2 * K> out;
  for (std::size_t k = 0; k < K; ++k) {
    out[2 * k] = lags[k];
    out[2 * k + 1] = -lags[k];
  }
  return out;
}

// E[x²(t)·x(t+lag)] − E[x(t)·x²(t+lag)] for each lag (≥ 0): the third-order
// time asymmetry. Each lag's sum in ascending t, side by side (as
// CrossCorrelations).
template <std::size_t K>
std::array<double, K> CubicAsymmetry(const std::vector<double>& x, const std::array<int, K>& lags) {
  const int n = static_cast<int>(x.size());
  std::array<double, K> s{};
  int common = n;
  for (int lag : lags) common = std::min(common, n - lag);
  const auto term = [&](int t, int lag) {
    const double a = x[static_cast<std::size_t>(t)], b = x[static_cast<std::size_t>(t + lag)];
    return a * a * b - a * b * b;
  };
  int t = 0;
  for (; t < common; ++t) {
    for (std::size_t k = 0; k < K; ++k) s[k] += term(t, lags[k]);
  }
  for (std::size_t k = 0; k < K; ++k) {
    for (int u = std::max(t, 0); u + lags[k] < n; ++u) s[k] += term(u, lags[k]);
    s[k] = lags[k] >= n ? 0.0 : s[k] / (n - lags[k]);
  }
  return s;
}

// ComputeFeatures' per-frame signals: the norm of gravity, the vertical and
// horizontal acceleration and the angular rate, then both on the window's
// axes.
struct WindowSignals {
  std::array<std::vector<double>, 16> all;
  void Resize(std::size_t n) {
    for (std::vector<double>& x : all) x.resize(n);
  }
};

struct PrincipalAxis {
  double c = 1, s = 0;  // the axis is c·x + s·y
  double mean_x = 0, mean_y = 0;
};

// Main axis of the 2-D signal (x, y) about its mean: closed-form 2×2
// principal direction. Its sign is arbitrary.
PrincipalAxis MainAxis(const std::vector<double>& x, const std::vector<double>& y) {
  PrincipalAxis a;
  const std::size_t n = x.size();
  for (std::size_t t = 0; t < n; ++t) {
    a.mean_x += x[t];
    a.mean_y += y[t];
  }
  a.mean_x /= static_cast<double>(n);
  a.mean_y /= static_cast<double>(n);
  double cxx = 0, cyy = 0, cxy = 0;
  for (std::size_t t = 0; t < n; ++t) {
    const double dx = x[t] - a.mean_x, dy = y[t] - a.mean_y;
    cxx += dx * dx;
    cyy += dy * dy;
    cxy += dx * dy;
  }
  const double theta = 0.5 * std::atan2(2 * cxy, cxx - cyy);
  a.c = std::cos(theta);
  a.s = std::sin(theta);
  return a;
}

// E[x(t)·y(t+lag)] − E[x(t)·y(t−lag)] for each lag: which of x, y leads the
// other. Odd under time reversal when neither or both are angular rates.
template <std::size_t K>
std::array<double, K> LeadMinusLag(const std::vector<double>& x, const std::vector<double>& y,
                                   const std::array<int, K>& lags) {
  const std::array<double, 2 * K> c = CrossCorrelations(x, y, PlusMinus(lags));
  std::array<double, K> out;
  for (std::size_t k = 0; k < K; ++k) out[k] = c[2 * k] - c[2 * k + 1];
  return out;
}

// The even part in the lag of E[x(t)·y(t+lag)], for each lag: odd under
// time reversal when exactly one of x, y is an angular rate.
template <std::size_t K>
std::array<double, K> EvenCrossCorrelation(const std::vector<double>& x,
                                           const std::vector<double>& y,
                                           const std::array<int, K>& lags) {
  const std::array<double, 2 * K> c = CrossCorrelations(x, y, PlusMinus(lags));
  std::array<double, K> out;
  for (std::size_t k = 0; k < K; ++k) out[k] = 0.5 * (c[2 * k] + c[2 * k + 1]);
  return out;
}

// Skewness of the symmetric difference of each signal (all of one length):
// steep rises with slow falls (or the reverse) are a time asymmetry.
template <std::size_t N>
std::array<double, N> DerivativeSkew(const std::array<const std::vector<double>*, N>& signals) {
  std::array<double, N> out{};
  const std::size_t n = signals[0]->size();
  if (n < 4) return out;
  thread_local std::array<std::vector<double>, N> d;  // reused: no allocation per window
  std::array<std::vector<double>*, N> dp;
  for (std::size_t i = 0; i < N; ++i) {
    const std::vector<double>& x = *signals[i];
    d[i].resize(n - 2);
    for (std::size_t t = 1; t + 1 < n; ++t) d[i][t - 1] = x[t + 1] - x[t - 1];
    dp[i] = &d[i];
  }
  const std::array<bool, N> ok = Standardise(dp);
  for (std::size_t t = 0; t < n - 2; ++t) {
    for (std::size_t i = 0; i < N; ++i) out[i] += d[i][t] * d[i][t] * d[i][t];
  }
  for (std::size_t i = 0; i < N; ++i) out[i] = ok[i] ? out[i] / static_cast<double>(n - 2) : 0.0;
  return out;
}

}  // namespace

std::vector<std::string> FeatureNames() {
  std::vector<std::string> names;
  for (int lag : kGyroAccLags)
    names.push_back("even_corr_wl_ap_" + std::to_string(lag * 10) + "ms");
  for (int lag : kRollLags) names.push_back("even_corr_wp_al_" + std::to_string(lag * 10) + "ms");
  for (int lag : kGyroFrameLags)
    names.push_back("even_corr_gyroframe_wL_aP_" + std::to_string(lag * 10) + "ms");
  for (int lag : kEnergyLags)
    names.push_back("v_then_h2_minus_h2_then_v_" + std::to_string(lag * 10) + "ms");
  for (int lag : kVerticalLags)
    names.push_back("v_cubic_asymmetry_" + std::to_string(lag * 10) + "ms");
  names.push_back("skew_dv");
  names.push_back("skew_dh2");
  return names;
}

std::optional<WindowFeatures> ComputeFeatures(std::span<const Frame> frames,
                                              const FeatureOptions& options, bool has_gyro) {
  const std::size_t n = frames.size();
  if (n < 8 || static_cast<double>(n) < options.min_window_s * options.rate_hz) return std::nullopt;

  // The window's signals, reused from window to window on each thread: a
  // window allocates nothing once one as long has been done. Every element is
  // written before it is read.
  thread_local WindowSignals sig;
  sig.Resize(n);
  auto& [g_norm, v, h1, h2, wx, wy, wz, ap, al, hh, wl, wp, g1, g2, w_lat, a_fore] = sig.all;

  // Mean up direction, and a horizontal basis (e1, e2) perpendicular to it.
  V3 up_sum;
  for (std::size_t t = 0; t < n; ++t) {
    const V3 g = ToV3(frames[t].gravity_mps2);
    const double gn = g_norm[t] = Norm(g);
    if (gn > 1e-3) up_sum = {up_sum.x + g.x / gn, up_sum.y + g.y / gn, up_sum.z + g.z / gn};
  }
  const double un = Norm(up_sum);
  if (un < 1e-6) return std::nullopt;
  const V3 up = Scale(up_sum, 1.0 / un);
  const V3 seed = std::abs(up.x) < 0.9 ? V3{1, 0, 0} : V3{0, 1, 0};
  V3 e1 = Sub(seed, Scale(up, Dot(seed, up)));
  e1 = Scale(e1, 1.0 / Norm(e1));
  const V3 e2 = Cross(up, e1);

  // Vertical dynamic acceleration (against each frame's own up), the
  // horizontal acceleration in (e1, e2), and the angular rate.
  for (std::size_t t = 0; t < n; ++t) {
    const V3 a = ToV3(frames[t].acc_mps2);
    const V3 g = ToV3(frames[t].gravity_mps2);
    const double gn = g_norm[t];
    const V3 ut = gn > 1e-3 ? Scale(g, 1.0 / gn) : up;
    const double av = Dot(a, ut);
    v[t] = av - gn;
    const V3 h = Sub(a, Scale(ut, av));
    h1[t] = Dot(h, e1);
    h2[t] = Dot(h, e2);
    wx[t] = frames[t].gyro_radps.x;
    wy[t] = frames[t].gyro_radps.y;
    wz[t] = frames[t].gyro_radps.z;
  }
  FiltFilt<6>({&v, &h1, &h2, &wx, &wy, &wz}, options.lowpass_hz, options.rate_hz);

  // Main horizontal acceleration axis p = cp·e1 + sp·e2; l = up × p.
  auto horizontal = [&](double c, double s) {
    return V3{c * e1.x + s * e2.x, c * e1.y + s * e2.y, c * e1.z + s * e2.z};
  };
  PrincipalAxis acc_axis = MainAxis(h1, h2);
  const V3 own_p = horizontal(acc_axis.c, acc_axis.s);
  const V3 hint = ToV3(options.acc_axis_hint);
  const double hint_c = Dot(hint, e1), hint_s = Dot(hint, e2);
  const double hint_horizontal = std::hypot(hint_c, hint_s);
  const bool signed_axis = hint_horizontal > 0 && hint_horizontal >= 0.5 * Norm(hint);
  if (signed_axis) {
    acc_axis.c = hint_c / hint_horizontal;
    acc_axis.s = hint_s / hint_horizontal;
  }
  const double cp = acc_axis.c, sp = acc_axis.s, m1 = acc_axis.mean_x, m2 = acc_axis.mean_y;
  const V3 p = horizontal(cp, sp);
  const V3 l = Cross(up, p);
  for (std::size_t t = 0; t < n; ++t) {
    ap[t] = cp * h1[t] + sp * h2[t];
    al[t] = -sp * h1[t] + cp * h2[t];
    hh[t] = (h1[t] - m1) * (h1[t] - m1) + (h2[t] - m2) * (h2[t] - m2);
    const V3 w{wx[t], wy[t], wz[t]};
    wl[t] = Dot(w, l);
    wp[t] = Dot(w, p);
    g1[t] = Dot(w, e1);
    g2[t] = Dot(w, e2);
  }
  // Gyroscope frame: L = cg·e1 + sg·e2 the main axis of the horizontal
  // angular rate (its covariance, hence L, is the same under time reversal),
  // P = L × up = sg·e1 − cg·e2. L's unknown sign flips P too, so ω_L·a_P
  // does not depend on it.
  const PrincipalAxis gyro_axis = MainAxis(g1, g2);
  const double cg = gyro_axis.c, sg = gyro_axis.s;
  for (std::size_t t = 0; t < n; ++t) {
    w_lat[t] = cg * g1[t] + sg * g2[t];
    a_fore[t] = sg * h1[t] - cg * h2[t];
  }
  // al and a_fore may be flat in idealised data (their correlations are then
  // 0); a flat gyroscope signal leaves the gyroscope features out.
  const std::array<bool, 8> ok = Standardise<8>({&v, &ap, &hh, &al, &a_fore, &wl, &wp, &w_lat});
  if (!ok[0] || !ok[1] || !ok[2]) return std::nullopt;
  const bool gyro_ok = has_gyro && ok[5] && ok[6] && ok[7];

  WindowFeatures out;
  out.has_gyro = gyro_ok;
  out.mean_up = {static_cast<float>(up.x), static_cast<float>(up.y), static_cast<float>(up.z)};
  out.acc_axis = {static_cast<float>(own_p.x), static_cast<float>(own_p.y),
                  static_cast<float>(own_p.z)};
  std::size_t k = 0;
  const auto put = [&](const auto& values) {
    for (double x : values) out.values[k++] = x;
  };
  if (gyro_ok) {
    put(EvenCrossCorrelation(wl, ap, kGyroAccLags));
    put(EvenCrossCorrelation(wp, al, kRollLags));
    put(EvenCrossCorrelation(w_lat, a_fore, kGyroFrameLags));
  } else {
    k = kGyroFeatureCount;  // zeros
  }
  put(LeadMinusLag(v, hh, kEnergyLags));
  put(CubicAsymmetry(v, kVerticalLags));
  put(DerivativeSkew<2>({&v, &hh}));
  out.has_signed = signed_axis;
  if (signed_axis) out.signed_v_p = LeadMinusLag(v, ap, kSignedLags);
  return out;
}

std::vector<Frame> MakeFrames(std::span<const Sample> samples, double rate_hz,
                              double gravity_window_s) {
  const std::size_t n = samples.size();
  std::vector<Frame> frames(n);
  const auto half = static_cast<std::size_t>(std::lround(gravity_window_s * rate_hz / 2));
  // Prefix sums make the centred mean O(1) per frame.
  std::vector<double> sx(n + 1, 0), sy(n + 1, 0), sz(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    sx[i + 1] = sx[i] + samples[i].acc_mps2.x;
    sy[i + 1] = sy[i] + samples[i].acc_mps2.y;
    sz[i + 1] = sz[i] + samples[i].acc_mps2.z;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t a = i >= half ? i - half : 0, b = std::min(n, i + half + 1);
    const double inv = 1.0 / static_cast<double>(b - a);
    Frame& f = frames[i];
    f.t_s = samples[i].t_s;
    f.acc_mps2 = samples[i].acc_mps2;
    f.gyro_radps = samples[i].gyro_radps;
    f.gravity_mps2 = {static_cast<float>((sx[b] - sx[a]) * inv),
                      static_cast<float>((sy[b] - sy[a]) * inv),
                      static_cast<float>((sz[b] - sz[a]) * inv)};
    const float gn = f.gravity_mps2.norm();
    f.vertical_mps2 = gn > 1e-3f ? Dot(f.acc_mps2, f.gravity_mps2) / gn - gn : 0.0f;
  }
  return frames;
}

std::vector<Sample> TimeReversed(std::span<const Sample> samples) {
  std::vector<Sample> out(samples.size());
  const std::size_t n = samples.size();
  for (std::size_t i = 0; i < n; ++i) {
    out[i].t_s = samples[i].t_s;
    out[i].acc_mps2 = samples[n - 1 - i].acc_mps2;
    out[i].gyro_radps = samples[n - 1 - i].gyro_radps * -1.0f;
  }
  return out;
}

}  // namespace retrowalk::direction
