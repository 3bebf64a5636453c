// retrowalk energy: energy estimate of forward or backward walking.
#include <iostream>
#include <string>

#include "app/energy_json.h"
#include "cli/commands.h"
#include "cli/report.h"
#include "training/energy.h"

namespace retrowalk::cli {
namespace {

struct EnergyOptions {
  std::string direction;
  double speed_mph = 0;
  double minutes = 0;
  double mass_kg = 0;
  double grade_percent = 0;
  bool json = false;
};

int RunEnergy(const EnergyOptions& o) {
  training::EnergyInput in;
  if (o.direction == "backward") {
    in.direction = training::Direction::kBackward;
  } else if (o.direction == "forward") {
    in.direction = training::Direction::kForward;
  } else {
    return ReportError("--direction: unknown direction '" + o.direction +
                       "' (expected forward or backward)");
  }
  in.speed_mph = o.speed_mph;
  in.minutes = o.minutes;
  in.mass_kg = o.mass_kg;
  in.grade_percent = o.grade_percent;
  auto estimate = training::EstimateEnergy(in);
  if (!estimate.ok()) return ReportError(estimate.status());
  if (o.json) {
    std::cout << app::EnergyToJson(in, *estimate).dump(2) << "\n";
  } else {
    std::cout << app::EnergyToText(in, *estimate);
  }
  return kExitOk;
}

void AddEnergyCommand(CLI::App& app, Runner& run) {
  auto o = std::make_shared<EnergyOptions>();
  CLI::App* sub = app.add_subcommand(
      "energy",
      "Estimate the energy of forward or backward walking (Compendium METs; ACSM "
      "walking equation beside it).");
  sub->add_option("--direction", o->direction, "forward | backward")->required();
  sub->add_option("--speed-mph", o->speed_mph, "walking speed in mph")->required();
  sub->add_option("--minutes", o->minutes, "duration in minutes")->required();
  sub->add_option("--mass-kg", o->mass_kg, "body mass in kg (20-350)")->required();
  sub->add_option("--grade", o->grade_percent, "treadmill grade in percent (default 0)");
  sub->add_flag("--json", o->json, "print JSON");
  SetRunner(sub, run, [o] { return RunEnergy(*o); });
}

}  // namespace

RETROWALK_REGISTER_COMMAND(42, &AddEnergyCommand);

}  // namespace retrowalk::cli
