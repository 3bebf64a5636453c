#include "gait/engine.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "gait/bout_metrics.h"
#include "gait/stumble.h"

namespace retrowalk {

namespace {

std::size_t Samples(double seconds, double rate_hz) {
  return static_cast<std::size_t>(std::max(1.0, std::round(seconds * rate_hz)));
}

}  // namespace

GaitEngine::GaitEngine(EngineOptions options, std::unique_ptr<DirectionClassifier> direction)
    : options_(options),
      rate_hz_(options.resampler.rate_hz),
      magnitude_signal_(options.step_signal == StepSignal::kMagnitude),
      direction_(direction ? std::move(direction) : std::make_unique<UnknownDirectionClassifier>()),
      resampler_(options.resampler),
      gravity_(options.gravity, rate_hz_),
      box1_(Samples(options.smoothing_s, rate_hz_) / 2),
      box2_(Samples(options.smoothing_s, rate_hz_) / 2),
      detector_(options.steps, rate_hz_),
      tracker_(options.bouts) {
  // The ring must still hold a bout's signal window when the bout closes:
  // max_break_s after its last step, plus the stage delays and margins.
  const double ring_s =
      options.bout_signal_s + options.bouts.max_break_s + options.gravity.window_s + 10.0;
  const std::size_t capacity = std::bit_ceil(Samples(ring_s, rate_hz_));
  ring_.resize(capacity);
  ring_mask_ = capacity - 1;
}

double GaitEngine::latency_s() const {
  return static_cast<double>(gravity_.delay_samples() + box1_.delay_samples() +
                             box2_.delay_samples()) /
             rate_hz_ +
         options_.bouts.max_step_s;
}

void GaitEngine::Push(std::span<const Sample> samples, EngineEvents& events) {
  out_ = &events;
  const std::size_t base = resampler_.emitted();
  uniform_.clear();
  gaps_.clear();
  resampler_.Push(samples, uniform_, gaps_);
  std::size_t next_gap = 0;
  for (std::size_t k = 0; k < uniform_.size(); ++k) {
    while (next_gap < gaps_.size() && gaps_[next_gap].output_index == base + k) {
      FlushSegment();
      events.gaps.push_back(gaps_[next_gap++]);
    }
    ProcessUniform(uniform_[k]);
  }
  out_ = nullptr;
}

void GaitEngine::Finish(EngineEvents& events) {
  out_ = &events;
  FlushSegment();
  out_ = nullptr;
  resampler_ = Resampler(options_.resampler);
}

void GaitEngine::OnSmoothed(float y) {
  const std::uint64_t m = smoothed_count_++;
  Frame& f = ring_[m & ring_mask_];
  f.smoothed_mps2 = y;
  StepCandidate c;
  if (detector_.Push(m, f.t_s, y, c)) tracker_.OnCandidate(c, *this);
  tracker_.Advance(detector_.horizon_s(), *this);
}

void GaitEngine::FlushSegment() {
  Frame f;
  while (gravity_.Flush(f)) OnFrame(f);
  float u;
  while (box1_.Flush(u)) OnBox1(u);
  while (box2_.Flush(u)) OnSmoothed(u);
  StepCandidate c;
  while (detector_.Flush(c)) tracker_.OnCandidate(c, *this);
  tracker_.Flush(*this);
  segment_first_frame_ = frame_count_;
}

void GaitEngine::OnBoutStart(double start_s) {
  bout_ = Bout{};
  step_peak_acc_.clear();
  step_peak_gyro_.clear();
  out_->bout_starts.push_back({start_s});
}

void GaitEngine::OnStep(const StepCandidate& step) {
  // Peak trunk motion since the previous step of the bout (for stumbles).
  float acc2 = 0, gyro2 = 0;
  if (!bout_.step_times_s.empty()) {
    for (std::uint64_t i = bout_last_index_ + 1; i <= step.index; ++i) {
      const Frame& f = ring_[i & ring_mask_];
      const Vec3 d = f.acc_mps2 - f.gravity_mps2;
      acc2 = std::max(acc2, Dot(d, d));
      gyro2 = std::max(gyro2, Dot(f.gyro_radps, f.gyro_radps));
    }
  } else {
    bout_first_index_ = step.index;
  }
  bout_last_index_ = step.index;
  bout_.step_times_s.push_back(step.t_s);
  step_peak_acc_.push_back(std::sqrt(acc2));
  step_peak_gyro_.push_back(std::sqrt(gyro2));
  out_->steps.push_back({step.t_s, step.amplitude_mps2});
}

void GaitEngine::OnBoutEnd() {
  ComputeStepTimeMetrics({options_.bouts.max_step_s}, bout_);
  // The bout's frames: half a second either side, the last bout_signal_s at
  // most, never before this segment or older than the ring.
  const std::uint64_t pad = Samples(0.5, rate_hz_);
  const std::uint64_t cap = Samples(options_.bout_signal_s, rate_hz_);
  const std::uint64_t hi = std::min(bout_last_index_ + pad, frame_count_ - 1);
  std::uint64_t lo = bout_first_index_ > pad ? bout_first_index_ - pad : 0;
  lo = std::max(lo, segment_first_frame_);
  if (hi + 1 > cap) lo = std::max(lo, hi + 1 - cap);
  if (frame_count_ > ring_.size()) lo = std::max<std::uint64_t>(lo, frame_count_ - ring_.size());
  scratch_.clear();
  for (std::uint64_t i = lo; i <= hi; ++i) scratch_.push_back(ring_[i & ring_mask_]);

  ComputeRegularity(scratch_, rate_hz_, bout_);
  StumbleOptions stumble = options_.stumbles;
  bout_.stumble_times_s = DetectStumbles(stumble, bout_.step_times_s, step_peak_acc_,
                                         step_peak_gyro_, options_.has_gyro);
  BoutSignal signal{rate_hz_, options_.has_gyro, scratch_, bout_.step_times_s};
  const DirectionEstimate d = direction_->Classify(signal);
  bout_.direction = d.direction;
  bout_.direction_confidence = std::clamp(d.confidence, 0.0f, 1.0f);
  out_->bouts.push_back(std::move(bout_));
  bout_ = Bout{};
}

EngineEvents AnalyzeSamples(std::span<const Sample> samples, const EngineOptions& options,
                            std::unique_ptr<DirectionClassifier> direction) {
  GaitEngine engine(options, std::move(direction));
  EngineEvents events;
  engine.Push(samples, events);
  engine.Finish(events);
  return events;
}

}  // namespace retrowalk
