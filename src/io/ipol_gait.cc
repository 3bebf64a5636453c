// IPOL gait data set: Xsens text exports and their footstep annotations.
//   line 1: "Acquisition frequency: 100 Hz"
//   line 2: PacketCounter<TAB>Acc_X ... Gyr_X ... Mag_X ...  (m/s², rad/s)
// Sample indices in the JSON count packets, so time = PacketCounter / f:
// dropped packets leave gaps rather than shifting later annotations.
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "io/csv_sample_reader.h"
#include "io/dataset_readers.h"
#include "io/input_error.h"

namespace retrowalk {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct TrialName {
  std::string base;                    // ".../1-2"
  std::string subject, trial, sensor;  // "1", "2", "lb"
};

TrialName ParseName(const std::string& path) {
  TrialName n;
  fs::path p(path);
  std::string stem = p.stem().string();  // "1-2_lb"
  auto us = stem.rfind('_');
  std::string trial_part = us == std::string::npos ? stem : stem.substr(0, us);
  n.sensor = us == std::string::npos ? "" : stem.substr(us + 1);
  n.base = (p.parent_path() / trial_part).string();
  auto dash = trial_part.find('-');
  if (dash != std::string::npos) {
    n.subject = trial_part.substr(0, dash);
    n.trial = trial_part.substr(dash + 1);
  }
  return n;
}

// The data set's JSON was written by Python, which spells a missing value
// NaN (e.g. an unknown weight): not JSON. Such bare tokens become null.
std::string NanToNull(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) {
        out += text[++i];
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    if (text.compare(i, 3, "NaN") == 0) {
      out += "null";
      i += 2;
      continue;
    }
    if (text.compare(i, 9, "-Infinity") == 0 || text.compare(i, 8, "Infinity") == 0) {
      out += "null";
      i += text[i] == '-' ? 8 : 7;
      continue;
    }
    out += c;
  }
  return out;
}

Status AddAnnotations(const std::string& json_path, double frequency_hz, Recording& r) {
  std::ifstream in(json_path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  json doc = json::parse(NanToNull(text), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return io::FileError(json_path, "a JSON object (IPOL trial metadata)", "invalid JSON");
  }
  auto index_time = [&](const json& v, double& t) {
    if (!v.is_number()) return false;
    t = v.get<double>() / frequency_hz;
    return true;
  };
  auto pair_times = [&](const json& v, double& a, double& b) {
    return v.is_array() && v.size() == 2 && index_time(v[0], a) && index_time(v[1], b);
  };
  std::vector<Annotation> steps;
  for (const char* key : {"LeftFootEvents", "RightFootEvents"}) {
    if (!doc.contains(key)) continue;
    const json& events = doc[key];
    if (!events.is_array()) {
      return io::FileError(json_path, fmt::format("'{}' to be a list of [start, end]", key),
                           "something else");
    }
    for (const json& e : events) {
      double start = 0, end = 0;
      if (!pair_times(e, start, end)) {
        return io::FileError(json_path, fmt::format("'{}' entries [start, end]", key),
                             io::QuoteForMessage(e.dump()));
      }
      // A footstep spans toe-off to heel strike; the step lands at its end.
      steps.push_back({end, end, kStepAnnotation});
    }
  }
  std::sort(steps.begin(), steps.end(),
            [](const Annotation& a, const Annotation& b) { return a.start_s < b.start_s; });
  double a = 0, b = 0;
  if (doc.contains("TrialBoundaries") && pair_times(doc["TrialBoundaries"], a, b)) {
    r.annotations.push_back({a, b, kBoutAnnotation});
  }
  if (doc.contains("UTurnBoundaries") && pair_times(doc["UTurnBoundaries"], a, b)) {
    r.annotations.push_back({a, b, "u_turn"});
  }
  r.annotations.insert(r.annotations.end(), steps.begin(), steps.end());

  auto set_number = [&](const char* key, const char* meta_key) {
    if (doc.contains(key) && doc[key].is_number()) {
      r.metadata.Set(meta_key, fmt::format("{}", doc[key].get<double>()));
    }
  };
  set_number("Age", "age_years");
  set_number("Height", "height_cm");
  set_number("Weight", "weight_kg");
  if (doc.contains("Gender") && doc["Gender"].is_string()) {
    r.metadata.Set("sex", doc["Gender"].get<std::string>());
  }
  return Status::Ok();
}

}  // namespace

Result<Recording> ReadIpolGait(const std::string& txt_path) {
  auto opened = io::LineReader::OpenFile(txt_path, txt_path);
  if (!opened.ok()) return opened.status();
  std::unique_ptr<io::LineReader> lines = std::move(opened.value());
  std::string_view line;
  constexpr std::string_view kFrequency = "Acquisition frequency:";
  if (!lines->Next(line)) {
    if (!lines->status().ok()) return lines->status();
    return io::InputErrorAt(txt_path, 1, 1, "'Acquisition frequency: <f> Hz'", "end of file");
  }
  double frequency_hz = 0;
  {
    bool ok = line.substr(0, kFrequency.size()) == kFrequency;
    if (ok) {
      std::string_view rest = line.substr(kFrequency.size());
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), frequency_hz);
      ok = ec == std::errc{} && frequency_hz > 0 && frequency_hz < 100000;
    }
    if (!ok) return io::InputError(txt_path, 1, 1, "'Acquisition frequency: <f> Hz'", line);
  }
  if (!lines->Next(line)) {
    if (!lines->status().ok()) return lines->status();
    return io::InputErrorAt(txt_path, 2, 1, "a tab-separated header 'PacketCounter Acc_X ...'",
                            "end of file");
  }
  RETROWALK_RETURN_IF_ERROR(io::CheckDelimiter(line, '\t', *lines));
  io::HeaderFields fields = io::SplitHeader(line, '\t');
  io::CsvLayout layout;
  layout.delimiter = '\t';
  layout.names = fields.names;
  layout.roles.assign(fields.names.size(), io::Role::kSkip);
  layout.time_units_per_s = frequency_hz;
  const std::pair<const char*, io::Role> kColumns[] = {
      {"PacketCounter", io::Role::kTime}, {"Acc_X", io::Role::kAccX},  {"Acc_Y", io::Role::kAccY},
      {"Acc_Z", io::Role::kAccZ},         {"Gyr_X", io::Role::kGyroX}, {"Gyr_Y", io::Role::kGyroY},
      {"Gyr_Z", io::Role::kGyroZ}};
  for (const auto& [name, role] : kColumns) {
    int i = io::FindField(fields, name);
    if (i < 0) {
      return io::InputError(txt_path, 2, 1, fmt::format("a column '{}' in the header", name), line);
    }
    layout.roles[static_cast<std::size_t>(i)] = role;
  }

  TrialName name = ParseName(txt_path);
  Recording header;
  header.format = "ipol-gait";
  header.metadata.Set("source", "ipol-gait");
  if (!name.subject.empty()) header.metadata.Set("subject", name.subject);
  if (!name.trial.empty()) header.metadata.Set("trial", name.trial);
  if (name.sensor == "lb") header.metadata.Set("placement", "lower-back");
  if (name.sensor == "lf" || name.sensor == "rf") {
    header.metadata.Set("placement", "foot");
    header.metadata.Set("side", name.sensor == "lf" ? "left" : "right");
  }
  header.metadata.Set("device", "Xsens MTw Awinda");
  header.metadata.Set("rate_hz", fmt::format("{}", frequency_hz));
  header.metadata.Set("file", txt_path);

  io::CsvSampleReader reader(std::move(lines), std::move(layout), std::move(header));
  auto recording = io::ReadAll(reader);
  if (!recording.ok()) return recording.status();
  Recording r = std::move(recording.value());

  std::error_code ec;
  for (const std::string& json_path : {name.base + ".json", name.base + "_meta.json"}) {
    if (fs::is_regular_file(json_path, ec)) {
      RETROWALK_RETURN_IF_ERROR(AddAnnotations(json_path, frequency_hz, r));
      break;
    }
  }
  return r;
}

}  // namespace retrowalk
