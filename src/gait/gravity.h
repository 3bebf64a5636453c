// GravityEstimator: gravity and vertical acceleration for any orientation.
//
// Gravity is the centred moving average of the acceleration over
// window_s (zero phase: it neither leads nor lags the steps). Its direction is
// "up" in the sensor frame, re-estimated every sample, so a phone turned or
// moved to another pocket is followed within half a window. The vertical
// dynamic acceleration is the projection of the measured acceleration on that
// direction minus |g|; the dynamic magnitude is |a| - |g|. Near the ends of a segment the window is
// truncated to the samples that exist. Sums are kept in double so that a week of running additions
// and removals does not drift.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/sample.h"
#include "gait/frame.h"

namespace retrowalk {

struct GravityOptions {
  double window_s = 2.0;
};

class GravityEstimator {
 public:
  GravityEstimator(GravityOptions options, double rate_hz);

  // Pushes one uniform sample; returns true and fills `out` when the frame
  // half a window earlier became final (at most one per push).
  bool Push(const Sample& s, Frame& out) {
    if (!Add(state_, s)) return false;
    EmitGravity(state_, out);
    Project(out);
    return true;
  }
  // The same as Push over each sample of `in` in turn: the frames that
  // became final are written to out[0..n); returns n (<= in.size()). The
  // running sums stay in registers and the projection is done for several
  // frames at once (SSE2 where available), with exactly the scalar operations.
  std::size_t PushBlock(std::span<const Sample> in, Frame* out);
  // Emits the next of the frames still pending at the end of a segment;
  // returns false when there are none left. Then the estimator is reset.
  bool Flush(Frame& out);
  void Reset();
  std::size_t delay_samples() const { return half_; }
  // Samples pushed in this segment.
  std::uint64_t received() const { return state_.received; }
  // Sample `j` (< received()) of this segment while the ring still holds it:
  // the newest ring-size samples, which include every one whose frame is not
  // out yet. nullptr otherwise.
  const Sample* Received(std::uint64_t j) const {
    return j + ring_.size() >= state_.received ? &ring_[j & mask_] : nullptr;
  }
  // The frames of in[first, first + out.size()) as they would be were
  // in.back() the segment's last sample: gravity averaged over the window
  // truncated to `in` (as Flush makes them), so before the later samples are
  // in. in[0] is the segment's first sample or at least half a window before
  // in[first].
  void CutFrames(std::span<const Sample> in, std::size_t first, std::span<Frame> out) const;
  // The vertical and magnitude of each of the frames f[0..n) from its
  // acceleration and gravity (Project): four at a time with SSE2.
  static void ProjectFrames(Frame* f, std::size_t n);

 private:
  struct State {
    std::uint64_t received = 0;  // samples pushed in this segment
    std::uint64_t next = 0;      // index of the next frame to emit
    std::uint64_t oldest = 0;    // oldest sample still in the sums
    double sx = 0, sy = 0, sz = 0;
  };

  // Stores the sample and adds it to the sums; true when a frame is due.
  bool Add(State& st, const Sample& s) {
    const std::uint64_t j = st.received++;
    ring_[j & mask_] = s;
    st.sx += s.acc_mps2.x;
    st.sy += s.acc_mps2.y;
    st.sz += s.acc_mps2.z;
    return j >= st.next + half_;
  }
  // Fills the frame due, all but the projection (vertical and magnitude).
  void EmitGravity(State& st, Frame& out) const {
    const std::uint64_t lo = st.next >= half_ ? st.next - half_ : 0;
    while (st.oldest < lo) {
      const Sample& o = ring_[st.oldest & mask_];
      st.sx -= o.acc_mps2.x;
      st.sy -= o.acc_mps2.y;
      st.sz -= o.acc_mps2.z;
      ++st.oldest;
    }
    const std::uint64_t count = st.received - st.oldest;
    const double inv_n = count == full_ ? inv_full_ : 1.0 / static_cast<double>(count);
    FillFrame(ring_[st.next++ & mask_], st, inv_n, out);
  }
  // The frame of sample `c`, gravity the sums times `inv_count`; all but the
  // projection.
  static void FillFrame(const Sample& c, const State& st, double inv_count, Frame& out) {
    out.t_s = c.t_s;
    out.acc_mps2 = c.acc_mps2;
    out.gyro_radps = c.gyro_radps;
    out.gravity_mps2 = {static_cast<float>(st.sx * inv_count),
                        static_cast<float>(st.sy * inv_count),
                        static_cast<float>(st.sz * inv_count)};
  }
  // Whether the window is full and every push emits one frame: then each
  // push adds one sample, removes one and emits the frame half a window
  // earlier, and the state stays steady until the segment ends.
  bool IsSteady(const State& st) const {
    return st.received >= full_ && st.next + half_ == st.received &&
           st.oldest + full_ == st.received;
  }
  // Add + EmitGravity for each sample of `in` in the steady state: the same
  // operations in the same order, without their tests, over runs in which
  // none of the three ring positions (added, removed, emitted) wraps. Frames
  // go to out[0..in.size()), all but their projection.
  void PushSteadyRun(State& st, std::span<const Sample> in, Frame* out);
  // The vertical and dynamic magnitude from the frame's acceleration and
  // gravity. ProjectFrames's vector version must stay operation for operation the same.
  static void Project(Frame& f) {
    const Vec3 g = f.gravity_mps2;
    const float g2 = Dot(g, g);
    if (g2 > 1e-6f) {
      const float inv_g = 1.0f / std::sqrt(g2);
      const float g_norm = g2 * inv_g;
      f.vertical_mps2 = Dot(f.acc_mps2, g) * inv_g - g_norm;
      f.magnitude_mps2 = f.acc_mps2.norm() - g_norm;
    } else {
      f.vertical_mps2 = 0;  // free fall or no signal: no up to project on
      f.magnitude_mps2 = 0;
    }
  }

  std::size_t half_;
  std::uint64_t full_;  // samples in a complete window
  double inv_full_;
  std::uint64_t mask_;
  std::vector<Sample> ring_;
  State state_;
};

}  // namespace retrowalk
