// Turns a request (goal, level, setting, days, weeks, start) into a plan:
// one session per chosen weekday, climbing the dose ladder one stage a week
// from the level's starting stage to the goal's trial dose, never beyond it.
#pragma once

#include "core/result.h"
#include "training/types.h"

namespace retrowalk::training {

inline constexpr int kMaxPlanWeeks = 52;

// Days when the request has none: 2 -> mon,thu; 3 -> mon,wed,fri; 4 -> mon,tue,thu,fri.
std::vector<int> DefaultDays(int sessions_per_week);

// Weeks when the request has none: the goal's trial length or the weeks the
// ramp needs to reach the trial dose, whichever is longer.
int DefaultWeeks(Goal goal, Level level);

// Fails (InvalidInput) when the request asks for more sessions a week than
// the goal's evidence supports, for no days, or for 0 or > 52 weeks.
Result<Plan> GeneratePlan(const PlanRequest& request);

// The stage the plan schedules for a 1-based week.
int PlannedStage(Goal goal, Level level, int week);

}  // namespace retrowalk::training
