// The screening question set asked before a first plan: the exclusions the
// trials used (evidence.md, Safety) plus two questions that only warn. A yes
// to an exclusion refuses the plan; a warning lets it go ahead with advice.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "training/types.h"

namespace retrowalk::training {

enum class ScreeningEffect {
  kRefuse,           // the trials excluded such people
  kRefuseTreadmill,  // refuse a treadmill plan (an outdoor plan is still possible)
  kWarn,             // go ahead, with advice
};

struct ScreeningQuestion {
  std::string_view id;
  std::string_view text;
  bool flagged_answer;  // the answer (yes = true) that triggers the effect
  ScreeningEffect effect;
  bool treadmill_only;  // asked only for treadmill plans
  std::string_view advice;
  std::string_view evidence_id;
};

std::span<const ScreeningQuestion> ScreeningQuestions();

enum class ScreeningVerdict { kClear, kWarn, kRefuse };
std::string_view Name(ScreeningVerdict verdict);

struct ScreeningFinding {
  std::string_view question_id;
  ScreeningEffect effect;
  std::string message;  // advice with its source
};

struct ScreeningResult {
  ScreeningVerdict verdict = ScreeningVerdict::kClear;
  std::vector<ScreeningFinding> findings;
};

// `answers` maps question ids to yes (true) / no (false). Every question
// that applies to `setting` must be answered; unknown ids are errors (a typo
// must not pass for a "no").
Result<ScreeningResult> EvaluateScreening(const std::map<std::string, bool>& answers,
                                          Setting setting);

}  // namespace retrowalk::training
