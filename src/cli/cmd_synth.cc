// retrowalk synth: motion capture (BVH) → virtual IMU recording + labels.
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/report.h"
#include "io/labels_csv.h"
#include "io/retrowalk_csv.h"
#include "synth/bvh.h"
#include "synth/synthesizer.h"

namespace retrowalk::cli {
namespace {

struct SynthArgs {
  std::vector<std::string> clips;
  std::string placement;
  std::uint64_t seed = 1;
  std::string out;
  bool ideal = false;
};

int RunSynth(const SynthArgs& args) {
  const auto placement = synth::ParsePlacement(args.placement);
  if (!placement) {
    return ReportError("--placement must be lower-back, front-pocket or thigh, not '" +
                       args.placement + "'");
  }
  std::vector<synth::BvhClip> clips;
  for (const std::string& path : args.clips) {
    Result<synth::BvhClip> clip = synth::ReadBvhFile(path);
    if (!clip.ok()) return ReportError(clip.status());
    clips.push_back(std::move(*clip));
  }
  synth::SynthOptions options;
  options.placement = *placement;
  options.seed = args.seed;
  options.device_errors = !args.ideal;
  Result<Recording> rec = synth::Synthesize(clips, options);
  if (!rec.ok()) return ReportError(rec.status());
  std::string out = args.out;
  if (out.empty()) {
    out = std::filesystem::path(args.clips[0]).stem().string() + "." + args.placement + ".csv";
  }
  if (Status s = WriteRetrowalkCsv(*rec, out); !s.ok()) return ReportError(s);
  const std::string labels = LabelsPathFor(out);
  if (Status s = WriteLabelsCsv(rec->annotations, labels); !s.ok()) return ReportError(s);
  std::cout << out << ": " << rec->samples.size() << " samples, " << rec->duration_s() << " s, "
            << rec->metadata.Get("placement") << " (" << rec->metadata.Get("mounting") << ")\n"
            << labels << ": " << rec->annotations.size() << " labelled intervals\n";
  return kExitOk;
}

void AddSynthCommand(CLI::App& app, Runner& run) {
  auto args = std::make_shared<SynthArgs>();
  CLI::App* sub = app.add_subcommand(
      "synth",
      "Synthesise a virtual IMU recording (100 Hz, accelerometer with gravity and gyroscope) from "
      "motion capture. Several clips are joined into one recording under one random mounting; "
      "direction labels go to OUT.labels.csv.");
  sub->add_option("clips", args->clips, "BVH clips (Y up, centimetres), joined in order")
      ->required()
      ->check(CLI::ExistingFile);
  sub->add_option("--placement", args->placement, "lower-back | front-pocket | thigh")->required();
  sub->add_option("--seed", args->seed, "random seed for mounting and device errors (default 1)");
  sub->add_option("--out", args->out, "output CSV (default: <first clip>.<placement>.csv)");
  sub->add_flag("--ideal", args->ideal, "no noise, bias or scale error (mounting still random)");
  SetRunner(sub, run, [args] { return RunSynth(*args); });
}

}  // namespace

RETROWALK_REGISTER_COMMAND(60, &AddSynthCommand);

}  // namespace retrowalk::cli
