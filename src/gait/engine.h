// GaitEngine: the streaming gait engine. One code path for live and batch.
//
//   samples ─► Resampler ─► GravityEstimator ─► 2× CenteredBoxcar ─► StepDetector
//           ─► BoutTracker (walking detection, bout rules) ─► per-bout metrics,
//              stumbles, DirectionClassifier ─► EngineEvents
//
// Push(samples) appends the events that became final; Finish() ends the
// stream. A batch analysis is Push(all samples) + Finish(), so batch and live
// results are identical whatever the chunking. Each stage is O(1) per sample
// with no allocation on the sample path; memory is bounded by the frame ring
// (bout_signal_s plus a few seconds), not by the recording length.
// Latency: about gravity.window_s / 2 + smoothing + one step for steps, and
// bouts.max_break_s more for the end of a bout. A bout's live direction
// (EngineEvents::directions) comes once its first window (3 s from half a
// second before the first step) is in and a step near its end is final.
// Gaps in the input longer than resampler.max_gap_s end the segment: every
// stage is flushed as at the end of the stream and restarts after the gap.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <vector>

#include "core/sample.h"
#include "gait/bout_tracker.h"
#include "gait/boxcar.h"
#include "gait/direction_classifier.h"
#include "gait/events.h"
#include "gait/frame.h"
#include "gait/gravity.h"
#include "gait/options.h"
#include "gait/resampler.h"
#include "gait/step_detector.h"

namespace retrowalk {

class GaitEngine final : private BoutListener {
 public:
  explicit GaitEngine(EngineOptions options = {},
                      std::unique_ptr<DirectionClassifier> direction = nullptr);

  // Feeds raw samples (any rate, jitter allowed, bad samples skipped) and
  // appends to `events` whatever became final.
  void Push(std::span<const Sample> samples, EngineEvents& events);
  // Ends the stream: flushes every stage and closes the open bout. The
  // engine can then take a new stream.
  void Finish(EngineEvents& events);

  const EngineOptions& options() const { return options_; }
  std::uint64_t frames() const { return frame_count_; }  // uniform samples processed
  std::size_t skipped_samples() const { return resampler_.skipped(); }
  // Seconds of signal between a sample going in and its step being final.
  double latency_s() const;

 private:
  // Uniform samples of one segment, in blocks: gravity runs over the block as
  // a tight loop, then the boxcars and the detector, the frames entering the
  // ring and the smoothed values the detector in the same order as one sample
  // at a time would (so the ring holds exactly the same frames whenever a
  // bout is reported).
  void ProcessUniform(std::span<const Sample> samples);
  void ProcessBlock(std::span<const Sample> samples);
  // The oldest frame index still intact in the ring.
  std::uint64_t OldestReadableFrame() const;
  // Calls run(first, end) over the ring's frames [lo, hi) as at most two
  // contiguous runs (split where the indices wrap around the ring's end).
  template <typename Run>
  void ForRingRuns(std::uint64_t lo, std::uint64_t hi, Run&& run) const {
    while (lo < hi) {
      const std::size_t first = static_cast<std::size_t>(lo & ring_mask_);
      const std::size_t count =
          static_cast<std::size_t>(std::min<std::uint64_t>(hi - lo, ring_.size() - first));
      run(ring_.data() + first, ring_.data() + first + count);
      lo += count;
    }
  }
  // Appends the ring's frames [lo, hi) to `out` (a range insert per run, not
  // a push_back per frame).
  void AppendRing(std::uint64_t lo, std::uint64_t hi, std::vector<Frame>& out) const {
    ForRingRuns(lo, hi, [&](const Frame* f, const Frame* end) { out.insert(out.end(), f, end); });
  }
  // The per-frame path, for the frames flushed at the end of a segment.
  void OnFrame(const Frame& f) {
    const std::uint64_t i = frame_count_++;
    ring_[i & ring_mask_] = f;
    float u;
    const float x = magnitude_signal_ ? f.magnitude_mps2 : f.vertical_mps2;
    if (box1_.Push(x, u)) OnBox1(u);
  }
  void OnBox1(float u) {
    float y;
    if (box2_.Push(u, y)) OnSmoothed(y);
  }
  void OnSmoothed(float y) {
    ring_[smoothed_count_ & ring_mask_].smoothed_mps2 = y;
    OnSmoothed(y, detector_.NextLevel(y));
  }
  // With the detector's level for y (StepDetector::Level::Next), once y is in
  // its frame. Inlined into ProcessBlock's detector loop (for the frames
  // StepDetector::Quiet does not skip): a call costs more than its body in
  // the common case (no candidate, nothing expires).
  [[gnu::always_inline]] void OnSmoothed(float y, float level) {
    const std::uint64_t m = smoothed_count_++;
    const bool candidate = detector_.Push(m, ring_[m & ring_mask_].t_s, y, level, candidate_);
    if (candidate) tracker_.OnCandidate(candidate_, *this);
    // Advance depends only on the tracker's state and the horizon, and a
    // second call with both unchanged does nothing: while walking the horizon
    // stays at the held candidate for many frames.
    const double horizon = detector_.horizon_s();
    if (candidate || horizon != advanced_horizon_) {
      tracker_.Advance(horizon, *this);
      advanced_horizon_ = horizon;
    }
  }
  void FlushSegment();

  // BoutListener
  void OnBoutStart(double start_s) override;
  void OnStep(const StepCandidate& step) override;
  void OnBoutEnd() override;
  // Reports steps [begin, end) of the finished bout as one bout.
  void EmitPart(std::size_t begin, std::size_t end, Direction direction, float confidence);
  // Feeds the live direction tracker every window of the open bout that is
  // complete and ends within half a second of step `step_index` (before the
  // first, once, the early stretch: LiveDirection::Early).
  void DecideLive(std::uint64_t step_index);
  // Reports answer `d` for the frames [from, last] (indices), decided at now_s.
  void ReportLive(const LiveAnswer& d, std::uint64_t from, std::uint64_t last, double now_s);

  EngineOptions options_;
  double rate_hz_;
  bool magnitude_signal_;
  std::unique_ptr<DirectionClassifier> direction_;
  Resampler resampler_;
  GravityEstimator gravity_;
  CenteredBoxcar box1_;
  CenteredBoxcar box2_;
  StepDetector detector_;
  BoutTracker tracker_;

  std::vector<Frame> ring_;  // frames by index, the last ring_.size() of them
  std::uint64_t ring_mask_;
  std::uint64_t frame_count_ = 0;     // frames written to the ring
  std::uint64_t smoothed_count_ = 0;  // frames whose smoothed value is known
  std::uint64_t segment_first_frame_ = 0;
  // The horizon of the last BoutTracker::Advance (NaN: none since the tracker
  // last changed outside OnSmoothed).
  double advanced_horizon_ = std::numeric_limits<double>::quiet_NaN();

  // The open bout.
  Bout bout_;
  std::uint64_t bout_first_index_ = 0;
  std::uint64_t bout_last_index_ = 0;
  std::vector<float> step_peak_acc_;
  std::vector<float> step_peak_tilt_rate_;
  // Live direction of the open bout (DirectionClassifier::StartLive).
  std::unique_ptr<LiveDirection> live_;
  std::uint64_t live_next_ = 0;  // first frame of the next live window
  std::uint64_t live_window_ = 0, live_hop_ = 1;
  std::uint64_t live_early_ = 0;  // frames for the early answer; 0: none
  bool live_reported_ = false;
  Direction live_last_ = Direction::kUnknown;
  std::vector<Frame> live_frames_;  // reused between windows
  // The open bout's first frames (BoutSignal::opening), copied once they are
  // in, for bouts longer than bout_signal_s.
  std::uint64_t bout_lo_ = 0;  // first frame of the bout's signal
  bool opening_done_ = false;
  std::vector<Frame> opening_;

  std::vector<Sample> uniform_;  // reused between pushes
  // ProcessBlock's smoothed values (kBlock) while a boxcar is still filling
  // (mid-segment each goes straight to the detector); its frames go straight
  // into ring_.
  std::vector<float> block_smoothed_;
  std::vector<float> block_level_;  // the detector's level for each (kBlock)
  // The detector's output slot: a StepCandidate is ~150 bytes, too big to
  // construct (zero) on the per-sample path.
  StepCandidate candidate_;
  std::vector<Gap> gaps_;
  // The finished bout's frames: in place in the ring, or copied to scratch_
  // where they wrap around its end (valid until the bout is reported).
  std::span<const Frame> RingFrames(std::uint64_t lo, std::uint64_t hi);
  std::span<const Frame> bout_frames_;
  std::vector<Frame> scratch_;
  EngineEvents* out_ = nullptr;  // valid during Push / Finish
};

// Batch convenience: the same engine over all samples.
EngineEvents AnalyzeSamples(std::span<const Sample> samples, const EngineOptions& options = {},
                            std::unique_ptr<DirectionClassifier> direction = nullptr);

}  // namespace retrowalk
