// Sensor Logger (Kelvin Choi; iOS and Android) zip/folder exports.
//
// Verified against the app's documentation (github.com/tszheichoi/
// awesome-sensor-logger, UNITS.md and CROSSPLATFORM.md):
//  - every sensor CSV: time (ns since epoch), seconds_elapsed, then z, y, x;
//  - Accelerometer.csv is acceleration WITHOUT gravity (m/s²);
//    TotalAcceleration.csv (Android) includes gravity; iOS logs only
//    Accelerometer.csv, so acceleration with gravity = Accelerometer + Gravity;
//  - Gravity.csv and Gyroscope.csv are m/s² and rad/s on both platforms;
//  - iOS acceleration and gravity have the opposite sign to Android's in all
//    three axes unless "Standardise Units & Frames" is on (Metadata.csv column
//    "standardisation"). retrowalk uses Android's convention (a phone lying
//    face up reads +9.81 m/s² on z), so iOS values are negated.
// seconds_elapsed is the time base (it may start below zero: the app buffers).
#include <fmt/format.h>

#include "io/csv_sample_reader.h"
#include "io/export_source.h"
#include "io/field_parsing.h"
#include "io/input_error.h"
#include "io/phone_exports.h"
#include "io/stream_merge.h"

namespace retrowalk {

namespace {

using io::ExportSource;
using io::Role;

enum class Channel { kAcceleration, kGyro };

// Reads one sensor CSV (time,seconds_elapsed,z,y,x in any order) into samples.
Result<Recording> ReadStream(const ExportSource& source, const std::string& member,
                             Channel channel) {
  auto opened = source.OpenMember(member);
  if (!opened.ok()) return opened.status();
  std::unique_ptr<io::LineReader> lines = std::move(opened.value());
  std::string_view line;
  if (!lines->Next(line)) {
    if (!lines->status().ok()) return lines->status();
    return io::InputErrorAt(lines->name(), 1, 1, "a header 'time,seconds_elapsed,z,y,x'",
                            "end of file");
  }
  RETROWALK_RETURN_IF_ERROR(io::CheckDelimiter(line, ',', *lines));
  io::HeaderFields fields = io::SplitHeader(line, ',');
  io::CsvLayout layout;
  layout.names = fields.names;
  layout.roles.assign(fields.names.size(), Role::kSkip);
  const bool acc = channel == Channel::kAcceleration;
  const std::pair<const char*, Role> kColumns[] = {{"seconds_elapsed", Role::kTime},
                                                   {"x", acc ? Role::kAccX : Role::kGyroX},
                                                   {"y", acc ? Role::kAccY : Role::kGyroY},
                                                   {"z", acc ? Role::kAccZ : Role::kGyroZ}};
  for (const auto& [name, role] : kColumns) {
    int i = io::FindField(fields, name);
    if (i < 0) {
      return io::InputError(lines->name(), 1, 1, fmt::format("a column '{}' in the header", name),
                            line);
    }
    layout.roles[static_cast<std::size_t>(i)] = role;
  }
  Recording header;
  io::CsvSampleReader reader(std::move(lines), std::move(layout), std::move(header));
  return io::ReadAll(reader);
}

// Metadata.csv: one header row and one value row.
void ReadMetadata(const ExportSource& source, Metadata& m, bool& ios_frame) {
  ios_frame = false;
  std::string member = source.Find("Metadata.csv");
  if (member.empty()) return;
  auto opened = source.OpenMember(member);
  if (!opened.ok()) return;
  std::string_view head, values;
  if (!(*opened)->Next(head)) return;
  std::string head_copy(head);
  if (!(*opened)->Next(values)) return;
  io::HeaderFields keys = io::SplitHeader(head_copy, ',');
  io::HeaderFields vals = io::SplitHeader(values, ',');
  auto get = [&](std::string_view key) -> std::string {
    int i = io::FindField(keys, key);
    return i >= 0 && static_cast<std::size_t>(i) < vals.names.size()
               ? vals.names[static_cast<std::size_t>(i)]
               : "";
  };
  std::string platform = get("platform");
  std::string standardised = get("standardisation");
  if (!get("device name").empty()) m.Set("device", get("device name"));
  if (!platform.empty()) m.Set("platform", platform);
  if (!get("appVersion").empty()) m.Set("app_version", get("appVersion"));
  if (!get("recording time").empty()) m.Set("recording_time", get("recording time"));
  if (!standardised.empty()) m.Set("standardisation", standardised);
  std::string p = platform;
  for (char& c : p) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  ios_frame = p == "ios" && standardised != "true";
}

// Annotation.csv: time,seconds_elapsed,text,millisecond_press_duration.
Status ReadAnnotations(const ExportSource& source, std::vector<Annotation>& out) {
  std::string member = source.Find("Annotation.csv");
  if (member.empty()) return Status::Ok();
  auto opened = source.OpenMember(member);
  if (!opened.ok()) return opened.status();
  io::LineReader& lines = **opened;
  std::string_view line;
  if (!lines.Next(line)) return lines.status();
  while (lines.Next(line)) {
    if (line.empty()) continue;
    auto f = io::SplitFields(line, ',');
    RETROWALK_RETURN_IF_ERROR(io::RequireFields(lines, line, f, 3, "time,seconds_elapsed,text"));
    auto t = io::FieldDouble(lines, f[1], "seconds_elapsed");
    if (!t.ok()) return t.status();
    // The text may itself contain commas: everything between the second and
    // the last comma (the press duration follows it).
    std::size_t start = f[2].column - 1;
    std::size_t stop = f.size() >= 4 ? f.back().column - 2 : line.size();
    std::string text(line.substr(start, stop - start));
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
      text = text.substr(1, text.size() - 2);
    }
    out.push_back({*t, *t, text.empty() ? "annotation" : text});
  }
  return lines.status();
}

}  // namespace

Result<Recording> ReadSensorLogger(const std::string& path) {
  auto opened = ExportSource::Open(path);
  if (!opened.ok()) return opened.status();
  const ExportSource& source = **opened;

  Recording r;
  r.format = "sensor-logger";
  r.metadata.Set("source", "sensor-logger");
  bool ios_frame = false;
  ReadMetadata(source, r.metadata, ios_frame);
  r.metadata.Set("file", path);

  const std::string total = source.Find("TotalAcceleration.csv");
  const std::string user = source.Find("Accelerometer.csv");
  const std::string gravity = source.Find("Gravity.csv");
  std::size_t dropped = 0;
  if (!total.empty()) {
    auto acc = ReadStream(source, total, Channel::kAcceleration);
    if (!acc.ok()) return acc.status();
    r.samples = std::move(acc->samples);
    dropped += acc->dropped_duplicates;
  } else if (!user.empty() && !gravity.empty()) {
    auto acc = ReadStream(source, user, Channel::kAcceleration);
    if (!acc.ok()) return acc.status();
    auto g = ReadStream(source, gravity, Channel::kAcceleration);
    if (!g.ok()) return g.status();
    r.samples = std::move(acc->samples);
    io::AddGravity(r.samples, g->samples);
    dropped += acc->dropped_duplicates + g->dropped_duplicates;
    if (ios_frame) {
      for (Sample& s : r.samples) s.acc_mps2 = s.acc_mps2 * -1.0f;
    }
    r.metadata.Set("acceleration", "Accelerometer + Gravity");
  } else {
    return io::FileError(path,
                         "TotalAcceleration.csv, or Accelerometer.csv with Gravity.csv "
                         "(acceleration must include gravity)",
                         source.MemberList());
  }
  const std::string gyro = source.Find("Gyroscope.csv");
  if (!gyro.empty()) {
    auto g = ReadStream(source, gyro, Channel::kGyro);
    if (!g.ok()) return g.status();
    io::MergeGyro(r.samples, g->samples);
    r.has_gyro = true;
    dropped += g->dropped_duplicates;
  }
  r.dropped_duplicates = dropped;
  RETROWALK_RETURN_IF_ERROR(ReadAnnotations(source, r.annotations));
  return r;
}

}  // namespace retrowalk
