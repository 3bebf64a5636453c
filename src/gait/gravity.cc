#include "gait/gravity.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstring>

#include "gait/frame_lanes.h"

namespace retrowalk {

GravityEstimator::GravityEstimator(GravityOptions options, double rate_hz)
    : half_(static_cast<std::size_t>(std::max(1.0, std::round(options.window_s * rate_hz / 2)))) {
  full_ = 2 * half_ + 1;
  inv_full_ = 1.0 / static_cast<double>(full_);
  const std::size_t capacity = std::bit_ceil(2 * half_ + 2);
  mask_ = capacity - 1;
  ring_.resize(capacity);
}

void GravityEstimator::PushSteadyRun(State& st, std::span<const Sample> in, Frame* out) {
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
  for (std::size_t i = 0; i < in.size();) {
    if (IsSteady(st)) {  // then for the rest of the segment
      PushSteadyRun(st, in.subspan(i), out + n);
      n += in.size() - i;
      break;
    }
    if (Add(st, in[i++])) EmitGravity(st, out[n++]);
  }
  state_ = st;
  ProjectFrames(out, n);
  return n;
}

#if defined(__SSE2__)
namespace {

// Rows r0..r3 (four floats of four frames) to x, y, z: the first three
// components of the four, one component per vector.
void Transpose3(__m128 r0, __m128 r1, __m128 r2, __m128 r3, __m128& x, __m128& y, __m128& z) {
  const __m128 t0 = _mm_unpacklo_ps(r0, r1);  // x0 x1 y0 y1
  const __m128 t1 = _mm_unpacklo_ps(r2, r3);  // x2 x3 y2 y3
  const __m128 t2 = _mm_unpackhi_ps(r0, r1);  // z0 z1 . .
  const __m128 t3 = _mm_unpackhi_ps(r2, r3);  // z2 z3 . .
  x = _mm_movelh_ps(t0, t1);
  y = _mm_movehl_ps(t1, t0);
  z = _mm_movelh_ps(t2, t3);
}

// Project for f[0..4), in vectors of one component of the four frames. SSE2
// only (the x86-64 baseline): no FMA, so every product and sum rounds as in
// Project, and sqrtps / divps are correctly rounded like sqrtss / divss.
void ProjectFour(Frame* f) {
  __m128 ax, ay, az, gx, gy, gz;
  constexpr std::size_t kAcc = offsetof(Frame, acc_mps2);
  constexpr std::size_t kGravity = offsetof(Frame, gravity_mps2);
  Transpose3(LoadAt(f[0], kAcc), LoadAt(f[1], kAcc), LoadAt(f[2], kAcc), LoadAt(f[3], kAcc), ax, ay,
             az);
  Transpose3(LoadAt(f[0], kGravity), LoadAt(f[1], kGravity), LoadAt(f[2], kGravity),
             LoadAt(f[3], kGravity), gx, gy, gz);
  const __m128 g2 =
      _mm_add_ps(_mm_add_ps(_mm_mul_ps(gx, gx), _mm_mul_ps(gy, gy)), _mm_mul_ps(gz, gz));
  const __m128 valid = _mm_cmpgt_ps(g2, _mm_set1_ps(1e-6f));
  const __m128 inv_g = _mm_div_ps(_mm_set1_ps(1.0f), _mm_sqrt_ps(g2));
  const __m128 g_norm = _mm_mul_ps(g2, inv_g);
  const __m128 dot =
      _mm_add_ps(_mm_add_ps(_mm_mul_ps(ax, gx), _mm_mul_ps(ay, gy)), _mm_mul_ps(az, gz));
  const __m128 a2 =
      _mm_add_ps(_mm_add_ps(_mm_mul_ps(ax, ax), _mm_mul_ps(ay, ay)), _mm_mul_ps(az, az));
  const __m128 v = _mm_and_ps(valid, _mm_sub_ps(_mm_mul_ps(dot, inv_g), g_norm));
  const __m128 mag = _mm_and_ps(valid, _mm_sub_ps(_mm_sqrt_ps(a2), g_norm));
  // A frame's vertical and magnitude are adjacent: one 8-byte store each.
  static_assert(offsetof(Frame, magnitude_mps2) == offsetof(Frame, vertical_mps2) + sizeof(float));
  const __m128 lo = _mm_unpacklo_ps(v, mag);  // frames 0, 1
  const __m128 hi = _mm_unpackhi_ps(v, mag);  // frames 2, 3
  _mm_storel_pi(reinterpret_cast<__m64*>(&f[0].vertical_mps2), lo);
  _mm_storeh_pi(reinterpret_cast<__m64*>(&f[1].vertical_mps2), lo);
  _mm_storel_pi(reinterpret_cast<__m64*>(&f[2].vertical_mps2), hi);
  _mm_storeh_pi(reinterpret_cast<__m64*>(&f[3].vertical_mps2), hi);
}

}  // namespace
#endif

void GravityEstimator::ProjectFrames(Frame* f, std::size_t n) {
  std::size_t k = 0;
#if defined(__SSE2__)
  for (; k + 4 <= n; k += 4) ProjectFour(f + k);
#endif
  for (; k < n; ++k) Project(f[k]);
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

void GravityEstimator::CutFrames(std::span<const Sample> in, std::size_t first,
                                 std::span<Frame> out) const {
  // `in` as a segment of its own, through the same sums and Flush.
  GravityEstimator segment = *this;
  segment.Reset();
  std::size_t made = 0;
  Frame f;
  const auto keep = [&] {
    if (made >= first && made < first + out.size()) out[made - first] = f;
    ++made;
  };
  for (const Sample& s : in)
    if (segment.Push(s, f)) keep();
  while (segment.Flush(f)) keep();
}

void GravityEstimator::Reset() {
  state_ = State{};
}

}  // namespace retrowalk
