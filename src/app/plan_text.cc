#include "app/plan_text.h"

#include <cstdio>
#include <ctime>

#include "training/energy.h"
#include "training/evidence.h"
#include "training/ladder.h"

namespace retrowalk::app {
namespace {

using namespace retrowalk::training;

template <typename... Args>
std::string Fmt(const char* format, Args... args) {
  char buf[512];
  std::snprintf(buf, sizeof buf, format, args...);
  return buf;
}

std::string Sv(std::string_view s) {
  return std::string(s);
}

}  // namespace

Date TodayLocalDate() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date{std::chrono::year{local.tm_year + 1900} /
              std::chrono::month{static_cast<unsigned>(local.tm_mon + 1)} /
              std::chrono::day{static_cast<unsigned>(local.tm_mday)}};
}

std::string IntervalsToText(const std::vector<Interval>& intervals, std::string_view indent) {
  std::string out;
  int n = 1;
  for (const Interval& i : intervals) {
    std::string speed = i.speed_is_target
                            ? Fmt("%.1f mph (%.1f km/h)", i.speed_mph, i.speed_mph * kKmhPerMph)
                            : std::string("own pace");
    out += Fmt("%s%d. %-9s %-8s %5g min  %-20s %s\n", Sv(indent).c_str(), n++,
               Sv(Name(i.kind)).c_str(), Sv(Name(i.direction())).c_str(), i.minutes, speed.c_str(),
               i.instruction.c_str());
  }
  return out;
}

std::string PlanToText(const Plan& plan, const PlanExtras& extras) {
  const GoalProfile& profile = ProfileFor(plan.goal);
  std::string days;
  for (int d : plan.days) days += (days.empty() ? "" : ",") + Sv(WeekdayName(d));
  std::string out;
  out += Fmt("Retro-walking plan: %s (%s), level %s, %s, %d weeks on %s from %s\n",
             Sv(Name(plan.goal)).c_str(), Sv(Describe(plan.goal)).c_str(),
             Sv(Name(plan.level)).c_str(), Sv(Name(plan.setting)).c_str(), plan.weeks, days.c_str(),
             FormatDate(plan.start).c_str());
  out += "Goal dose: " + StageSummary(profile.target_stage, plan.setting) + " per session - " +
         Sv(EvidenceFor(profile.dose_evidence_id).claim) + " [" + Cite(profile.dose_evidence_id) +
         "]\n";
  out += Fmt("Effort: keep RPE (Borg 6-20) within %d-%d, %s [", profile.rpe_min, profile.rpe_max,
             Sv(profile.band_name).c_str()) +
         Cite("intensity.bands") + "]\n";
  if (!plan.sessions.empty() && plan.sessions.back().stage < profile.target_stage)
    out += "Note: at one stage a week, these weeks end before the goal's dose; use --weeks " +
           std::to_string(plan.weeks + profile.target_stage - plan.sessions.back().stage) +
           " to reach it.\n";
  out += "\nSafety\n";
  if (extras.screening) {
    out += "  Screening: " + Sv(Name(extras.screening->verdict)) + "\n";
    for (const ScreeningFinding& f : extras.screening->findings) out += "  ! " + f.message + "\n";
  } else {
    out +=
        "  Screening: not done (answer the questions with `retrowalk screen`, then pass "
        "--screening)\n";
  }
  for (const SafetyNote& n : PlanSafetyNotes(plan.setting))
    out += "  ! " + n.text + " [" + Cite(n.evidence_id) + "]\n";
  out += "\nForm cues [" + Cite("practice.form") + "]\n";
  for (const training::CitedText& c : FormCues()) out += "  - " + Sv(c.text) + "\n";
  out += "Stop rules [" + Cite("practice.stop") + "]\n";
  for (const training::CitedText& c : StopRules()) out += "  - " + Sv(c.text) + "\n";

  int week = 0;
  for (const Session& s : plan.sessions) {
    if (s.week != week) {
      week = s.week;
      out += Fmt("\nWeek %d\n", week);
    }
    auto kcal = SessionKcal(s, extras.mass_kg);
    out += Fmt("  Session %d  %s %s  stage %d/%d: %g min backward, %g min in all", s.index + 1,
               Sv(WeekdayName(IsoWeekdayIndex(s.date))).c_str(), FormatDate(s.date).c_str(),
               s.stage + 1, profile.target_stage + 1, s.BackwardMinutes(), s.TotalMinutes());
    if (kcal.ok()) out += Fmt(", about %.0f kcal at %g kg", *kcal, extras.mass_kg);
    out += "\n";
    if (s.progression)
      out += "    Why: " + s.progression->text + " [" + Cite(s.progression->evidence_id) + "]\n";
    out += IntervalsToText(s.intervals, "    ");
    out += "    Stop if tired, dizzy, in pain or losing balance.\n";
  }
  out += Fmt("\nEnergy: Compendium METs at the speeds shown (outdoors assumed), %g kg [",
             extras.mass_kg) +
         Cite("energy.backward_level") +
         "]; estimates, and backward walking costs less with "
         "practice [" +
         Cite("energy.practice") + "].\n";
  return out;
}

}  // namespace retrowalk::app
