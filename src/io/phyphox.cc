// phyphox (RWTH Aachen) CSV exports. Each sensor "set" is one CSV with a
// quoted header and its own time column:
//   "Time (s)","Acceleration x (m/s^2)","Acceleration y (m/s^2)","Acceleration z (m/s^2)"
//   "Time (s)","Gyroscope x (rad/s)","Gyroscope y (rad/s)","Gyroscope z (rad/s)"
// Files are called after the set (Accelerometer.csv, Gyroscope.csv) or
// "Raw Data.csv" for single-sensor experiments, so members are recognised by
// their header, not their name. "Linear Acceleration" (gravity removed) is
// refused: retrowalk needs acceleration with g.
#include <filesystem>

#include <fmt/format.h>

#include "io/csv_sample_reader.h"
#include "io/export_source.h"
#include "io/input_error.h"
#include "io/phone_exports.h"
#include "io/stream_merge.h"

namespace retrowalk {

namespace {

namespace fs = std::filesystem;
using io::Role;

constexpr const char* kTime = "Time (s)";
constexpr const char* kAccColumns[3] = {"Acceleration x (m/s^2)", "Acceleration y (m/s^2)",
                                        "Acceleration z (m/s^2)"};
constexpr const char* kGyroColumns[3] = {"Gyroscope x (rad/s)", "Gyroscope y (rad/s)",
                                         "Gyroscope z (rad/s)"};

enum class Kind { kOther, kAcceleration, kLinearAcceleration, kGyro };

// phyphox offers comma, tab and semicolon (decimal comma) exports; the last
// is recognised here only so that ReadSet can refuse it clearly.
char DelimiterOf(std::string_view header) {
  for (char d : {',', '\t', ';'}) {
    if (header.find(d) != std::string_view::npos) return d;
  }
  return ',';
}

Kind KindOf(std::string_view header) {
  io::HeaderFields f = io::SplitHeader(header, DelimiterOf(header));
  if (io::FindField(f, kTime) != 0) return Kind::kOther;
  if (io::FindField(f, kAccColumns[0]) >= 0) return Kind::kAcceleration;
  if (io::FindField(f, kGyroColumns[0]) >= 0) return Kind::kGyro;
  if (io::FindField(f, "Linear Acceleration x (m/s^2)") >= 0) return Kind::kLinearAcceleration;
  return Kind::kOther;
}

Result<Recording> ReadSet(std::unique_ptr<io::LineReader> lines, Kind kind) {
  std::string_view line;
  if (!lines->Next(line)) {
    if (!lines->status().ok()) return lines->status();
    return io::InputErrorAt(lines->name(), 1, 1, "a header '\"Time (s)\",...'", "end of file");
  }
  if (line.find(';') != std::string_view::npos) {
    // phyphox's "semicolon, decimal comma" export: 1,5 would be ambiguous.
    return io::InputError(lines->name(), 1, line.find(';') + 1,
                          "',' or tab delimiter (export as 'CSV (Comma, decimal point)')", ";");
  }
  const char delimiter = DelimiterOf(line);
  io::HeaderFields fields = io::SplitHeader(line, delimiter);
  io::CsvLayout layout;
  layout.delimiter = delimiter;
  layout.names = fields.names;
  layout.roles.assign(fields.names.size(), Role::kSkip);
  const bool acc = kind == Kind::kAcceleration;
  const char* const* names = acc ? kAccColumns : kGyroColumns;
  auto set_role = [&](const char* name, Role role) -> Status {
    int i = io::FindField(fields, name);
    if (i < 0) {
      return io::InputError(lines->name(), 1, 1, fmt::format("a column \"{}\" in the header", name),
                            line);
    }
    layout.roles[static_cast<std::size_t>(i)] = role;
    return Status::Ok();
  };
  RETROWALK_RETURN_IF_ERROR(set_role(kTime, Role::kTime));
  for (int k = 0; k < 3; ++k) {
    Role base = acc ? Role::kAccX : Role::kGyroX;
    RETROWALK_RETURN_IF_ERROR(set_role(names[k], static_cast<Role>(static_cast<int>(base) + k)));
  }
  io::CsvSampleReader reader(std::move(lines), std::move(layout), Recording{});
  return io::ReadAll(reader);
}

// phyphox's meta/device.csv: "property","value" rows.
void ReadDevice(const io::ExportSource& source, Metadata& m) {
  std::string member = source.Find("device.csv");
  if (member.empty()) return;
  auto opened = source.OpenMember(member);
  if (!opened.ok()) return;
  std::string brand, model;
  std::string_view line;
  while ((*opened)->Next(line)) {
    io::HeaderFields f = io::SplitHeader(line, DelimiterOf(line));
    if (f.names.size() < 2) continue;
    if (f.names[0] == "deviceBrand") brand = f.names[1];
    if (f.names[0] == "deviceModel") model = f.names[1];
  }
  std::string device = brand.empty() ? model : model.empty() ? brand : brand + " " + model;
  if (!device.empty()) m.Set("device", device);
}

}  // namespace

Result<Recording> ReadPhyphox(const std::string& path) {
  std::error_code ec;
  const bool single_file = fs::is_regular_file(path, ec) && !io::IsZipPath(path);
  std::string container = path;
  if (single_file) {
    container = io::ParentFolder(path);
  }
  auto opened = io::ExportSource::Open(container);
  if (!opened.ok()) return opened.status();
  const io::ExportSource& source = **opened;

  // Classify every CSV member by its header.
  std::string acc_member, gyro_member, linear_member;
  std::string given = single_file ? fs::relative(path, container, ec).generic_string() : "";
  for (const std::string& m : source.members()) {
    if (m.size() < 4 || m.substr(m.size() - 4) != ".csv") continue;
    Kind kind = KindOf(source.FirstLine(m));
    if (single_file && m != given && kind == Kind::kAcceleration) continue;  // the user chose
    if (kind == Kind::kAcceleration && acc_member.empty()) acc_member = m;
    if (kind == Kind::kGyro && gyro_member.empty()) gyro_member = m;
    if (kind == Kind::kLinearAcceleration && linear_member.empty()) linear_member = m;
  }
  if (acc_member.empty()) {
    std::string found =
        linear_member.empty()
            ? source.MemberList()
            : fmt::format("only '{}' (linear acceleration, gravity removed)", linear_member);
    return io::FileError(path,
                         "a phyphox \"Acceleration with g\" CSV (\"Time (s)\",\"Acceleration x "
                         "(m/s^2)\",...)",
                         found);
  }

  auto acc_lines = source.OpenMember(acc_member);
  if (!acc_lines.ok()) return acc_lines.status();
  auto acc = ReadSet(std::move(acc_lines.value()), Kind::kAcceleration);
  if (!acc.ok()) return acc.status();
  Recording r = std::move(acc.value());
  r.format = "phyphox";
  r.metadata.Set("source", "phyphox");
  ReadDevice(source, r.metadata);
  r.metadata.Set("file", path);
  if (!gyro_member.empty()) {
    auto gyro_lines = source.OpenMember(gyro_member);
    if (!gyro_lines.ok()) return gyro_lines.status();
    auto gyro = ReadSet(std::move(gyro_lines.value()), Kind::kGyro);
    if (!gyro.ok()) return gyro.status();
    io::MergeGyro(r.samples, gyro->samples);
    r.has_gyro = true;
    r.dropped_duplicates += gyro->dropped_duplicates;
  }
  return r;
}

}  // namespace retrowalk
