// Energy estimates for forward and backward walking.
//
// Primary: Compendium METs (Ainsworth 2011). The forward codes give a curve
// over speed (2.0 MET below 2 mph, then linear from 2.8 MET at 2 mph to
// 4.3 MET at 3.5 mph). Backward walking has one level code (6.0 MET at
// 3.5 mph) and one uphill code (8.0 MET at 5%), so other speeds are the
// forward curve scaled by 6.0/4.3 (the derived backward:forward ratio at
// 3.5 mph), and grades between 0 and 5% interpolate linearly between the
// level and uphill codes. Outside 0-3.5 mph or 0-5% the Compendium says
// nothing and the ACSM walking equation takes over.
//
// Secondary: the ACSM walking equation; for backward walking its net VO2 is
// multiplied by 1.9 (level) to 1.4 (5% grade), a fit to the Compendium and
// no published equation, so it is always labelled an estimate.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "training/types.h"

namespace retrowalk::training {

inline constexpr double kMinMassKg = 20;
inline constexpr double kMaxMassKg = 350;
inline constexpr double kMaxForwardMph = 4.5;
// Above the backward walk-to-run switch (1.63 m/s, Hreljac 2005) it is running.
inline constexpr double kMaxBackwardMph = 1.63 / kMpsPerMph;
inline constexpr double kMaxGradePercent = 15;
inline constexpr double kMaxMinutes = 24 * 60;

struct EnergyInput {
  Direction direction = Direction::kForward;
  double speed_mph = 0;
  double grade_percent = 0;
  double minutes = 0;
  double mass_kg = 0;
};

struct MetEstimate {
  double met = 0;
  std::string method;  // "compendium" or "acsm"
  std::string how;     // one sentence: codes used and how they were combined
  std::vector<std::string> evidence_ids;
  bool is_estimate = false;       // true when a derived multiplier or interpolation is involved
  bool outside_validity = false;  // ACSM below 50 m/min
};

struct EnergyEstimate {
  MetEstimate primary;
  std::optional<MetEstimate> acsm;  // the ACSM figure beside a Compendium one
  double kcal_per_minute = 0;
  double kcal = 0;
};

// Checks ranges (speed, grade, minutes >= 0, mass 20-350 kg).
Status ValidateEnergyInput(const EnergyInput& input);

double CompendiumForwardLevelMet(double speed_mph);
std::optional<MetEstimate> CompendiumMet(Direction direction, double speed_mph,
                                         double grade_percent);
MetEstimate AcsmMet(Direction direction, double speed_mph, double grade_percent);
double KcalPerMinute(double met, double mass_kg);

Result<EnergyEstimate> EstimateEnergy(const EnergyInput& input);

// The whole session: the sum over its intervals (each at its own speed and
// direction, level ground).
Result<double> SessionKcal(const Session& session, double mass_kg);

}  // namespace retrowalk::training
