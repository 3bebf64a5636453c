#include "gait/gravity.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstring>

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

namespace {
// Frames per sub-block of PushBlock.
constexpr std::size_t kSub = 64;
}  // namespace

struct GravityEstimator::Lanes {
  alignas(16) float gx[kSub], gy[kSub], gz[kSub], ax[kSub], ay[kSub], az[kSub];
};

void GravityEstimator::PushSteadyRun(State& st, std::span<const Sample> in, Frame* out,
                                     Lanes& lanes) {
  // A frame starts with a sample's fields, in the same layout: copied whole.
  static_assert(offsetof(Frame, t_s) == offsetof(Sample, t_s) &&
                offsetof(Frame, acc_mps2) == offsetof(Sample, acc_mps2) &&
                offsetof(Frame, gyro_radps) == offsetof(Sample, gyro_radps) &&
                offsetof(Frame, gravity_mps2) == sizeof(Sample));
  Sample* const ring = ring_.data();
  const Sample* const ring_end = ring + ring_.size();
  double sx = st.sx, sy = st.sy, sz = st.sz;
  const double inv = inv_full_;
  std::size_t done = 0;
  while (done < in.size()) {
    Sample* const add = ring + (st.received & mask_);
    const Sample* const old = ring + (st.oldest & mask_);
    const Sample* const mid = ring + (st.next & mask_);
    const auto run =
        static_cast<std::size_t>(std::min({static_cast<std::ptrdiff_t>(in.size() - done),
                                           ring_end - add, ring_end - old, ring_end - mid}));
    for (std::size_t k = 0; k < run; ++k) {
      const Sample& s = in[done + k];
      add[k] = s;
      sx += s.acc_mps2.x;
      sy += s.acc_mps2.y;
      sz += s.acc_mps2.z;
      sx -= old[k].acc_mps2.x;
      sy -= old[k].acc_mps2.y;
      sz -= old[k].acc_mps2.z;
      const Sample& c = mid[k];
      Frame& f = out[done + k];
      std::memcpy(static_cast<void*>(&f), &c, sizeof(Sample));
      const float gx = static_cast<float>(sx * inv);
      const float gy = static_cast<float>(sy * inv);
      const float gz = static_cast<float>(sz * inv);
      f.gravity_mps2 = {gx, gy, gz};
      f.smoothed_mps2 = 0;
      const std::size_t m = done + k;
      lanes.gx[m] = gx;
      lanes.gy[m] = gy;
      lanes.gz[m] = gz;
      lanes.ax[m] = c.acc_mps2.x;
      lanes.ay[m] = c.acc_mps2.y;
      lanes.az[m] = c.acc_mps2.z;
    }
    st.received += run;
    st.oldest += run;
    st.next += run;
    done += run;
  }
  st.sx = sx;
  st.sy = sy;
  st.sz = sz;
}

std::size_t GravityEstimator::PushBlock(std::span<const Sample> in, Frame* out) {
  State st = state_;
  std::size_t n = 0;
#if defined(__SSE2__)
  // Sub-blocks of frames in structure-of-arrays form, four frames per vector.
  // SSE2 only (the x86-64 baseline): no FMA, so every product and sum rounds
  // as in Project, and sqrtps / divps are correctly rounded like sqrtss / divss.
  Lanes lanes;
  float* const gx = lanes.gx;
  float* const gy = lanes.gy;
  float* const gz = lanes.gz;
  float* const ax = lanes.ax;
  float* const ay = lanes.ay;
  float* const az = lanes.az;
  static_assert(offsetof(Frame, magnitude_mps2) == offsetof(Frame, vertical_mps2) + sizeof(float));
  alignas(16) float vertical[4], magnitude[4];  // the last, partial vector
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
      m = std::min(kSub, in.size() - i);
      PushSteadyRun(st, in.subspan(i, m), f, lanes);
      i += m;
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
      const __m128 vv = _mm_and_ps(valid, v);
      const __m128 mm = _mm_and_ps(valid, mag);
      if (k + 4 <= m) {
        // A frame's vertical and magnitude are adjacent: one 8-byte store each.
        const __m128 lo = _mm_unpacklo_ps(vv, mm);  // frames k, k + 1
        const __m128 hi = _mm_unpackhi_ps(vv, mm);  // frames k + 2, k + 3
        _mm_storel_pi(reinterpret_cast<__m64*>(&f[k].vertical_mps2), lo);
        _mm_storeh_pi(reinterpret_cast<__m64*>(&f[k + 1].vertical_mps2), lo);
        _mm_storel_pi(reinterpret_cast<__m64*>(&f[k + 2].vertical_mps2), hi);
        _mm_storeh_pi(reinterpret_cast<__m64*>(&f[k + 3].vertical_mps2), hi);
      } else {
        _mm_store_ps(vertical, vv);
        _mm_store_ps(magnitude, mm);
        for (std::size_t j = k; j < m; ++j) {
          f[j].vertical_mps2 = vertical[j - k];
          f[j].magnitude_mps2 = magnitude[j - k];
        }
      }
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
