#include "gait/direction/classifier.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace retrowalk::direction {

std::optional<SpanFeatures> ComputeSpanFeatures(std::span<const Frame> frames, bool has_gyro,
                                                const WindowingOptions& options) {
  const double rate = options.features.rate_hz;
  const auto window = static_cast<std::size_t>(std::lround(options.window_s * rate));
  const auto hop =
      std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(options.hop_s * rate)));
  SpanFeatures out;
  double up[3] = {0, 0, 0};
  auto add = [&](std::span<const Frame> w) {
    const std::optional<WindowFeatures> f = ComputeFeatures(w, options.features, has_gyro);
    if (!f) return;
    for (std::size_t i = 0; i < kFeatureCount; ++i) out.mean[i] += f->values[i];
    up[0] += f->mean_up.x;
    up[1] += f->mean_up.y;
    up[2] += f->mean_up.z;
    out.has_gyro = out.windows == 0 ? f->has_gyro : (out.has_gyro && f->has_gyro);
    ++out.windows;
  };
  if (frames.size() <= window) {
    add(frames);
  } else {
    // Windows aligned to the end as well, so the last steps always count.
    std::size_t start = 0;
    for (; start + window <= frames.size(); start += hop) add(frames.subspan(start, window));
    if (start - hop + window < frames.size()) add(frames.subspan(frames.size() - window, window));
  }
  if (out.windows == 0) return std::nullopt;
  for (double& v : out.mean) v /= out.windows;
  const double n = std::sqrt(up[0] * up[0] + up[1] * up[1] + up[2] * up[2]);
  if (n > 0) {
    out.up = {static_cast<float>(up[0] / n), static_cast<float>(up[1] / n),
              static_cast<float>(up[2] / n)};
  }
  return out;
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

// Appends `part`, extending the last segment instead when it has the same
// answer: consecutive windows with one direction are one run.
void AppendMergingRuns(std::vector<BoutDirectionSegment>& out, const BoutDirectionSegment& part) {
  if (!out.empty() && out.back().direction == part.direction) {
    out.back().end_s = part.end_s;
    out.back().confidence = std::max(out.back().confidence, part.confidence);
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

std::vector<BoutDirectionSegment> ToBoutSegments(const std::vector<DirectionSegment>& segments) {
  std::vector<BoutDirectionSegment> out;
  out.reserve(segments.size());
  for (const DirectionSegment& s : segments) {
    out.push_back({s.start_s, s.end_s, s.direction, s.confidence});
  }
  return out;
}

}  // namespace

std::vector<BoutDirectionSegment> StandaloneDirectionClassifier::Segment(const BoutSignal& bout) {
  WindowingOptions o = options_;
  o.features.rate_hz = bout.rate_hz;
  const std::vector<DirectionSegment> windows = SegmentByDirection(
      bout.frames, bout.has_gyro, o, [this](const SpanFeatures& f) { return Decide(f); });
  const bool backward = std::any_of(windows.begin(), windows.end(), [](const DirectionSegment& s) {
    return s.direction == Direction::kBackward;
  });
  // No window backward: the bout's answer as a whole, so that walking which
  // is forward or unknown window by window is never cut into pieces.
  if (!backward) return DirectionClassifier::Segment(bout);
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

void SessionDirectionClassifier::Anchor(const SpanFeatures& features) {
  template_sum_ = {};
  for (std::size_t i = 0; i < kFeatureCount; ++i)
    template_sum_[i] = features.mean[i] * features.windows;
  up_sum_[0] = static_cast<double>(features.up.x) * features.windows;
  up_sum_[1] = static_cast<double>(features.up.y) * features.windows;
  up_sum_[2] = static_cast<double>(features.up.z) * features.windows;
  template_windows_ = features.windows;
  template_has_gyro_ = features.has_gyro;
}

double SessionDirectionClassifier::Similarity(const SpanFeatures& features) const {
  // Cosine in units of the training spread; gyro features only when both
  // the template and the bout have them.
  const bool gyro = features.has_gyro && template_has_gyro_;
  double dot = 0, nx = 0, nt = 0;
  for (std::size_t i = gyro ? 0 : kGyroFeatureCount; i < kFeatureCount; ++i) {
    const auto& use = model_.session_features;
    if (!use.empty() && std::find(use.begin(), use.end(), static_cast<int>(i)) == use.end())
      continue;
    const double s = i < model_.feature_scale.size() && model_.feature_scale[i] > 0
                         ? model_.feature_scale[i]
                         : 1.0;
    const double x = features.mean[i] / s, t = template_sum_[i] / s;
    dot += x * t;
    nx += x * x;
    nt += t * t;
  }
  return nx > 0 && nt > 0 ? dot / std::sqrt(nx * nt) : 0.0;
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
  const double un =
      std::sqrt(up_sum_[0] * up_sum_[0] + up_sum_[1] * up_sum_[1] + up_sum_[2] * up_sum_[2]);
  const double cos_up =
      un > 0
          ? (features.up.x * up_sum_[0] + features.up.y * up_sum_[1] + features.up.z * up_sum_[2]) /
                un
          : 1.0;
  if (cos_up < std::cos(options_.max_up_change_deg * std::numbers::pi / 180)) {
    // The device moved: the template no longer applies. Judge standalone and
    // re-anchor on a confident answer (a backward bout's negation is forward).
    Decision d = standalone_.Decide(features);
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
  Decision d = standalone_.Decide(features);
  d.similarity = Similarity(features);
  if (std::abs(d.similarity) < options_.min_similarity) {
    d.direction = Direction::kUnknown;
    d.confidence = 0;
    return d;
  }
  d.direction = d.similarity > 0 ? Direction::kForward : Direction::kBackward;
  d.confidence = static_cast<float>(std::min(1.0, 0.5 + 0.5 * std::abs(d.similarity)));
  if (d.similarity >= options_.refine_similarity) {
    for (std::size_t i = 0; i < kFeatureCount; ++i)
      template_sum_[i] += features.mean[i] * features.windows;
    up_sum_[0] += static_cast<double>(features.up.x) * features.windows;
    up_sum_[1] += static_cast<double>(features.up.y) * features.windows;
    up_sum_[2] += static_cast<double>(features.up.z) * features.windows;
    template_windows_ += features.windows;
  }
  return d;
}

DirectionEstimate SessionDirectionClassifier::Classify(const BoutSignal& bout) {
  WindowingOptions o = windowing();
  o.features.rate_hz = bout.rate_hz;
  const std::optional<SpanFeatures> f = ComputeSpanFeatures(bout.frames, bout.has_gyro, o);
  if (!f) return {};
  const Decision d = Decide(*f);
  return {d.direction, d.confidence};
}

std::vector<BoutDirectionSegment> SessionDirectionClassifier::Segment(const BoutSignal& bout) {
  WindowingOptions o = windowing();
  o.features.rate_hz = bout.rate_hz;
  const bool first_bout = !anchored();
  auto decide = [this](const SpanFeatures& f) { return Decide(f); };
  std::vector<DirectionSegment> windows = SegmentByDirection(bout.frames, bout.has_gyro, o, decide);
  if (windows.size() <= 1) return ToBoutSegments(windows);
  if (first_bout && windows.front().direction == Direction::kForward) {
    // The template was the first window only: learn it from the whole first
    // run (the warm-up) and decide the windows again.
    const std::optional<SpanFeatures> warmup = ComputeSpanFeatures(
        FramesBetween(bout.frames, windows.front().start_s, windows.front().end_s), bout.has_gyro,
        o);
    if (warmup) Anchor(*warmup);
    windows = SegmentByDirection(bout.frames, bout.has_gyro, o, decide);
    if (windows.size() <= 1) return ToBoutSegments(windows);
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
    const std::optional<SpanFeatures> f = ComputeSpanFeatures(frames_of(s), bout.has_gyro, o);
    BoutDirectionSegment part{s.start_s, s.end_s, s.direction, s.confidence};
    if (f && first_bout && k == 0 && s.direction == Direction::kForward) {
      Anchor(*f);
    } else if (f) {
      const Decision d = Decide(*f);
      part.direction = d.direction;
      part.confidence = d.confidence;
    }
    AppendMergingRuns(out, part);
  }
  return out;
}

std::vector<DirectionSegment> SegmentByDirection(
    std::span<const Frame> frames, bool has_gyro, const WindowingOptions& options,
    const std::function<Decision(const SpanFeatures&)>& decide) {
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
    const std::optional<SpanFeatures> f = ComputeSpanFeatures(w, has_gyro, options);
    const Decision d = f ? decide(*f) : Decision{};
    const double centre = 0.5 * (w.front().t_s + w.back().t_s);
    if (!out.empty() && out.back().direction == d.direction) {
      DirectionSegment& s = out.back();
      s.confidence = (s.confidence * static_cast<float>(s.windows) + d.confidence) /
                     static_cast<float>(s.windows + 1);
      ++s.windows;
      s.end_s = centre;  // the last centre, while the segment is open
      continue;
    }
    if (!out.empty()) {
      const double previous_centre = out.back().end_s;  // holds the last centre while open
      out.back().end_s = 0.5 * (previous_centre + centre);
    }
    out.push_back({out.empty() ? frames.front().t_s : out.back().end_s, centre, d.direction,
                   d.confidence, 1});
  }
  // end_s of an open segment held its last window centre; fix it up.
  for (std::size_t i = 0; i + 1 < out.size(); ++i) out[i].end_s = out[i + 1].start_s;
  out.back().end_s = t_end;
  return out;
}

}  // namespace retrowalk::direction
