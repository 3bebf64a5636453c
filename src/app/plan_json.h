// plan.json: the plan as the CLI writes it and `next` / `session start`
// read it back. Written with every rule's source beside it (for people and
// the web app); read back strictly (goal, level, setting, days, start and
// the sessions' intervals), so a hand-edited plan is checked, not trusted.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "training/screening.h"
#include "training/types.h"

namespace retrowalk::app {

inline constexpr std::string_view kPlanFormat = "retrowalk-plan";
inline constexpr int kPlanVersion = 1;

struct PlanExtras {
  double mass_kg = 70;  // for the per-session energy estimate
  // Absent when the walker was not screened.
  std::optional<training::ScreeningResult> screening;
};

nlohmann::json IntervalToJson(const training::Interval& interval);
nlohmann::json PlanToJson(const training::Plan& plan, const PlanExtras& extras);

// `file` names the source in error messages.
Result<training::Plan> PlanFromJson(const nlohmann::json& json, std::string_view file);
Result<training::Plan> ReadPlanFile(const std::string& path);

// The safety notes every plan carries (treadmill manual, not medical advice),
// with evidence ids.
struct SafetyNote {
  std::string text;
  std::string evidence_id;
};
std::vector<SafetyNote> PlanSafetyNotes(training::Setting setting);

}  // namespace retrowalk::app
