#include "app/energy_json.h"

#include <cmath>
#include <cstdio>

#include "training/evidence.h"

namespace retrowalk::app {
namespace {

using nlohmann::json;
using namespace retrowalk::training;

double Round(double v, double step) {
  return std::round(v / step) * step;
}

json MetJson(const MetEstimate& e) {
  json sources = json::array();
  for (const std::string& id : e.evidence_ids) sources.push_back(Cite(id));
  return {{"met", Round(e.met, 0.01)},
          {"method", e.method},
          {"how", e.how},
          {"is_estimate", e.is_estimate},
          {"outside_validity", e.outside_validity},
          {"sources", sources}};
}

}  // namespace

json EnergyToJson(const EnergyInput& in, const EnergyEstimate& e) {
  json j = {{"direction", Name(in.direction)},
            {"speed_mph", in.speed_mph},
            {"speed_kmh", Round(in.speed_mph * kKmhPerMph, 0.01)},
            {"speed_mps", Round(in.speed_mph * kMpsPerMph, 0.001)},
            {"grade_percent", in.grade_percent},
            {"minutes", in.minutes},
            {"mass_kg", in.mass_kg},
            {"kcal_per_minute", Round(e.kcal_per_minute, 0.01)},
            {"kcal", Round(e.kcal, 0.1)},
            {"kcal_formula", "kcal/min = MET x 3.5 x mass_kg / 200 (" + Cite("energy.kcal") + ")"},
            {"primary", MetJson(e.primary)}};
  if (e.acsm) {
    j["acsm"] = MetJson(*e.acsm);
    j["acsm"]["kcal"] = Round(KcalPerMinute(e.acsm->met, in.mass_kg) * in.minutes, 0.1);
  }
  return j;
}

std::string EnergyToText(const EnergyInput& in, const EnergyEstimate& e) {
  char buf[512];
  std::string out;
  std::snprintf(buf, sizeof buf,
                "%s walking at %g mph (%.2f km/h), grade %g%%, %g min, %g kg: %.1f kcal "
                "(%.2f kcal/min, %.2f MET)\n",
                in.direction == Direction::kBackward ? "Backward" : "Forward", in.speed_mph,
                in.speed_mph * kKmhPerMph, in.grade_percent, in.minutes, in.mass_kg, e.kcal,
                e.kcal_per_minute, e.primary.met);
  out += buf;
  out += "  how: " + e.primary.how + "\n";
  for (const std::string& id : e.primary.evidence_ids) {
    const Evidence& row = EvidenceFor(id);
    out += "  evidence: " + std::string(row.topic) + ": " + std::string(row.claim) + " [" +
           Cite(id) + "]\n";
  }
  out += "  kcal/min = MET x 3.5 x mass / 200 (" + Cite("energy.kcal") + ")\n";
  if (e.acsm) {
    std::snprintf(buf, sizeof buf, "  ACSM equation for comparison: %.2f MET, %.1f kcal%s\n",
                  e.acsm->met, KcalPerMinute(e.acsm->met, in.mass_kg) * in.minutes,
                  e.acsm->is_estimate ? " (backward multiplier: an estimate)" : "");
    out += buf;
    out += "    " + e.acsm->how + "\n";
  }
  return out;
}

}  // namespace retrowalk::app
