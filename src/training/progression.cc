#include "training/progression.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "training/ladder.h"

namespace retrowalk::training {
namespace {

constexpr std::array kRules = {
    ProgressionRule{"no_history", Condition::kNoHistory, Action::kHold, "rule.weekly_ramp"},
    ProgressionRule{"pain_high", Condition::kPainHigh, Action::kStepBack, "practice.stop"},
    ProgressionRule{"pain_rising", Condition::kPainRising, Action::kStepBack, "practice.stop"},
    ProgressionRule{"stumbles", Condition::kStumbles, Action::kStepBack, "practice.stop"},
    ProgressionRule{"missed_week", Condition::kMissedWeek, Action::kStepBack, "rule.missed_week"},
    ProgressionRule{"rpe_above_band", Condition::kRpeAboveBand, Action::kHold, "intensity.bands"},
    ProgressionRule{"incomplete", Condition::kIncomplete, Action::kHold, "rule.advance"},
    ProgressionRule{"two_in_band", Condition::kTwoCompletedInBand, Action::kAdvance,
                    "rule.advance"},
    ProgressionRule{"otherwise", Condition::kOtherwise, Action::kHold, "rule.advance"},
};

std::string Fmt(const char* format, double a = 0, double b = 0, double c = 0) {
  char buf[320];
  std::snprintf(buf, sizeof buf, format, a, b, c);
  return buf;
}

double StageMinutes(int stage) {
  return Ladder()[static_cast<size_t>(stage)].BackwardMinutes();
}

bool Completed(const LogEntry& e, int stage) {
  return e.backward_minutes >= kCompletedShare * StageMinutes(stage);
}

bool Holds(Condition c, const ProgressionInput& in) {
  const GoalProfile& profile = ProfileFor(in.goal);
  if (c == Condition::kNoHistory) return in.history.empty();
  if (in.history.empty()) return c == Condition::kOtherwise;
  const LogEntry& last = in.history.back();
  switch (c) {
    case Condition::kNoHistory:
      return false;
    case Condition::kPainHigh:
      return last.pain >= kPainStepBack;
    case Condition::kPainRising:
      return in.history.size() >= 2 && last.pain > in.history[in.history.size() - 2].pain;
    case Condition::kStumbles:
      return last.stumbles > 0;
    case Condition::kMissedWeek:
      return DaysBetween(last.date, in.as_of) > kMissedWeekDays;
    case Condition::kRpeAboveBand:
      return last.rpe > profile.rpe_max;
    case Condition::kIncomplete:
      return !Completed(last, in.stage);
    case Condition::kTwoCompletedInBand: {
      if (in.entries_at_stage < 2 || in.history.size() < 2) return false;
      for (size_t k = in.history.size() - 2; k < in.history.size(); ++k) {
        const LogEntry& e = in.history[k];
        if (!Completed(e, in.stage) || e.rpe > profile.rpe_max) return false;
      }
      return true;
    }
    case Condition::kOtherwise:
      return true;
  }
  return false;
}

std::string Reason(Condition c, const ProgressionInput& in, int to_stage) {
  const GoalProfile& profile = ProfileFor(in.goal);
  const std::string target = StageSummary(to_stage, Setting::kTreadmill);
  const LogEntry* last = in.history.empty() ? nullptr : &in.history.back();
  switch (c) {
    case Condition::kNoHistory:
      return "No sessions logged yet, so start as planned.";
    case Condition::kPainHigh:
      return Fmt("Pain was %g/10 last session (%g or more), so step back one stage.", last->pain,
                 kPainStepBack);
    case Condition::kPainRising:
      return Fmt("Pain rose from %g to %g/10, so step back one stage.",
                 in.history[in.history.size() - 2].pain, last->pain);
    case Condition::kStumbles:
      return Fmt("You stumbled %g time(s) last session, so step back one stage.", last->stumbles);
    case Condition::kMissedWeek:
      return Fmt(
          "It has been %g days since your last session (more than %g), so step back one "
          "stage.",
          DaysBetween(last->date, in.as_of), kMissedWeekDays);
    case Condition::kRpeAboveBand:
      return Fmt("RPE %g was above the goal's band (%g-", last->rpe, profile.rpe_min) +
             Fmt("%g), so hold the dose until it feels easier.", profile.rpe_max);
    case Condition::kIncomplete:
      return Fmt("You did %g of the %g backward minutes, so hold the dose.", last->backward_minutes,
                 StageMinutes(in.stage));
    case Condition::kTwoCompletedInBand:
      if (to_stage == in.stage && in.stage >= profile.target_stage)
        return "Two sessions completed in band at the goal's full dose, so hold it.";
      if (to_stage == in.stage)
        return "Two sessions completed in band and you are on plan, so hold this dose until the "
               "plan steps up.";
      return Fmt("Two sessions completed with RPE within %g-%g, so advance", profile.rpe_min,
                 profile.rpe_max) +
             " one stage.";
    case Condition::kOtherwise:
      return "One session completed in band at this stage; one more before advancing.";
  }
  return "";
}

}  // namespace

std::span<const ProgressionRule> ProgressionRules() {
  return kRules;
}

std::string_view Name(Action action) {
  switch (action) {
    case Action::kAdvance:
      return "advance";
    case Action::kHold:
      return "hold";
    case Action::kStepBack:
      return "step back";
  }
  return "?";
}

Status ValidateLogEntry(const LogEntry& e) {
  if (e.rpe < kMinRpe || e.rpe > kMaxRpe)
    return Status::InvalidInput(Fmt("RPE must be between 6 and 20 (Borg scale), got %g", e.rpe));
  if (e.pain < 0 || e.pain > kMaxPain)
    return Status::InvalidInput(Fmt("pain must be between 0 and 10, got %g", e.pain));
  if (e.stumbles < 0)
    return Status::InvalidInput(Fmt("stumbles must not be negative, got %g", e.stumbles));
  if (!(e.backward_minutes >= 0) || e.backward_minutes > 24 * 60)
    return Status::InvalidInput(
        Fmt("backward minutes must be between 0 and 1440, got %g", e.backward_minutes));
  if (e.session_index < 0)
    return Status::InvalidInput(Fmt("session index must not be negative, got %g", e.session_index));
  if (e.backward_steps && *e.backward_steps < 0)
    return Status::InvalidInput("backward_steps must not be negative");
  return Status::Ok();
}

Decision Decide(const ProgressionInput& in) {
  const int target = ProfileFor(in.goal).target_stage;
  const int max_stage = in.ceiling_stage < 0 ? target : std::min(target, in.ceiling_stage);
  for (const ProgressionRule& rule : kRules) {
    if (!Holds(rule.condition, in)) continue;
    Decision d;
    d.rule_id = rule.id;
    d.evidence_id = rule.evidence_id;
    d.from_stage = in.stage;
    d.to_stage = in.stage;
    if (rule.action == Action::kAdvance)
      d.to_stage = std::max(in.stage, std::min(in.stage + 1, max_stage));
    if (rule.action == Action::kStepBack) d.to_stage = std::max(in.stage - 1, 0);
    // An advance at the top, or a step back at the bottom, is a hold in effect.
    d.action = d.to_stage == in.stage && rule.action != Action::kHold ? Action::kHold : rule.action;
    d.reason = Reason(rule.condition, in, d.to_stage);
    if (rule.action == Action::kStepBack && d.to_stage == in.stage)
      d.reason.replace(d.reason.find("step back one stage"), 19,
                       "stay at the first stage (there is no lower one)");
    return d;
  }
  return {};  // unreachable: kOtherwise always holds
}

Result<NextSession> PlanNext(const Plan& plan, std::span<const LogEntry> log, Date as_of) {
  NextSession out;
  std::vector<LogEntry> sorted(log.begin(), log.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const LogEntry& a, const LogEntry& b) { return a.date < b.date; });
  for (size_t i = 0; i < sorted.size(); ++i) {
    Status s = ValidateLogEntry(sorted[i]);
    if (!s.ok())
      return Status::InvalidInput("log entry " + std::to_string(i + 1) + ": " + s.message());
    if (sorted[i].session_index >= static_cast<int>(plan.sessions.size()))
      return Status::InvalidInput("log entry " + std::to_string(i + 1) + ": session " +
                                  std::to_string(sorted[i].session_index) +
                                  " is not in the plan (it has " +
                                  std::to_string(plan.sessions.size()) + ")");
  }
  int stage = sorted.empty()
                  ? (plan.sessions.empty() ? 0 : plan.sessions.front().stage)
                  : plan.sessions[static_cast<size_t>(sorted.front().session_index)].stage;
  const int target = ProfileFor(plan.goal).target_stage;
  auto planned_stage = [&](int index) {
    return index < static_cast<int>(plan.sessions.size())
               ? plan.sessions[static_cast<size_t>(index)].stage
               : target;
  };
  int at_stage = 0;
  ProgressionInput in;
  in.goal = plan.goal;
  Decision decision;
  if (sorted.empty()) {
    in.stage = stage;
    in.as_of = as_of;
    decision = Decide(in);
  }
  for (size_t i = 0; i < sorted.size(); ++i) {
    ++at_stage;
    in.stage = stage;
    in.history = std::span<const LogEntry>(sorted.data(), i + 1);
    in.entries_at_stage = at_stage;
    in.as_of = i + 1 < sorted.size() ? sorted[i + 1].date : std::max(as_of, sorted[i].date);
    in.ceiling_stage = planned_stage(i + 1 < sorted.size() ? sorted[i + 1].session_index
                                                           : sorted[i].session_index + 1);
    decision = Decide(in);
    out.history.push_back(decision);
    if (decision.to_stage != stage) at_stage = 0;
    stage = decision.to_stage;
  }
  out.decision = decision;
  out.next_index = sorted.empty() ? 0 : sorted.back().session_index + 1;
  if (out.next_index < static_cast<int>(plan.sessions.size())) {
    const Session& planned = plan.sessions[static_cast<size_t>(out.next_index)];
    out.planned_date = planned.date;
    out.planned_stage = planned.stage;
  } else {
    out.planned_stage = ProfileFor(plan.goal).target_stage;
  }
  out.intervals = BuildIntervals(out.decision.to_stage, plan.setting);
  return out;
}

}  // namespace retrowalk::training
