#include "gait/direction/classifier.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>

namespace retrowalk::direction {

void SpanAccumulator::Add(const WindowFeatures& f) {
  for (std::size_t i = 0; i < kFeatureCount; ++i) sum_.mean[i] += f.values[i];
  if (f.has_signed) {
    for (std::size_t i = 0; i < kSignedLags.size(); ++i) sum_.signed_v_p[i] += f.signed_v_p[i];
    ++sum_.signed_windows;
  }
  up_[0] += f.mean_up.x;
  up_[1] += f.mean_up.y;
  up_[2] += f.mean_up.z;
  sum_.acc_axes.Add(f.acc_axis);
  sum_.has_gyro = sum_.windows == 0 ? f.has_gyro : (sum_.has_gyro && f.has_gyro);
  ++sum_.windows;
}

std::optional<SpanFeatures> SpanAccumulator::Finish(const WindowingOptions& options) const {
  if (sum_.windows == 0) return std::nullopt;
  SpanFeatures out = sum_;
  for (double& v : out.mean) v /= out.windows;
  if (out.signed_windows > 0) {
    for (double& v : out.signed_v_p) v /= out.signed_windows;
    out.signed_axis = options.features.acc_axis_hint;
  }
  const double n = std::sqrt(up_[0] * up_[0] + up_[1] * up_[1] + up_[2] * up_[2]);
  if (n > 0) {
    out.up = {static_cast<float>(up_[0] / n), static_cast<float>(up_[1] / n),
              static_cast<float>(up_[2] / n)};
  }
  return out;
}

std::optional<SpanFeatures> ComputeSpanFeatures(std::span<const Frame> frames, bool has_gyro,
                                                const WindowingOptions& options) {
  const double rate = options.features.rate_hz;
  const auto window = static_cast<std::size_t>(std::lround(options.window_s * rate));
  const auto hop =
      std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(options.hop_s * rate)));
  SpanAccumulator span;
  auto add = [&](std::span<const Frame> w) {
    if (const std::optional<WindowFeatures> f = ComputeFeatures(w, options.features, has_gyro))
      span.Add(*f);
  };
  if (frames.size() <= window) {
    add(frames);
  } else {
    // Windows aligned to the end as well, so the last steps always count.
    std::size_t start = 0;
    for (; start + window <= frames.size(); start += hop) add(frames.subspan(start, window));
    if (start - hop + window < frames.size()) add(frames.subspan(frames.size() - window, window));
  }
  return span.Finish(options);
}

void AxisScatter::Add(Vec3 a) {
  const double x = a.x, y = a.y, z = a.z;
  m_[0] += x * x;
  m_[1] += y * y;
  m_[2] += z * z;
  m_[3] += x * y;
  m_[4] += x * z;
  m_[5] += y * z;
}

void AxisScatter::Add(const AxisScatter& other) {
  for (std::size_t i = 0; i < m_.size(); ++i) m_[i] += other.m_[i];
}

Vec3 AxisScatter::Principal() const {
  // Power iteration from the axis with the largest diagonal entry: the matrix
  // is positive semi-definite and one device's axes cluster, so the principal
  // eigenvalue dominates and a few dozen steps converge.
  double v[3] = {0, 0, 0};
  v[m_[0] >= m_[1] && m_[0] >= m_[2] ? 0 : m_[1] >= m_[2] ? 1 : 2] = 1;
  for (int it = 0; it < 50; ++it) {
    const double w[3] = {m_[0] * v[0] + m_[3] * v[1] + m_[4] * v[2],
                         m_[3] * v[0] + m_[1] * v[1] + m_[5] * v[2],
                         m_[4] * v[0] + m_[5] * v[1] + m_[2] * v[2]};
    const double n = std::sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
    if (n == 0) return {};
    for (int i = 0; i < 3; ++i) v[i] = w[i] / n;
  }
  return {static_cast<float>(v[0]), static_cast<float>(v[1]), static_cast<float>(v[2])};
}

StandaloneDirectionClassifier::StandaloneDirectionClassifier(const DirectionModel& model,
                                                             WindowingOptions options)
    : model_(model), options_(options) {
  options_.features.rate_hz = options_.features.rate_hz > 0 ? options_.features.rate_hz : 100;
}

Decision StandaloneDirectionClassifier::Decide(const SpanFeatures& features) const {
  Decision d;
  const LinearModel& m = model_.For(features.has_gyro);
  if (m.empty()) return d;
  d.p_backward = m.ProbabilityBackward(features.mean);
  // With a gyroscope, "backward" also needs the accelerometer-only model to
  // agree: two views of the signal must both be past their thresholds before
  // a forward walker is told they walked backward.
  const bool acc_agrees =
      !features.has_gyro || model_.acc_only.empty() || &m == &model_.acc_only ||
      model_.acc_only.ProbabilityBackward(features.mean) >= model_.acc_only.backward_threshold;
  if (d.p_backward >= m.backward_threshold && acc_agrees) {
    d.direction = Direction::kBackward;
    d.confidence = static_cast<float>(d.p_backward);
  } else if (d.p_backward <= m.forward_threshold && d.p_backward < m.backward_threshold) {
    d.direction = Direction::kForward;
    d.confidence = static_cast<float>(1 - d.p_backward);
  }
  return d;
}

DirectionEstimate StandaloneDirectionClassifier::Classify(const BoutSignal& bout) {
  WindowingOptions o = options_;
  o.features.rate_hz = bout.rate_hz;
  const std::optional<SpanFeatures> f = ComputeSpanFeatures(bout.frames, bout.has_gyro, o);
  if (!f) return {};
  const Decision d = Decide(*f);
  return {d.direction, d.confidence};
}

namespace {

// The windows a bout's live tracker kept (null when it is none of ours).
const WindowMemo* MemoOf(const LiveDirection* live);

// A session answer from the cosine to the template: its sign, unknown when
// under min_similarity.
void AnswerBySimilarity(double similarity, double min_similarity, Decision& d) {
  d.similarity = similarity;
  if (std::abs(similarity) < min_similarity) {
    d.direction = Direction::kUnknown;
    d.confidence = 0;
    return;
  }
  d.direction = similarity > 0 ? Direction::kForward : Direction::kBackward;
  d.confidence = static_cast<float>(std::min(1.0, 0.5 + 0.5 * std::abs(similarity)));
}

// The first of `windows` judged after the device moved (end: none).
std::vector<DirectionSegment>::const_iterator FirstMoved(
    const std::vector<DirectionSegment>& windows) {
  return std::find_if(windows.begin(), windows.end(),
                      [](const DirectionSegment& w) { return w.device_moved; });
}

// Appends `part`, extending the last segment instead when it has the same
// answer: consecutive windows with one direction are one run.
void AppendMergingRuns(std::vector<BoutDirectionSegment>& out, const BoutDirectionSegment& part) {
  if (!out.empty() && out.back().direction == part.direction) {
    out.back().end_s = part.end_s;
    out.back().confidence = std::max(out.back().confidence, part.confidence);
    out.back().device_moved = out.back().device_moved || part.device_moved;
  } else {
    out.push_back(part);
  }
}

std::span<const Frame> FramesBetween(std::span<const Frame> frames, double from_s, double to_s) {
  const auto a = std::lower_bound(frames.begin(), frames.end(), from_s,
                                  [](const Frame& f, double v) { return f.t_s < v; });
  const auto b = std::upper_bound(frames.begin(), frames.end(), to_s,
                                  [](double v, const Frame& f) { return v < f.t_s; });
  return {a, b};
}

// A change between a forward and a backward segment is placed at 1.5-s
// resolution (window centres); a window straddling the change reads as a mix
// of both. Slide windows in 0.1-s steps across ±search_s of the change and put
// it where the signed score (+ forward, − backward) agrees best with the two
// sides: the x maximising Σ_{c<x} s_A·score(c) + Σ_{c≥x} s_B·score(c).
void MoveBoundaries(std::vector<BoutDirectionSegment>& segments, const BoutSignal& bout,
                    const WindowingOptions& o, double search_s,
                    const std::function<double(const SpanFeatures&)>& score) {
  if (bout.frames.empty()) return;
  const double half = 0.5 * o.window_s;
  const double t0 = bout.frames.front().t_s, t1 = bout.frames.back().t_s;
  auto sign = [](Direction d) {
    return d == Direction::kForward ? 1.0 : d == Direction::kBackward ? -1.0 : 0.0;
  };
  for (std::size_t k = 0; k + 1 < segments.size(); ++k) {
    const double sa = sign(segments[k].direction), sb = sign(segments[k + 1].direction);
    if (sa == 0 || sb == 0 || sa == sb) continue;
    const double b = segments[k].end_s;
    // Stay inside the two segments.
    const double lo = std::max(b - search_s, segments[k].start_s + 0.05);
    const double hi = std::min(b + search_s, segments[k + 1].end_s - 0.05);
    std::vector<std::pair<double, double>> scan;  // centre, score
    for (double c = lo; c <= hi + 1e-9; c += 0.1) {
      if (c - half < t0 || c + half > t1) continue;
      const std::optional<SpanFeatures> f =
          ComputeSpanFeatures(FramesBetween(bout.frames, c - half, c + half), bout.has_gyro, o);
      if (f) scan.emplace_back(c, score(*f));
    }
    if (scan.size() < 3) continue;
    // x between scan[i-1] and scan[i]: side A takes scan[0..i).
    double total_b = 0;
    for (const auto& [c, v] : scan) total_b += sb * v;
    double best = total_b, run_a = 0, run_b = total_b;
    std::size_t best_i = 0;
    for (std::size_t i = 1; i <= scan.size(); ++i) {
      run_a += sa * scan[i - 1].second;
      run_b -= sb * scan[i - 1].second;
      if (run_a + run_b > best) {
        best = run_a + run_b;
        best_i = i;
      }
    }
    double x = best_i == 0             ? scan.front().first
               : best_i == scan.size() ? scan.back().first
                                       : 0.5 * (scan[best_i - 1].first + scan[best_i].first);
    x = std::clamp(x, segments[k].start_s + 0.05, segments[k + 1].end_s - 0.05);
    segments[k].end_s = x;
    segments[k + 1].start_s = x;
  }
}

std::vector<BoutDirectionSegment> ToBoutSegments(const std::vector<DirectionSegment>& segments) {
  std::vector<BoutDirectionSegment> out;
  out.reserve(segments.size());
  for (const DirectionSegment& s : segments) {
    out.push_back({s.start_s, s.end_s, s.direction, s.confidence, s.device_moved});
  }
  return out;
}

}  // namespace

std::vector<BoutDirectionSegment> StandaloneDirectionClassifier::Segment(const BoutSignal& bout) {
  WindowingOptions o = options_;
  o.features.rate_hz = bout.rate_hz;
  SpanAccumulator whole;
  const std::vector<DirectionSegment> windows = SegmentByDirection(
      bout.frames, bout.has_gyro, o, [this](const SpanFeatures& f) { return Decide(f); }, &whole,
      MemoOf(bout.live));
  const bool backward = std::any_of(windows.begin(), windows.end(), [](const DirectionSegment& s) {
    return s.direction == Direction::kBackward;
  });
  // No window backward: the bout's answer as a whole (Classify's, on the same
  // windows), so that walking which is forward or unknown window by window is
  // never cut into pieces.
  if (!backward) {
    BoutDirectionSegment s;
    if (!bout.frames.empty()) {
      s.start_s = bout.frames.front().t_s;
      s.end_s = bout.frames.back().t_s;
    }
    if (const std::optional<SpanFeatures> f = whole.Finish(o)) {
      const Decision d = Decide(*f);
      s.direction = d.direction;
      s.confidence = d.confidence;
    }
    return {s};
  }
  // Otherwise each run is judged again on its mean features.
  std::vector<BoutDirectionSegment> out;
  for (const DirectionSegment& s : windows) {
    BoutDirectionSegment part{s.start_s, s.end_s, s.direction, s.confidence};
    const std::optional<SpanFeatures> f =
        ComputeSpanFeatures(FramesBetween(bout.frames, s.start_s, s.end_s), bout.has_gyro, o);
    if (f) {
      const Decision d = Decide(*f);
      part.direction = d.direction;
      part.confidence = d.confidence;
    }
    AppendMergingRuns(out, part);
  }
  return out;
}

SessionDirectionClassifier::SessionDirectionClassifier(const DirectionModel& model,
                                                       WindowingOptions windowing,
                                                       SessionOptions options)
    : standalone_(model, windowing), model_(model), options_(options) {}

void SessionTemplate::Add(const SpanFeatures& features) {
  for (std::size_t i = 0; i < kFeatureCount; ++i) sum[i] += features.mean[i] * features.windows;
  up_sum[0] += static_cast<double>(features.up.x) * features.windows;
  up_sum[1] += static_cast<double>(features.up.y) * features.windows;
  up_sum[2] += static_cast<double>(features.up.z) * features.windows;
  acc_axes.Add(features.acc_axes);
  has_gyro = windows == 0 ? features.has_gyro : (has_gyro && features.has_gyro);
  windows += features.windows;
}

void SessionTemplate::Negate() {
  for (double& v : sum) v = -v;
  for (double& v : signed_sum) v = -v;
}

void SessionTemplate::AddSigned(const SpanFeatures& features) {
  if (features.signed_windows == 0 || !(features.signed_axis == signed_axis)) return;
  for (std::size_t i = 0; i < kSignedLags.size(); ++i)
    signed_sum[i] += features.signed_v_p[i] * features.windows;
  has_signed = true;
}

WindowingOptions SessionDirectionClassifier::WithTemplateAxis(WindowingOptions o) const {
  o.features.acc_axis_hint = {};
  if (!options_.template_acc_axis || !anchored()) return o;
  // Once the template has signed features, windows must share its signed axis.
  o.features.acc_axis_hint =
      template_.has_signed ? template_.signed_axis : template_.acc_axes.Principal();
  return o;
}

void SessionDirectionClassifier::LearnWarmUp(std::span<const Frame> frames, bool has_gyro,
                                             WindowingOptions o) {
  const std::optional<SpanFeatures> warmup = ComputeSpanFeatures(frames, has_gyro, o);
  if (!warmup) return;
  Anchor(*warmup);
  if (!SignedFeaturesOn()) return;
  // The signed features need one signed axis for the template and every
  // window judged against it: the principal axis, with the sign it happens
  // to have, kept from now on.
  o.features.acc_axis_hint = template_.acc_axes.Principal();
  const std::optional<SpanFeatures> f = ComputeSpanFeatures(frames, has_gyro, o);
  if (!f) return;
  template_.signed_axis = o.features.acc_axis_hint;
  template_.AddSigned(*f);
}

void SessionDirectionClassifier::Anchor(const SpanFeatures& features) {
  template_ = {};
  template_.Add(features);
}

double SessionDirectionClassifier::Similarity(const SpanFeatures& features,
                                              const SessionTemplate& forward) const {
  // Cosine in units of the training spread; gyro features only when both
  // the template and the bout have them; the signed features only when both
  // were computed on the same signed axis.
  const bool gyro = features.has_gyro && forward.has_gyro;
  double dot = 0, nx = 0, nt = 0;
  auto add = [&](double x, double t) {
    dot += x * t;
    nx += x * x;
    nt += t * t;
  };
  for (std::size_t i = gyro ? 0 : kGyroFeatureCount; i < kFeatureCount; ++i) {
    const auto& use = model_.session_features;
    if (!use.empty() && std::find(use.begin(), use.end(), static_cast<int>(i)) == use.end())
      continue;
    const double s = i < model_.feature_scale.size() && model_.feature_scale[i] > 0
                         ? model_.feature_scale[i]
                         : 1.0;
    add(features.mean[i] / s, forward.sum[i] / s);
  }
  if (options_.signed_weight > 0 && forward.has_signed && features.signed_windows > 0 &&
      features.signed_axis == forward.signed_axis) {
    for (std::size_t i = 0; i < kSignedLags.size(); ++i)
      add(features.signed_v_p[i] * options_.signed_weight,
          forward.signed_sum[i] * options_.signed_weight);
  }
  return nx > 0 && nt > 0 ? dot / std::sqrt(nx * nt) : 0.0;
}

Decision SessionDirectionClassifier::Judge(const SpanFeatures& features,
                                           const SessionTemplate& forward, bool* moved) const {
  if (moved) *moved = false;
  if (forward.empty()) return {};
  const double* up = forward.up_sum;
  const double un = std::sqrt(up[0] * up[0] + up[1] * up[1] + up[2] * up[2]);
  const double cos_up =
      un > 0 ? (features.up.x * up[0] + features.up.y * up[1] + features.up.z * up[2]) / un : 1.0;
  Decision d = standalone_.Decide(features);
  if (cos_up < std::cos(options_.max_up_change_deg * std::numbers::pi / 180)) {
    // The device moved: the template no longer applies; judge standalone.
    if (moved) *moved = true;
    d.device_moved = true;
    return d;
  }
  if (JudgesOnlyTheWarmUp(features.has_gyro && forward.has_gyro)) return {};
  AnswerBySimilarity(Similarity(features, forward), options_.min_similarity, d);
  return d;
}

Decision SessionDirectionClassifier::JudgeMoved(const SpanFeatures& own_axis,
                                                const SessionTemplate& forward) const {
  Decision d;
  d.device_moved = true;
  if (forward.empty() || JudgesOnlyTheWarmUp(own_axis.has_gyro && forward.has_gyro)) return d;
  AnswerBySimilarity(Similarity(own_axis, forward), options_.min_similarity, d);
  return d;
}

Decision SessionDirectionClassifier::Decide(const SpanFeatures& features) {
  if (!anchored()) {
    Anchor(features);
    Decision d = standalone_.Decide(features);
    d.direction = Direction::kForward;  // a session starts with forward walking
    d.confidence = 0.9f;
    d.similarity = 1;
    return d;
  }
  bool moved = false;
  const Decision d = Judge(features, template_, &moved);
  if (moved && !options_.rejudge_moves) {
    // Re-anchor on a confident standalone answer (a backward bout's negation
    // is forward).
    if (d.direction != Direction::kUnknown) {
      SpanFeatures forward = features;
      if (d.direction == Direction::kBackward) {
        for (double& v : forward.mean) v = -v;
      }
      Anchor(forward);
      ++reanchors_;
    }
    return d;
  }
  if (d.direction == Direction::kForward && d.similarity >= options_.refine_similarity)
    template_.Add(features);
  return d;
}

namespace {

// Holds the live answer: the first window's at once, a different one only
// once `confirm` consecutive windows have it.
class ConfirmedAnswer {
 public:
  explicit ConfirmedAnswer(int confirm) : confirm_(std::max(1, confirm)) {}
  LiveAnswer Update(const Decision& d) {
    current_.since_windows = 0;
    if (!started_ || d.direction == current_.direction) {
      started_ = true;
      current_.direction = d.direction;
      current_.confidence = d.confidence;
      current_.device_moved = d.device_moved;
      pending_ = 0;
      return current_;
    }
    pending_ = pending_ > 0 && d.direction == candidate_ ? pending_ + 1 : 1;
    candidate_ = d.direction;
    if (pending_ >= confirm_) {
      current_ = {d.direction, d.confidence, pending_ - 1, d.device_moved};
      pending_ = 0;
    }
    return current_;
  }

 private:
  int confirm_;
  bool started_ = false;
  LiveAnswer current_;
  Direction candidate_ = Direction::kUnknown;
  int pending_ = 0;
};

WindowingOptions AtRate(WindowingOptions o, double rate_hz) {
  if (rate_hz > 0) o.features.rate_hz = rate_hz;
  return o;
}

// What both live trackers share: the windowing at the engine's rate, each
// window's features, and the confirmed answer.
class WindowedLive : public LiveDirection {
 public:
  WindowedLive(const WindowingOptions& options, double rate_hz, bool has_gyro)
      : o_(AtRate(options, rate_hz)), has_gyro_(has_gyro), answer_(o_.live_confirm_windows) {}
  double window_s() const override { return o_.window_s; }
  double hop_s() const override { return o_.hop_s; }
  LiveAnswer OnWindow(std::span<const Frame> window) final {
    const std::optional<SpanFeatures> f = KeptFeatures(window);
    return answer_.Update(f ? Judge(*f, window) : Decision{});
  }
  const WindowMemo& memo() const { return memo_; }
  double early_s() const override { return o_.live_early_s; }
  std::optional<LiveAnswer> Early(std::span<const Frame> frames) const final {
    const std::optional<SpanFeatures> f = Features(frames);
    if (!f) return std::nullopt;
    const Decision d = JudgeEarly(*f, frames);
    return LiveAnswer{d.direction, d.confidence, 0, d.device_moved};
  }

 protected:
  std::optional<SpanFeatures> Features(std::span<const Frame> window) const {
    return ComputeSpanFeatures(window, has_gyro_, o_);
  }
  // Features(window) of a live window, whose features are kept for Segment.
  std::optional<SpanFeatures> KeptFeatures(std::span<const Frame> window) {
    const auto length = static_cast<std::size_t>(std::lround(o_.window_s * o_.features.rate_hz));
    if (window.size() > length) return Features(window);  // several windows: not one to keep
    const std::optional<WindowFeatures> f = ComputeFeatures(window, o_.features, has_gyro_);
    memo_.Put(window, o_.features, has_gyro_, f);
    SpanAccumulator one;
    if (f) one.Add(*f);
    return one.Finish(o_);
  }
  // Features(window) on the window's own acceleration axis, whatever the hint.
  std::optional<SpanFeatures> FeaturesOnOwnAxis(std::span<const Frame> window) const {
    WindowingOptions own = o_;
    own.features.acc_axis_hint = {};
    return ComputeSpanFeatures(window, has_gyro_, own);
  }
  // This window and later ones are computed on this acceleration axis (with
  // its sign).
  void SetAxisHint(Vec3 axis) { o_.features.acc_axis_hint = axis; }

 private:
  virtual Decision Judge(const SpanFeatures& f, std::span<const Frame> window) = 0;
  // The early answer: as Judge would answer, leaving the tracker as it is
  // (f: the features of `frames`).
  virtual Decision JudgeEarly(const SpanFeatures& f, std::span<const Frame> frames) const = 0;
  WindowingOptions o_;
  bool has_gyro_;
  ConfirmedAnswer answer_;
  WindowMemo memo_;
};

class StandaloneLive final : public WindowedLive {
 public:
  StandaloneLive(const StandaloneDirectionClassifier& c, double rate_hz, bool has_gyro)
      : WindowedLive(c.options(), rate_hz, has_gyro), c_(c) {}

 private:
  Decision Judge(const SpanFeatures& f, std::span<const Frame> /*window*/) override {
    sum_.Add(f);
    Decision d = c_.Decide(f);
    if (d.direction != Direction::kBackward) {
      SpanFeatures mean = f;
      for (std::size_t i = 0; i < kFeatureCount; ++i) mean.mean[i] = sum_.sum[i] / sum_.windows;
      mean.windows = sum_.windows;
      mean.has_gyro = sum_.has_gyro;
      d = c_.Decide(mean);
    }
    return d;
  }
  Decision JudgeEarly(const SpanFeatures& f, std::span<const Frame> /*frames*/) const override {
    return c_.Decide(f);
  }
  const StandaloneDirectionClassifier& c_;
  SessionTemplate sum_;  // all windows so far (used as a plain sum)
};

class SessionLive final : public WindowedLive {
 public:
  SessionLive(const SessionDirectionClassifier& c, double rate_hz, bool has_gyro)
      : WindowedLive(c.WithTemplateAxis(c.windowing()), rate_hz, has_gyro),
        c_(c),
        forward_(c.forward_template()),
        provisional_(!c.anchored()) {}

 private:
  Decision Judge(const SpanFeatures& f, std::span<const Frame> window) override {
    if (forward_.empty()) {
      // The session's first window: forward by definition, the template.
      // Its own axis, with the sign it happens to have, is the provisional
      // template's signed axis (as LearnWarmUp's for the final answers).
      forward_.Add(f);
      if (c_.SignedFeaturesOn()) {
        forward_.signed_axis = f.acc_axes.Principal();
        SetAxisHint(forward_.signed_axis);
        if (const std::optional<SpanFeatures> on_axis = KeptFeatures(window))
          forward_.AddSigned(*on_axis);
      }
      return WarmUp();
    }
    const Decision d = JudgeEarly(f, window);
    // The warm-up run grows the provisional template, as Segment's does.
    if (provisional_ && d.direction == Direction::kForward) {
      forward_.Add(f);
      forward_.AddSigned(f);
    } else {
      provisional_ = false;
    }
    return d;
  }
  // Judge without learning: a window against the template as it stands.
  Decision JudgeEarly(const SpanFeatures& f, std::span<const Frame> frames) const override {
    // As Segment: the session's first bout is the warm-up.
    if (forward_.empty() || (provisional_ && c_.JudgesOnlyTheWarmUp(f.has_gyro))) return WarmUp();
    const Decision d = c_.Judge(f, forward_);
    if (!d.device_moved || !c_.RejudgesMoves()) return d;
    // As Segment: against the template on the frames' own axis.
    const std::optional<SpanFeatures> own = FeaturesOnOwnAxis(frames);
    return own ? c_.JudgeMoved(*own, forward_) : d;
  }
  static Decision WarmUp() {
    Decision d;
    d.direction = Direction::kForward;
    d.confidence = 0.9f;
    return d;
  }
  const SessionDirectionClassifier& c_;
  SessionTemplate forward_;  // a copy: the classifier's own never changes here
  bool provisional_;
};

const WindowMemo* MemoOf(const LiveDirection* live) {
  const auto* windowed = dynamic_cast<const WindowedLive*>(live);
  return windowed ? &windowed->memo() : nullptr;
}

}  // namespace

std::unique_ptr<LiveDirection> StandaloneDirectionClassifier::StartLive(double rate_hz,
                                                                        bool has_gyro) const {
  return std::make_unique<StandaloneLive>(*this, rate_hz, has_gyro);
}

std::unique_ptr<LiveDirection> SessionDirectionClassifier::StartLive(double rate_hz,
                                                                     bool has_gyro) const {
  return std::make_unique<SessionLive>(*this, rate_hz, has_gyro);
}

DirectionEstimate SessionDirectionClassifier::Classify(const BoutSignal& bout) {
  WindowingOptions o = WithTemplateAxis(windowing());
  o.features.rate_hz = bout.rate_hz;
  const std::optional<SpanFeatures> f = ComputeSpanFeatures(bout.frames, bout.has_gyro, o);
  if (!f) return {};
  const Decision d = Decide(*f);
  return {d.direction, d.confidence};
}

std::vector<BoutDirectionSegment> SessionDirectionClassifier::Segment(const BoutSignal& bout) {
  WindowingOptions o = windowing();
  o.features.rate_hz = bout.rate_hz;
  if (!anchored() && JudgesOnlyTheWarmUp(bout.has_gyro)) {
    // Nothing after the warm-up can be judged against it (require_gyro), so
    // nothing in the first bout is either: all of it is the warm-up.
    const std::span<const Frame> head = bout.opening.empty() ? bout.frames : bout.opening;
    const std::optional<SpanFeatures> f = ComputeSpanFeatures(head, bout.has_gyro, o);
    if (!f || bout.frames.empty()) return {};
    Anchor(*f);
    return {{head.front().t_s, bout.frames.back().t_s, Direction::kForward, 0.9f}};
  }
  if (!bout.opening.empty() && !bout.frames.empty()) {
    // A long bout: its opening (the warm-up, in a session's first bout)
    // first, then the frames after it.
    BoutSignal head = bout, rest = bout;
    head.frames = bout.opening;
    head.opening = rest.opening = {};
    return SegmentInTwo(head, rest);
  }
  const bool first_bout = !anchored();
  o = WithTemplateAxis(o);
  auto decide = [this](const SpanFeatures& f) { return Decide(f); };
  const WindowMemo* memo = MemoOf(bout.live);
  std::vector<DirectionSegment> windows =
      SegmentByDirection(bout.frames, bout.has_gyro, o, decide, nullptr, memo);
  // The first window run judged after the device moved (rejudge_moves).
  const auto first_moved = [&] {
    return options_.rejudge_moves ? FirstMoved(windows) : windows.end();
  };
  // A move inside the bout (no gap: the device was turned while walking):
  // the stretch before it is judged against the template as it was, then the
  // rest after the move (re-judged below), as two bouts.
  BoutSignal head = bout, rest = bout;
  const auto split_at = [&](std::vector<DirectionSegment>::const_iterator moved) {
    if (moved == windows.end() || moved == windows.begin()) return false;
    head.frames = FramesBetween(bout.frames, bout.frames.front().t_s, moved->start_s);
    rest.frames = FramesBetween(bout.frames, moved->start_s, bout.frames.back().t_s);
    return !head.frames.empty() && !rest.frames.empty();
  };
  const bool rejudge_move = !first_bout && first_moved() != windows.end();
  if (rejudge_move && split_at(first_moved())) return SegmentInTwo(head, rest);
  if (windows.size() <= 1 && !rejudge_move) {
    // A first bout of one answer is all warm-up: the template is all of it,
    // not its first window.
    if (first_bout && !windows.empty() && windows.front().direction == Direction::kForward)
      LearnWarmUp(bout.frames, bout.has_gyro, o);
    return ToBoutSegments(windows);
  }
  if (first_bout && windows.front().direction == Direction::kForward) {
    // The template was the first window only: learn it from the whole first
    // run (the warm-up) and decide the windows again.
    LearnWarmUp(FramesBetween(bout.frames, windows.front().start_s, windows.front().end_s),
                bout.has_gyro, o);
    o = WithTemplateAxis(o);
    windows = SegmentByDirection(bout.frames, bout.has_gyro, o, decide, nullptr, memo);
    if (split_at(first_moved())) return SegmentInTwo(head, rest);
    if (windows.size() <= 1) return ToBoutSegments(windows);
  }
  AbsorbShortRuns(windows, options_.min_run_windows);
  // Not split: the bout starts moved.
  if (rejudge_move && ReanchorAfterMove(bout)) {
    o = WithTemplateAxis(o);
    windows = SegmentByDirection(bout.frames, bout.has_gyro, o, decide, nullptr, memo);
    for (DirectionSegment& w : windows) w.device_moved = true;
    if (windows.size() <= 1) return ToBoutSegments(windows);
    AbsorbShortRuns(windows, options_.min_run_windows);
  }
  // Several answers: judge each run again on its mean features over all its
  // windows (less noisy than one window). In the session's first bout the
  // first run is the warm-up: it becomes the template (it was the first
  // window only).
  auto frames_of = [&](const DirectionSegment& s) {
    return FramesBetween(bout.frames, s.start_s, s.end_s);
  };
  std::vector<BoutDirectionSegment> out;
  for (std::size_t k = 0; k < windows.size(); ++k) {
    const DirectionSegment& s = windows[k];
    BoutDirectionSegment part{s.start_s, s.end_s, s.direction, s.confidence, s.device_moved};
    if (first_bout && k == 0 && s.direction == Direction::kForward) {
      LearnWarmUp(frames_of(s), bout.has_gyro, o);
      // Later runs on the new template's signed axis (else on the axis the
      // windows were decided on).
      if (template_.has_signed) o = WithTemplateAxis(o);
      AppendMergingRuns(out, part);
      continue;
    }
    const std::optional<SpanFeatures> f = ComputeSpanFeatures(frames_of(s), bout.has_gyro, o);
    if (f) {
      const Decision d = Decide(*f);
      part.direction = d.direction;
      part.confidence = d.confidence;
      // Its windows may have re-anchored the template already.
      part.device_moved = part.device_moved || d.device_moved;
    }
    AppendMergingRuns(out, part);
  }
  if (options_.boundary_search_s > 0) {
    MoveBoundaries(out, bout, WithTemplateAxis(o), options_.boundary_search_s,
                   [this](const SpanFeatures& f) { return Judge(f, template_).similarity; });
  }
  return out;
}

std::vector<BoutDirectionSegment> SessionDirectionClassifier::SegmentInTwo(const BoutSignal& head,
                                                                           const BoutSignal& rest) {
  std::vector<BoutDirectionSegment> out = Segment(head);
  const double cut = rest.frames.front().t_s;
  while (!out.empty() && out.back().start_s >= cut) out.pop_back();
  if (!out.empty()) out.back().end_s = cut;
  for (const BoutDirectionSegment& s : Segment(rest)) AppendMergingRuns(out, s);
  return out;
}

bool SessionDirectionClassifier::ReanchorAfterMove(const BoutSignal& bout) {
  // Each window on its own acceleration axis (the
  // template's is the old mounting's) against the old template, on the
  // features that do not depend on that axis's sign (the signed ones need the
  // template's axis, so Similarity leaves them out): they are computed in a
  // frame found from the signal, so a device turned or put back another way
  // up reads as before. The longest run of one answer (the bout may change
  // direction, and a single window's answer is noise; the moved windows' own
  // answers were the standalone model's, which calls nearly everything
  // forward) is judged again on its mean and becomes the template.
  WindowingOptions own = windowing();
  own.features.rate_hz = bout.rate_hz;
  std::vector<DirectionSegment> runs =
      SegmentByDirection(bout.frames, bout.has_gyro, own,
                         [this](const SpanFeatures& f) { return JudgeMoved(f, template_); });
  AbsorbShortRuns(runs, options_.min_run_windows);
  auto longest = runs.end();
  for (auto r = runs.begin(); r != runs.end(); ++r) {
    if (r->direction != Direction::kUnknown &&
        (longest == runs.end() || r->windows > longest->windows))
      longest = r;
  }
  if (longest == runs.end()) return false;
  const std::span<const Frame> frames =
      FramesBetween(bout.frames, longest->start_s, longest->end_s);
  const std::optional<SpanFeatures> f = ComputeSpanFeatures(frames, bout.has_gyro, own);
  if (!f) return false;
  const Decision d = JudgeMoved(*f, template_);
  if (d.direction == Direction::kUnknown) return false;
  LearnWarmUp(frames, bout.has_gyro, own);
  if (d.direction == Direction::kBackward) template_.Negate();
  ++reanchors_;
  return true;
}

void AbsorbShortRuns(std::vector<DirectionSegment>& runs, int min_windows) {
  for (std::size_t k = 1; k + 1 < runs.size();) {
    DirectionSegment &before = runs[k - 1], &run = runs[k], &after = runs[k + 1];
    if (run.windows < min_windows && before.direction == after.direction &&
        before.windows >= min_windows && after.windows >= min_windows) {
      const int windows = before.windows + run.windows + after.windows;
      before.confidence = (before.confidence * static_cast<float>(before.windows) +
                           after.confidence * static_cast<float>(after.windows)) /
                          static_cast<float>(before.windows + after.windows);
      before.end_s = after.end_s;
      before.windows = windows;
      const auto at = runs.begin() + static_cast<std::ptrdiff_t>(k);
      runs.erase(at, at + 2);
    } else {
      ++k;
    }
  }
}

bool WindowMemo::Matches(const Entry& e, std::span<const Frame> w, const FeatureOptions& o,
                         bool has_gyro) {
  const Vec3 a = e.options.acc_axis_hint, b = o.acc_axis_hint;
  return e.frames == w.size() && e.first_s == w.front().t_s && e.last_s == w.back().t_s &&
         e.has_gyro == has_gyro && e.options.rate_hz == o.rate_hz &&
         e.options.lowpass_hz == o.lowpass_hz && e.options.min_window_s == o.min_window_s &&
         a.x == b.x && a.y == b.y && a.z == b.z;
}

void WindowMemo::Put(std::span<const Frame> w, const FeatureOptions& o, bool has_gyro,
                     const std::optional<WindowFeatures>& f) {
  if (w.empty()) return;
  Entry e{w.front().t_s, w.back().t_s, w.size(), o, has_gyro, f};
  if (entries_.size() < kCapacity) {
    entries_.push_back(std::move(e));
  } else {
    entries_[next_] = std::move(e);
    next_ = (next_ + 1) % kCapacity;
  }
}

const std::optional<WindowFeatures>* WindowMemo::Find(std::span<const Frame> w,
                                                      const FeatureOptions& o,
                                                      bool has_gyro) const {
  if (w.empty()) return nullptr;
  for (const Entry& e : entries_) {
    if (Matches(e, w, o, has_gyro)) return &e.features;
  }
  return nullptr;
}

std::vector<DirectionSegment> SegmentByDirection(
    std::span<const Frame> frames, bool has_gyro, const WindowingOptions& options,
    const std::function<Decision(const SpanFeatures&)>& decide, SpanAccumulator* whole,
    const WindowMemo* memo) {
  std::vector<DirectionSegment> out;
  if (frames.empty()) return out;
  const double rate = options.features.rate_hz;
  const auto window = static_cast<std::size_t>(std::lround(options.window_s * rate));
  const auto hop =
      std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(options.hop_s * rate)));
  std::vector<std::size_t> starts;
  if (frames.size() <= window) {
    starts.push_back(0);
  } else {
    for (std::size_t a = 0; a + window <= frames.size(); a += hop) starts.push_back(a);
    if (starts.back() + window < frames.size()) starts.push_back(frames.size() - window);
  }
  const double t_end = frames.back().t_s;
  for (std::size_t k = 0; k < starts.size(); ++k) {
    const std::size_t n = std::min(window, frames.size() - starts[k]);
    const std::span<const Frame> w = frames.subspan(starts[k], n);
    // One window: its span features are its own (ComputeSpanFeatures of w).
    const std::optional<WindowFeatures>* kept =
        memo ? memo->Find(w, options.features, has_gyro) : nullptr;
    const std::optional<WindowFeatures> wf =
        kept ? *kept : ComputeFeatures(w, options.features, has_gyro);
    SpanAccumulator one;
    if (wf) {
      one.Add(*wf);
      if (whole) whole->Add(*wf);
    }
    const std::optional<SpanFeatures> f = one.Finish(options);
    const Decision d = f ? decide(*f) : Decision{};
    const double centre = 0.5 * (w.front().t_s + w.back().t_s);
    if (!out.empty() && out.back().direction == d.direction) {
      DirectionSegment& s = out.back();
      s.confidence = (s.confidence * static_cast<float>(s.windows) + d.confidence) /
                     static_cast<float>(s.windows + 1);
      ++s.windows;
      s.device_moved = s.device_moved || d.device_moved;
      s.end_s = centre;  // the last centre, while the segment is open
      continue;
    }
    if (!out.empty()) {
      const double previous_centre = out.back().end_s;  // holds the last centre while open
      out.back().end_s = 0.5 * (previous_centre + centre);
    }
    out.push_back({out.empty() ? frames.front().t_s : out.back().end_s, centre, d.direction,
                   d.confidence, 1, d.device_moved});
  }
  // end_s of an open segment held its last window centre; fix it up.
  for (std::size_t i = 0; i + 1 < out.size(); ++i) out[i].end_s = out[i + 1].start_s;
  out.back().end_s = t_end;
  return out;
}

}  // namespace retrowalk::direction
