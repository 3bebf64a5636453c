// StepSignalFilter: the step detector's input, straight from the uniform
// samples.
//
// The dynamic magnitude |a| - |g| (or the vertical a·ĝ - |g|), with g the mean
// acceleration over a window of window_s that reaches lookahead_s past the
// sample (truncated to the samples of the segment). With lookahead_s =
// window_s / 2 the window is centred and every value is bit for bit the
// GravityEstimator frame's own. Less lookahead makes each value known sooner,
// and with it steps and bouts, while the frames still wait for the centred
// gravity: the norm of g barely moves within a window while walking, its
// direction (which the frames need) may. The GaitEngine holds what it tells
// its listeners until their frames are in (docs/gait.md, "Steps before their
// frames").
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/sample.h"

namespace retrowalk {

enum class StepSignal;

struct StepSignalValue {
  double t_s = 0;  // the sample's time
  float mps2 = 0;
};

class StepSignalFilter {
 public:
  // window_s is the gravity window; lookahead_s is clamped to [0, window_s / 2].
  StepSignalFilter(StepSignal kind, double window_s, double lookahead_s, double rate_hz);

  // The value of each sample that became known while pushing `in`, in sample
  // order, to out[0..n); returns n (<= in.size() + max_backlog()). Value c
  // comes with the push of sample PushOf(c) (indices within the segment).
  std::size_t PushBlock(std::span<const Sample> in, StepSignalValue* out);
  // Emits the next value still pending at the end of a segment; returns
  // false when none is left. Then the filter is reset.
  bool Flush(StepSignalValue& out);
  void Reset();
  std::uint64_t PushOf(std::uint64_t c) const { return std::max<std::uint64_t>(c + lead_, half_); }
  // At most this many more values than samples come out of one push block.
  std::size_t max_backlog() const { return half_ + 1; }
  // Samples between a sample going in and its value coming out.
  std::size_t delay_samples() const { return lead_; }

 private:
  struct Stored {
    double t_s;
    Vec3 acc;
  };
  // The last sample of next_'s window: lead_ past it, but at least half_ (a
  // segment's first values take the first half_ + 1 samples, as a centred
  // window does, not the few before them).
  std::uint64_t Reach() const { return PushOf(next_); }
  // Emits the value of sample next_, the sums over the window reaching lead_
  // past it.
  void Emit(StepSignalValue& out);

  bool magnitude_;
  std::size_t half_;  // of the gravity window
  std::size_t lead_;  // samples of lookahead
  std::uint64_t full_;
  double inv_full_;
  std::uint64_t mask_;
  std::vector<Stored> ring_;
  std::uint64_t received_ = 0;
  std::uint64_t next_ = 0;
  std::uint64_t oldest_ = 0;
  double sx_ = 0, sy_ = 0, sz_ = 0;
};

}  // namespace retrowalk
