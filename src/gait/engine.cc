#include "gait/engine.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <limits>

#include "gait/bout_metrics.h"
#include "gait/frame_lanes.h"
#include "gait/stumble.h"

namespace retrowalk {

namespace {

// A session's warm-up lies in its first bout's opening seconds.
constexpr double kOpeningS = 20.0;

std::size_t Samples(double seconds, double rate_hz) {
  return static_cast<std::size_t>(std::max(1.0, std::round(seconds * rate_hz)));
}

// Input samples resampled at a time, and uniform samples per stage block:
// small enough that every intermediate array stays in the L1/L2 cache.
constexpr std::size_t kInputBlock = 1024;
constexpr std::size_t kBlock = 256;

// Raises acc2 and tilt2 to the largest squared |acc - gravity| and squared
// angular rate about horizontal axes, |ω|² - (ω·g)²/|g|², of the frames
// [f, end): the trunk pitching or rolling, not turning (a turn is a rotation
// about the vertical, and no jolt). Four frames per vector, transposed to one
// component per vector: each value gets the scalar expression's operations in
// its order, and the maximum does not depend on the order it is taken in (a
// NaN is skipped either way).
void MaxMotion(const Frame* f, const Frame* end, float& acc2, float& tilt2) {
#if defined(__SSE2__)
  if (end - f >= 4) {
    __m128 acc_max = _mm_set1_ps(acc2);
    __m128 tilt_max = _mm_set1_ps(tilt2);
    for (; end - f >= 4; f += 4) {
      __m128 g0 = LoadAt(f[0], offsetof(Frame, gravity_mps2));
      __m128 g1 = LoadAt(f[1], offsetof(Frame, gravity_mps2));
      __m128 g2 = LoadAt(f[2], offsetof(Frame, gravity_mps2));
      __m128 g3 = LoadAt(f[3], offsetof(Frame, gravity_mps2));
      __m128 d0 = _mm_sub_ps(LoadAt(f[0], offsetof(Frame, acc_mps2)), g0);
      __m128 d1 = _mm_sub_ps(LoadAt(f[1], offsetof(Frame, acc_mps2)), g1);
      __m128 d2 = _mm_sub_ps(LoadAt(f[2], offsetof(Frame, acc_mps2)), g2);
      __m128 d3 = _mm_sub_ps(LoadAt(f[3], offsetof(Frame, acc_mps2)), g3);
      _MM_TRANSPOSE4_PS(d0, d1, d2, d3);  // d0: the four x, d1: the y, d2: the z
      _MM_TRANSPOSE4_PS(g0, g1, g2, g3);
      __m128 w0 = LoadAt(f[0], offsetof(Frame, gyro_radps));
      __m128 w1 = LoadAt(f[1], offsetof(Frame, gyro_radps));
      __m128 w2 = LoadAt(f[2], offsetof(Frame, gyro_radps));
      __m128 w3 = LoadAt(f[3], offsetof(Frame, gyro_radps));
      _MM_TRANSPOSE4_PS(w0, w1, w2, w3);
      const __m128 a2 =
          _mm_add_ps(_mm_add_ps(_mm_mul_ps(d0, d0), _mm_mul_ps(d1, d1)), _mm_mul_ps(d2, d2));
      const __m128 w_w =
          _mm_add_ps(_mm_add_ps(_mm_mul_ps(w0, w0), _mm_mul_ps(w1, w1)), _mm_mul_ps(w2, w2));
      const __m128 w_g =
          _mm_add_ps(_mm_add_ps(_mm_mul_ps(w0, g0), _mm_mul_ps(w1, g1)), _mm_mul_ps(w2, g2));
      const __m128 g_g =
          _mm_add_ps(_mm_add_ps(_mm_mul_ps(g0, g0), _mm_mul_ps(g1, g1)), _mm_mul_ps(g2, g2));
      const __m128 t2 = _mm_sub_ps(w_w, _mm_div_ps(_mm_mul_ps(w_g, w_g), g_g));
      // maxps(x, m) is x when x > m, else m (a NaN x leaves m): std::max(m, x).
      acc_max = _mm_max_ps(a2, acc_max);
      tilt_max = _mm_max_ps(t2, tilt_max);
    }
    alignas(16) float a[4], t[4];
    _mm_store_ps(a, acc_max);
    _mm_store_ps(t, tilt_max);
    for (int k = 0; k < 4; ++k) {
      acc2 = std::max(acc2, a[k]);
      tilt2 = std::max(tilt2, t[k]);
    }
  }
#endif
  for (; f != end; ++f) {
    const Vec3 d = f->acc_mps2 - f->gravity_mps2;
    acc2 = std::max(acc2, Dot(d, d));
    const float w_g = Dot(f->gyro_radps, f->gravity_mps2);
    tilt2 = std::max(tilt2, Dot(f->gyro_radps, f->gyro_radps) -
                                w_g * w_g / Dot(f->gravity_mps2, f->gravity_mps2));
  }
}

}  // namespace

GaitEngine::GaitEngine(EngineOptions options, std::unique_ptr<DirectionClassifier> direction)
    : options_(options),
      rate_hz_(options.resampler.rate_hz),
      direction_(direction ? std::move(direction) : std::make_unique<UnknownDirectionClassifier>()),
      resampler_(options.resampler),
      gravity_(options.gravity, rate_hz_),
      step_signal_(options.step_signal, gravity_.delay_samples(), options.step_signal_lookahead_s,
                   rate_hz_),
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
  block_signal_.resize(kBlock + step_signal_.max_backlog());
  block_smoothed_.resize(block_signal_.size());
  // The detector reads the times of the block's values and of those still
  // in the boxcars.
  const std::size_t times =
      std::bit_ceil(block_signal_.size() + box1_.delay_samples() + box2_.delay_samples() + 2);
  signal_t_.resize(times);
  signal_mask_ = times - 1;
  block_level_.resize(block_signal_.size());
  if (options.onset_lookahead_s < options.step_signal_lookahead_s) {
    const std::unique_ptr<LiveDirection> probe = direction_->StartLive(rate_hz_, options.has_gyro);
    if (probe && probe->early_s() > 0) {
      onset_early_ = Samples(probe->early_s(), rate_hz_);
      watcher_ =
          std::make_unique<OnsetWatcher>(options, gravity_.delay_samples(), box1_.delay_samples(),
                                         options.onset_lookahead_s, rate_hz_, kBlock);
    }
  }
}

double GaitEngine::latency_s() const {
  return static_cast<double>(step_signal_.delay_samples() + box1_.delay_samples() +
                             box2_.delay_samples()) /
             rate_hz_ +
         options_.bouts.max_step_s;
}

void GaitEngine::Push(std::span<const Sample> samples, EngineEvents& events) {
  out_ = &events;
  for (std::size_t i = 0; i < samples.size();) {
    // Samples already on the grid go to the stages as they are, without a
    // copy (checked a block at a time, so they are still in cache).
    const std::size_t n = std::min(kInputBlock, samples.size() - i);
    if (const std::size_t on_grid = resampler_.PassThrough(samples.subspan(i, n))) {
      ProcessUniform(samples.subspan(i, on_grid));
      i += on_grid;
      continue;
    }
    const std::size_t base = resampler_.emitted();
    uniform_.clear();
    gaps_.clear();
    resampler_.Push(samples.subspan(i, n), uniform_, gaps_);
    i += n;
    // Every gap is followed by the sample that starts the next segment.
    std::size_t next_gap = 0;
    std::size_t k = 0;
    while (k < uniform_.size()) {
      while (next_gap < gaps_.size() && gaps_[next_gap].output_index == base + k) {
        FlushSegment();
        events.gaps.push_back(gaps_[next_gap++]);
      }
      const std::size_t end =
          next_gap < gaps_.size() ? gaps_[next_gap].output_index - base : uniform_.size();
      ProcessUniform(std::span<const Sample>(uniform_).subspan(k, end - k));
      k = end;
    }
  }
  out_ = nullptr;
}

void GaitEngine::ProcessUniform(std::span<const Sample> samples) {
  // A block's frames go straight into the ring, so a block never crosses the
  // ring's end (each sample yields at most one frame).
  for (std::size_t i = 0; i < samples.size();) {
    const std::size_t room = ring_.size() - static_cast<std::size_t>(frame_count_ & ring_mask_);
    const std::size_t n = std::min({kBlock, room, samples.size() - i});
    ProcessBlock(samples.subspan(i, n));
    i += n;
  }
}

std::uint64_t GaitEngine::OldestReadableFrame() const {
  // ProcessBlock writes up to kBlock frames ahead of frame_count_, over the
  // oldest slots of the ring.
  const std::uint64_t reach = frame_count_ + kBlock;
  return reach > ring_.size() ? reach - ring_.size() : 0;
}

void GaitEngine::ProcessBlock(std::span<const Sample> samples) {
  Frame* frames = &ring_[frame_count_ & ring_mask_];
  const std::size_t nf = gravity_.PushBlock(samples, frames);
  StepSignalValue* values = block_signal_.data();
  const std::size_t nv = step_signal_.PushBlock(samples, {frames, nf}, values);
  if (watcher_) {
    watcher_->PushBlock(samples, {frames, nf}, segment_first_frame_, found_);
    QueueOnsets();
  }
  for (std::size_t k = 0; k < nv; ++k)
    signal_t_[(signal_count_ + k) & signal_mask_] = values[k].t_s;
  signal_count_ += nv;
  // Both boxcars in one loop: their running sums are separate dependency
  // chains that the processor overlaps from sample to sample.
  CenteredBoxcar::Local b1 = box1_.Begin();
  CenteredBoxcar::Local b2 = box2_.Begin();
  StepDetector::Level lv = detector_.BeginLevel();
  float* smoothed = block_smoothed_.data();
  float* level = block_level_.data();
  std::size_t n2 = 0;
  if (b1.Steady() && b2.Steady()) {
    // Mid-segment (nearly always): one output per value, no tests, in runs
    // over which neither boxcar's ring positions wrap.
    for (std::size_t k = 0; k < nv;) {
      const std::size_t run = std::min({nv - k, b1.Contiguous(), b2.Contiguous()});
      CenteredBoxcar::Local::Run r1 = b1.BeginRun();
      CenteredBoxcar::Local::Run r2 = b2.BeginRun();
      const StepSignalValue* v = values + k;
      float* y = smoothed + k;
      float* y_level = level + k;
      for (std::size_t i = 0; i < run; ++i) {
        y[i] = r2.Push(i, r1.Push(i, v[i].mps2));
        y_level[i] = lv.Next(y[i]);
      }
      b1.EndRun(r1, run);
      b2.EndRun(r2, run);
      k += run;
    }
    n2 = nv;
  } else {
    for (std::size_t k = 0; k < nv; ++k) {
      float u, y;
      if (b1.Push(values[k].mps2, u) && b2.Push(u, y)) {
        smoothed[n2] = y;
        level[n2++] = lv.Next(y);
      }
    }
  }
  box1_.Commit(b1);
  box2_.Commit(b2);
  detector_.CommitLevel(lv);
  // Each smoothed value goes to the detector with the frames of the pushes
  // up to the one that made it in the ring, as one sample at a time would:
  // value m comes with the push of sample PushOf(m + boxcar delays), and
  // frame f with the push of sample f + the gravity delay. The stretches the
  // detector only records (StepDetector::Quiet) skip OnSmoothed, whose
  // tracker calls they would not make (the horizon stays).
  const std::uint64_t block_first = frame_count_;
  const std::uint64_t box_delay = box1_.delay_samples() + box2_.delay_samples();
  const std::uint64_t gravity_delay = gravity_.delay_samples();
  const auto frames_at = [&](std::uint64_t m) {
    const std::uint64_t push = step_signal_.PushOf(m - segment_first_frame_ + box_delay);
    return std::min(block_first + nf, segment_first_frame_ + push - gravity_delay + 1);
  };
  for (std::size_t k = 0; k < n2;) {
    std::size_t quiet = 0;
    if (detector_.horizon_s() == advanced_horizon_)
      quiet = QuietFor(detector_, tracker_, smoothed + k, level + k, n2 - k, smoothed_count_,
                       [&](std::uint64_t i) { return signal_t_[i & signal_mask_]; });
    if (quiet > 0) {
      detector_.SkipQuiet(smoothed + k, quiet, smoothed_count_,
                          [&](std::uint64_t i) { return signal_t_[i & signal_mask_]; });
      smoothed_count_ += quiet;
      k += quiet;
      if (k == n2) break;
    }
    AdvanceFrames(frames_at(smoothed_count_));
    OnSmoothed(smoothed[k], level[k]);
    ++k;
  }
  AdvanceFrames(block_first + nf);
}

void GaitEngine::Finish(EngineEvents& events) {
  out_ = &events;
  FlushSegment();
  out_ = nullptr;
  resampler_ = Resampler(options_.resampler);
}

void GaitEngine::FlushSegment() {
  // The step signal values still pending come with the frames still pending,
  // as if samples kept coming.
  Frame f;
  while (gravity_.Flush(f)) {
    OnFrame(f);
    const std::size_t n = step_signal_.Flush(f, block_signal_.data());
    for (std::size_t k = 0; k < n; ++k) OnSignal(block_signal_[k]);
  }
  step_signal_.Reset();
  float u;
  while (box1_.Flush(u)) OnBox1(u);
  while (box2_.Flush(u)) OnSmoothed(u);
  while (detector_.Flush(candidate_)) tracker_.OnCandidate(candidate_, *this);
  tracker_.Flush(*this);
  while (pending_head_ < pending_.size()) DoPending();
  if (watcher_) {
    // An onset still waiting for frames past the segment's end has no bout.
    watcher_->Reset();
    onsets_.clear();
    onset_head_ = 0;
    onset_due_ = kNever;
    onset_answer_.valid = false;
    has_passed_over_ = false;
  }
  advanced_horizon_ = std::numeric_limits<double>::quiet_NaN();
  segment_first_frame_ = frame_count_;
}

void GaitEngine::OnBoutStart(double start_s) {
  out_->bout_starts.push_back({start_s});
  Defer(Pending::Kind::kBoutStart, 0, nullptr);
}

void GaitEngine::OnStep(const StepCandidate& step) {
  out_->steps.push_back({step.t_s, step.amplitude_mps2});
  pending_last_step_ = step.index;
  Defer(Pending::Kind::kStep, step.index, &step);
}

void GaitEngine::OnBoutEnd() {
  Defer(Pending::Kind::kBoutEnd, pending_last_step_ + Samples(0.5, rate_hz_), nullptr);
}

void GaitEngine::Defer(Pending::Kind kind, std::uint64_t ready, const StepCandidate* step) {
  if (pending_head_ == pending_.size()) {
    pending_.clear();
    pending_head_ = 0;
  }
  pending_.push_back({kind, ready, step ? *step : StepCandidate{}});
  AdvanceFrames(frame_count_);
}

void GaitEngine::DoNextDue() {
  const bool work = pending_head_ < pending_.size();
  if (onset_due_ < live_due_ && (!work || onset_due_ < pending_[pending_head_].ready)) {
    frame_count_ = std::max(frame_count_, onset_due_ + 1);
    AnswerOnset();
    return;
  }
  if (live_due_ != kNever && (!work || live_due_ <= pending_[pending_head_].ready)) {
    frame_count_ = std::max(frame_count_, live_due_ + 1);
    live_due_ = kNever;
    DecideLive(bout_last_index_);
    return;
  }
  frame_count_ = std::max(frame_count_, pending_[pending_head_].ready + 1);
  DoPending();
}

std::uint64_t GaitEngine::LiveStart(std::uint64_t first_index) const {
  const std::uint64_t pad = Samples(0.5, rate_hz_);
  return std::max<std::uint64_t>(first_index > pad ? first_index - pad : 0, segment_first_frame_);
}

void GaitEngine::QueueOnsets() {
  if (found_.empty()) return;
  if (onset_head_ == onsets_.size()) {
    onsets_.clear();
    onset_head_ = 0;
  }
  const std::uint64_t gravity_delay = gravity_.delay_samples();
  for (const WalkOnset& o : found_) {
    // The frames in when it was found (as ProcessBlock's frames_at;
    // known_push counts from the first segment's first sample, as frames do).
    // A candidate is looked at at once; an opened bout once its early
    // answer's frames, from where the bout's live windows start, are in too.
    std::uint64_t in = o.known_push - gravity_delay + 1;
    if (o.opened) in = std::max(in, LiveStart(o.first_index) + onset_early_ - gravity_delay);
    onsets_.push_back({o, in - 1});
  }
  found_.clear();
  onset_due_ = onsets_[onset_head_].ready;
}

void GaitEngine::AnswerOnset() {
  DueOnset& due = onsets_[onset_head_];
  const auto next = [&] {
    ++onset_head_;
    onset_due_ = onset_head_ < onsets_.size() ? onsets_[onset_head_].ready : kNever;
  };
  if (live_) {  // a bout of the engine's is open: it answers for itself
    passed_over_ = std::move(due.onset);
    has_passed_over_ = true;
    return next();
  }
  // Answered only when the engine's own run of candidates, played on with the
  // watcher's (its own are a second behind), is expected to open its bout on
  // one of the candidates already in: the answer is keyed to that step.
  // While the watcher has a bout, a candidate of the engine's near its first
  // step will do when the candidates run out (BoutTracker::PredictRunStart).
  const double tolerance_s = options_.steps.min_step_s;
  const StepCandidate* first = tracker_.PredictRunStart(due.onset.bout_start_s, detector_.held(),
                                                        due.onset.run, tolerance_s);
  if (first == nullptr) {
    if (!MayKeyLater(due.onset)) return next();
    due.ready = frame_count_ + Samples(0.05, rate_hz_);
    onset_due_ = due.ready;
    return;
  }
  // Answered already, on an earlier candidate or onset.
  if (onset_answer_.valid && onset_answer_.first_index == first->index) return next();
  const std::uint64_t lo = LiveStart(first->index);
  const std::uint64_t end = lo + onset_early_;
  const std::uint64_t half = gravity_.delay_samples();
  if (end > frame_count_ + half) {
    // The input has not reached the early answer's last frame: wait for it.
    due.ready = end - half - 1;
    onset_due_ = due.ready;
    return;
  }
  next();
  const std::unique_ptr<LiveDirection> live = direction_->StartLive(rate_hz_, options_.has_gyro);
  live_frames_.clear();
  if (!live || !AppendKnown(lo, end, live_frames_)) return;
  const std::optional<LiveAnswer> d = live->Early(live_frames_);
  if (!d) return;
  PushDirectionEvent(first->t_s, *d, live_frames_.front().t_s, live_frames_.back().t_s, NowS());
  onset_answer_ = {true, first->index, d->direction};
}

bool GaitEngine::AppendKnown(std::uint64_t lo, std::uint64_t end, std::vector<Frame>& out) {
  if (lo < OldestReadableFrame()) return false;
  const std::uint64_t in = std::min(end, frame_count_);
  AppendRing(lo, in, out);
  if (in == end) return true;
  // The rest from the samples in: those whose frames are out from the ring,
  // the newest from the gravity estimator's.
  const std::uint64_t half = gravity_.delay_samples();
  const std::uint64_t reached =
      std::min(frame_count_ + half, segment_first_frame_ + gravity_.received());
  const std::uint64_t from = std::max(segment_first_frame_, in > half ? in - half : 0);
  if (reached < end || from < OldestReadableFrame()) return false;
  cut_samples_.clear();
  for (std::uint64_t i = from; i < reached; ++i) {
    if (const Sample* s = gravity_.Received(i - segment_first_frame_)) {
      cut_samples_.push_back(*s);
    } else {
      const Frame& f = ring_[i & ring_mask_];
      cut_samples_.push_back({f.t_s, f.acc_mps2, f.gyro_radps});
    }
  }
  const std::size_t done = out.size();
  out.resize(done + (end - in));
  gravity_.CutFrames(cut_samples_, static_cast<std::size_t>(in - from),
                     std::span<Frame>(out).subspan(done));
  return true;
}

bool GaitEngine::MayKeyLater(const WalkOnset& o) const {
  // Until the engine's own candidates reach the watcher's, the run it plays
  // may still gain the candidate to key to: as long as the watcher has a bout
  // (its first step to be near), nothing newer of the watcher's is due (it
  // takes over: the same and more) and not for ever (a detector that holds a
  // candidate while nothing follows keeps its horizon; the engine's steps
  // trail the watcher's by 1.5-3.5 s).
  if (std::isnan(o.bout_start_s)) return false;
  const bool overtaken =
      onset_head_ + 1 < onsets_.size() && onsets_[onset_head_ + 1].ready < frame_count_;
  const double watched_s = o.run.back().t_s;
  const double give_up_s = watched_s + options_.bouts.max_break_s + options_.bouts.max_step_s;
  return !overtaken && detector_.horizon_s() < watched_s + options_.steps.min_step_s &&
         NowS() < give_up_s;
}

void GaitEngine::DoPending() {
  const Pending& p = pending_[pending_head_++];
  switch (p.kind) {
    case Pending::Kind::kBoutStart:
      StartBout();
      break;
    case Pending::Kind::kStep:
      TakeStep(p.step);
      break;
    case Pending::Kind::kBoutEnd:
      EndBout();
      break;
  }
}

void GaitEngine::StartBout() {
  bout_ = Bout{};
  step_peak_acc_.clear();
  step_peak_tilt_rate_.clear();
  live_ = direction_->StartLive(rate_hz_, options_.has_gyro);
  live_reported_ = false;
  if (live_) {
    live_window_ = Samples(live_->window_s(), rate_hz_);
    live_hop_ = Samples(live_->hop_s(), rate_hz_);
    live_early_ = live_->early_s() > 0 ? Samples(live_->early_s(), rate_hz_) : 0;
  }
}

void GaitEngine::TakeStep(const StepCandidate& step) {
  // Peak trunk motion since the previous step of the bout (for stumbles).
  float acc2 = 0, tilt2 = 0;
  if (!bout_.step_times_s.empty()) {
    ForRingRuns(bout_last_index_ + 1, step.index + 1,
                [&](const Frame* f, const Frame* end) { MaxMotion(f, end, acc2, tilt2); });
  } else {
    bout_first_index_ = step.index;
    // Opened where the watcher saw it open: its early answer was this bout's.
    if (onset_answer_.valid && onset_answer_.first_index == step.index) {
      live_reported_ = true;
      live_last_ = onset_answer_.direction;
    }
    onset_answer_.valid = false;
    bout_lo_ = LiveStart(step.index);
    live_next_ = bout_lo_;
    opening_.clear();
    opening_done_ = false;
  }
  if (!opening_done_ && frame_count_ >= bout_lo_ + Samples(kOpeningS, rate_hz_)) {
    const std::uint64_t oldest = OldestReadableFrame();
    const std::uint64_t end = bout_lo_ + Samples(kOpeningS, rate_hz_);
    AppendRing(std::max(bout_lo_, oldest), end, opening_);
    opening_done_ = true;
  }
  bout_last_index_ = step.index;
  bout_.step_times_s.push_back(step.t_s);
  step_peak_acc_.push_back(std::sqrt(acc2));
  step_peak_tilt_rate_.push_back(std::sqrt(tilt2));
  if (live_) DecideLive(step.index);
}

void GaitEngine::DecideLive(std::uint64_t step_index) {
  const std::uint64_t pad = Samples(0.5, rate_hz_);
  const std::uint64_t known_end = std::min(frame_count_, step_index + pad + 1);  // exclusive
  const std::uint64_t oldest = OldestReadableFrame();
  const double now_s = NowS();
  // Before the first window is complete (none taken, nothing reported yet):
  // one early answer on what is in.
  if (live_early_ > 0 && !live_reported_ && live_next_ == bout_lo_ &&
      live_next_ + live_early_ <= known_end && live_next_ + live_window_ > known_end &&
      live_next_ >= oldest) {
    live_frames_.clear();
    AppendRing(live_next_, known_end, live_frames_);
    if (const std::optional<LiveAnswer> d = live_->Early(live_frames_))
      ReportLive(*d, live_next_, known_end - 1, now_s);
  }
  for (; live_next_ + live_window_ <= known_end; live_next_ += live_hop_) {
    if (live_next_ < oldest) continue;  // overwritten (cannot happen within a bout's break)
    live_frames_.clear();
    AppendRing(live_next_, live_next_ + live_window_, live_frames_);
    const LiveAnswer d = live_->OnWindow(live_frames_);
    if (live_reported_ && d.direction == live_last_) continue;
    // Dated from the window where the answer began (never before the bout).
    const std::uint64_t back = static_cast<std::uint64_t>(std::max(0, d.since_windows)) * live_hop_;
    const std::uint64_t from =
        std::max(live_next_ - std::min(back, live_next_), std::max(bout_lo_, oldest));
    ReportLive(d, from, from + live_window_ - 1, now_s);
  }
  ArmLive();
}

void GaitEngine::ArmLive() {
  live_due_ = kNever;
  const std::uint64_t pad = Samples(0.5, rate_hz_);
  const bool early = live_early_ > 0 && !live_reported_ && live_next_ == bout_lo_;
  const std::uint64_t need = live_next_ + (early ? live_early_ : live_window_);  // exclusive
  if (need > frame_count_ && need <= bout_last_index_ + pad + 1) live_due_ = need - 1;
}

void GaitEngine::ReportLive(const LiveAnswer& d, std::uint64_t from, std::uint64_t last,
                            double now_s) {
  live_reported_ = true;
  live_last_ = d.direction;
  PushDirectionEvent(bout_.step_times_s.front(), d, ring_[from & ring_mask_].t_s,
                     ring_[last & ring_mask_].t_s, now_s);
}

void GaitEngine::PushDirectionEvent(double bout_start_s, const LiveAnswer& d, double from_s,
                                    double to_s, double now_s) {
  out_->directions.push_back({bout_start_s, from_s, to_s, now_s, d.direction,
                              std::clamp(d.confidence, 0.0f, 1.0f), d.device_moved});
}

double GaitEngine::NowS() const {
  return ring_[(frame_count_ - 1) & ring_mask_].t_s +
         static_cast<double>(gravity_.delay_samples()) / rate_hz_;
}

std::span<const Frame> GaitEngine::RingFrames(std::uint64_t lo, std::uint64_t hi) {
  if (lo > hi) return {};
  const std::size_t first = static_cast<std::size_t>(lo & ring_mask_);
  const std::size_t count = static_cast<std::size_t>(hi - lo + 1);
  if (first + count <= ring_.size()) return std::span<const Frame>(ring_).subspan(first, count);
  scratch_.clear();
  AppendRing(lo, hi + 1, scratch_);
  return scratch_;
}

void GaitEngine::EndBout() {
  live_due_ = kNever;
  // The bout's frames: half a second either side, the last bout_signal_s at
  // most, never before this segment or older than the ring.
  const std::uint64_t pad = Samples(0.5, rate_hz_);
  const std::uint64_t cap = Samples(options_.bout_signal_s, rate_hz_);
  const std::uint64_t hi = std::min(bout_last_index_ + pad, frame_count_ - 1);
  std::uint64_t lo = LiveStart(bout_first_index_);
  if (hi + 1 > cap) lo = std::max(lo, hi + 1 - cap);
  lo = std::max(lo, OldestReadableFrame());
  bout_frames_ = RingFrames(lo, hi);

  // Direction per stretch of the bout; every step takes its stretch's answer
  // (steps before the first stretch, in a long bout's cut-off start, the
  // first one's).
  BoutSignal signal{rate_hz_, options_.has_gyro, bout_frames_, bout_.step_times_s, {}, live_.get()};
  if (lo > bout_lo_ && !opening_.empty() && !bout_frames_.empty()) {
    const double cut = bout_frames_.front().t_s;
    const auto end = std::lower_bound(opening_.begin(), opening_.end(), cut,
                                      [](const Frame& f, double v) { return f.t_s < v; });
    signal.opening =
        std::span<const Frame>(opening_.data(), static_cast<std::size_t>(end - opening_.begin()));
  }
  const std::vector<BoutDirectionSegment> segments = direction_->Segment(signal);
  live_.reset();
  if (has_passed_over_) {
    has_passed_over_ = false;
    onsets_.insert(onsets_.begin() + static_cast<std::ptrdiff_t>(onset_head_),
                   {std::move(passed_over_), frame_count_ - 1});
    onset_due_ = frame_count_ - 1;
  }
  const std::vector<double>& t = bout_.step_times_s;
  struct Part {
    std::size_t begin, end;
    Direction direction;
  };
  std::vector<Part> parts;
  std::vector<float> confidence(t.size(), 0.0f);
  std::vector<Direction> step_direction(t.size(), Direction::kUnknown);
  std::vector<bool> step_moved(t.size(), false);
  std::size_t k = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    Direction d = Direction::kUnknown;
    if (!segments.empty()) {
      while (k + 1 < segments.size() && t[i] >= segments[k].end_s) ++k;
      d = segments[k].direction;
      confidence[i] = std::clamp(segments[k].confidence, 0.0f, 1.0f);
      step_moved[i] = segments[k].device_moved;
    }
    step_direction[i] = d;
    if (!parts.empty() && parts.back().direction == d) {
      parts.back().end = i + 1;
    } else {
      parts.push_back({i, i + 1, d});
    }
  }
  // Every part keeps the bout rule (at least min_steps steps): the shortest
  // short part joins its longer neighbour (the earlier one on a tie), then
  // neighbours with the same direction join.
  const auto min_steps = static_cast<std::size_t>(std::max(1, options_.bouts.min_steps));
  while (parts.size() > 1) {
    std::size_t shortest = 0;
    for (std::size_t p = 1; p < parts.size(); ++p) {
      if (parts[p].end - parts[p].begin < parts[shortest].end - parts[shortest].begin) shortest = p;
    }
    if (parts[shortest].end - parts[shortest].begin >= min_steps) break;
    std::size_t into;
    if (shortest == 0) {
      into = 1;
    } else if (shortest + 1 == parts.size()) {
      into = shortest - 1;
    } else {
      const std::size_t before = parts[shortest - 1].end - parts[shortest - 1].begin;
      const std::size_t after = parts[shortest + 1].end - parts[shortest + 1].begin;
      into = after > before ? shortest + 1 : shortest - 1;
    }
    parts[into].begin = std::min(parts[into].begin, parts[shortest].begin);
    parts[into].end = std::max(parts[into].end, parts[shortest].end);
    parts.erase(parts.begin() + static_cast<std::ptrdiff_t>(shortest));
    for (std::size_t p = 0; p + 1 < parts.size();) {
      if (parts[p].direction == parts[p + 1].direction) {
        parts[p].end = parts[p + 1].end;
        parts.erase(parts.begin() + static_cast<std::ptrdiff_t>(p) + 1);
      } else {
        ++p;
      }
    }
  }
  if (parts.empty()) parts.push_back({0, t.size(), Direction::kUnknown});

  Bout whole = std::move(bout_);
  bout_ = Bout{};
  for (const Part& p : parts) {
    // Confidence: mean over the part's steps whose stretch agreed with it.
    double sum = 0;
    int n = 0;
    bool moved = false;
    for (std::size_t i = p.begin; i < p.end; ++i) {
      if (step_direction[i] == p.direction) {
        sum += confidence[i];
        ++n;
      }
      moved = moved || step_moved[i];
    }
    bout_.step_times_s.assign(whole.step_times_s.begin() + static_cast<std::ptrdiff_t>(p.begin),
                              whole.step_times_s.begin() + static_cast<std::ptrdiff_t>(p.end));
    bout_.device_moved = moved;
    EmitPart(p.begin, p.end, p.direction, n > 0 ? static_cast<float>(sum / n) : 0.0f);
  }
}

void GaitEngine::EmitPart(std::size_t begin, std::size_t end, Direction direction,
                          float confidence) {
  ComputeStepTimeMetrics({options_.bouts.max_step_s, options_.bouts.max_step_rhythms}, bout_);
  // This part's frames: half a second either side of its steps.
  std::span<const Frame> frames = bout_frames_;
  if (begin > 0 || end < step_peak_acc_.size()) {
    const double from = bout_.step_times_s.front() - 0.5;
    const double to = bout_.step_times_s.back() + 0.5;
    const auto first = std::lower_bound(frames.begin(), frames.end(), from,
                                        [](const Frame& f, double v) { return f.t_s < v; });
    const auto last = std::upper_bound(frames.begin(), frames.end(), to,
                                       [](double v, const Frame& f) { return v < f.t_s; });
    frames = std::span<const Frame>(first, last);
  }
  ComputeRegularity(frames, rate_hz_, bout_);
  const std::span<const float> acc(step_peak_acc_);
  const std::span<const float> tilt_rate(step_peak_tilt_rate_);
  bout_.stumble_times_s =
      DetectStumbles(options_.stumbles, bout_.step_times_s, acc.subspan(begin, end - begin),
                     tilt_rate.subspan(begin, end - begin), options_.has_gyro);
  bout_.direction = direction;
  bout_.direction_confidence = std::clamp(confidence, 0.0f, 1.0f);
  bout_.step_directions.assign(bout_.step_times_s.size(), direction);
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
