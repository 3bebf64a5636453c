#include "gait/gravity.h"

#include <algorithm>
#include <bit>
#include <cmath>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace retrowalk {

GravityEstimator::GravityEstimator(GravityOptions options, double rate_hz)
    : half_(static_cast<std::size_t>(std::max(1.0, std::round(options.window_s * rate_hz / 2)))) {
  full_ = 2 * half_ + 1;
  inv_full_ = 1.0 / static_cast<double>(full_);
  const std::size_t capacity = std::bit_ceil(2 * half_ + 2);
  mask_ = capacity - 1;
  ring_.resize(capacity);
}

std::size_t GravityEstimator::PushBlock(std::span<const Sample> in, Frame* out) {
  State st = state_;
  std::size_t n = 0;
#if defined(__SSE2__)
  // Sub-blocks of frames in structure-of-arrays form, four frames per vector.
  // SSE2 only (the x86-64 baseline): no FMA, so every product and sum rounds
  // as in Project, and sqrtps / divps are correctly rounded like sqrtss / divss.
  constexpr std::size_t kSub = 64;
  alignas(16) float gx[kSub], gy[kSub], gz[kSub], ax[kSub], ay[kSub], az[kSub];
  alignas(16) float vertical[kSub], magnitude[kSub];
  std::size_t i = 0;
  while (i < in.size()) {
    Frame* f = out + n;
    std::size_t m = 0;
    auto gather = [&](const Frame& g) {
      gx[m] = g.gravity_mps2.x;
      gy[m] = g.gravity_mps2.y;
      gz[m] = g.gravity_mps2.z;
      ax[m] = g.acc_mps2.x;
      ay[m] = g.acc_mps2.y;
      az[m] = g.acc_mps2.z;
      ++m;
    };
    if (IsSteady(st)) {
      for (; i < in.size() && m < kSub; ++i) {
        PushSteady(st, in[i], f[m]);
        gather(f[m]);
      }
    } else {
      for (; i < in.size() && m < kSub; ++i) {
        if (!Add(st, in[i])) continue;
        EmitGravity(st, f[m]);
        gather(f[m]);
      }
    }
    // Lanes past m compute on zeros and are not used.
    for (std::size_t k = m; k % 4 != 0; ++k) gx[k] = gy[k] = gz[k] = ax[k] = ay[k] = az[k] = 0;
    const __m128 eps = _mm_set1_ps(1e-6f);
    const __m128 one = _mm_set1_ps(1.0f);
    for (std::size_t k = 0; k < m; k += 4) {
      const __m128 vgx = _mm_load_ps(gx + k), vgy = _mm_load_ps(gy + k), vgz = _mm_load_ps(gz + k);
      const __m128 vax = _mm_load_ps(ax + k), vay = _mm_load_ps(ay + k), vaz = _mm_load_ps(az + k);
      const __m128 g2 =
          _mm_add_ps(_mm_add_ps(_mm_mul_ps(vgx, vgx), _mm_mul_ps(vgy, vgy)), _mm_mul_ps(vgz, vgz));
      const __m128 valid = _mm_cmpgt_ps(g2, eps);
      const __m128 inv_g = _mm_div_ps(one, _mm_sqrt_ps(g2));
      const __m128 g_norm = _mm_mul_ps(g2, inv_g);
      const __m128 dot =
          _mm_add_ps(_mm_add_ps(_mm_mul_ps(vax, vgx), _mm_mul_ps(vay, vgy)), _mm_mul_ps(vaz, vgz));
      const __m128 a2 =
          _mm_add_ps(_mm_add_ps(_mm_mul_ps(vax, vax), _mm_mul_ps(vay, vay)), _mm_mul_ps(vaz, vaz));
      const __m128 v = _mm_sub_ps(_mm_mul_ps(dot, inv_g), g_norm);
      const __m128 mag = _mm_sub_ps(_mm_sqrt_ps(a2), g_norm);
      _mm_store_ps(vertical + k, _mm_and_ps(valid, v));
      _mm_store_ps(magnitude + k, _mm_and_ps(valid, mag));
    }
    for (std::size_t k = 0; k < m; ++k) {
      f[k].vertical_mps2 = vertical[k];
      f[k].magnitude_mps2 = magnitude[k];
    }
    n += m;
  }
#else
  for (const Sample& s : in) {
    if (!Add(st, s)) continue;
    EmitGravity(st, out[n]);
    Project(out[n]);
    ++n;
  }
#endif
  state_ = st;
  return n;
}

bool GravityEstimator::Flush(Frame& out) {
  if (state_.next < state_.received) {
    EmitGravity(state_, out);
    Project(out);
    return true;
  }
  Reset();
  return false;
}

void GravityEstimator::Reset() {
  state_ = State{};
}

}  // namespace retrowalk
