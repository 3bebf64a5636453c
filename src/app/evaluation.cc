#include "app/evaluation.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <set>
#include <utility>

namespace retrowalk {

namespace {

namespace fs = std::filesystem;

// The development subjects per data set. Everything else is held out.
// Chosen before looking at any result: the first subjects of each set
// (Oxford: the one with the most recordings and phones), so that the held-out
// ones are new people.
const std::map<std::string, std::set<std::string>>& DevelopmentSubjects() {
  static const std::map<std::string, std::set<std::string>> kDev = {
      {"oxford-step", {"Jamie"}},
      {"ipol-gait", {"1", "2", "3", "4", "5", "6"}},
      {"mobilise-d", {"HA002"}},
  };
  return kDev;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::vector<double> AnnotatedTimes(const Recording& r, const char* label) {
  std::vector<double> t;
  for (const Annotation& a : r.annotations)
    if (a.label == label) t.push_back(a.start_s);
  std::sort(t.begin(), t.end());
  return t;
}

double Nan() {
  return std::numeric_limits<double>::quiet_NaN();
}

nlohmann::ordered_json Num(double x) {
  return std::isfinite(x) ? nlohmann::ordered_json(x) : nlohmann::ordered_json(nullptr);
}

}  // namespace

bool ReferenceCoversOnlyItsBouts(const std::string& source) {
  return !ReferenceScopeReason(source).empty();
}

std::string_view ReferenceScopeReason(const std::string& source) {
  if (source == "mobilise-d") return "the reference has no steps outside them";
  if (source == "ipol-gait") return "after a trial the reference has only some of the steps";
  return "";
}

std::string SplitOf(const std::string& source, const std::string& subject) {
  const auto& dev = DevelopmentSubjects();
  const auto it = dev.find(source);
  return (it != dev.end() && it->second.count(subject)) ? "dev" : "test";
}

bool IsSynthetic(const Recording& recording) {
  return recording.metadata.Get("generator").find("synth") != std::string::npos;
}

std::string EvaluationSource(const Recording& recording) {
  return IsSynthetic(recording) ? "synth" : recording.metadata.Get("source", recording.format);
}

std::string DescribeSplit() {
  std::string s = "development subjects:";
  for (const auto& [source, subjects] : DevelopmentSubjects()) {
    s += " " + source + " {";
    bool first = true;
    for (const std::string& subject : subjects) {
      s += (first ? "" : ",") + subject;
      first = false;
    }
    s += "}";
  }
  return s + "; all other subjects are held out (test)";
}

std::vector<std::string> FindEvaluationRecordings(const std::vector<std::string>& paths) {
  std::set<std::string> found;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (!fs::is_directory(p, ec)) {
      found.insert(p);
      continue;
    }
    auto consider_dir = [&found](const fs::path& d) {
      std::error_code e;
      if (fs::is_regular_file(d / "accelerometer.csv", e) &&
          fs::is_regular_file(d / "stepcounter.csv", e)) {
        found.insert(d.string());
      }
    };
    consider_dir(p);
    for (auto it =
             fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const fs::path& entry = it->path();
      if (it->is_directory(ec)) {
        consider_dir(entry);
        continue;
      }
      const std::string name = entry.filename().string();
      if (EndsWith(name, "_lb.txt") || EndsWith(name, "_lowerback_imu.csv")) {
        found.insert(entry.string());
      }
    }
  }
  return {found.begin(), found.end()};
}

StepMatch MatchSteps(std::span<const double> detected, std::span<const double> reference,
                     double tolerance_s) {
  StepMatch m;
  m.detected = static_cast<int>(detected.size());
  m.reference = static_cast<int>(reference.size());
  std::vector<bool> used(detected.size(), false);
  std::size_t lo = 0;
  for (double r : reference) {
    while (lo < detected.size() && detected[lo] < r - tolerance_s) ++lo;
    std::size_t best = detected.size();
    double best_d = tolerance_s;
    for (std::size_t k = lo; k < detected.size() && detected[k] <= r + tolerance_s; ++k) {
      const double d = std::abs(detected[k] - r);
      if (!used[k] && d <= best_d) {
        best = k;
        best_d = d;
      }
    }
    if (best < detected.size()) {
      used[best] = true;
      ++m.matched;
    }
  }
  return m;
}

double CadenceFromSteps(std::span<const double> steps, double max_step_s) {
  double sum = 0;
  int n = 0;
  for (std::size_t i = 1; i < steps.size(); ++i) {
    const double d = steps[i] - steps[i - 1];
    if (d > 0 && d <= max_step_s) {
      sum += d;
      ++n;
    }
  }
  return n ? 60.0 * n / sum : Nan();
}

Result<RecordingEvaluation> EvaluateRecording(const Recording& recording,
                                              const AnalysisOptions& options) {
  auto analysis = AnalyzeRecording(recording, options);
  if (!analysis.ok()) return analysis.status();
  RecordingEvaluation e;
  e.path = recording.metadata.Get("file");
  e.source = EvaluationSource(recording);
  e.subject = recording.metadata.Get("subject");
  e.placement = recording.metadata.Get("placement");
  e.split = SplitOf(e.source, e.subject);
  std::vector<double> reference = AnnotatedTimes(recording, kStepAnnotation);
  std::vector<double> detected;
  for (const Bout& b : analysis->bouts) {
    detected.insert(detected.end(), b.step_times_s.begin(), b.step_times_s.end());
    e.stumbles += b.stumbles();
  }
  std::sort(detected.begin(), detected.end());
  e.detected_steps_recording = static_cast<int>(detected.size());
  e.count_error_recording_pct =
      reference.empty()
          ? Nan()
          : 100.0 * (e.detected_steps_recording - static_cast<int>(reference.size())) /
                static_cast<double>(reference.size());
  e.match_recording = MatchSteps(detected, reference);
  e.within_reference_bouts = ReferenceCoversOnlyItsBouts(e.source);
  if (e.within_reference_bouts) {
    // Steps inside a reference bout, widened by the match tolerance (the bout
    // runs from its first to its last reference contact). Reference steps are
    // kept to the same scope: IPOL annotates a few of the steps after its
    // trial ends in some trials and none in others.
    constexpr double kTolerance = 0.25;
    std::vector<std::pair<double, double>> scope;
    for (const Annotation& a : recording.annotations) {
      if (a.label == kBoutAnnotation)
        scope.emplace_back(a.start_s - kTolerance, a.end_s + kTolerance);
    }
    auto inside_bouts = [&](const std::vector<double>& times) {
      std::vector<double> inside;
      for (double t : times) {
        if (std::any_of(scope.begin(), scope.end(),
                        [t](const auto& b) { return t >= b.first && t <= b.second; })) {
          inside.push_back(t);
        }
      }
      return inside;
    };
    detected = inside_bouts(detected);
    reference = inside_bouts(reference);
  }
  e.reference_steps = static_cast<int>(reference.size());
  e.detected_steps = static_cast<int>(detected.size());
  e.count_error_pct = reference.empty() ? Nan()
                                        : 100.0 * (e.detected_steps - e.reference_steps) /
                                              static_cast<double>(e.reference_steps);
  e.reference_cadence_spm = CadenceFromSteps(reference);
  e.detected_cadence_spm = CadenceFromSteps(detected);
  e.match = MatchSteps(detected, reference);
  e.detected_bouts = static_cast<int>(analysis->bouts.size());
  for (const Annotation& a : recording.annotations) {
    if (a.label != kBoutAnnotation) continue;
    ++e.reference_bouts;
    double covered = 0;
    for (const Bout& b : analysis->bouts) {
      covered += std::max(0.0, std::min(a.end_s, b.end_s) - std::max(a.start_s, b.start_s));
    }
    if (covered >= 0.5 * (a.end_s - a.start_s)) ++e.reference_bouts_found;
  }
  return e;
}

double GroupEvaluation::sensitivity() const {
  return match.reference ? static_cast<double>(match.matched) / match.reference : Nan();
}
double GroupEvaluation::precision() const {
  return match.detected ? static_cast<double>(match.matched) / match.detected : Nan();
}
double GroupEvaluation::bout_sensitivity() const {
  return reference_bouts ? static_cast<double>(reference_bouts_found) / reference_bouts : Nan();
}

std::vector<GroupEvaluation> Summarize(std::span<const RecordingEvaluation> recordings) {
  std::map<std::pair<std::string, std::string>, GroupEvaluation> groups;
  for (const RecordingEvaluation& r : recordings) {
    if (r.reference_steps == 0) continue;
    std::vector<std::string> keys{std::string()};  // the source as a whole
    if (!r.placement.empty()) keys.push_back(r.placement);
    for (const std::string& placement : keys) {
      GroupEvaluation& g = groups[{r.source, placement}];
      g.source = r.source;
      g.placement = placement;
      ++g.recordings;
      g.mape_pct += std::abs(r.count_error_pct);
      if (std::isfinite(r.detected_cadence_spm) && std::isfinite(r.reference_cadence_spm)) {
        g.cadence_abs_error_spm += std::abs(r.detected_cadence_spm - r.reference_cadence_spm);
      }
      g.match.reference += r.match.reference;
      g.match.detected += r.match.detected;
      g.match.matched += r.match.matched;
      g.reference_bouts += r.reference_bouts;
      g.reference_bouts_found += r.reference_bouts_found;
      g.stumbles += r.stumbles;
      g.within_reference_bouts = g.within_reference_bouts || r.within_reference_bouts;
      g.mape_recording_pct += std::abs(r.count_error_recording_pct);
      g.match_recording.reference += r.match_recording.reference;
      g.match_recording.detected += r.match_recording.detected;
      g.match_recording.matched += r.match_recording.matched;
    }
  }
  std::vector<GroupEvaluation> out;
  for (auto& [key, g] : groups) {
    g.mape_pct /= g.recordings;
    g.cadence_abs_error_spm /= g.recordings;
    g.mape_recording_pct /= g.recordings;
    out.push_back(g);
  }
  return out;
}

nlohmann::ordered_json EvaluationToJson(std::span<const RecordingEvaluation> recordings,
                                        std::span<const GroupEvaluation> groups) {
  nlohmann::ordered_json j;
  j["split"] = DescribeSplit();
  nlohmann::ordered_json recs = nlohmann::ordered_json::array();
  for (const RecordingEvaluation& r : recordings) {
    recs.push_back({{"path", r.path},
                    {"source", r.source},
                    {"subject", r.subject},
                    {"placement", r.placement},
                    {"split", r.split},
                    {"scope", r.within_reference_bouts ? "reference bouts" : "recording"},
                    {"reference_steps", r.reference_steps},
                    {"detected_steps", r.detected_steps},
                    {"count_error_pct", Num(r.count_error_pct)},
                    {"reference_cadence_spm", Num(r.reference_cadence_spm)},
                    {"detected_cadence_spm", Num(r.detected_cadence_spm)},
                    {"matched_steps", r.match.matched},
                    {"reference_bouts", r.reference_bouts},
                    {"reference_bouts_found", r.reference_bouts_found},
                    {"detected_bouts", r.detected_bouts},
                    {"stumbles", r.stumbles},
                    {"detected_steps_whole_recording", r.detected_steps_recording},
                    {"count_error_whole_recording_pct", Num(r.count_error_recording_pct)},
                    {"matched_steps_whole_recording", r.match_recording.matched}});
  }
  j["recordings"] = recs;
  nlohmann::ordered_json gs = nlohmann::ordered_json::array();
  for (const GroupEvaluation& g : groups) {
    gs.push_back(
        {{"source", g.source},
         {"placement", g.placement.empty() ? "all" : g.placement},
         {"recordings", g.recordings},
         {"mape_pct", g.mape_pct},
         {"cadence_abs_error_spm", g.cadence_abs_error_spm},
         {"sensitivity", Num(g.sensitivity())},
         {"precision", Num(g.precision())},
         {"bout_sensitivity", Num(g.bout_sensitivity())},
         {"stumbles", g.stumbles},
         {"scope", g.within_reference_bouts ? "reference bouts" : "recording"},
         {"mape_whole_recording_pct", g.mape_recording_pct},
         {"sensitivity_whole_recording",
          Num(g.match_recording.reference
                  ? static_cast<double>(g.match_recording.matched) / g.match_recording.reference
                  : Nan())},
         {"precision_whole_recording",
          Num(g.match_recording.detected
                  ? static_cast<double>(g.match_recording.matched) / g.match_recording.detected
                  : Nan())}});
  }
  j["groups"] = gs;
  return j;
}

}  // namespace retrowalk
