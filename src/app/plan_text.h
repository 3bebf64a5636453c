// The plan as text for the terminal: header with the goal's dose and its
// source, safety notes, form cues and stop rules, then week by week the
// sessions with their intervals, energy estimate and the reason (with
// source) for every change of dose.
#pragma once

#include <string>

#include "app/plan_json.h"
#include "training/types.h"

namespace retrowalk::app {

std::string PlanToText(const training::Plan& plan, const PlanExtras& extras);
std::string IntervalsToText(const std::vector<training::Interval>& intervals,
                            std::string_view indent);

// Today's date on this machine's local calendar.
training::Date TodayLocalDate();

}  // namespace retrowalk::app
