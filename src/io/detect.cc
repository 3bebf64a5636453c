#include "io/detect.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "io/export_source.h"
#include "io/input_error.h"
#include "io/line_reader.h"

namespace retrowalk::io {

namespace {

namespace fs = std::filesystem;

// Headers compared with any delimiter, so that a file with the wrong one is
// still recognised and its reader can say exactly what is wrong.
std::string Normalised(std::string_view line) {
  std::string out;
  for (char c : line) {
    if (c == ';' || c == '\t') c = ',';
    if (c == '"' || c == ' ') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Format of an export (folder or zip) from its members.
Result<Detected> DetectExport(const std::string& path) {
  auto source = ExportSource::Open(path);
  if (!source.ok()) return source.status();
  const ExportSource& s = **source;
  if (!s.Find("accelerometer.csv").empty() && !s.Find("stepcounter.csv").empty() &&
      !IsZipPath(path)) {
    return Detected{"oxford-step", path};
  }
  for (const char* member : {"TotalAcceleration.csv", "Accelerometer.csv", "Gyroscope.csv"}) {
    std::string m = s.Find(member);
    if (m.empty()) continue;
    std::string head = Normalised(s.FirstLine(m));
    if (StartsWith(head, "time,seconds_elapsed")) return Detected{"sensor-logger", path};
    if (StartsWith(head, "time(s)")) return Detected{"phyphox", path};
  }
  // phyphox names files after the experiment's sets ("Raw Data.csv", ...).
  for (const std::string& m : s.members()) {
    if (m.size() > 4 && m.substr(m.size() - 4) == ".csv" &&
        StartsWith(Normalised(s.FirstLine(m)), "time(s)")) {
      return Detected{"phyphox", path};
    }
  }
  return FileError(
      path,
      "an Oxford step folder (accelerometer.csv, stepcounter.csv), a Sensor Logger "
      "export (Accelerometer.csv or TotalAcceleration.csv with 'time,seconds_elapsed') "
      "or a phyphox export (Accelerometer.csv with \"Time (s)\")",
      fmt::format("{}", s.MemberList()));
}

}  // namespace

Result<Detected> DetectFormat(const std::string& path, const ReadOptions& options) {
  std::error_code ec;
  if (!options.format.empty()) {
    auto known = KnownFormats();
    if (std::find(known.begin(), known.end(), options.format) == known.end()) {
      std::string list;
      for (const auto& f : known) list += (list.empty() ? "" : ", ") + f;
      return Status::InvalidInput(fmt::format("expected --format one of {}, found {}", list,
                                              QuoteForMessage(options.format)));
    }
    std::string target = path;
    // Oxford recordings are folders; accept a file inside one too.
    if (options.format == "oxford-step" && fs::is_regular_file(path, ec)) {
      target = ParentFolder(path);
    }
    return Detected{options.format, target};
  }
  if (!options.columns.empty()) return Detected{"generic-csv", path};

  if (!fs::exists(path, ec)) {
    return Status::NotFound(fmt::format("cannot open '{}': No such file or directory", path));
  }
  if (fs::is_directory(path, ec) || IsZipPath(path)) return DetectExport(path);

  auto opened = LineReader::OpenFile(path, path);
  if (!opened.ok()) return opened.status();
  LineReader& lines = **opened;
  std::string_view line;
  bool have = false;
  while (lines.Next(line)) {
    if (line.empty() || line.front() == '#') continue;  // metadata before a header
    have = true;
    break;
  }
  if (!lines.status().ok()) return lines.status();
  if (!have) {
    return InputErrorAt(path, lines.line_number() + 1, 1,
                        "a header line (e.g. 'time_s,acc_x_mps2,acc_y_mps2,acc_z_mps2')",
                        "end of file");
  }
  const std::string head = Normalised(line);
  const std::string name = Lower(fs::path(path).filename().string());
  const std::string parent = ParentFolder(path);
  if (StartsWith(line, "Acquisition frequency")) return Detected{"ipol-gait", path};
  if (StartsWith(head, "time_s,")) return Detected{"retrowalk-csv", path};
  if (StartsWith(head, "sample,t_s,acc_x_g")) return Detected{"mobilise-d", path};
  if (StartsWith(head, "time,seconds_elapsed")) return Detected{"sensor-logger", parent};
  if (StartsWith(head, "time(s)")) return Detected{"phyphox", path};
  if ((name == "accelerometer.csv" || name == "stepcounter.csv") &&
      fs::is_regular_file(fs::path(parent) / "stepcounter.csv", ec) && !line.empty() &&
      std::isdigit(static_cast<unsigned char>(line.front()))) {
    return Detected{"oxford-step", parent};
  }
  return InputError(path, lines.line_number(), 1,
                    "a known header ('time_s,acc_x_mps2,...' for retrowalk CSV, "
                    "'sample,t_s,acc_x_g,...' for Mobilise-D, 'time,seconds_elapsed,...' for "
                    "Sensor Logger, '\"Time (s)\",...' for phyphox); for other CSV files use "
                    "--columns, or name the format with --format",
                    line);
}

}  // namespace retrowalk::io
