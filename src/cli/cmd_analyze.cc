// retrowalk analyze FILE: walking bouts, steps and gait metrics of a recording.
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/analysis.h"
#include "cli/commands.h"
#include "cli/engine_flags.h"
#include "cli/report.h"
#include "gait/options.h"
#include "io/read.h"
#include "io/read_flags.h"

namespace retrowalk::cli {

namespace {

struct AnalyzeArgs {
  std::string file;
  ReadFlags read;
  std::string placement;
  std::string preset;  // empty: DefaultEnginePreset(session)
  std::optional<double> step_lookahead_s;
  std::optional<double> onset_lookahead_s;
  bool json = false;
  bool session = false;
  std::string steps_csv;
};

// Estimated from the file size and the bytes per line of its first 64 KiB:
// the readers stream, so this is what we can know without a second pass.
class Progress {
 public:
  explicit Progress(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!isatty(STDERR_FILENO) || !fs::is_regular_file(path, ec)) return;
    const auto size = fs::file_size(path, ec);
    if (ec || size < kMinBytes) return;
    std::ifstream in(path, std::ios::binary);
    std::string head(64 * 1024, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    const auto lines = std::count(head.begin(), head.end(), '\n');
    if (lines < 2) return;
    expected_samples_ =
        static_cast<double>(size) / (static_cast<double>(head.size()) / static_cast<double>(lines));
    enabled_ = true;
  }
  void Update(std::size_t samples) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    const double f = std::min(0.99, static_cast<double>(samples) / expected_samples_);
    const int width = 30, filled = static_cast<int>(f * width);
    std::fprintf(stderr, "\ranalysing [%s%s] %3.0f%%", std::string(filled, '#').c_str(),
                 std::string(width - filled, ' ').c_str(), 100 * f);
    shown_ = true;
  }
  ~Progress() {
    if (shown_) std::fprintf(stderr, "\r%60s\r", "");
  }

 private:
  static constexpr std::uintmax_t kMinBytes = 32u << 20;  // a couple of seconds to read
  bool enabled_ = false, shown_ = false;
  double expected_samples_ = 1;
  std::chrono::steady_clock::time_point last_{};
};

std::string Num(double x, int digits) {
  return std::isfinite(x) ? fmt::format("{:.{}f}", x, digits) : std::string("-");
}

void PrintTable(const Analysis& a) {
  fmt::print("file        {}\n", a.file);
  fmt::print("format      {}{}\n", a.format,
             a.placement.empty() ? "" : fmt::format(", placement {}", a.placement));
  fmt::print("recording   {:.1f} s, {} samples at {:.1f} Hz (median)\n", a.duration_s, a.samples,
             a.input_rate_hz);
  if (!a.gaps.empty()) fmt::print("gaps        {} over 1 s, not bridged\n", a.gaps.size());
  if (a.bouts.empty()) {
    fmt::print("\nNo walking found: 0 steps.\n");
    return;
  }
  fmt::print("\n{:>4} {:>9} {:>9} {:>7} {:>6} {:>8} {:>7} {:>6} {:>6} {:>6} {:>5} {:>18} {:>4}\n",
             "bout", "start_s", "end_s", "dur_s", "steps", "cad_spm", "step_s", "cv_%", "reg1",
             "reg2", "sym", "direction (conf)", "stmb");
  int i = 0;
  bool moved = false;
  for (const Bout& b : a.bouts) {
    moved = moved || b.device_moved;
    fmt::print(
        "{:>4} {:>9.2f} {:>9.2f} {:>7.1f} {:>6} {:>8} {:>7} {:>6} {:>6} {:>6} {:>5} {:>18} {:>4}\n",
        ++i, b.start_s, b.end_s, b.duration_s, b.steps, Num(b.cadence_spm, 1),
        Num(b.step_time_mean_s, 3), Num(100 * b.step_time_cv, 1), Num(b.step_regularity, 2),
        Num(b.stride_regularity, 2), Num(b.symmetry, 2),
        fmt::format("{}{} ({:.2f})", DirectionName(b.direction), b.device_moved ? "*" : "",
                    b.direction_confidence),
        b.stumbles());
  }
  if (moved) {
    fmt::print(
        "* the device was moved (its orientation changed since the warm-up): judged against the "
        "warm-up in its new position, which is less sure; after moving it, walk forward first\n");
  }
  fmt::print("\ntotal       {} steps in {} bout{}, walking {:.1f} s\n", a.steps, a.bouts.size(),
             a.bouts.size() == 1 ? "" : "s", a.walking_s);
  fmt::print("backward    {} steps, {:.1f} s\n", a.backward_steps, a.backward_s);
  // Live (provisional) directions, as a live face would have shown them.
  if (!a.direction_events.empty()) {
    int first = 0, changes = 0;
    double latency = 0;
    for (std::size_t k = 0; k < a.direction_events.size(); ++k) {
      const DirectionEvent& e = a.direction_events[k];
      if (k == 0 || e.bout_start_s != a.direction_events[k - 1].bout_start_s) {
        ++first;
        latency += e.decided_at_s - e.bout_start_s;
      } else {
        ++changes;
      }
    }
    fmt::print("live        {} bout{} decided {:.1f} s after the first step (mean), {} change{}\n",
               first, first == 1 ? "" : "s", latency / first, changes, changes == 1 ? "" : "s");
  }
}

Status WriteStepsCsv(const std::string& path, const Analysis& a) {
  std::ofstream out(path);
  if (!out) return Status::IoError(path + ": cannot open for writing");
  out << "t_s,bout,direction\n";
  int i = 0;
  for (const Bout& b : a.bouts) {
    ++i;
    for (double t : b.step_times_s) {
      out << fmt::format("{:.3f},{},{}\n", t, i, DirectionName(b.direction));
    }
  }
  out.close();
  if (!out) return Status::IoError(path + ": write failed");
  return Status::Ok();
}

int RunAnalyze(const AnalyzeArgs& args) {
  auto read_options = ToReadOptions(args.read);
  if (!read_options.ok()) return ReportError(read_options.status());
  const std::string preset =
      args.preset.empty() ? std::string(DefaultEnginePreset(args.session)) : args.preset;
  auto engine = EnginePreset(preset);
  if (!engine) {
    return ReportError(
        fmt::format("unknown --preset '{}' (one of: {})", preset, kEnginePresetNames));
  }
  auto opened = OpenRecording(args.file, *read_options);
  if (!opened.ok()) return ReportError(opened.status());
  Progress progress(args.file);
  AnalysisOptions options;
  options.engine = *engine;
  ApplyStepLookahead(args.step_lookahead_s, options.engine);
  ApplyOnsetLookahead(args.onset_lookahead_s, options.engine);
  options.progress = [&progress](std::size_t samples, double) { progress.Update(samples); };
  options.direction = DirectionStage(args.session);
  auto result = AnalyzeStream(**opened, options);
  if (!result.ok()) return ReportError(result.status());
  Analysis& a = *result;
  if (a.file.empty()) a.file = args.file;
  if (!args.placement.empty()) a.placement = args.placement;
  if (!args.steps_csv.empty()) {
    if (Status s = WriteStepsCsv(args.steps_csv, a); !s.ok()) return ReportError(s);
  }
  if (args.json) {
    fmt::print("{}\n", AnalysisToJson(a).dump(2));
  } else {
    PrintTable(a);
  }
  if (a.bouts.empty() && args.json) std::fprintf(stderr, "retrowalk: no walking found: 0 steps\n");
  if (args.session && !a.has_gyro) {
    std::fprintf(stderr,
                 "retrowalk: %s has no gyroscope: session mode calls the first bout (the warm-up) "
                 "forward and later bouts unknown (docs/direction.md, Round 5)\n",
                 a.file.c_str());
  }
  return kExitOk;
}

void AddAnalyzeCommand(CLI::App& app, Runner& run) {
  auto args = std::make_shared<AnalyzeArgs>();
  CLI::App* sub = app.add_subcommand(
      "analyze",
      "Find walking bouts and steps in a recording (any placement and orientation) and report "
      "per bout: steps, cadence, step time and its variability, regularity and symmetry, "
      "direction, stumbles.");
  sub->add_option("FILE", args->file, "Recording: a file or an Oxford step folder")->required();
  sub->add_option("--format", args->read.format, kFormatFlagHelp);
  sub->add_option("--placement", args->placement,
                  "Where the sensor was worn (recorded in the output; the engine needs no "
                  "orientation): e.g. lower-back, front-pocket, hand, armband, bag");
  sub->add_option("--preset", args->preset,
                  fmt::format("Engine parameters: {} (default healthy; impaired with --session)",
                              kEnginePresetNames));
  AddStepLookaheadFlag(sub, args->step_lookahead_s);
  AddOnsetLookaheadFlag(sub, args->onset_lookahead_s);
  sub->add_flag("--json", args->json, "Print one JSON object instead of a table");
  sub->add_flag("--session", args->session,
                "The recording is a retro-walking session that starts with forward walking: "
                "learn this wearer's forward signature from the first bout and call later bouts "
                "forward or backward relative to it (default: standalone, which never assumes "
                "forward and answers 'unknown' rather than guess)");
  sub->add_option("--steps-csv", args->steps_csv, "Write every step (t_s,bout,direction) here");
  sub->add_option("--columns", args->read.columns, kColumnsFlagHelp);
  sub->add_option("--time-unit", args->read.time_unit, kTimeUnitFlagHelp)->capture_default_str();
  sub->add_option("--acc-unit", args->read.acc_unit, kAccUnitFlagHelp)->capture_default_str();
  sub->add_option("--gyro-unit", args->read.gyro_unit, kGyroUnitFlagHelp)->capture_default_str();
  SetRunner(sub, run, [args] { return RunAnalyze(*args); });
}

}  // namespace

RETROWALK_REGISTER_COMMAND(20, &AddAnalyzeCommand);

}  // namespace retrowalk::cli
