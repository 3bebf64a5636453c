#include "gait/options.h"

namespace retrowalk {

std::optional<EngineOptions> EnginePreset(std::string_view name) {
  EngineOptions o;
  if (name == "healthy" || name.empty()) return o;
  if (name == "impaired") {
    o.steps.min_peak_mps2 = 0.12f;
    o.bouts.max_step_s = 2.0;
    o.bouts.rhythm_tolerance = 0.45;
    // Bout edges as tuned on healthy walkers' trials; sessions were tuned without them.
    o.bouts.push_off_ratio = 0;
    o.bouts.closing_last_ratio = 0;
    o.stumbles.max_step_s = 2.0;
    return o;
  }
  if (name == "backward") {
    o.steps.min_peak_mps2 = 0.12f;
    o.bouts.max_step_s = 2.0;
    o.bouts.push_off_ratio = 0;
    o.bouts.closing_last_ratio = 0;
    o.stumbles.max_step_s = 2.0;
    return o;
  }
  return std::nullopt;
}

std::string_view DefaultEnginePreset(bool session) {
  return session ? "impaired" : "healthy";
}

}  // namespace retrowalk
