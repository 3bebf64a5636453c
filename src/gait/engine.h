// GaitEngine: the streaming gait engine. One code path for live and batch.
//
//   samples ─► Resampler ─┬► StepSignalFilter ─► 2× CenteredBoxcar ─► StepDetector
//                         │   ─► BoutTracker (walking detection, bout rules) ─┐
//                         └► GravityEstimator ─► frames ─────────────────────┴► per-bout
//              metrics, stumbles, DirectionClassifier ─► EngineEvents
//
// Push(samples) appends the events that became final; Finish() ends the
// stream. A batch analysis is Push(all samples) + Finish(), so batch and live
// results are identical whatever the chunking. Each stage is O(1) per sample
// with no allocation on the sample path; memory is bounded by the frame ring
// (bout_signal_s plus a few seconds), not by the recording length.
// Latency: about step_signal_lookahead_s + smoothing + one step for steps, and
// bouts.max_break_s more for the end of a bout. The step signal may run ahead
// of the frames (which wait for the centred gravity, gravity.window_s / 2):
// steps and bout starts are reported at once, and what reads frames (stumbles,
// metrics, direction) waits until they are in. A bout's live direction
// (EngineEvents::directions) comes once its first window (3 s from half a
// second before the first step) is in and a step near its end is final; its
// first, early answer as soon as 2 s of it are in and an OnsetWatcher, the
// step stages again on a trailing step signal, has seen the bout open (with a
// live direction classifier; it changes no step, bout or final answer).
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
#include "gait/onset_watcher.h"
#include "gait/options.h"
#include "gait/resampler.h"
#include "gait/step_detector.h"
#include "gait/step_signal.h"

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
  // The per-sample paths, for what is flushed at the end of a segment.
  void OnFrame(const Frame& f) {
    ring_[frame_count_ & ring_mask_] = f;
    AdvanceFrames(frame_count_ + 1);
  }
  void OnSignal(const StepSignalValue& v) {
    signal_t_[signal_count_++ & signal_mask_] = v.t_s;
    float u;
    if (box1_.Push(v.mps2, u)) OnBox1(u);
  }
  void OnBox1(float u) {
    float y;
    if (box2_.Push(u, y)) OnSmoothed(y);
  }
  void OnSmoothed(float y) { OnSmoothed(y, detector_.NextLevel(y)); }
  // With the detector's level for y (StepDetector::Level::Next). Inlined into ProcessBlock's
  // detector loop (for the frames StepDetector::Quiet does not skip): a call costs more than its
  // body in the common case (no candidate, nothing expires).
  [[gnu::always_inline]] void OnSmoothed(float y, float level) {
    const std::uint64_t m = smoothed_count_++;
    const bool candidate = detector_.Push(m, signal_t_[m & signal_mask_], y, level, candidate_);
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

  // BoutListener: bout starts and steps are reported at once; the work that
  // reads frames waits in pending_ until they are in (Defer).
  void OnBoutStart(double start_s) override;
  void OnStep(const StepCandidate& step) override;
  void OnBoutEnd() override;
  struct Pending {
    enum class Kind { kBoutStart, kStep, kBoutEnd } kind;
    std::uint64_t ready;  // done once frame `ready` is in (and all before it are done)
    StepCandidate step;   // kStep
  };
  // Queues the work, to be done once frame `ready` is in, then does what is
  // ready.
  void Defer(Pending::Kind kind, std::uint64_t ready, const StepCandidate* step);
  // The ring holds `count` frames: does the pending work whose frames are
  // in, and the open bout's awaited live decision (ArmLive), each as soon as
  // they are (frame_count_ at its `ready` + 1, or where it was when the work
  // came, if later), so that the result depends on neither the chunking nor
  // the blocks.
  void AdvanceFrames(std::uint64_t count) {
    while ((pending_head_ < pending_.size() && pending_[pending_head_].ready < count) ||
           live_due_ < count || onset_due_ < count) {
      DoNextDue();
    }
    frame_count_ = count;
  }
  // Does the earliest of the oldest pending work, the awaited live decision
  // and the next onset's early answer.
  void DoNextDue();
  // The first frame of the live windows of a bout whose first step is frame
  // `first_index`: half a second before it, where EndBout's frames start (the
  // same grid), never before the segment.
  std::uint64_t LiveStart(std::uint64_t first_index) const;
  // Queues the onsets and candidates the watcher found in a block: a
  // candidate due when it was found, an onset once the frames of its early
  // answer are in too.
  void QueueOnsets();
  // The next onset's or watcher candidate's early answer, when no bout of the
  // engine's is open: made and reported as the engine's own bout would make
  // it, and kept as that bout's first answer if it opens on the same step
  // (TakeStep). Keyed to the step BoutTracker::PredictRunStart names, once per
  // step; while the watcher has a bout and there is none, asked again until
  // the engine's detector has reached the watcher's candidates or a newer
  // one is due.
  void AnswerOnset();
  // Whether the head onset or candidate `o`, with no step to key to yet, is
  // asked again a little later.
  bool MayKeyLater(const WalkOnset& o) const;
  // Does the oldest pending work (the end of a segment does all of it).
  void DoPending();
  void StartBout();
  void TakeStep(const StepCandidate& step);
  void EndBout();
  // Reports steps [begin, end) of the finished bout as one bout.
  void EmitPart(std::size_t begin, std::size_t end, Direction direction, float confidence);
  // Feeds the live direction tracker every window of the open bout that is
  // complete and ends within half a second of step `step_index` (before the
  // first, once, the early stretch: LiveDirection::Early).
  void DecideLive(std::uint64_t step_index);
  // Sets live_due_: the frame whose arrival lets the next live answer (the
  // early one, else the next window's) be made on the steps already taken,
  // when it is not in yet. Steps and bouts may be known before their frames
  // (EngineOptions::step_signal_lookahead_s): this answers once the frames are
  // in instead of at the next step.
  void ArmLive();
  // Reports answer `d` for the frames [from, last] (indices), decided at now_s.
  void ReportLive(const LiveAnswer& d, std::uint64_t from, std::uint64_t last, double now_s);
  // The live answer of the bout whose first step is at bout_start_s, for
  // the frames from_s..to_s.
  void PushDirectionEvent(double bout_start_s, const LiveAnswer& d, double from_s, double to_s,
                          double now_s);
  // Appends the frames [lo, end) as they stand with the input reached (sample
  // end - 1 at least): those in as they are, the newer ones with their
  // gravity window cut at the newest sample (GravityEstimator::CutFrames), so
  // that an answer need not wait the gravity's delay. False when some are not
  // in or no longer readable.
  bool AppendKnown(std::uint64_t lo, std::uint64_t end, std::vector<Frame>& out);
  // The time the input has reached: the newest frame plus the gravity
  // estimator's delay.
  double NowS() const;

  EngineOptions options_;
  double rate_hz_;
  std::unique_ptr<DirectionClassifier> direction_;
  Resampler resampler_;
  GravityEstimator gravity_;
  StepSignalFilter step_signal_;
  CenteredBoxcar box1_;
  CenteredBoxcar box2_;
  StepDetector detector_;
  BoutTracker tracker_;

  std::vector<Frame> ring_;  // frames by index, the last ring_.size() of them
  std::uint64_t ring_mask_;
  std::uint64_t frame_count_ = 0;     // frames written to the ring
  std::uint64_t signal_count_ = 0;    // samples whose step signal is known
  std::uint64_t smoothed_count_ = 0;  // samples whose smoothed step signal is known
  // The step signal's sample times by sample index (the detector's; the
  // frames of those samples may not be in yet).
  std::vector<double> signal_t_;
  std::uint64_t signal_mask_;
  std::vector<Pending> pending_;  // [pending_head_, end) still to do, in order
  std::size_t pending_head_ = 0;
  std::uint64_t pending_last_step_ = 0;  // index of the last step queued
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
  static constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t live_due_ = kNever;  // ArmLive
  bool live_reported_ = false;
  Direction live_last_ = Direction::kUnknown;
  std::vector<Frame> live_frames_;   // reused between windows
  std::vector<Sample> cut_samples_;  // AppendKnown's, reused
  // Where bouts open on a trailing step signal (none without a live
  // direction classifier, or when the step signal trails already).
  std::unique_ptr<OnsetWatcher> watcher_;
  std::uint64_t onset_early_ = 0;  // frames of an onset's early answer
  std::vector<WalkOnset> found_;   // reused between blocks
  struct DueOnset {
    WalkOnset onset;
    std::uint64_t ready;  // answered once frame `ready` is in
  };
  std::vector<DueOnset> onsets_;  // [onset_head_, end) still to answer, in order
  std::size_t onset_head_ = 0;
  // The newest onset or candidate passed over while a bout of the engine's
  // was open: asked once more when that bout ends (the next walk may have
  // begun before the break that ends it was over).
  WalkOnset passed_over_;
  bool has_passed_over_ = false;
  std::uint64_t onset_due_ = kNever;  // onsets_[onset_head_].ready, kNever when none
  // The last onset's early answer, until the engine's next bout opens.
  struct OnsetAnswer {
    bool valid = false;
    std::uint64_t first_index = 0;
    Direction direction = Direction::kUnknown;
  } onset_answer_;
  // The open bout's first frames (BoutSignal::opening), copied once they are
  // in, for bouts longer than bout_signal_s.
  std::uint64_t bout_lo_ = 0;  // first frame of the bout's signal
  bool opening_done_ = false;
  std::vector<Frame> opening_;

  std::vector<Sample> uniform_;  // reused between pushes
  // ProcessBlock's step signal values and smoothed values (a block plus the
  // step signal's backlog at a segment's start); its frames go straight into
  // ring_.
  std::vector<StepSignalValue> block_signal_;
  std::vector<float> block_smoothed_;
  std::vector<float> block_level_;  // the detector's level for each
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
