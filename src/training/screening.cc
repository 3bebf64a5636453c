#include "training/screening.h"

#include <algorithm>
#include <array>

#include "training/evidence.h"

namespace retrowalk::training {
namespace {

using E = ScreeningEffect;
constexpr std::array kQuestions = {
    ScreeningQuestion{"unstable_angina",
                      "Do you have chest pain at rest, or have you been told you have unstable "
                      "angina?",
                      true, E::kRefuse, false,
                      "unstable angina excluded people from the trials: see your clinician first",
                      "safety.exclusions"},
    ScreeningQuestion{"ventricular_arrhythmia",
                      "Have you been told you have a complex ventricular arrhythmia (a serious "
                      "irregular heartbeat)?",
                      true, E::kRefuse, false,
                      "complex ventricular arrhythmia excluded people from the trials: see your "
                      "clinician first",
                      "safety.exclusions"},
    ScreeningQuestion{"resting_bp_over_200_100",
                      "Is your resting blood pressure above 200/100 mmHg?", true, E::kRefuse, false,
                      "resting blood pressure above 200/100 excluded people from the trials: see "
                      "your clinician first",
                      "safety.exclusions"},
    ScreeningQuestion{"treadmill_rail_test",
                      "Can you walk on the treadmill at 0.3 km/h for 3 minutes holding the rail?",
                      false, E::kRefuseTreadmill, true,
                      "the treadmill trials required 3 minutes at 0.3 km/h holding the rail before "
                      "training: practise that first, or choose --setting outdoor",
                      "safety.treadmill_test"},
    ScreeningQuestion{"treated_condition",
                      "Are you being treated for a condition (for example knee osteoarthritis, "
                      "back pain, a stroke, a heart or lung condition)?",
                      true, E::kWarn, false,
                      "agree this program with your clinician before you start",
                      "safety.not_medical"},
    ScreeningQuestion{"falls_or_dizziness",
                      "Have you fallen in the past year, or do you often feel dizzy or unsteady?",
                      true, E::kWarn, false,
                      "start with a rail or a helper beside you, stop if dizzy or losing balance, "
                      "and agree the program with your clinician",
                      "practice.stop"},
};

}  // namespace

std::span<const ScreeningQuestion> ScreeningQuestions() {
  return kQuestions;
}

std::string_view Name(ScreeningVerdict verdict) {
  switch (verdict) {
    case ScreeningVerdict::kClear:
      return "clear";
    case ScreeningVerdict::kWarn:
      return "warn";
    case ScreeningVerdict::kRefuse:
      return "refuse";
  }
  return "?";
}

Result<ScreeningResult> EvaluateScreening(const std::map<std::string, bool>& answers,
                                          Setting setting) {
  for (const auto& [id, value] : answers) {
    bool known = false;
    for (const ScreeningQuestion& q : kQuestions) known = known || q.id == id;
    if (!known) return Status::InvalidInput("unknown screening question '" + id + "'");
  }
  ScreeningResult result;
  for (const ScreeningQuestion& q : kQuestions) {
    if (q.treadmill_only && setting != Setting::kTreadmill) continue;
    auto it = answers.find(std::string(q.id));
    if (it == answers.end())
      return Status::InvalidInput("screening question '" + std::string(q.id) +
                                  "' is not answered (" + std::string(q.text) + ")");
    if (it->second != q.flagged_answer) continue;
    result.findings.push_back(
        {q.id, q.effect, std::string(q.advice) + " (" + Cite(q.evidence_id) + ")"});
    const ScreeningVerdict v =
        q.effect == ScreeningEffect::kWarn ? ScreeningVerdict::kWarn : ScreeningVerdict::kRefuse;
    if (v == ScreeningVerdict::kRefuse || result.verdict == ScreeningVerdict::kClear)
      result.verdict = std::max(result.verdict, v);
  }
  return result;
}

}  // namespace retrowalk::training
