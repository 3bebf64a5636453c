// retrowalk screen: the safety questions asked before a first plan.
#include <iostream>
#include <string>

#include "app/plan_json_io.h"
#include "app/plan_screening.h"
#include "cli/commands.h"
#include "cli/report.h"
#include "training/evidence.h"
#include "training/screening.h"

namespace retrowalk::cli {
namespace {

struct ScreenOptions {
  std::string setting = "treadmill";
  std::string answers;
  std::string out;
  bool ask = false;
  bool json = false;
};

int RunScreen(const ScreenOptions& o) {
  auto setting = training::ParseSetting(o.setting);
  if (!setting.ok()) return ReportError("--setting: " + setting.status().message());
  if (o.ask) {
    auto answers = app::AskScreening(std::cin, std::cout, *setting);
    if (!answers.ok()) return ReportError(answers.status());
    nlohmann::json j(*answers);
    if (!o.out.empty()) {
      Status s = app::WriteTextFileAtomically(o.out, j.dump(2) + "\n");
      if (!s.ok()) return ReportError(s);
    }
    auto verdict = training::EvaluateScreening(*answers, *setting);
    if (!verdict.ok()) return ReportError(verdict.status());
    std::cout << "Screening: " << training::Name(verdict->verdict) << "\n";
    for (const auto& f : verdict->findings) std::cout << "  ! " << f.message << "\n";
    return kExitOk;
  }
  if (!o.answers.empty()) {
    auto answers = app::ReadScreeningFile(o.answers);
    if (!answers.ok()) return ReportError(answers.status());
    auto verdict = training::EvaluateScreening(*answers, *setting);
    if (!verdict.ok()) return ReportError(o.answers + ": " + verdict.status().message());
    if (o.json) {
      nlohmann::json findings = nlohmann::json::array();
      for (const auto& f : verdict->findings)
        findings.push_back({{"question", f.question_id}, {"advice", f.message}});
      std::cout << nlohmann::json{{"status", training::Name(verdict->verdict)},
                                  {"findings", findings}}
                       .dump(2)
                << "\n";
    } else {
      std::cout << "Screening: " << training::Name(verdict->verdict) << "\n";
      for (const auto& f : verdict->findings) std::cout << "  ! " << f.message << "\n";
    }
    return kExitOk;
  }
  if (o.json) {
    std::cout << app::ScreeningQuestionsJson().dump(2) << "\n";
    return kExitOk;
  }
  std::cout << "Safety questions before a first plan. Answer them with `retrowalk screen --ask "
               "--out answers.json`, or write the answers JSON yourself (`--json` prints a "
               "template) and pass it to `retrowalk plan --screening answers.json`.\n";
  for (const training::ScreeningQuestion& q : training::ScreeningQuestions()) {
    std::cout << "  " << q.id << ": " << q.text << (q.treadmill_only ? " (treadmill plans)" : "")
              << "\n    " << (q.flagged_answer ? "yes" : "no") << " -> "
              << (q.effect == training::ScreeningEffect::kWarn ? "warning: " : "no plan: ")
              << q.advice << " [" << training::Cite(q.evidence_id) << "]\n";
  }
  return kExitOk;
}

void AddScreenCommand(CLI::App& app, Runner& run) {
  auto o = std::make_shared<ScreenOptions>();
  CLI::App* sub = app.add_subcommand(
      "screen", "The safety questions to answer before a first plan (trial exclusions).");
  sub->add_option("--setting", o->setting, "treadmill | outdoor (default treadmill)");
  sub->add_flag("--ask", o->ask, "ask the questions (y/n lines on stdin)");
  sub->add_option("--out", o->out, "with --ask: write the answers JSON here");
  sub->add_option("--answers", o->answers, "evaluate an answers JSON file");
  sub->add_flag("--json", o->json, "JSON output (the questions and an answers template)");
  SetRunner(sub, run, [o] { return RunScreen(*o); });
}

}  // namespace

RETROWALK_REGISTER_COMMAND(41, &AddScreenCommand);

}  // namespace retrowalk::cli
