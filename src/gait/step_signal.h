// StepSignalFilter: the step detector's input, each sample as soon as the
// gravity it needs is known.
//
// A sample's value is its dynamic magnitude |a| - |g| (or its vertical
// a·ĝ - |g|), with g the gravity of the GravityEstimator frame whose window
// reaches lookahead_s past the sample: frame c + lead - half for sample c
// (half: the gravity window's half; the segment's first frame for its first
// samples, as a centred window takes the first half + 1 samples there). So
// the value of sample c is known once sample c + lead is in. With lookahead_s
// = window_s / 2 that is the frame's own value. Less lookahead makes each
// value known sooner, and with it steps and bouts, while the frames still wait
// for the centred gravity: the norm of g barely moves within a window while
// walking, its direction (which the frames need) may. The GaitEngine holds
// what it tells its listeners until their frames are in (docs/gait.md, "Steps
// before their frames").
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/sample.h"
#include "gait/frame.h"

namespace retrowalk {

enum class StepSignal;

struct StepSignalValue {
  double t_s = 0;  // the sample's time
  float mps2 = 0;
};

class StepSignalFilter {
 public:
  // half: the GravityEstimator's delay_samples(); lookahead_s is clamped to
  // [0, half / rate_hz].
  StepSignalFilter(StepSignal kind, std::size_t half, double lookahead_s, double rate_hz);

  // Takes the samples pushed to the GravityEstimator and the frames it made
  // of them (those come with the last frames.size() samples). The values that
  // became known go to out[0..n), in sample order; returns n (<= in.size() +
  // max_backlog()). Value c comes with the push of sample PushOf(c) (indices
  // within the segment).
  std::size_t PushBlock(std::span<const Sample> in, std::span<const Frame> frames,
                        StepSignalValue* out);
  // With each frame the GravityEstimator flushes at the end of a segment: the
  // values it completes, as PushBlock. Reset() after the last.
  std::size_t Flush(const Frame& frame, StepSignalValue* out);
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
  // Lookahead half: the frames' own values pass through (none of the state
  // below is used).
  bool centred() const { return lead_ == half_; }
  // Queues the values of the samples that frame `frame` (the segment's
  // frames_-th) completes for projection in scratch_.
  void TakeFrame(const Frame& frame);
  // Queues the sample at t_s with acceleration `acc` and gravity `g`.
  void Queue(double t_s, Vec3 acc, Vec3 g) {
    Frame& q = scratch_[queued_++];
    q.t_s = t_s;
    q.acc_mps2 = acc;
    q.gravity_mps2 = g;
  }
  void Queue(const Stored& s, Vec3 g) { Queue(s.t_s, s.acc, g); }
  // Projects the queued values into out[0..n); returns n.
  std::size_t Project(StepSignalValue* out);

  float Frame::*value_;  // the frame field the step signal is (magnitude or vertical)
  std::size_t half_;
  std::size_t lead_;
  std::uint64_t mask_;
  std::vector<Stored> ring_;  // the last samples, enough for every value still due
  std::uint64_t received_ = 0;
  std::uint64_t next_ = 0;    // the next sample to get its value
  std::uint64_t frames_ = 0;  // frames taken in this segment
  // Samples with the gravity of their values, for GravityEstimator::ProjectFrames.
  std::vector<Frame> scratch_;
  std::size_t queued_ = 0;
};

}  // namespace retrowalk
