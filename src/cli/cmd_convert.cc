// retrowalk convert IN OUT.csv: any supported recording -> retrowalk CSV,
// streamed chunk by chunk, plus OUT.labels.csv when it carries annotations.
// Output appears complete or not at all (see io/atomic_file.h).
#include <cstdio>
#include <filesystem>
#include <string>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/report.h"
#include "io/labels_csv.h"
#include "io/read.h"
#include "io/read_flags.h"
#include "io/retrowalk_csv.h"

namespace retrowalk::cli {

namespace {

struct ConvertArgs {
  std::string input;
  std::string output;
  ReadFlags read;
};

int RunConvert(const ConvertArgs& args) {
  auto options = ToReadOptions(args.read);
  if (!options.ok()) return ReportError(options.status());
  auto opened = OpenRecording(args.input, *options);
  if (!opened.ok()) return ReportError(opened.status());
  SampleReader& reader = **opened;

  auto writer = RetrowalkCsvWriter::Create(reader.header(), args.output);
  if (!writer.ok()) return ReportError(writer.status());
  std::vector<Sample> chunk;
  std::size_t samples = 0;
  constexpr std::size_t kChunk = 1 << 16;
  while (true) {
    chunk.clear();
    auto n = reader.Next(chunk, kChunk);
    if (!n.ok()) return ReportError(n.status());  // the writer's temp file goes with it
    if (*n == 0) break;
    samples += *n;
    Status st = (*writer)->Append(chunk);
    if (!st.ok()) return ReportError(st);
  }
  const Recording& header = reader.header();
  const std::string labels = LabelsPathFor(args.output);
  if (!header.annotations.empty()) {
    Status st = WriteLabelsCsv(header.annotations, labels);
    if (!st.ok()) return ReportError(st);
  }
  Status st = (*writer)->Commit();
  if (!st.ok()) {
    if (!header.annotations.empty()) std::remove(labels.c_str());
    return ReportError(st);
  }
  if (header.annotations.empty()) {
    // A sidecar left from an earlier conversion would attach stale labels.
    std::error_code ec;
    std::filesystem::remove(labels, ec);
  }
  if (header.dropped_duplicates > 0) {
    ReportWarning(fmt::format("{}: dropped {} rows repeating the previous timestamp", args.input,
                              header.dropped_duplicates));
  }
  fmt::print("wrote {} ({} samples{}{})\n", args.output, samples,
             header.has_gyro ? ", acc + gyro" : ", acc only",
             header.annotations.empty()
                 ? ""
                 : fmt::format("; {} annotations in {}", header.annotations.size(), labels));
  return kExitOk;
}

void AddConvertCommand(CLI::App& app, Runner& run) {
  auto args = std::make_shared<ConvertArgs>();
  CLI::App* sub = app.add_subcommand(
      "convert",
      "Convert a recording to retrowalk CSV (time_s, acceleration with gravity in m/s², "
      "optional gyro in rad/s, '# key: value' metadata). Ground truth goes to OUT.labels.csv "
      "beside it. Nothing is written when the input is bad.");
  sub->add_option("IN", args->input,
                  "Recording: a file, an Oxford step folder, or a Sensor Logger/phyphox zip or "
                  "folder")
      ->required();
  sub->add_option("OUT", args->output, "Output retrowalk CSV file (e.g. walk.csv)")->required();
  sub->add_option("--format", args->read.format, kFormatFlagHelp);
  sub->add_option("--columns", args->read.columns, kColumnsFlagHelp);
  sub->add_option("--time-unit", args->read.time_unit, kTimeUnitFlagHelp)->capture_default_str();
  sub->add_option("--acc-unit", args->read.acc_unit, kAccUnitFlagHelp)->capture_default_str();
  sub->add_option("--gyro-unit", args->read.gyro_unit, kGyroUnitFlagHelp)->capture_default_str();
  SetRunner(sub, run, [args] { return RunConvert(*args); });
}

}  // namespace

RETROWALK_REGISTER_COMMAND(20, &AddConvertCommand);

}  // namespace retrowalk::cli
