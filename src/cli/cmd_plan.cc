// retrowalk plan: generate a retro-walking plan from goal, level and setting.
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>

#include "app/ics.h"
#include "app/plan_json.h"
#include "app/plan_json_io.h"
#include "app/plan_screening.h"
#include "app/plan_text.h"
#include "cli/commands.h"
#include "cli/report.h"
#include "training/energy.h"
#include "training/plan_generator.h"

namespace retrowalk::cli {
namespace {

struct PlanOptions {
  std::string goal, level, setting;
  std::optional<int> weeks;
  std::string days;
  std::string start;
  bool json = false;
  std::string ics;
  std::string out;
  std::string screening;
  bool ask = false;
  double mass_kg = 70;
};

Result<std::vector<int>> ParseDays(const std::string& text) {
  std::vector<int> days;
  size_t pos = 0;
  while (pos <= text.size()) {
    const size_t comma = text.find(',', pos);
    const std::string item =
        text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    auto d = training::ParseWeekday(item);
    if (!d.ok()) return Status::InvalidInput("--days: " + d.status().message());
    days.push_back(*d);
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return days;
}

int RunPlan(const PlanOptions& o) {
  training::PlanRequest request;
  auto goal = training::ParseGoal(o.goal);
  if (!goal.ok()) return ReportError("--goal: " + goal.status().message());
  auto level = training::ParseLevel(o.level);
  if (!level.ok()) return ReportError("--level: " + level.status().message());
  auto setting = training::ParseSetting(o.setting);
  if (!setting.ok()) return ReportError("--setting: " + setting.status().message());
  request.goal = *goal;
  request.level = *level;
  request.setting = *setting;
  request.weeks = o.weeks;
  if (!o.days.empty()) {
    auto days = ParseDays(o.days);
    if (!days.ok()) return ReportError(days.status());
    request.days = *days;
  }
  if (o.start.empty()) {
    request.start = app::TodayLocalDate();
  } else {
    auto start = training::ParseDate(o.start);
    if (!start.ok()) return ReportError("--start: " + start.status().message());
    request.start = *start;
  }
  if (!(o.mass_kg >= training::kMinMassKg && o.mass_kg <= training::kMaxMassKg))
    return ReportError("--mass-kg: mass must be between 20 and 350 kg, got " +
                       std::to_string(o.mass_kg));

  auto plan = training::GeneratePlan(request);
  if (!plan.ok()) return ReportError(plan.status());

  // Screening before the plan is shown: a refusal ends here; warnings travel with it.
  app::PlanExtras extras;
  extras.mass_kg = o.mass_kg;
  if (!o.screening.empty() || o.ask) {
    auto answers = o.ask ? app::AskScreening(std::cin, std::cerr, request.setting)
                         : app::ReadScreeningFile(o.screening);
    if (!answers.ok()) return ReportError(answers.status());
    auto verdict = training::EvaluateScreening(*answers, request.setting);
    if (!verdict.ok()) return ReportError("screening: " + verdict.status().message());
    if (verdict->verdict == training::ScreeningVerdict::kRefuse) {
      std::string why;
      for (const auto& f : verdict->findings)
        if (f.effect != training::ScreeningEffect::kWarn)
          why += (why.empty() ? "" : "; ") + f.message;
      return ReportError("screening: no plan: " + why);
    }
    extras.screening = *verdict;
  } else {
    ReportWarning(
        "not screened: answer the safety questions first (retrowalk screen; then plan "
        "--screening answers.json, or plan --ask)");
  }

  const nlohmann::json json = app::PlanToJson(*plan, extras);
  if (!o.out.empty()) {
    Status s = app::WriteTextFileAtomically(o.out, json.dump(2) + "\n");
    if (!s.ok()) return ReportError(s);
  }
  if (!o.ics.empty()) {
    Status s = app::WriteTextFileAtomically(o.ics, app::PlanToIcs(*plan, app::IcsTimestampNow()));
    if (!s.ok()) return ReportError(s);
  }
  if (o.json) {
    std::cout << json.dump(2) << "\n";
  } else {
    std::cout << app::PlanToText(*plan, extras);
  }
  return kExitOk;
}

void AddPlanCommand(CLI::App& app, Runner& run) {
  auto o = std::make_shared<PlanOptions>();
  CLI::App* sub = app.add_subcommand(
      "plan",
      "Make a retro-walking plan: sessions of forward and backward intervals that start "
      "gently and grow to the goal's trial dose, each rule with its source.");
  sub->add_option("--goal", o->goal, "knee | balance | back | cardio | general")->required();
  sub->add_option("--level", o->level, "new | some | confident (experience walking backward)")
      ->required();
  sub->add_option("--setting", o->setting, "treadmill | outdoor")->required();
  sub->add_option("--weeks", o->weeks,
                  "plan length (default: the goal's trial length or the ramp)");
  sub->add_option("--days", o->days, "training days, e.g. mon,wed,fri (default by goal)");
  sub->add_option("--start", o->start, "first day YYYY-MM-DD (default today)");
  sub->add_option("--mass-kg", o->mass_kg, "body mass for the energy estimates (default 70)");
  sub->add_option("--screening", o->screening, "screening answers (JSON, see retrowalk screen)");
  sub->add_flag("--ask", o->ask, "ask the screening questions on this terminal");
  sub->add_flag("--json", o->json, "print the plan as JSON (plan.json format)");
  sub->add_option("--out", o->out, "also write the plan as JSON to this file");
  sub->add_option("--ics", o->ics, "also write the sessions as an iCalendar file");
  SetRunner(sub, run, [o] { return RunPlan(*o); });
}

}  // namespace

RETROWALK_REGISTER_COMMAND(40, &AddPlanCommand);

}  // namespace retrowalk::cli
