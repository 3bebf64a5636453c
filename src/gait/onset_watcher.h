// OnsetWatcher: spots where walking starts on a trailing step signal, for a
// bout's first live answer.
//
// The engine's steps come from a step signal whose gravity window is centred
// on the sample (EngineOptions::step_signal_lookahead_s = 1 s): the counts
// were chosen on it and hold on the held-out subjects, but every step, and so
// every bout, is known a second late. The watcher runs the same stages
// (StepSignalFilter, two boxcars, StepDetector, BoutTracker with the engine's
// rules, but a slow walk's bout opening on 3 steps) on a step signal with less
// lookahead, its detector reporting each candidate as soon as it is final
// (StepDetectorOptions::release_early), and reports each candidate and where
// its bouts open: the step's index and time, the sample whose push made it
// known, and the candidates before it. Nothing it finds is counted; the
// engine plays its own pending run on with these to see where its bout will
// open, makes the bout's early live direction answer as soon as those frames
// are in, and keeps that answer when its own bout opens on that step
// (docs/direction.md, "Live direction while walking").
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/sample.h"
#include "gait/bout_tracker.h"
#include "gait/boxcar.h"
#include "gait/frame.h"
#include "gait/options.h"
#include "gait/step_detector.h"
#include "gait/step_signal.h"

namespace retrowalk {

struct WalkOnset {
  // True: the watcher's bout opened on the step below. False: only a new
  // candidate of the watcher's (the step below), which may complete the
  // engine's own run before the watcher has a bout of its own: a bout whose
  // first step the trailing signal misses opens there a step later.
  bool opened = true;
  // The step: the bout's first, or the candidate (sample index and time).
  std::uint64_t first_index = 0;
  double first_t_s = 0;
  // The first step of the watcher's bout open then (first_t_s when opened);
  // NaN when it has none.
  double bout_start_s = 0;
  // Index of the sample whose push made it known (from the first segment's
  // first sample, as the engine's frames count).
  std::uint64_t known_push = 0;
  // The watcher's run that opened it (a push-off first, when there is one),
  // or, for a candidate, its latest candidates up to that one: the engine
  // plays its own run on with these (BoutTracker::PredictRunStart).
  std::vector<StepCandidate> run;
};

class OnsetWatcher final : private BoutListener {
 public:
  // `half`: the GravityEstimator's delay_samples(); `box_half`: each boxcar's
  // half width (the engine's); the step signal reaches `lookahead_s` past each
  // sample; `max_block`: the most samples one PushBlock takes.
  OnsetWatcher(const EngineOptions& options, std::size_t half, std::size_t box_half,
               double lookahead_s, double rate_hz, std::size_t max_block);

  // The samples of one block of a segment and the frames the
  // GravityEstimator made of them, as StepSignalFilter::PushBlock takes them.
  // `first_index` is the index of the segment's first sample. Appends the
  // onsets and candidates found to `out`, in order.
  void PushBlock(std::span<const Sample> samples, std::span<const Frame> frames,
                 std::uint64_t first_index, std::vector<WalkOnset>& out);
  // The segment ended: forgets it (an onset found at its very end comes too
  // late to matter).
  void Reset();

 private:
  void OnBoutStart(double) override;
  void OnStep(const StepCandidate& step) override;
  void OnBoutEnd() override;
  // Reports candidate_, found on smoothed value `smoothed_index`.
  void ReportCandidate(std::uint64_t smoothed_index);
  // The sample whose push brought smoothed value `smoothed_index`.
  std::uint64_t KnownPush(std::uint64_t smoothed_index) const;

  StepSignalFilter step_signal_;
  CenteredBoxcar box1_;
  CenteredBoxcar box2_;
  StepDetector detector_;
  BoutTracker tracker_;
  std::uint64_t box_delay_;
  std::vector<StepSignalValue> values_;  // one block's, and those of the smoothing:
  std::vector<float> smoothed_;
  std::vector<float> level_;   // the detector's level for each
  std::vector<double> times_;  // the step signal's sample times by index (ring)
  std::uint64_t times_mask_;
  std::uint64_t first_index_ = 0;  // of the segment
  std::uint64_t signal_count_ = 0;
  std::uint64_t smoothed_count_ = 0;  // within the segment
  StepCandidate candidate_;
  double advanced_horizon_;
  bool awaiting_first_ = false;
  double bout_start_s_;             // of the open bout, NaN when none
  std::vector<StepCandidate> run_;  // of the bout opening, until its first step takes it
  // The latest candidates, oldest first (at most kRecent).
  static constexpr std::size_t kRecent = 8;
  std::vector<StepCandidate> recent_;
  std::vector<WalkOnset>* out_ = nullptr;
};

}  // namespace retrowalk
