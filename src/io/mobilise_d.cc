// Mobilise-D example data (mobgap), converted to CSV:
//   *_lowerback_imu.csv: sample,t_s,acc_x_g,acc_y_g,acc_z_g,gyr_x_dps,gyr_y_dps,gyr_z_dps
//   *_ref_INDIP_initial_contacts.csv: wb_id,wb_start_s,wb_end_s,ic_time_s,ic_sample_100hz,side
// Initial contacts become steps; each walking bout (wb_id) one walking_bout.
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "io/csv_sample_reader.h"
#include "io/dataset_readers.h"
#include "io/field_parsing.h"
#include "io/input_error.h"

namespace retrowalk {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kImuSuffix = "_lowerback_imu.csv";
constexpr std::string_view kRefSuffix = "_ref_INDIP_initial_contacts.csv";
constexpr std::string_view kRefHeader = "wb_id,wb_start_s,wb_end_s,ic_time_s,ic_sample_100hz,side";

Status ReadReference(const std::string& path, std::vector<Annotation>& out, std::size_t& missing) {
  auto opened = io::LineReader::OpenFile(path, path);
  if (!opened.ok()) return opened.status();
  io::LineReader& lines = **opened;
  std::string_view line;
  if (!lines.Next(line) || line.substr(0, kRefHeader.size()) != kRefHeader) {
    if (!lines.status().ok()) return lines.status();
    return io::InputError(path, 1, 1, fmt::format("a header '{}'", kRefHeader), line);
  }
  std::set<long long> bouts_seen;
  std::vector<Annotation> bouts, steps;
  while (lines.Next(line)) {
    if (line.empty()) continue;
    auto f = io::SplitFields(line, ',');
    RETROWALK_RETURN_IF_ERROR(io::RequireFields(lines, line, f, 4, kRefHeader));
    auto wb = io::FieldInteger(lines, f[0], "wb_id");
    auto start = io::FieldDouble(lines, f[1], "wb_start_s");
    auto end = io::FieldDouble(lines, f[2], "wb_end_s");
    for (const Status* st : {&wb.status(), &start.status(), &end.status()}) {
      if (!st->ok()) return *st;
    }
    if (bouts_seen.insert(*wb).second) bouts.push_back({*start, *end, kBoutAnnotation});
    // The reference marks a contact it could not place as "nan": the bout
    // still had that step, but there is no time to give it.
    if (f[3].text == "nan" || f[3].text == "NaN") {
      ++missing;
      continue;
    }
    auto ic = io::FieldDouble(lines, f[3], "ic_time_s");
    if (!ic.ok()) return ic.status();
    steps.push_back({*ic, *ic, kStepAnnotation});
  }
  RETROWALK_RETURN_IF_ERROR(lines.status());
  out.insert(out.end(), bouts.begin(), bouts.end());
  out.insert(out.end(), steps.begin(), steps.end());
  return Status::Ok();
}

}  // namespace

Result<Recording> ReadMobiliseD(const std::string& csv_path) {
  auto opened = io::LineReader::OpenFile(csv_path, csv_path);
  if (!opened.ok()) return opened.status();
  std::unique_ptr<io::LineReader> lines = std::move(opened.value());
  std::string_view line;
  if (!lines->Next(line)) {
    if (!lines->status().ok()) return lines->status();
    return io::InputErrorAt(csv_path, 1, 1, "a header 'sample,t_s,acc_x_g,...'", "end of file");
  }
  RETROWALK_RETURN_IF_ERROR(io::CheckDelimiter(line, ',', *lines));
  io::HeaderFields fields = io::SplitHeader(line, ',');
  io::CsvLayout layout;
  layout.names = fields.names;
  layout.roles.assign(fields.names.size(), io::Role::kSkip);
  layout.acc_scale = kStandardGravity;
  layout.gyro_scale = static_cast<float>(M_PI / 180.0);
  const std::pair<const char*, io::Role> kColumns[] = {
      {"t_s", io::Role::kTime},        {"acc_x_g", io::Role::kAccX},
      {"acc_y_g", io::Role::kAccY},    {"acc_z_g", io::Role::kAccZ},
      {"gyr_x_dps", io::Role::kGyroX}, {"gyr_y_dps", io::Role::kGyroY},
      {"gyr_z_dps", io::Role::kGyroZ}};
  for (const auto& [name, role] : kColumns) {
    int i = io::FindField(fields, name);
    if (i < 0) {
      return io::InputError(csv_path, 1, 1, fmt::format("a column '{}' in the header", name), line);
    }
    layout.roles[static_cast<std::size_t>(i)] = role;
  }

  Recording header;
  header.format = "mobilise-d";
  header.metadata.Set("source", "mobilise-d");
  // HA001_TimeMeasure1_Test11_Trial1_lowerback_imu.csv
  std::string stem = fs::path(csv_path).filename().string();
  std::vector<std::string> parts;
  for (std::size_t pos = 0; pos <= stem.size();) {
    std::size_t us = stem.find('_', pos);
    if (us == std::string::npos) us = stem.size();
    parts.push_back(stem.substr(pos, us - pos));
    pos = us + 1;
  }
  if (parts.size() >= 4) {
    header.metadata.Set("subject", parts[0]);
    header.metadata.Set("test", parts[2]);
    header.metadata.Set("trial", parts[3]);
  }
  header.metadata.Set("placement", "lower-back");
  header.metadata.Set("file", csv_path);

  io::CsvSampleReader reader(std::move(lines), std::move(layout), std::move(header));
  auto recording = io::ReadAll(reader);
  if (!recording.ok()) return recording.status();
  Recording r = std::move(recording.value());

  if (csv_path.size() > kImuSuffix.size() &&
      std::string_view(csv_path).substr(csv_path.size() - kImuSuffix.size()) == kImuSuffix) {
    std::string ref =
        csv_path.substr(0, csv_path.size() - kImuSuffix.size()) + std::string(kRefSuffix);
    std::error_code ec;
    if (fs::is_regular_file(ref, ec)) {
      std::size_t missing = 0;
      RETROWALK_RETURN_IF_ERROR(ReadReference(ref, r.annotations, missing));
      r.metadata.Set("reference", "INDIP");
      if (missing > 0) r.metadata.Set("reference_contacts_without_time", std::to_string(missing));
    }
  }
  return r;
}

}  // namespace retrowalk
