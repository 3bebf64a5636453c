// retrowalk inspect FILE: what is in a recording (format, duration, rate,
// jitter, gaps, channels, metadata, ground truth), streamed chunk by chunk.
#include <cmath>
#include <map>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/report.h"
#include "io/read.h"
#include "io/read_flags.h"
#include "io/recording_summary.h"

namespace retrowalk::cli {

namespace {

struct InspectArgs {
  std::string file;
  ReadFlags read;
  bool json = false;
};

std::map<std::string, std::size_t> CountLabels(const Recording& header) {
  std::map<std::string, std::size_t> counts;
  for (const Annotation& a : header.annotations) ++counts[a.label];
  return counts;
}

// Intervals are kept as floats (4 bytes per sample); print them to the
// precision they have, not float noise such as 9.999999776482582.
double Rounded(double x, double step) {
  return std::round(x / step) * step;
}

void PrintJson(const std::string& file, const Recording& h, const RecordingSummary& s) {
  nlohmann::ordered_json j;
  j["file"] = file;
  j["format"] = h.format;
  j["samples"] = s.samples;
  j["start_s"] = s.start_s;
  j["end_s"] = s.end_s;
  j["duration_s"] = s.duration_s;
  j["median_rate_hz"] = Rounded(s.median_rate_hz, 1e-3);
  j["interval_ms"] = {{"median", Rounded(s.interval_median_ms, 1e-4)},
                      {"iqr", Rounded(s.interval_iqr_ms, 1e-4)},
                      {"std", Rounded(s.interval_std_ms, 1e-4)},
                      {"min", Rounded(s.interval_min_ms, 1e-4)},
                      {"max", Rounded(s.interval_max_ms, 1e-4)}};
  nlohmann::ordered_json gaps = nlohmann::ordered_json::array();
  for (const SampleGap& g : s.gaps) gaps.push_back({{"start_s", g.start_s}, {"end_s", g.end_s}});
  j["gaps"] = gaps;
  j["gap_total_s"] = s.gap_total_s;
  j["channels"] = h.has_gyro ? nlohmann::ordered_json{"acc_mps2", "gyro_radps"}
                             : nlohmann::ordered_json{"acc_mps2"};
  j["acc_norm_mean_g"] = Rounded(s.acc_norm_mean_g, 1e-4);
  j["acc_norm_max_g"] = Rounded(s.acc_norm_max_g, 1e-4);
  j["dropped_duplicates"] = h.dropped_duplicates;
  nlohmann::ordered_json meta = nlohmann::ordered_json::object();
  for (const auto& [k, v] : h.metadata.entries()) meta[k] = v;
  j["metadata"] = meta;
  nlohmann::ordered_json ann = nlohmann::ordered_json::object();
  for (const auto& [label, n] : CountLabels(h)) ann[label] = n;
  j["annotations"] = ann;
  fmt::print("{}\n", j.dump(2));
}

void PrintText(const std::string& file, const Recording& h, const RecordingSummary& s) {
  fmt::print("{:<13}{}\n", "file", file);
  fmt::print("{:<13}{}\n", "format", h.format);
  fmt::print("{:<13}{}\n", "samples", s.samples);
  fmt::print("{:<13}{:.3f} s ({:.3f} .. {:.3f} s)\n", "duration", s.duration_s, s.start_s, s.end_s);
  fmt::print("{:<13}median {:.1f} Hz (interval {:.3f} ms)\n", "rate", s.median_rate_hz,
             s.interval_median_ms);
  fmt::print(
      "{:<13}interval IQR {:.3f} ms, std {:.3f} ms, min {:.3f} ms, max {:.3f} ms "
      "(gaps excluded)\n",
      "jitter", s.interval_iqr_ms, s.interval_std_ms, s.interval_min_ms, s.interval_max_ms);
  if (s.gaps.empty()) {
    fmt::print("{:<13}none\n", "gaps > 1 s");
  } else {
    fmt::print("{:<13}{} totalling {:.3f} s\n", "gaps > 1 s", s.gaps.size(), s.gap_total_s);
    constexpr std::size_t kShown = 10;
    for (std::size_t i = 0; i < s.gaps.size() && i < kShown; ++i) {
      fmt::print("{:<13}{:.3f} .. {:.3f} s ({:.3f} s)\n", "", s.gaps[i].start_s, s.gaps[i].end_s,
                 s.gaps[i].end_s - s.gaps[i].start_s);
    }
    if (s.gaps.size() > kShown) fmt::print("{:<13}...\n", "");
  }
  fmt::print("{:<13}acc x,y,z m/s² (mean |a| {:.3f} g, max {:.2f} g){}\n", "channels",
             s.acc_norm_mean_g, s.acc_norm_max_g, h.has_gyro ? "; gyro x,y,z rad/s" : "");
  if (h.dropped_duplicates > 0) {
    fmt::print("{:<13}{} rows with a repeated timestamp\n", "dropped", h.dropped_duplicates);
  }
  bool first = true;
  for (const auto& [k, v] : h.metadata.entries()) {
    fmt::print("{:<13}{}: {}\n", first ? "metadata" : "", k, v);
    first = false;
  }
  if (first) fmt::print("{:<13}none\n", "metadata");
  std::string counts;
  for (const auto& [label, n] : CountLabels(h)) {
    counts += fmt::format("{}{}: {}", counts.empty() ? "" : ", ", label, n);
  }
  fmt::print("{:<13}{}\n", "annotations", counts.empty() ? "none" : counts);
}

int RunInspect(const InspectArgs& args) {
  auto options = ToReadOptions(args.read);
  if (!options.ok()) return ReportError(options.status());
  auto opened = OpenRecording(args.file, *options);
  if (!opened.ok()) return ReportError(opened.status());
  SampleReader& reader = **opened;
  SummaryBuilder summary;
  std::vector<Sample> chunk;
  constexpr std::size_t kChunk = 1 << 16;
  while (true) {
    chunk.clear();
    auto n = reader.Next(chunk, kChunk);
    if (!n.ok()) return ReportError(n.status());
    if (*n == 0) break;
    summary.Add(chunk);
  }
  const Recording& header = reader.header();
  if (header.dropped_duplicates > 0) {
    ReportWarning(fmt::format("{}: dropped {} rows repeating the previous timestamp", args.file,
                              header.dropped_duplicates));
  }
  RecordingSummary s = summary.Finish();
  if (args.json) {
    PrintJson(args.file, header, s);
  } else {
    PrintText(args.file, header, s);
  }
  return kExitOk;
}

void AddInspectCommand(CLI::App& app, Runner& run) {
  auto args = std::make_shared<InspectArgs>();
  CLI::App* sub = app.add_subcommand(
      "inspect",
      "Describe a recording: format, duration, samples, median sampling rate, rate jitter "
      "(IQR and standard deviation of the sampling intervals), gaps over 1 s, channels, "
      "metadata and ground-truth annotation counts.");
  sub->add_option("FILE", args->file,
                  "Recording: a file, an Oxford step folder, or a Sensor Logger/phyphox zip or "
                  "folder")
      ->required();
  sub->add_option("--format", args->read.format, kFormatFlagHelp);
  sub->add_flag("--json", args->json, "Print one JSON object instead of text");
  sub->add_option("--columns", args->read.columns, kColumnsFlagHelp);
  sub->add_option("--time-unit", args->read.time_unit, kTimeUnitFlagHelp)->capture_default_str();
  sub->add_option("--acc-unit", args->read.acc_unit, kAccUnitFlagHelp)->capture_default_str();
  sub->add_option("--gyro-unit", args->read.gyro_unit, kGyroUnitFlagHelp)->capture_default_str();
  SetRunner(sub, run, [args] { return RunInspect(*args); });
}

}  // namespace

RETROWALK_REGISTER_COMMAND(10, &AddInspectCommand);

}  // namespace retrowalk::cli
