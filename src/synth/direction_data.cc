#include "synth/direction_data.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "gait/resampler.h"
#include "io/read.h"
#include "synth/bvh.h"
#include "synth/synthesizer.h"

namespace retrowalk::synth {
namespace fs = std::filesystem;

std::vector<Sample> UniformSamples(const std::vector<Sample>& samples, double rate_hz) {
  ResamplerOptions o;
  o.rate_hz = rate_hz;
  Resampler r(o);
  std::vector<Sample> out;
  std::vector<Gap> gaps;
  r.Push(samples, out, gaps);
  return out;
}

std::string TruthOf(const std::vector<Annotation>& truth, double a, double b, double coverage) {
  double fwd = 0, bwd = 0;
  for (const Annotation& t : truth) {
    const double overlap = std::min(b, t.end_s) - std::max(a, t.start_s);
    if (overlap <= 0) continue;
    if (t.label == "forward") fwd += overlap;
    if (t.label == "backward") bwd += overlap;
  }
  const double need = coverage * (b - a);
  if (fwd >= need) return "forward";
  if (bwd >= need) return "backward";
  return "";
}

namespace {

bool IsDirection(const std::string& label) {
  return label == "forward" || label == "backward" || label == "sideways" || label == "still";
}

// Runs of forward/backward truth, bridging pauses (still/sideways) shorter
// than max_pause_s when the direction is the same on both sides.
std::vector<Annotation> BoutsFromTruth(const std::vector<Annotation>& truth,
                                       double min_bout_s = 3.0, double max_pause_s = 1.5) {
  std::vector<Annotation> runs;
  for (const Annotation& t : truth) {
    if (t.label != "forward" && t.label != "backward") continue;
    if (!runs.empty() && runs.back().label == t.label &&
        t.start_s - runs.back().end_s <= max_pause_s) {
      runs.back().end_s = t.end_s;
    } else {
      runs.push_back(t);
    }
  }
  std::vector<Annotation> out;
  for (const Annotation& r : runs) {
    if (r.end_s - r.start_s >= min_bout_s) out.push_back(r);
  }
  return out;
}

// What every direction recording takes from the recording it comes from:
// names, placement and the samples on a uniform grid; truth is the caller's.
DirectionRecording WithSignal(const Recording& rec, std::string id, std::string source,
                              std::string group) {
  DirectionRecording d;
  d.id = std::move(id);
  d.source = std::move(source);
  d.group = std::move(group);
  d.placement = rec.metadata.Get("placement", "unknown");
  d.has_gyro = rec.has_gyro;
  d.samples = UniformSamples(rec.samples);
  return d;
}

}  // namespace

DirectionRecording FromLabelledRecording(const Recording& rec, std::string id, std::string source,
                                         std::string group) {
  DirectionRecording d = WithSignal(rec, std::move(id), std::move(source), std::move(group));
  for (const Annotation& a : rec.annotations) {
    if (IsDirection(a.label)) d.truth.push_back(a);
    if (a.label == kStepAnnotation) d.steps_s.push_back(a.start_s);
  }
  // A whole-file label ("# label: backward") when there is no sidecar truth.
  if (d.truth.empty() && !rec.samples.empty()) {
    const std::string label = rec.metadata.Get("label");
    if (label == "forward" || label == "backward") {
      d.truth.push_back({rec.samples.front().t_s, rec.samples.back().t_s, label});
    }
  }
  std::sort(d.truth.begin(), d.truth.end(),
            [](const Annotation& a, const Annotation& b) { return a.start_s < b.start_s; });
  d.bouts = BoutsFromTruth(d.truth);
  return d;
}

DirectionRecording FromForwardRecording(const Recording& rec, std::string id, std::string source,
                                        std::string group) {
  DirectionRecording d = WithSignal(rec, std::move(id), std::move(source), std::move(group));
  std::vector<Annotation> bouts;
  for (const Annotation& a : rec.annotations) {
    if (a.label == kStepAnnotation) d.steps_s.push_back(a.start_s);
    if (a.label == kBoutAnnotation) bouts.push_back({a.start_s, a.end_s, "forward"});
  }
  std::sort(d.steps_s.begin(), d.steps_s.end());
  if (bouts.empty() && !d.steps_s.empty()) {
    // Runs of steps no more than 3 s apart.
    Annotation run{d.steps_s.front(), d.steps_s.front(), "forward"};
    for (double t : d.steps_s) {
      if (t - run.end_s > 3.0) {
        bouts.push_back(run);
        run = {t, t, "forward"};
      }
      run.end_s = t;
    }
    bouts.push_back(run);
  }
  std::sort(bouts.begin(), bouts.end(),
            [](const Annotation& a, const Annotation& b) { return a.start_s < b.start_s; });
  for (const Annotation& b : bouts) {
    if (b.end_s - b.start_s >= 2.0) {
      d.truth.push_back(b);
      d.bouts.push_back(b);
    }
  }
  return d;
}

DirectionRecording Reversed(const DirectionRecording& rec) {
  DirectionRecording r = rec;
  r.id = rec.id + " (time-reversed)";
  r.source = rec.source + "-reversed";
  r.samples = direction::TimeReversed(rec.samples);
  if (rec.samples.empty()) return r;
  const double t0 = rec.samples.front().t_s, t1 = rec.samples.back().t_s;
  auto mirror = [&](double t) { return t0 + t1 - t; };
  auto flip = [&](std::vector<Annotation>& v) {
    for (Annotation& a : v) {
      const double s = mirror(a.end_s), e = mirror(a.start_s);
      a.start_s = s;
      a.end_s = e;
      if (a.label == "forward") {
        a.label = "backward";
      } else if (a.label == "backward") {
        a.label = "forward";
      }
    }
    std::reverse(v.begin(), v.end());
  };
  flip(r.truth);
  flip(r.bouts);
  for (double& t : r.steps_s) t = mirror(t);
  std::reverse(r.steps_s.begin(), r.steps_s.end());
  return r;
}

std::vector<MocapClip> ListMocapClips(const std::string& dir) {
  std::vector<MocapClip> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::path(dir) / "data", ec)) {
    const std::string name = e.path().filename().string();
    if (e.path().extension() != ".bvh") continue;
    // dataset-1_{action}_{style}_{NNN}.bvh
    const auto a = name.find('_'), b = name.find('_', a + 1), c = name.rfind('_');
    if (a == std::string::npos || b == std::string::npos || c <= b) continue;
    MocapClip clip{e.path().string(), name.substr(a + 1, b - a - 1), name.substr(b + 1, c - b - 1)};
    if (clip.action == "walk" || clip.action == "walk-back" || clip.action == "walk-left" ||
        clip.action == "walk-right") {
      out.push_back(std::move(clip));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const MocapClip& x, const MocapClip& y) { return x.path < y.path; });
  return out;
}

Result<DirectionRecording> SynthesiseRecording(const std::vector<std::string>& clip_paths,
                                               Placement placement, std::uint64_t seed,
                                               const std::string& group) {
  std::vector<BvhClip> clips;
  std::string id;
  for (const std::string& p : clip_paths) {
    Result<BvhClip> c = ReadBvhFile(p);
    if (!c.ok()) return c.status();
    clips.push_back(std::move(*c));
    id += (id.empty() ? "" : "+") + fs::path(p).stem().string();
  }
  SynthOptions o;
  o.placement = placement;
  o.seed = seed;
  Result<Recording> rec = Synthesize(clips, o);
  if (!rec.ok()) return rec.status();
  DirectionRecording d = FromLabelledRecording(*rec, id, "bandai-mocap", group);
  d.placement = PlacementName(placement);
  return d;
}

std::vector<RealRecordingSpec> ListRealRecordings(const std::string& data_dir) {
  std::vector<RealRecordingSpec> out;
  std::error_code ec;
  const fs::path root(data_dir);
  for (const auto& e : fs::directory_iterator(root / "ipol-gait" / "GaitData", ec)) {
    const std::string name = e.path().filename().string();
    if (name.size() > 7 && name.substr(name.size() - 7) == "_lb.txt") {
      out.push_back({e.path().string(), "ipol-gait", "ipol-" + name.substr(0, name.find('-'))});
    }
  }
  for (const auto& e : fs::directory_iterator(root / "mobgap-example", ec)) {
    const std::string name = e.path().filename().string();
    if (name.find("_lowerback_imu.csv") != std::string::npos) {
      out.push_back(
          {e.path().string(), "mobilise-d", "mobilise-" + name.substr(0, name.find('_'))});
    }
  }
  for (const auto& e : fs::directory_iterator(root / "oxford-step" / "optimisation" / "data", ec)) {
    if (!e.is_directory()) continue;
    // <Phone>_<User>_<Surface>_<Position>_<n>
    const std::string name = e.path().filename().string();
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= name.size(); ++i) {
      if (i == name.size() || name[i] == '_') {
        parts.push_back(name.substr(start, i - start));
        start = i + 1;
      }
    }
    if (parts.size() < 5) continue;
    out.push_back({e.path().string(), "oxford-step", "oxford-" + parts[1]});
  }
  std::sort(out.begin(), out.end(),
            [](const RealRecordingSpec& a, const RealRecordingSpec& b) { return a.path < b.path; });
  return out;
}

Result<DirectionRecording> LoadRealRecording(const RealRecordingSpec& spec) {
  Result<Recording> rec = ReadRecording(spec.path);
  if (!rec.ok()) return rec.status();
  // The placement is the reader's: the project's name for it ("armband",
  // whether the folder says ArmBand or Armband).
  return FromForwardRecording(*rec, fs::path(spec.path).filename().string(), spec.source,
                              spec.group);
}

std::vector<DirectionWindow> Windows(const DirectionRecording& rec,
                                     const direction::WindowingOptions& options) {
  std::vector<DirectionWindow> out;
  const double rate = options.features.rate_hz;
  const auto window = static_cast<std::size_t>(std::lround(options.window_s * rate));
  const auto hop = static_cast<std::size_t>(std::lround(options.hop_s * rate));
  const std::vector<Frame> frames = direction::MakeFrames(rec.samples, rate);
  for (std::size_t start = 0; start + window <= frames.size(); start += hop) {
    const double a = frames[start].t_s, b = frames[start + window - 1].t_s;
    if (b - a > options.window_s + 0.05) continue;  // spans a gap
    std::string truth = TruthOf(rec.truth, a, b);
    if (truth.empty()) continue;
    std::optional<direction::SpanFeatures> f = direction::ComputeSpanFeatures(
        std::span<const Frame>(frames).subspan(start, window), rec.has_gyro, options);
    if (!f) continue;
    out.push_back({*f, std::move(truth), a, b});
  }
  return out;
}

}  // namespace retrowalk::synth
