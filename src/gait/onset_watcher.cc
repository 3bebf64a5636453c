#include "gait/onset_watcher.h"

#include <bit>
#include <limits>
#include <utility>

namespace retrowalk {

namespace {

// The engine's detector, reporting each candidate as soon as it is final: the
// watcher needs no closing steps.
StepDetectorOptions Releasing(StepDetectorOptions steps) {
  steps.release_early = true;
  return steps;
}

// The engine's bout rules, but a slow walk (0.7 s per step or slower) opens
// on 3 rhythmic steps: its 4th comes 2.1 s or more after the first, too late
// for an answer within 3 s. Decided on the development recordings slowed in
// time (docs/direction.md, "Slow walkers' first answer").
BoutRules Watching(BoutRules rules) {
  rules.slow_run_steps = 3;
  rules.slow_step_s = 0.7;
  return rules;
}

}  // namespace

OnsetWatcher::OnsetWatcher(const EngineOptions& options, std::size_t half, std::size_t box_half,
                           double lookahead_s, double rate_hz, std::size_t max_block)
    : step_signal_(options.step_signal, half, lookahead_s, rate_hz),
      box1_(box_half),
      box2_(box_half),
      detector_(Releasing(options.steps), rate_hz),
      tracker_(Watching(options.bouts)),
      box_delay_(box1_.delay_samples() + box2_.delay_samples()),
      advanced_horizon_(std::numeric_limits<double>::quiet_NaN()),
      bout_start_s_(std::numeric_limits<double>::quiet_NaN()) {
  values_.resize(max_block + step_signal_.max_backlog());
  smoothed_.resize(values_.size());
  level_.resize(values_.size());
  const std::size_t times = std::bit_ceil(values_.size() + box_delay_ + 2);
  times_.resize(times);
  times_mask_ = times - 1;
}

void OnsetWatcher::PushBlock(std::span<const Sample> samples, std::span<const Frame> frames,
                             std::uint64_t first_index, std::vector<WalkOnset>& out) {
  out_ = &out;
  first_index_ = first_index;
  const std::size_t n = step_signal_.PushBlock(samples, frames, values_.data());
  StepDetector::Level lv = detector_.BeginLevel();
  std::size_t ns = 0;
  for (std::size_t k = 0; k < n; ++k) {
    times_[signal_count_++ & times_mask_] = values_[k].t_s;
    float u, y;
    if (box1_.Push(values_[k].mps2, u) && box2_.Push(u, y)) {
      smoothed_[ns] = y;
      level_[ns++] = lv.Next(y);
    }
  }
  detector_.CommitLevel(lv);
  const auto time_of = [&](std::uint64_t i) { return times_[(i - first_index_) & times_mask_]; };
  for (std::size_t k = 0; k < ns;) {
    // Between steps most values change nothing the tracker sees: skipped as
    // the engine skips them.
    std::size_t quiet = 0;
    if (detector_.horizon_s() == advanced_horizon_)
      quiet = QuietFor(detector_, tracker_, smoothed_.data() + k, level_.data() + k, ns - k,
                       smoothed_count_, [&](std::uint64_t i) { return times_[i & times_mask_]; });
    if (quiet > 0) {
      detector_.SkipQuiet(smoothed_.data() + k, quiet, first_index_ + smoothed_count_, time_of);
      smoothed_count_ += quiet;
      k += quiet;
      if (k == ns) break;
    }
    const std::uint64_t m = smoothed_count_++;
    const bool candidate = detector_.Push(first_index_ + m, times_[m & times_mask_], smoothed_[k],
                                          level_[k], candidate_);
    if (candidate) {
      ReportCandidate(m);
      tracker_.OnCandidate(candidate_, *this);
    }
    const double horizon = detector_.horizon_s();
    if (candidate || horizon != advanced_horizon_) {
      tracker_.Advance(horizon, *this);
      advanced_horizon_ = horizon;
    }
    ++k;
  }
  out_ = nullptr;
}

void OnsetWatcher::ReportCandidate(std::uint64_t smoothed_index) {
  if (recent_.size() == kRecent) recent_.erase(recent_.begin());
  recent_.push_back(candidate_);
  out_->push_back(
      {false, candidate_.index, candidate_.t_s, bout_start_s_, KnownPush(smoothed_index), recent_});
}

std::uint64_t OnsetWatcher::KnownPush(std::uint64_t smoothed_index) const {
  // The smoothed value came with the push of sample PushOf(its index + the
  // boxcars' delay).
  return first_index_ + step_signal_.PushOf(smoothed_index + box_delay_);
}

void OnsetWatcher::OnBoutStart(double) {
  awaiting_first_ = true;
  const std::span<const StepCandidate> run = tracker_.pending();
  run_.assign(run.begin(), run.end());
}

void OnsetWatcher::OnStep(const StepCandidate& step) {
  if (!awaiting_first_ || out_ == nullptr) return;
  awaiting_first_ = false;
  bout_start_s_ = step.t_s;
  out_->push_back(
      {true, step.index, step.t_s, step.t_s, KnownPush(smoothed_count_ - 1), std::move(run_)});
}

void OnsetWatcher::OnBoutEnd() {
  bout_start_s_ = std::numeric_limits<double>::quiet_NaN();
}

void OnsetWatcher::Reset() {
  step_signal_.Reset();
  float u;
  while (box1_.Flush(u)) {
  }
  while (box2_.Flush(u)) {
  }
  detector_.Reset();
  tracker_.Flush(*this);  // out_ is null: nothing is reported
  signal_count_ = smoothed_count_ = 0;
  advanced_horizon_ = std::numeric_limits<double>::quiet_NaN();
  awaiting_first_ = false;
  bout_start_s_ = std::numeric_limits<double>::quiet_NaN();
  recent_.clear();
}

}  // namespace retrowalk
