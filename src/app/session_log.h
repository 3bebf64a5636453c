// log.json: the walker's logged sessions, read by `next` and appended to by
// `session start`. Format (docs/training.md):
//   {"format": "retrowalk-log", "version": 1, "entries": [
//     {"date": "2026-11-23", "session": 1, "backward_minutes": 2, "rpe": 11,
//      "pain": 1, "stumbles": 0,
//      "backward_steps": 180, "backward_cadence_spm": 96, "backward_speed_mps": 0.4,
//      "note": "..."}]}
// "session" is the plan's 1-based session number; the measured fields
// (backward_*) are optional and come from an analysis of a recording.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "training/progression.h"

namespace retrowalk::app {

inline constexpr std::string_view kLogFormat = "retrowalk-log";

nlohmann::json LogEntryToJson(const training::LogEntry& entry);
Result<std::vector<training::LogEntry>> LogFromJson(const nlohmann::json& json,
                                                    std::string_view file);
// A missing file is an empty log when `missing_ok`.
Result<std::vector<training::LogEntry>> ReadLogFile(const std::string& path, bool missing_ok);
Status WriteLogFile(const std::string& path, const std::vector<training::LogEntry>& entries);
Status AppendToLogFile(const std::string& path, const training::LogEntry& entry);

}  // namespace retrowalk::app
