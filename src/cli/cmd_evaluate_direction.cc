// retrowalk evaluate direction: forward/backward detection against labelled
// recordings (sidecar labels or a "# label:" line), per 3-s window, per bout
// and per step, with `unknown` in the confusion matrix; or, with --protocol,
// the full held-out protocol (leave-styles-out mocap, sessions, real subjects).
//
// Hooks into `retrowalk evaluate` (the gait engineer's command) as its
// `direction` child; creates `evaluate` itself when that command is absent.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/evaluation.h"
#include "cli/commands.h"
#include "cli/engine_flags.h"
#include "cli/report.h"
#include "gait/options.h"
#include "io/read.h"
#include "synth/direction_eval.h"
#include "synth/model_io.h"

namespace retrowalk::cli {
namespace {

struct EvaluateDirectionArgs {
  std::vector<std::string> paths;
  std::string mode = "both";
  std::string model;
  bool assume_forward = false;
  bool reverse = false;
  bool protocol = false;
  bool per_recording = false;
  bool engine = false;
  std::string preset;  // empty: DefaultEnginePreset(mode == "session")
  std::optional<double> step_lookahead_s;
  std::optional<double> onset_lookahead_s;
  std::string data = "../shared/data";
  int folds = 3;
  int seeds = 2;
};

std::string KeyFor(const Recording& rec) {
  return (IsSynthetic(rec) ? std::string("synth") : rec.format) + "/" +
         rec.metadata.Get("placement", "unknown");
}

int RunEvaluateDirection(const EvaluateDirectionArgs& args) {
  direction::DirectionModel model = direction::DefaultDirectionModel();
  if (!args.model.empty()) {
    Result<direction::DirectionModel> m = synth::LoadModel(args.model);
    if (!m.ok()) return ReportError(m.status());
    model = std::move(*m);
  }
  if (model.with_gyro.empty() && model.acc_only.empty()) {
    ReportWarning("the direction model is empty (not trained yet): every answer is unknown");
  }
  if (args.protocol) {
    synth::ProtocolOptions o;
    o.data_dir = args.data;
    o.bandai_dir = args.data + "/direction/bandai-namco-1";
    o.seeds = args.seeds;
    o.real_train_groups = synth::DefaultRealTrainGroups();
    std::string log;
    const synth::PreparedData data = synth::PrepareData(o, log);
    std::cerr << log;
    synth::CrossValidation cv;
    cv.folds = args.folds;
    std::cout << synth::RunCrossValidation(data, o, cv, model);
    return kExitOk;
  }
  if (args.paths.empty()) return ReportError("give recordings to evaluate, or --protocol");
  const std::string preset =
      args.preset.empty() ? std::string(DefaultEnginePreset(args.mode == "session")) : args.preset;
  std::optional<EngineOptions> engine = EnginePreset(preset);
  if (!engine) return ReportError("unknown --preset '" + preset + "'");
  ApplyStepLookahead(args.step_lookahead_s, *engine);
  ApplyOnsetLookahead(args.onset_lookahead_s, *engine);
  if (args.mode != "both" && args.mode != "standalone" && args.mode != "session") {
    return ReportError("--mode must be standalone, session or both");
  }
  std::map<std::string, synth::Scores> standalone, session;
  int used = 0;
  for (const std::string& path : args.paths) {
    Result<Recording> rec = ReadRecording(path);
    if (!rec.ok()) return ReportError(rec.status());
    synth::DirectionRecording d = synth::FromLabelledRecording(*rec, path, KeyFor(*rec), "");
    if (d.truth.empty() && args.assume_forward)
      d = synth::FromForwardRecording(*rec, path, KeyFor(*rec), "");
    if (d.truth.empty()) {
      // With --assume-forward the labels come from the reference walking, so
      // what is missing then is that reference, not a direction label.
      ReportWarning(path + (args.assume_forward
                                ? ": no reference steps or walking bouts to assume forward; skipped"
                                : ": no direction labels (sidecar or '# label:'); skipped (or "
                                  "--assume-forward)"));
      continue;
    }
    if (args.reverse) d = synth::Reversed(d);
    ++used;
    const std::string key = KeyFor(*rec) + (args.reverse ? " reversed" : "");
    if (args.mode != "session") {
      const synth::Scores s = args.engine ? synth::ScoreWithEngine(d, model, false, *engine)
                                          : synth::ScoreStandalone(d, model);
      standalone[key].Merge(s);
      standalone["all"].Merge(s);
      if (args.per_recording) {
        std::cout << synth::FormatScoresLine("standalone " + path, s);
        if (args.engine) std::cout << synth::FormatLiveLine("standalone " + path, s.live);
      }
    }
    if (args.mode != "standalone") {
      const synth::Scores s = args.engine ? synth::ScoreWithEngine(d, model, true, *engine)
                                          : synth::ScoreSession(d, model);
      session[key].Merge(s);
      session["all"].Merge(s);
      if (args.per_recording) {
        std::cout << synth::FormatScoresLine("session " + path, s);
        if (args.engine) std::cout << synth::FormatLiveLine("session " + path, s.live);
      }
    }
  }
  if (used == 0) {
    return ReportError(args.assume_forward
                           ? "none of the recordings has direction labels or reference walking"
                           : "none of the recordings has direction labels");
  }
  std::cout << "model " << model.version << ", " << used << " recordings\n";
  for (const auto& [name, table] :
       {std::pair{"standalone", &standalone}, std::pair{"session", &session}}) {
    if (table->empty()) continue;
    std::cout << "\n" << name << " (unknown counts as wrong):\n";
    for (const auto& [k, s] : *table) std::cout << synth::FormatScoresLine(k, s);
    if (args.engine) {
      std::cout << " steps after the labelled warm-up (the engine's first bout scored too):\n";
      for (const auto& [k, s] : *table) {
        const synth::Confusion& c = s.steps_after_warmup;
        char line[200];
        std::snprintf(line, sizeof line,
                      "  %-34s steps %5.0f acc %.3f fwd→bwd %5.2f%% bwd→bwd %5.1f%%\n", k.c_str(),
                      c.Total(0) + c.Total(1), c.Accuracy(), 100 * c.CalledBackwardRate(0),
                      100 * c.CalledBackwardRate(1));
        std::cout << line;
      }
      std::cout << " live direction events (provisional, while the bout is open):\n";
      for (const auto& [k, s] : *table) std::cout << synth::FormatLiveLine(k, s.live);
    }
    const synth::Scores& all = table->at("all");
    std::cout << " per window:\n"
              << all.windows.Format() << "\n per bout:\n"
              << all.bouts.Format() << "\n per step:\n"
              << all.steps.Format() << "\n";
  }
  return kExitOk;
}

void AddEvaluateDirection(CLI::App& app, Runner& run) {
  CLI::App* evaluate = nullptr;
  for (CLI::App* sub :
       app.get_subcommands([](const CLI::App* a) { return a->get_name() == "evaluate"; })) {
    evaluate = sub;
  }
  if (evaluate == nullptr) {
    evaluate = app.add_subcommand("evaluate", "Measure the engine against ground truth.");
    evaluate->require_subcommand(1);
  }
  auto args = std::make_shared<EvaluateDirectionArgs>();
  CLI::App* sub = evaluate->add_subcommand("direction",
                                           "Forward/backward detection against labelled "
                                           "recordings: balanced accuracy per 3-s window, per bout "
                                           "and per step, confusion matrix with unknown, per "
                                           "source and placement. --protocol runs the held-out "
                                           "protocol (leave-styles-out mocap and sessions, "
                                           "held-out real subjects, time-reversed real).");
  sub->add_option("paths", args->paths,
                  "recordings with direction labels (sidecar X.labels.csv or '# label:')");
  sub->add_option("--mode", args->mode, "standalone | session | both (default both)");
  sub->add_option("--model", args->model, "model JSON (default: the compiled-in model)");
  sub->add_flag("--assume-forward", args->assume_forward,
                "treat unlabelled recordings with reference steps as forward walking");
  sub->add_flag("--reverse", args->reverse,
                "time-reverse every recording (a(T−t), −ω(T−t)); truth flips");
  sub->add_flag("--engine", args->engine,
                "score the gait engine's own bouts and steps (end to end) instead of labelled "
                "bouts and windows");
  sub->add_option("--preset", args->preset,
                  "engine preset for --engine (default healthy; impaired with --mode session; as "
                  "`retrowalk analyze --preset`)");
  AddStepLookaheadFlag(sub, args->step_lookahead_s);
  AddOnsetLookaheadFlag(sub, args->onset_lookahead_s);
  sub->add_flag("--per-recording", args->per_recording, "also print a line per recording");
  sub->add_flag("--protocol", args->protocol, "run the held-out protocol on --data");
  sub->add_option("--data", args->data,
                  "shared data directory for --protocol (default ../shared/data)");
  sub->add_option("--folds", args->folds, "style folds for --protocol (default 3)");
  sub->add_option("--seeds", args->seeds,
                  "mountings per clip and placement for --protocol (default 2)");
  SetRunner(sub, run, [args] { return RunEvaluateDirection(*args); });
}

}  // namespace

// After every other command (orders < 69), so `evaluate` exists if its owner made it.
RETROWALK_REGISTER_COMMAND(69, &AddEvaluateDirection);

}  // namespace retrowalk::cli
