// retrowalk next: advance, hold or step back for the next session, from the
// plan and the log, with a one-sentence reason and its source.
#include <iostream>
#include <string>

#include "app/plan_json.h"
#include "app/plan_text.h"
#include "app/session_log.h"
#include "cli/commands.h"
#include "cli/report.h"
#include "training/evidence.h"
#include "training/ladder.h"
#include "training/progression.h"

namespace retrowalk::cli {
namespace {

struct NextOptions {
  std::string plan;
  std::string log;
  std::string today;
  bool json = false;
};

int RunNext(const NextOptions& o) {
  auto plan = app::ReadPlanFile(o.plan);
  if (!plan.ok()) return ReportError(plan.status());
  auto log = app::ReadLogFile(o.log, /*missing_ok=*/false);
  if (!log.ok()) return ReportError(log.status());
  training::Date today = app::TodayLocalDate();
  if (!o.today.empty()) {
    auto d = training::ParseDate(o.today);
    if (!d.ok()) return ReportError("--today: " + d.status().message());
    today = *d;
  }
  auto next = training::PlanNext(*plan, *log, today);
  if (!next.ok()) return ReportError(o.log + ": " + next.status().message());
  const training::Decision& d = next->decision;
  const std::string summary = training::StageSummary(d.to_stage, plan->setting);
  if (o.json) {
    nlohmann::json intervals = nlohmann::json::array();
    for (const auto& i : next->intervals) intervals.push_back(app::IntervalToJson(i));
    nlohmann::json j = {{"decision", training::Name(d.action)},
                        {"rule", d.rule_id},
                        {"reason", d.reason},
                        {"source", training::Cite(d.evidence_id)},
                        {"from_stage", d.from_stage},
                        {"to_stage", d.to_stage},
                        {"planned_stage", next->planned_stage},
                        {"next_session", next->next_index + 1},
                        {"summary", summary},
                        {"intervals", intervals}};
    if (next->planned_date) j["planned_date"] = training::FormatDate(*next->planned_date);
    std::cout << j.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << "Next: session " << next->next_index + 1;
  if (next->planned_date)
    std::cout << " (planned " << training::FormatDate(*next->planned_date) << ")";
  else
    std::cout << " (after the plan's last session)";
  std::cout << ": " << training::Name(d.action) << ". " << d.reason << " ["
            << training::Cite(d.evidence_id) << "]\n";
  std::cout << "Dose: " << summary << " (stage " << d.to_stage + 1 << "; the plan had stage "
            << next->planned_stage + 1 << ")\n";
  std::cout << app::IntervalsToText(next->intervals, "  ");
  std::cout << "Stop if tired, dizzy, in pain or losing balance. ["
            << training::Cite("practice.stop") << "]\n";
  return kExitOk;
}

void AddNextCommand(CLI::App& app, Runner& run) {
  auto o = std::make_shared<NextOptions>();
  CLI::App* sub = app.add_subcommand(
      "next",
      "Decide the next session from the plan and the log: advance, hold or step back, "
      "and why.");
  sub->add_option("--plan", o->plan, "plan.json (from retrowalk plan --out)")->required();
  sub->add_option("--log", o->log, "log.json (see docs/training.md)")->required();
  sub->add_option("--today", o->today, "the date of the next session (default today), YYYY-MM-DD");
  sub->add_flag("--json", o->json, "print JSON");
  SetRunner(sub, run, [o] { return RunNext(*o); });
}

}  // namespace

RETROWALK_REGISTER_COMMAND(43, &AddNextCommand);

}  // namespace retrowalk::cli
