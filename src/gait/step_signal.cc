#include "gait/step_signal.h"

#include <bit>
#include <cmath>

#include "gait/gravity.h"
#include "gait/options.h"

namespace retrowalk {

namespace {
// Values projected at a time (plus what one frame may complete).
constexpr std::size_t kBatch = 256;
}  // namespace

StepSignalFilter::StepSignalFilter(StepSignal kind, std::size_t half, double lookahead_s,
                                   double rate_hz)
    : value_(kind == StepSignal::kMagnitude ? &Frame::magnitude_mps2 : &Frame::vertical_mps2),
      half_(half) {
  lead_ =
      std::min(half_, static_cast<std::size_t>(std::round(std::max(0.0, lookahead_s) * rate_hz)));
  const std::size_t capacity = std::bit_ceil(half_ + 2);
  mask_ = capacity - 1;
  ring_.resize(capacity);
  scratch_.resize(kBatch + half_ + 1);
}

std::size_t StepSignalFilter::PushBlock(std::span<const Sample> in, std::span<const Frame> frames,
                                        StepSignalValue* out) {
  if (centred()) {  // each frame's own value, already projected
    for (std::size_t k = 0; k < frames.size(); ++k) out[k] = {frames[k].t_s, frames[k].*value_};
    return frames.size();
  }
  const std::size_t first_with_frame = in.size() - frames.size();
  std::size_t n = 0;
  if (first_with_frame == 0 && frames_ > 0 && next_ + lead_ == received_) {
    // Mid-segment: each frame completes the one sample lead_ before the one
    // pushed with it, in this block or (the first lead_) in the ring.
    for (std::size_t k = 0; k < in.size();) {
      const std::size_t run = std::min(in.size() - k, kBatch);
      for (std::size_t at = k; at < k + run; ++at) {
        const Vec3 g = frames[at].gravity_mps2;
        if (at >= lead_) {
          Queue(in[at - lead_].t_s, in[at - lead_].acc_mps2, g);
        } else {
          Queue(ring_[(received_ + at - lead_) & mask_], g);
        }
      }
      n += Project(out + n);
      k += run;
    }
    // The last samples, for the next block's first values.
    const std::size_t keep = std::min(in.size(), lead_);
    for (std::size_t k = in.size() - keep; k < in.size(); ++k)
      ring_[(received_ + k) & mask_] = {in[k].t_s, in[k].acc_mps2};
    received_ += in.size();
    frames_ += in.size();
    next_ += in.size();
    return n;
  }
  for (std::size_t k = 0; k < in.size(); ++k) {
    ring_[received_++ & mask_] = {in[k].t_s, in[k].acc_mps2};
    if (k < first_with_frame) continue;
    TakeFrame(frames[k - first_with_frame]);
    if (queued_ >= kBatch) n += Project(out + n);
  }
  return n + Project(out + n);
}

std::size_t StepSignalFilter::Flush(const Frame& frame, StepSignalValue* out) {
  if (centred()) {
    out[0] = {frame.t_s, frame.*value_};
    return 1;
  }
  TakeFrame(frame);
  return Project(out);
}

void StepSignalFilter::TakeFrame(const Frame& frame) {
  // Frame f's window reaches sample f + half: it completes the samples up to
  // f + half - lead (and, the segment's first, all before them).
  const std::uint64_t last = frames_++ + half_ - lead_;
  for (; next_ <= last && next_ < received_; ++next_)
    Queue(ring_[next_ & mask_], frame.gravity_mps2);
}

std::size_t StepSignalFilter::Project(StepSignalValue* out) {
  GravityEstimator::ProjectFrames(scratch_.data(), queued_);
  for (std::size_t k = 0; k < queued_; ++k) out[k] = {scratch_[k].t_s, scratch_[k].*value_};
  const std::size_t n = queued_;
  queued_ = 0;
  return n;
}

void StepSignalFilter::Reset() {
  received_ = next_ = frames_ = 0;
  queued_ = 0;
}

}  // namespace retrowalk
