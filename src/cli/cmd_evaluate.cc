// retrowalk evaluate <what> PATH...: accuracy of the engines against ground
// truth. `evaluate` is a parent; each child is one Add...Child function listed
// in kEvaluateChildren (steps now; direction joins with one more line).
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/analysis.h"
#include "app/evaluation.h"
#include "cli/commands.h"
#include "cli/engine_flags.h"
#include "cli/report.h"
#include "gait/options.h"
#include "io/read.h"

namespace retrowalk::cli {

namespace {

// Shared by the children: which subjects to report.
Result<EvalSplit> ParseSplit(const std::string& s) {
  if (s == "dev") return EvalSplit::kDevelopment;
  if (s == "test") return EvalSplit::kTest;
  if (s == "all") return EvalSplit::kAll;
  return Status::InvalidInput(fmt::format("--split must be dev, test or all, not '{}'", s));
}

bool InSplit(EvalSplit split, const std::string& recording_split) {
  return split == EvalSplit::kAll ||
         (split == EvalSplit::kDevelopment) == (recording_split == "dev");
}

std::string Pct(double x) {
  return std::isfinite(x) ? fmt::format("{:.1f}", 100 * x) : "-";
}
std::string Num(double x, int d) {
  return std::isfinite(x) ? fmt::format("{:.{}f}", x, d) : "-";
}

// ---- evaluate steps --------------------------------------------------------

struct StepsArgs {
  std::vector<std::string> paths;
  std::string split = "test";
  std::string preset = "healthy";
  std::optional<double> step_lookahead_s;
  bool json = false;
  bool quiet = false;
};

int RunEvaluateSteps(const StepsArgs& args) {
  auto split = ParseSplit(args.split);
  if (!split.ok()) return ReportError(split.status());
  auto engine = EnginePreset(args.preset);
  if (!engine) return ReportError(fmt::format("unknown --preset '{}'", args.preset));
  ApplyStepLookahead(args.step_lookahead_s, *engine);
  AnalysisOptions options;
  options.engine = *engine;

  const std::vector<std::string> files = FindEvaluationRecordings(args.paths);
  std::vector<RecordingEvaluation> results;
  int skipped = 0;
  for (const std::string& file : files) {
    auto recording = ReadRecording(file);
    if (!recording.ok()) {
      ReportWarning(recording.status().message());
      ++skipped;
      continue;
    }
    if (recording->CountAnnotations(kStepAnnotation) == 0) {
      ++skipped;  // no ground truth (e.g. HA002 Test5: no INDIP bouts)
      continue;
    }
    const std::string rec_split =
        SplitOf(EvaluationSource(*recording), recording->metadata.Get("subject"));
    if (!InSplit(*split, rec_split)) continue;
    auto e = EvaluateRecording(*recording, options);
    if (!e.ok()) {
      ReportWarning(fmt::format("{}: {}", file, e.status().message()));
      ++skipped;
      continue;
    }
    if (e->path.empty()) e->path = file;
    results.push_back(std::move(*e));
  }
  if (results.empty()) {
    return ReportError(fmt::format(
        "no recordings with step ground truth in the '{}' split under the given paths ({} found, "
        "{} without ground truth or unreadable)",
        args.split, files.size(), skipped));
  }
  const std::vector<GroupEvaluation> groups = Summarize(results);
  if (args.json) {
    nlohmann::ordered_json j = EvaluationToJson(results, groups);
    j["split_reported"] = args.split;
    fmt::print("{}\n", j.dump(2));
    return kExitOk;
  }
  fmt::print("split: {} ({})\n", args.split, DescribeSplit());
  if (!args.quiet) {
    fmt::print("\n{:<60} {:>5} {:>5} {:>7} {:>7} {:>7} {:>6} {:>6} {:>6}\n", "recording", "ref",
               "det", "err_%", "cad_ref", "cad_det", "sens%", "prec%", "bouts");
    for (const RecordingEvaluation& r : results) {
      std::string name = r.path;
      if (name.size() > 60) name = "..." + name.substr(name.size() - 57);
      fmt::print("{:<60} {:>5} {:>5} {:>7} {:>7} {:>7} {:>6} {:>6} {:>6}\n", name,
                 r.reference_steps, r.detected_steps, Num(r.count_error_pct, 1),
                 Num(r.reference_cadence_spm, 1), Num(r.detected_cadence_spm, 1),
                 Pct(r.match.reference ? double(r.match.matched) / r.match.reference : NAN),
                 Pct(r.match.detected ? double(r.match.matched) / r.match.detected : NAN),
                 r.reference_bouts
                     ? fmt::format("{}/{}", r.reference_bouts_found, r.reference_bouts)
                     : std::to_string(r.detected_bouts));
    }
  }
  fmt::print("\n{:<14} {:<13} {:>4} {:>7} {:>9} {:>6} {:>6} {:>10} {:>8}\n", "source", "placement",
             "n", "MAPE_%", "cad_err", "sens%", "prec%", "bout_sens%", "stumbles");
  for (const GroupEvaluation& g : groups) {
    fmt::print("{:<14} {:<13} {:>4} {:>7.2f} {:>9.2f} {:>6} {:>6} {:>10} {:>8}\n", g.source,
               g.placement.empty() ? "ALL" : g.placement, g.recordings, g.mape_pct,
               g.cadence_abs_error_spm, Pct(g.sensitivity()), Pct(g.precision()),
               Pct(g.bout_sensitivity()), g.stumbles);
  }
  for (const GroupEvaluation& g : groups) {
    if (!g.within_reference_bouts || !g.placement.empty()) continue;
    fmt::print(
        "{}: scored inside the reference walking bouts (±0.25 s; {}); whole recordings: MAPE "
        "{:.2f} %, sens {}%, prec {}%\n",
        g.source, ReferenceScopeReason(g.source), g.mape_recording_pct,
        Pct(g.match_recording.reference
                ? static_cast<double>(g.match_recording.matched) / g.match_recording.reference
                : NAN),
        Pct(g.match_recording.detected
                ? static_cast<double>(g.match_recording.matched) / g.match_recording.detected
                : NAN));
  }
  fmt::print(
      "\nstep match: a detected step within ±0.25 s of a reference step; cadence error in "
      "steps/min; bout found when half of it is covered by detected bouts.\n");
  return kExitOk;
}

void AddStepsChild(CLI::App* evaluate, Runner& run) {
  auto args = std::make_shared<StepsArgs>();
  CLI::App* sub = evaluate->add_subcommand(
      "steps",
      "Step counting against ground truth (Oxford foot switches, IPOL footsteps, Mobilise-D "
      "INDIP): per recording and per (source, placement): step-count MAPE, cadence error, step "
      "matching within ±0.25 s (sensitivity, precision), bout sensitivity.");
  sub->add_option("PATH", args->paths,
                  "Recordings or folders (searched for Oxford step folders, IPOL *_lb.txt and "
                  "Mobilise-D *_lowerback_imu.csv)")
      ->required();
  sub->add_option("--split", args->split,
                  "Subjects to report: test (held out, the honest figure), dev (tuned on) or all")
      ->capture_default_str();
  sub->add_option("--preset", args->preset,
                  fmt::format("Engine parameters: {}", kEnginePresetNames))
      ->capture_default_str();
  AddStepLookaheadFlag(sub, args->step_lookahead_s);
  sub->add_flag("--json", args->json, "Print one JSON object");
  sub->add_flag("--quiet", args->quiet, "Only the per-group summary");
  SetRunner(sub, run, [args] { return RunEvaluateSteps(*args); });
}

// ---- the parent ------------------------------------------------------------

using ChildAdder = void (*)(CLI::App* evaluate, Runner& run);
// One line per `evaluate` child.
constexpr ChildAdder kEvaluateChildren[] = {
    &AddStepsChild,
};

void AddEvaluateCommand(CLI::App& app, Runner& run) {
  CLI::App* evaluate = app.add_subcommand(
      "evaluate", "Measure the engines' accuracy against recordings with ground truth.");
  evaluate->require_subcommand(1);
  for (ChildAdder add : kEvaluateChildren) add(evaluate, run);
}

}  // namespace

RETROWALK_REGISTER_COMMAND(30, &AddEvaluateCommand);

}  // namespace retrowalk::cli
