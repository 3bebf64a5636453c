// Oxford step-counter folders: <Phone>_<User>_<Surface>_<Position>_<n>/ with
//   accelerometer.csv  timestamp_ns,accuracy,ax,ay,az   (m/s², no header)
//   stepcounter.csv    timestamp_ns,foot1,foot2         (foot switches, ~10 Hz)
//   metadata.txt       "accelerometer : <sensor name>"
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "io/csv_sample_reader.h"
#include "io/dataset_readers.h"
#include "io/field_parsing.h"
#include "io/input_error.h"

namespace retrowalk {

namespace {

namespace fs = std::filesystem;

// Positions as the data set names them -> the project's placement names.
std::string PlacementFor(std::string position) {
  for (char& c : position) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::map<std::string, std::string> kPlacements = {{"inhand", "hand"},
                                                                 {"frontpocket", "front-pocket"},
                                                                 {"backpocket", "back-pocket"},
                                                                 {"armband", "armband"},
                                                                 {"neckpouch", "neck-pouch"},
                                                                 {"purse", "bag"},
                                                                 {"swingingarm", "swinging-arm"}};
  auto it = kPlacements.find(position);
  return it == kPlacements.end() ? position : it->second;
}

void SetMetadataFromName(const std::string& name, Metadata& m) {
  std::vector<std::string> parts;
  std::stringstream ss(name);
  for (std::string part; std::getline(ss, part, '_');) parts.push_back(part);
  if (parts.size() != 5) return;  // not the data set's naming: keep what we know
  m.Set("device", parts[0]);
  m.Set("subject", parts[1]);
  std::string surface = parts[2];
  for (char& c : surface) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  m.Set("surface", surface);
  m.Set("placement", PlacementFor(parts[3]));
  m.Set("trial", parts[4]);
}

// Each 0->1 change of either foot switch is one step at that row's time.
Status ReadSteps(const std::string& path, double origin_ns, std::vector<Annotation>& out) {
  auto opened = io::LineReader::OpenFile(path, path);
  if (!opened.ok()) return opened.status();
  io::LineReader& lines = **opened;
  std::string_view line;
  bool have_previous = false;
  long long previous[2] = {0, 0};
  while (lines.Next(line)) {
    if (line.empty()) continue;
    auto fields = io::SplitFields(line, ',');
    RETROWALK_RETURN_IF_ERROR(
        io::RequireFields(lines, line, fields, 3, "timestamp_ns,foot1,foot2"));
    auto t = io::FieldInteger(lines, fields[0], "timestamp_ns");
    if (!t.ok()) return t.status();
    long long foot[2];
    for (int k = 0; k < 2; ++k) {
      auto f = io::FieldInteger(lines, fields[1 + k], k == 0 ? "foot1" : "foot2");
      if (!f.ok()) return f.status();
      foot[k] = *f;
    }
    if (have_previous) {
      const double t_s = (static_cast<double>(*t) - origin_ns) / 1e9;
      for (int k = 0; k < 2; ++k) {
        if (previous[k] == 0 && foot[k] == 1) out.push_back({t_s, t_s, kStepAnnotation});
      }
    }
    previous[0] = foot[0];
    previous[1] = foot[1];
    have_previous = true;
  }
  return lines.status();
}

}  // namespace

Result<Recording> ReadOxfordStep(const std::string& folder) {
  const fs::path dir(folder);
  const std::string acc_path = (dir / "accelerometer.csv").string();
  const std::string steps_path = (dir / "stepcounter.csv").string();
  auto opened = io::LineReader::OpenFile(acc_path, acc_path);
  if (!opened.ok()) return opened.status();

  Recording header;
  header.format = "oxford-step";
  header.metadata.Set("source", "oxford-step");
  std::string name = dir.filename().string();
  if (name.empty()) name = dir.parent_path().filename().string();  // "folder/"
  SetMetadataFromName(name, header.metadata);
  header.metadata.Set("file", folder);
  {
    std::ifstream meta(dir / "metadata.txt");
    std::string text;
    if (meta && std::getline(meta, text)) {
      auto colon = text.find(':');
      if (colon != std::string::npos) {
        std::string sensor = text.substr(colon + 1);
        while (!sensor.empty() && (sensor.front() == ' ')) sensor.erase(0, 1);
        while (!sensor.empty() && (sensor.back() == ' ' || sensor.back() == '\r'))
          sensor.pop_back();
        header.metadata.Set("sensor", sensor);
      }
    }
  }

  io::CsvLayout layout;
  layout.names = {"timestamp_ns", "accuracy", "ax", "ay", "az"};
  layout.roles = {io::Role::kTime, io::Role::kSkip, io::Role::kAccX, io::Role::kAccY,
                  io::Role::kAccZ};
  layout.time_units_per_s = 1e9;
  layout.rebase_time = true;
  io::CsvSampleReader reader(std::move(opened.value()), std::move(layout), std::move(header));
  auto recording = io::ReadAll(reader);
  if (!recording.ok()) return recording.status();
  Recording r = std::move(recording.value());
  r.metadata.Set("start_time_ns", fmt::format("{:.0f}", reader.raw_time_origin()));

  std::error_code ec;
  if (!fs::is_regular_file(steps_path, ec)) {
    return io::FileError(folder, "a stepcounter.csv beside accelerometer.csv", "none");
  }
  RETROWALK_RETURN_IF_ERROR(ReadSteps(steps_path, reader.raw_time_origin(), r.annotations));
  return r;
}

}  // namespace retrowalk
