// Adaptive progression: from what the walker logged, decide whether the
// next session advances a stage, holds, or steps back, and say why in one
// sentence. The rules are data (ProgressionRules()), checked in order; the
// first whose condition holds decides.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "training/types.h"

namespace retrowalk::training {

inline constexpr int kMinRpe = 6;  // Borg scale
inline constexpr int kMaxRpe = 20;
inline constexpr int kMaxPain = 10;
inline constexpr int kPainStepBack = 4;          // pain at or above this steps back
inline constexpr int kMissedWeekDays = 7;        // more days than this without a session
inline constexpr double kCompletedShare = 0.95;  // of the prescribed backward minutes

// One logged session (log.json entry). Measured fields come from an analysis
// of a recording of the session and are kept for reports; the rules use the
// walker's own numbers.
struct LogEntry {
  Date date{};
  int session_index = 0;
  double backward_minutes = 0;
  int rpe = 6;
  int pain = 0;
  int stumbles = 0;
  std::optional<int> backward_steps;
  std::optional<double> backward_cadence_spm;
  std::optional<double> backward_speed_mps;
  std::string note;
};

Status ValidateLogEntry(const LogEntry& entry);

enum class Action { kAdvance, kHold, kStepBack };
std::string_view Name(Action action);

enum class Condition {
  kNoHistory,
  kPainHigh,
  kPainRising,
  kStumbles,
  kMissedWeek,
  kRpeAboveBand,
  kIncomplete,
  kTwoCompletedInBand,
  kOtherwise,
};

struct ProgressionRule {
  std::string_view id;
  Condition condition;
  Action action;
  std::string_view evidence_id;
};

std::span<const ProgressionRule> ProgressionRules();

struct Decision {
  Action action = Action::kHold;
  std::string_view rule_id;
  std::string_view evidence_id;
  std::string reason;  // one sentence
  int from_stage = 0;
  int to_stage = 0;
};

// What the rules look at: the walker's history (chronological), how many of
// its last entries were at the current stage, and the date of the session
// being decided.
struct ProgressionInput {
  Goal goal = Goal::kGeneral;
  int stage = 0;
  std::span<const LogEntry> history;
  int entries_at_stage = 0;
  Date as_of{};
  // The highest stage an advance may reach: the stage the plan schedules for
  // the session being decided, so the walker never runs ahead of the plan's
  // evidence-paced ramp (-1: the goal's target stage).
  int ceiling_stage = -1;
};

Decision Decide(const ProgressionInput& input);

// The stage after replaying every entry of `log` against `plan`, and the
// decision for the next session (as of `as_of`).
struct NextSession {
  Decision decision;
  int next_index = 0;  // the plan's next session (may be past the end)
  std::optional<Date> planned_date;
  int planned_stage = 0;            // what the plan had scheduled
  std::vector<Interval> intervals;  // the prescription at decision.to_stage
  std::vector<Decision> history;    // the decision after each entry, for reports
};

// Fails when an entry is invalid or names a session the plan does not have.
Result<NextSession> PlanNext(const Plan& plan, std::span<const LogEntry> log, Date as_of);

}  // namespace retrowalk::training
