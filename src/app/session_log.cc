#include "app/session_log.h"

#include "app/plan_json_io.h"

namespace retrowalk::app {

using nlohmann::json;
using training::LogEntry;

json LogEntryToJson(const LogEntry& e) {
  json j = {{"date", training::FormatDate(e.date)},
            {"session", e.session_index + 1},
            {"backward_minutes", e.backward_minutes},
            {"rpe", e.rpe},
            {"pain", e.pain},
            {"stumbles", e.stumbles}};
  if (e.backward_steps) j["backward_steps"] = *e.backward_steps;
  if (e.backward_cadence_spm) j["backward_cadence_spm"] = *e.backward_cadence_spm;
  if (e.backward_speed_mps) j["backward_speed_mps"] = *e.backward_speed_mps;
  if (!e.note.empty()) j["note"] = e.note;
  return j;
}

Result<std::vector<LogEntry>> LogFromJson(const json& value, std::string_view file) {
  auto root = JsonObject::From(value, std::string(file));
  if (!root.ok()) return root.status();
  auto format = root->String("format");
  if (!format.ok()) return format.status();
  if (*format != kLogFormat)
    return Status::InvalidInput(root->Path("format") + ": expected \"" + std::string(kLogFormat) +
                                "\"");
  auto version = root->Integer("version", 1, 1);
  if (!version.ok()) return version.status();
  auto entries = root->Array("entries");
  if (!entries.ok()) return entries.status();
  std::vector<LogEntry> out;
  for (size_t k = 0; k < (*entries)->size(); ++k) {
    auto o =
        JsonObject::From((**entries)[k], root->Path("entries") + "[" + std::to_string(k) + "]");
    if (!o.ok()) return o.status();
    LogEntry e;
    auto date = o->String("date");
    if (!date.ok()) return date.status();
    auto d = training::ParseDate(*date);
    if (!d.ok()) return Status::InvalidInput(o->Path("date") + ": " + d.status().message());
    e.date = *d;
    auto session = o->Integer("session", 1, 100000);
    if (!session.ok()) return session.status();
    e.session_index = *session - 1;
    auto minutes = o->Number("backward_minutes", 0, 1440);
    if (!minutes.ok()) return minutes.status();
    e.backward_minutes = *minutes;
    auto rpe = o->Integer("rpe", training::kMinRpe, training::kMaxRpe);
    if (!rpe.ok())
      return Status::InvalidInput(rpe.status().message() + " (RPE is the Borg 6-20 scale)");
    e.rpe = *rpe;
    auto pain = o->Integer("pain", 0, training::kMaxPain);
    if (!pain.ok()) return pain.status();
    e.pain = *pain;
    if (o->Has("stumbles")) {
      auto s = o->Integer("stumbles", 0, 1000);
      if (!s.ok()) return s.status();
      e.stumbles = *s;
    }
    if (o->Has("backward_steps")) {
      auto s = o->Integer("backward_steps", 0, 1000000);
      if (!s.ok()) return s.status();
      e.backward_steps = *s;
    }
    if (o->Has("backward_cadence_spm")) {
      auto s = o->Number("backward_cadence_spm", 0, 300);
      if (!s.ok()) return s.status();
      e.backward_cadence_spm = *s;
    }
    if (o->Has("backward_speed_mps")) {
      auto s = o->Number("backward_speed_mps", 0, 5);
      if (!s.ok()) return s.status();
      e.backward_speed_mps = *s;
    }
    if (o->Has("note")) {
      auto s = o->String("note");
      if (!s.ok()) return s.status();
      e.note = *s;
    }
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::vector<LogEntry>> ReadLogFile(const std::string& path, bool missing_ok) {
  auto text = ReadTextFile(path);
  if (!text.ok()) {
    if (missing_ok && text.status().code() == Status::Code::kNotFound)
      return std::vector<LogEntry>{};
    return text.status();
  }
  auto j = ParseJsonText(*text, path);
  if (!j.ok()) return j.status();
  return LogFromJson(*j, path);
}

Status WriteLogFile(const std::string& path, const std::vector<LogEntry>& entries) {
  json j = {{"format", kLogFormat}, {"version", 1}, {"entries", json::array()}};
  for (const LogEntry& e : entries) j["entries"].push_back(LogEntryToJson(e));
  return WriteTextFileAtomically(path, j.dump(2) + "\n");
}

Status AppendToLogFile(const std::string& path, const LogEntry& entry) {
  RETROWALK_RETURN_IF_ERROR(training::ValidateLogEntry(entry));
  auto entries = ReadLogFile(path, /*missing_ok=*/true);
  if (!entries.ok()) return entries.status();
  entries->push_back(entry);
  return WriteLogFile(path, *entries);
}

}  // namespace retrowalk::app
