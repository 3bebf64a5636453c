// retrowalk train direction: the reproducible training of the walking
// direction model (models/direction.json + the compiled-in default).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "cli/report.h"
#include "synth/direction_eval.h"
#include "synth/model_io.h"

namespace retrowalk::cli {
namespace {

struct TrainDirectionArgs {
  std::string data = "../shared/data";
  std::string bandai;  // default: <data>/direction/bandai-namco-1
  std::string out = "models/direction.json";
  std::string cxx;  // e.g. src/gait/direction/default_model.cc
  int seeds = 2;
  int folds = 3;
  bool cv = true;
  bool odd = false;
  std::vector<std::string> exclude_styles;
};

Status WriteText(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IoError(path + ": cannot write");
    out << text;
    if (!out.flush()) return Status::IoError(path + ": write failed");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Status::IoError(path + ": " + ec.message());
  return Status::Ok();
}

int RunTrainDirection(const TrainDirectionArgs& args) {
  synth::ProtocolOptions o;
  o.data_dir = args.data;
  o.bandai_dir = args.bandai.empty() ? args.data + "/direction/bandai-namco-1" : args.bandai;
  o.seeds = args.seeds;
  o.intercept = !args.odd;
  o.real_train_groups = synth::DefaultRealTrainGroups();
  o.exclude_styles = args.exclude_styles;
  if (!std::filesystem::exists(o.bandai_dir + "/data")) {
    return ReportError("no motion capture in " + o.bandai_dir + " (give --bandai DIR)");
  }
  std::string log;
  std::cerr << "preparing data (synthesising mocap, reading real recordings)...\n";
  const synth::PreparedData data = synth::PrepareData(o, log);
  std::cerr << log;
  std::vector<const synth::DirectionRecording*> mocap, real;
  for (const auto& r : data.mocap) mocap.push_back(&r);
  for (const auto& r : data.real) {
    if (std::find(o.real_train_groups.begin(), o.real_train_groups.end(), r.group) !=
        o.real_train_groups.end()) {
      real.push_back(&r);
    }
  }
  const std::vector<synth::TrainingRow> rows = synth::RowsFor(mocap, real, o);
  Result<direction::DirectionModel> model = synth::TrainModel(rows, o);
  if (!model.ok()) return ReportError(model.status());
  std::string style_list;
  {
    std::vector<std::string> styles;
    for (const auto& r : data.mocap) {
      if (std::find(styles.begin(), styles.end(), r.group) == styles.end())
        styles.push_back(r.group);
    }
    std::string selection;
    model->session_features = synth::SelectSessionFeatures(
        synth::SynthesiseSessions(o, styles, 2, 7000), *model, selection);
    std::cerr << "session feature groups (";
    for (std::size_t g = 0; g < direction::kFeatureGroups.size(); ++g)
      std::cerr << (g ? ", " : "") << direction::kFeatureGroups[g].name;
    std::cerr << ") on sessions of the training styles:\n" << selection;
    std::sort(styles.begin(), styles.end());
    for (const auto& st : styles) style_list += (style_list.empty() ? "" : " ") + st;
  }
  std::string train_groups;
  for (const auto& g : o.real_train_groups) train_groups += (train_groups.empty() ? "" : " ") + g;
  const std::string provenance =
      "retrowalk train direction --seeds " + std::to_string(args.seeds) +
      "; mocap: Bandai Namco dataset 1 (styles: " + style_list +
      "; lower-back + front-pocket); real forward subjects: " + train_groups + "; " +
      std::to_string(rows.size()) + " windows";
  if (Status s = WriteText(args.out, synth::ModelToJson(*model, provenance)); !s.ok())
    return ReportError(s);
  std::cout << "wrote " << args.out << "\n";
  if (!args.cxx.empty()) {
    if (Status s = WriteText(args.cxx, synth::ModelToCxx(*model, provenance)); !s.ok())
      return ReportError(s);
    std::cout << "wrote " << args.cxx << "\n";
  }
  std::printf(
      "thresholds: gyro model backward ≥ %.3f forward ≤ %.3f; acc-only backward ≥ %.3f forward ≤ "
      "%.3f\n",
      model->with_gyro.backward_threshold, model->with_gyro.forward_threshold,
      model->acc_only.backward_threshold, model->acc_only.forward_threshold);
  if (args.cv) {
    synth::CrossValidation cv;
    cv.folds = args.folds;
    std::cout << synth::RunCrossValidation(data, o, cv, *model);
  }
  return kExitOk;
}

void AddTrainCommand(CLI::App& app, Runner& run) {
  CLI::App* train = app.add_subcommand("train", "Train a model from data (reproducibly).");
  train->require_subcommand(1);
  auto args = std::make_shared<TrainDirectionArgs>();
  CLI::App* sub = train->add_subcommand(
      "direction",
      "Train the forward/backward model: virtual IMU from the Bandai mocap (all styles, lower back "
      "and "
      "front pocket, random mountings) plus real forward walking of the training subjects; writes "
      "models/direction.json and prints leave-styles-out cross-validation.");
  sub->add_option("--data", args->data, "shared data directory (default ../shared/data)");
  sub->add_option("--bandai", args->bandai,
                  "Bandai mocap directory (default <data>/direction/bandai-namco-1)");
  sub->add_option("--out", args->out, "model file to write (default models/direction.json)");
  sub->add_option("--cxx", args->cxx, "also write the compiled-in default model here");
  sub->add_option("--seeds", args->seeds, "random mountings per clip and placement (default 2)");
  sub->add_option("--folds", args->folds, "cross-validation folds over styles (default 3)");
  sub->add_flag("!--no-cv", args->cv, "skip the cross-validation report");
  sub->add_option("--exclude-styles", args->exclude_styles,
                  "train without these Bandai styles (comma-separated), e.g. to test on them")
      ->delimiter(',');
  sub->add_flag("--odd", args->odd, "no intercept: p(backward | reversed) = 1 − p(backward)");
  SetRunner(sub, run, [args] { return RunTrainDirection(*args); });
}

}  // namespace

RETROWALK_REGISTER_COMMAND(61, &AddTrainCommand);

}  // namespace retrowalk::cli
