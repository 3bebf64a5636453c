#include "training/plan_generator.h"

#include <algorithm>
#include <set>
#include <string>

#include "training/evidence.h"
#include "training/ladder.h"

namespace retrowalk::training {

std::vector<int> DefaultDays(int sessions_per_week) {
  switch (sessions_per_week) {
    case 1:
      return {2};
    case 2:
      return {0, 3};
    case 3:
      return {0, 2, 4};
    default:
      return {0, 1, 3, 4};
  }
}

int DefaultWeeks(Goal goal, Level level) {
  const GoalProfile& profile = ProfileFor(goal);
  const int ramp_weeks = std::max(1, profile.target_stage - StartStage(level) + 1);
  return std::max(profile.trial_weeks, ramp_weeks);
}

int PlannedStage(Goal goal, Level level, int week) {
  const int target = ProfileFor(goal).target_stage;
  return std::min(target, StartStage(level) + std::max(0, week - 1));
}

Result<Plan> GeneratePlan(const PlanRequest& request) {
  const GoalProfile& profile = ProfileFor(request.goal);
  Plan plan;
  plan.goal = request.goal;
  plan.level = request.level;
  plan.setting = request.setting;
  plan.start = request.start;
  plan.weeks = request.weeks.value_or(DefaultWeeks(request.goal, request.level));
  if (plan.weeks < 1 || plan.weeks > kMaxPlanWeeks) {
    return Status::InvalidInput("--weeks must be between 1 and " + std::to_string(kMaxPlanWeeks) +
                                ", got " + std::to_string(plan.weeks));
  }
  const std::set<int> unique(request.days.begin(), request.days.end());
  if (unique.size() != request.days.size())
    return Status::InvalidInput("--days lists a weekday twice");
  for (int d : unique)
    if (d < 0 || d > 6) return Status::InvalidInput("weekday index out of range");
  plan.days = request.days.empty() ? DefaultDays(profile.default_sessions_per_week)
                                   : std::vector<int>(unique.begin(), unique.end());
  if (static_cast<int>(plan.days.size()) > profile.max_sessions_per_week) {
    return Status::InvalidInput("goal '" + std::string(Name(request.goal)) + "' allows at most " +
                                std::to_string(profile.max_sessions_per_week) +
                                " sessions a week (" +
                                std::string(EvidenceFor(profile.frequency_evidence_id).claim) +
                                " - " + Cite(profile.frequency_evidence_id) + "); --days lists " +
                                std::to_string(plan.days.size()));
  }

  int previous_stage = -1;
  for (int offset = 0; offset < plan.weeks * 7; ++offset) {
    const Date date = plan.start + std::chrono::days{offset};
    if (std::find(plan.days.begin(), plan.days.end(), IsoWeekdayIndex(date)) == plan.days.end())
      continue;
    Session session;
    session.index = static_cast<int>(plan.sessions.size());
    session.date = date;
    session.week = offset / 7 + 1;
    session.stage = PlannedStage(plan.goal, plan.level, session.week);
    session.intervals = BuildIntervals(session.stage, plan.setting);
    const std::string summary = StageSummary(session.stage, plan.setting);
    if (previous_stage < 0) {
      session.progression = Rationale{"Start at " + summary + ".",
                                      std::string(StageEvidence(plan.goal, session.stage))};
    } else if (session.stage != previous_stage) {
      const bool at_target = session.stage == profile.target_stage;
      session.progression = Rationale{"Step up (one stage a week) to " + summary +
                                          (at_target ? ", the goal's trial dose." : "."),
                                      std::string(StageEvidence(plan.goal, session.stage))};
    }
    previous_stage = session.stage;
    plan.sessions.push_back(std::move(session));
  }
  return plan;
}

}  // namespace retrowalk::training
