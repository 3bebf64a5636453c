#include "app/plan_json.h"

#include <cmath>

#include "app/plan_json_io.h"
#include "training/energy.h"
#include "training/evidence.h"
#include "training/ladder.h"
#include "training/plan_generator.h"

namespace retrowalk::app {
namespace {

using nlohmann::json;
using namespace retrowalk::training;

double Round(double v, double step) {
  return std::round(v / step) * step;
}

json Cited(std::string_view text, std::string_view evidence_id) {
  return {{"text", text}, {"source", Cite(evidence_id)}, {"evidence", evidence_id}};
}

json CueList(std::span<const training::CitedText> cues) {
  json out = json::array();
  for (const training::CitedText& c : cues) out.push_back(Cited(c.text, c.evidence_id));
  return out;
}

}  // namespace

std::vector<SafetyNote> PlanSafetyNotes(Setting setting) {
  std::vector<SafetyNote> notes;
  if (setting == Setting::kTreadmill) {
    notes.push_back({"Check your treadmill's manual: some makers forbid walking backward on it.",
                     "safety.treadmill_manual"});
    notes.push_back(
        {"Use a treadmill with handrails and clip the safety key on.", "practice.where"});
  } else {
    notes.push_back(
        {"Walk backward on flat, open, familiar ground, clear of obstacles and traffic.",
         "practice.where"});
  }
  notes.push_back(
      {"This is general fitness guidance, not medical advice: if you have a condition, "
       "agree the program with your clinician.",
       "safety.not_medical"});
  return notes;
}

json IntervalToJson(const Interval& interval) {
  return {{"kind", Name(interval.kind)},
          {"direction", Name(interval.direction())},
          {"minutes", interval.minutes},
          {"speed_mph", Round(interval.speed_mph, 0.01)},
          {"speed_kmh", Round(interval.speed_mph * kKmhPerMph, 0.01)},
          {"speed_is_target", interval.speed_is_target},
          {"instruction", interval.instruction}};
}

json PlanToJson(const Plan& plan, const PlanExtras& extras) {
  const GoalProfile& profile = ProfileFor(plan.goal);
  json j;
  j["format"] = kPlanFormat;
  j["version"] = kPlanVersion;
  j["goal"] = Name(plan.goal);
  j["goal_description"] = Describe(plan.goal);
  j["level"] = Name(plan.level);
  j["setting"] = Name(plan.setting);
  j["weeks"] = plan.weeks;
  json days = json::array();
  for (int d : plan.days) days.push_back(WeekdayName(d));
  j["days"] = days;
  j["start"] = FormatDate(plan.start);
  j["target"] = {
      {"stage", profile.target_stage},
      {"backward_minutes", Ladder()[static_cast<size_t>(profile.target_stage)].BackwardMinutes()},
      {"summary", StageSummary(profile.target_stage, plan.setting)},
      {"evidence", EvidenceFor(profile.dose_evidence_id).claim},
      {"source", Cite(profile.dose_evidence_id)}};
  j["rpe_band"] = {{"min", profile.rpe_min},
                   {"max", profile.rpe_max},
                   {"name", profile.band_name},
                   {"source", Cite("intensity.bands")}};
  j["mass_kg"] = extras.mass_kg;
  if (extras.screening) {
    json findings = json::array();
    for (const ScreeningFinding& f : extras.screening->findings)
      findings.push_back({{"question", f.question_id}, {"advice", f.message}});
    j["screening"] = {{"status", Name(extras.screening->verdict)}, {"findings", findings}};
  } else {
    j["screening"] = {{"status", "not done"}, {"findings", json::array()}};
  }
  json warnings = json::array();
  for (const SafetyNote& n : PlanSafetyNotes(plan.setting))
    warnings.push_back(Cited(n.text, n.evidence_id));
  j["warnings"] = warnings;
  j["form_cues"] = CueList(FormCues());
  j["stop_rules"] = CueList(StopRules());
  json sessions = json::array();
  for (const Session& s : plan.sessions) {
    json sj;
    sj["number"] = s.index + 1;
    sj["date"] = FormatDate(s.date);
    sj["weekday"] = WeekdayName(IsoWeekdayIndex(s.date));
    sj["week"] = s.week;
    sj["stage"] = s.stage;
    sj["backward_minutes"] = s.BackwardMinutes();
    sj["total_minutes"] = s.TotalMinutes();
    auto kcal = SessionKcal(s, extras.mass_kg);
    if (kcal.ok()) sj["kcal_estimate"] = Round(*kcal, 1);
    if (s.progression) sj["progression"] = Cited(s.progression->text, s.progression->evidence_id);
    json intervals = json::array();
    for (const Interval& i : s.intervals) intervals.push_back(IntervalToJson(i));
    sj["intervals"] = intervals;
    sj["stop_rules"] = CueList(StopRules());
    sessions.push_back(sj);
  }
  j["sessions"] = sessions;
  return j;
}

Result<Plan> PlanFromJson(const json& value, std::string_view file) {
  auto root = JsonObject::From(value, std::string(file));
  if (!root.ok()) return root.status();
  auto format = root->String("format");
  if (!format.ok()) return format.status();
  if (*format != kPlanFormat)
    return Status::InvalidInput(root->Path("format") + ": expected \"" + std::string(kPlanFormat) +
                                "\", got \"" + *format + "\"");
  auto version = root->Integer("version", 1, 1000);
  if (!version.ok()) return version.status();
  if (*version != kPlanVersion)
    return Status::Unsupported(root->Path("version") + ": version " + std::to_string(*version) +
                               " is not supported (this retrowalk reads version 1)");
  Plan plan;
  auto with_path = [&](const Status& s, std::string_view key) {
    return Status::InvalidInput(root->Path(key) + ": " + s.message());
  };
  {
    auto s = root->String("goal");
    if (!s.ok()) return s.status();
    auto g = ParseGoal(*s);
    if (!g.ok()) return with_path(g.status(), "goal");
    plan.goal = *g;
  }
  {
    auto s = root->String("level");
    if (!s.ok()) return s.status();
    auto l = ParseLevel(*s);
    if (!l.ok()) return with_path(l.status(), "level");
    plan.level = *l;
  }
  {
    auto s = root->String("setting");
    if (!s.ok()) return s.status();
    auto st = ParseSetting(*s);
    if (!st.ok()) return with_path(st.status(), "setting");
    plan.setting = *st;
  }
  auto weeks = root->Integer("weeks", 1, kMaxPlanWeeks);
  if (!weeks.ok()) return weeks.status();
  plan.weeks = *weeks;
  auto start = root->String("start");
  if (!start.ok()) return start.status();
  auto start_date = ParseDate(*start);
  if (!start_date.ok()) return with_path(start_date.status(), "start");
  plan.start = *start_date;
  auto days = root->Array("days");
  if (!days.ok()) return days.status();
  for (const json& d : **days) {
    if (!d.is_string())
      return Status::InvalidInput(root->Path("days") + ": expected weekday names");
    auto w = ParseWeekday(d.get<std::string>());
    if (!w.ok()) return with_path(w.status(), "days");
    plan.days.push_back(*w);
  }
  auto sessions = root->Array("sessions");
  if (!sessions.ok()) return sessions.status();
  const int max_stage = static_cast<int>(Ladder().size()) - 1;
  for (size_t k = 0; k < (*sessions)->size(); ++k) {
    auto so =
        JsonObject::From((**sessions)[k], root->Path("sessions") + "[" + std::to_string(k) + "]");
    if (!so.ok()) return so.status();
    Session session;
    session.index = static_cast<int>(k);
    auto number = so->Integer("number", 1, 10000);
    if (!number.ok()) return number.status();
    if (*number != static_cast<int>(k) + 1)
      return Status::InvalidInput(so->Path("number") + ": expected " + std::to_string(k + 1) +
                                  " (sessions are numbered in order)");
    auto date = so->String("date");
    if (!date.ok()) return date.status();
    auto d = ParseDate(*date);
    if (!d.ok()) return Status::InvalidInput(so->Path("date") + ": " + d.status().message());
    session.date = *d;
    auto week = so->Integer("week", 1, kMaxPlanWeeks);
    if (!week.ok()) return week.status();
    session.week = *week;
    auto stage = so->Integer("stage", 0, max_stage);
    if (!stage.ok()) return stage.status();
    session.stage = *stage;
    auto intervals = so->Array("intervals");
    if (!intervals.ok()) return intervals.status();
    for (size_t i = 0; i < (*intervals)->size(); ++i) {
      auto io =
          JsonObject::From((**intervals)[i], so->Path("intervals") + "[" + std::to_string(i) + "]");
      if (!io.ok()) return io.status();
      Interval interval;
      auto kind = io->String("kind");
      if (!kind.ok()) return kind.status();
      auto k2 = ParseIntervalKind(*kind);
      if (!k2.ok()) return Status::InvalidInput(io->Path("kind") + ": " + k2.status().message());
      interval.kind = *k2;
      auto minutes = io->Number("minutes", 0, 600);
      if (!minutes.ok()) return minutes.status();
      interval.minutes = *minutes;
      const double max_mph =
          interval.kind == IntervalKind::kBackward ? kMaxBackwardMph : kMaxForwardMph;
      auto mph = io->Number("speed_mph", 0.1, max_mph);
      if (!mph.ok()) return mph.status();
      interval.speed_mph = *mph;
      if (io->Has("speed_is_target")) {
        auto t = io->Bool("speed_is_target");
        if (!t.ok()) return t.status();
        interval.speed_is_target = *t;
      }
      if (io->Has("instruction")) {
        auto text = io->String("instruction");
        if (!text.ok()) return text.status();
        interval.instruction = *text;
      }
      session.intervals.push_back(std::move(interval));
    }
    if (session.intervals.empty())
      return Status::InvalidInput(so->Path("intervals") + ": a session needs intervals");
    if (so->Has("progression")) {
      auto po = JsonObject::From(*so->Member("progression").value(), so->Path("progression"));
      if (po.ok() && po->Has("text") && po->Has("evidence")) {
        auto text = po->String("text");
        auto ev = po->String("evidence");
        if (text.ok() && ev.ok() && HasEvidence(*ev)) session.progression = Rationale{*text, *ev};
      }
    }
    plan.sessions.push_back(std::move(session));
  }
  if (plan.sessions.empty())
    return Status::InvalidInput(root->Path("sessions") + ": the plan has no sessions");
  return plan;
}

Result<Plan> ReadPlanFile(const std::string& path) {
  auto json_value = ReadJsonFile(path);
  if (!json_value.ok()) return json_value.status();
  return PlanFromJson(*json_value, path);
}

}  // namespace retrowalk::app
