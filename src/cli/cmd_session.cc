// retrowalk session start: the guided session in the terminal.
#include <unistd.h>

#include <cmath>
#include <iostream>
#include <optional>
#include <string>

#include "app/plan_json.h"
#include "app/plan_text.h"
#include "app/session_cues.h"
#include "app/session_log.h"
#include "app/session_runner.h"
#include "cli/commands.h"
#include "cli/report.h"
#include "training/evidence.h"
#include "training/ladder.h"
#include "training/progression.h"

namespace retrowalk::cli {
namespace {

struct SessionOptions {
  std::string plan;
  std::optional<int> session;
  std::string log;
  std::string date;
  bool no_tty = false;
  std::string clock = "real";
  double time_scale = 1;
  bool quiet = false;
  bool no_speech = false;
};

int RunSessionStart(const SessionOptions& o) {
  auto plan = app::ReadPlanFile(o.plan);
  if (!plan.ok()) return ReportError(plan.status());
  if (o.clock != "real" && o.clock != "fake")
    return ReportError("--clock: expected real or fake, got '" + o.clock + "'");
  if (!(o.time_scale > 0) || o.time_scale > 10000)
    return ReportError("--time-scale must be above 0 and at most 10000");
  if (!o.no_tty && !isatty(0))
    return ReportError("stdin is not a terminal: use --no-tty (keys and answers from stdin)");
  training::Date date = app::TodayLocalDate();
  if (!o.date.empty()) {
    auto d = training::ParseDate(o.date);
    if (!d.ok()) return ReportError("--date: " + d.status().message());
    date = *d;
  }

  // Which session, and at what dose: --session runs the plan as written;
  // otherwise the log's progression decides (the same answer as `next`).
  int index = 0;
  std::vector<training::Interval> intervals;
  std::string why;
  std::vector<training::LogEntry> log;
  if (!o.log.empty()) {
    auto entries = app::ReadLogFile(o.log, /*missing_ok=*/true);
    if (!entries.ok()) return ReportError(entries.status());
    log = std::move(*entries);
  }
  const int count = static_cast<int>(plan->sessions.size());
  if (o.session) {
    if (*o.session < 1 || *o.session > count)
      return ReportError("--session must be between 1 and " + std::to_string(count) + ", got " +
                         std::to_string(*o.session));
    index = *o.session - 1;
    intervals = plan->sessions[static_cast<size_t>(index)].intervals;
  } else if (!log.empty()) {
    auto next = training::PlanNext(*plan, log, date);
    if (!next.ok()) return ReportError(o.log + ": " + next.status().message());
    index = std::min(next->next_index, count - 1);
    intervals = next->intervals;
    why = std::string(training::Name(next->decision.action)) + ": " + next->decision.reason + " [" +
          training::Cite(next->decision.evidence_id) + "]";
  } else {
    intervals = plan->sessions.front().intervals;
  }

  std::vector<std::string> form_cues;
  for (const auto& c : training::FormCues()) {
    if (plan->setting == training::Setting::kOutdoor &&
        std::string_view(c.text).find("rails") != std::string_view::npos)
      continue;
    form_cues.emplace_back(c.text);
  }
  app::GuidedSessionOptions options;
  options.tty = !o.no_tty;
  options.bell = !o.quiet;
  options.speak = !o.quiet && !o.no_speech && options.tty && app::ProgramOnPath("espeak-ng");
  double backward = 0;
  for (const auto& i : intervals)
    if (i.kind == training::IntervalKind::kBackward) backward += i.minutes;
  char title[256];
  std::snprintf(title, sizeof title, "Session %d of %d (%s goal): %g min backward.", index + 1,
                count, std::string(training::Name(plan->goal)).c_str(), backward);
  options.title = title;
  if (!why.empty()) options.title += "\n" + why;
  options.title += "\nStop if tired, dizzy, in pain or losing balance. [" +
                   training::Cite("practice.stop") + "]";
  if (plan->setting == training::Setting::kTreadmill)
    options.title += "\nCheck your treadmill's manual: some forbid backward use.";

  auto clock = o.clock == "fake" ? app::MakeFakeClock() : app::MakeRealClock(o.time_scale);
  auto result = app::RunGuidedSession(intervals, form_cues, *clock, options);
  if (!result.ok()) return ReportError(result.status());

  training::LogEntry entry;
  entry.date = date;
  entry.session_index = index;
  entry.backward_minutes = result->backward_minutes;
  entry.rpe = result->rpe;
  entry.pain = result->pain;
  entry.stumbles = result->stumbles;
  if (result->quit_early) entry.note = "ended early";
  if (!o.log.empty()) {
    Status s = app::AppendToLogFile(o.log, entry);
    if (!s.ok()) return ReportError(s);
    std::cout << "Logged session " << index + 1 << " to " << o.log << ": "
              << result->backward_minutes << " min backward, RPE " << result->rpe << ", pain "
              << result->pain << ", stumbles " << result->stumbles << ".\n";
  } else {
    std::cout << "Not logged (no --log): " << app::LogEntryToJson(entry).dump() << "\n";
  }
  return kExitOk;
}

void AddSessionCommand(CLI::App& app, Runner& run) {
  CLI::App* session = app.add_subcommand("session", "Guided retro-walking sessions.");
  session->require_subcommand(1);
  auto o = std::make_shared<SessionOptions>();
  CLI::App* start = session->add_subcommand(
      "start",
      "Run a session of a plan with a live countdown and cues; space pauses, q quits; "
      "asks RPE and pain at the end and appends to the log.");
  start->add_option("--plan", o->plan, "plan.json")->required();
  start->add_option("--session", o->session,
                    "session number (default: the next one after the log, at the dose `next` "
                    "decides)");
  start->add_option("--log", o->log, "log.json to append the result to (created if missing)");
  start->add_option("--date", o->date, "date to log (default today), YYYY-MM-DD");
  start->add_flag("--no-tty", o->no_tty,
                  "headless: stdin is a script ('@SECONDS space|q' lines, then the answers)");
  start->add_option("--clock", o->clock, "real | fake (fake: time jumps, no waiting)");
  start->add_option("--time-scale", o->time_scale,
                    "run the real clock this many times faster (rehearsal, tests)");
  start->add_flag("--quiet", o->quiet, "no bells and no speech");
  start->add_flag("--no-speech", o->no_speech, "no speech (espeak-ng)");
  SetRunner(start, run, [o] { return RunSessionStart(*o); });
}

}  // namespace

RETROWALK_REGISTER_COMMAND(44, &AddSessionCommand);

}  // namespace retrowalk::cli
