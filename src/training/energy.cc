#include "training/energy.h"

#include <algorithm>
#include <cstdio>

namespace retrowalk::training {
namespace {

// Compendium values (evidence rows energy.forward, energy.backward_*).
constexpr double kForwardSlowMet = 2.0;     // 17151, < 2 mph
constexpr double kForward2MphMet = 2.8;     // 17152
constexpr double kForward35MphMet = 4.3;    // 17200
constexpr double kForwardUphillMet = 5.3;   // 17210, 1-5% grade
constexpr double kBackwardLevelMet = 6.0;   // 17320, 3.5 mph
constexpr double kBackwardUphillMet = 8.0;  // 17325, 3.5 mph, 5%
constexpr double kCompendiumMaxMph = 3.5;
constexpr double kCompendiumMaxGrade = 5.0;

constexpr double kMetersPerMinutePerMph = kMpsPerMph * 60;
constexpr double kAcsmMinMetersPerMinute = 50;
constexpr double kBackwardNetMultiplierLevel = 1.9;
constexpr double kBackwardNetMultiplierUphill = 1.4;  // at 5%

std::string Fmt(const char* format, double a = 0, double b = 0, double c = 0) {
  char buf[256];
  std::snprintf(buf, sizeof buf, format, a, b, c);
  return buf;
}

std::string Range(double lo, double hi) {
  return Fmt("%g-%g", lo, hi);
}

}  // namespace

Status ValidateEnergyInput(const EnergyInput& input) {
  const double max_mph = input.direction == Direction::kBackward ? kMaxBackwardMph : kMaxForwardMph;
  if (!(input.speed_mph > 0) || input.speed_mph > max_mph) {
    return Status::InvalidInput(
        Fmt("speed must be above 0 and at most %.1f mph for ", max_mph) +
        std::string(Name(input.direction)) + " walking" +
        (input.direction == Direction::kBackward
             ? " (the backward walk-to-run switch is 1.63 m/s, Hreljac 2005)"
             : "") +
        Fmt(", got %g", input.speed_mph));
  }
  if (!(input.grade_percent >= 0) || input.grade_percent > kMaxGradePercent)
    return Status::InvalidInput(Fmt("grade must be between 0 and %g percent, got %g",
                                    kMaxGradePercent, input.grade_percent));
  if (!(input.minutes >= 0) || input.minutes > kMaxMinutes)
    return Status::InvalidInput(
        Fmt("minutes must be between 0 and %g, got %g", kMaxMinutes, input.minutes));
  if (!(input.mass_kg >= kMinMassKg) || input.mass_kg > kMaxMassKg)
    return Status::InvalidInput("mass must be between " + Range(kMinMassKg, kMaxMassKg) +
                                Fmt(" kg, got %g", input.mass_kg));
  return Status::Ok();
}

double CompendiumForwardLevelMet(double speed_mph) {
  if (speed_mph < 2.0) return kForwardSlowMet;
  const double t = (std::min(speed_mph, kCompendiumMaxMph) - 2.0) / (kCompendiumMaxMph - 2.0);
  return kForward2MphMet + t * (kForward35MphMet - kForward2MphMet);
}

std::optional<MetEstimate> CompendiumMet(Direction direction, double speed_mph,
                                         double grade_percent) {
  if (speed_mph > kCompendiumMaxMph + 1e-9 || grade_percent > kCompendiumMaxGrade + 1e-9 ||
      grade_percent < 0)
    return std::nullopt;
  MetEstimate e;
  e.method = "compendium";
  const double level = CompendiumForwardLevelMet(speed_mph);
  const double g = grade_percent / kCompendiumMaxGrade;
  const bool exact_speed = speed_mph == 2.0 || speed_mph == kCompendiumMaxMph || speed_mph < 2.0;
  if (direction == Direction::kForward) {
    e.met = level * (1 + g * (kForwardUphillMet / kForward35MphMet - 1));
    e.evidence_ids = {"energy.forward"};
    e.how = speed_mph < 2.0 ? "Compendium 17151 (walking < 2 mph, 2.0 MET)"
                            : "Compendium 17151/17152/17200, linear in speed between 2.8 MET at "
                              "2 mph and 4.3 MET at 3.5 mph";
    if (grade_percent > 0)
      e.how += Fmt(", times 1 + (grade/5%%)x(5.3/4.3 - 1) from uphill code 17210 (grade %g%%)",
                   grade_percent);
    e.is_estimate = !exact_speed || (grade_percent > 0 && grade_percent != kCompendiumMaxGrade);
  } else {
    e.met = level * (kBackwardLevelMet / kForward35MphMet) *
            (1 + g * (kBackwardUphillMet / kBackwardLevelMet - 1));
    e.evidence_ids = {"energy.backward_level", "energy.forward", "energy.ratio"};
    e.how = speed_mph == kCompendiumMaxMph
                ? "Compendium 17320 (walking backwards, 3.5 mph, 6.0 MET)"
                : Fmt("Compendium 17320 (6.0 MET at 3.5 mph) scaled by the forward curve: "
                      "6.0 x %.2f / 4.3 (forward MET at %g mph / at 3.5 mph)",
                      level, speed_mph);
    if (grade_percent > 0) {
      e.evidence_ids.push_back("energy.backward_uphill");
      e.how +=
          Fmt(", times 1 + (grade/5%%)x(8.0/6.0 - 1) from code 17325 (grade %g%%)", grade_percent);
    }
    e.is_estimate = speed_mph != kCompendiumMaxMph ||
                    (grade_percent > 0 && grade_percent != kCompendiumMaxGrade);
  }
  if (e.is_estimate) e.how += " (interpolated: an estimate)";
  return e;
}

MetEstimate AcsmMet(Direction direction, double speed_mph, double grade_percent) {
  MetEstimate e;
  e.method = "acsm";
  const double s = speed_mph * kMetersPerMinutePerMph;
  const double g = grade_percent / 100;
  const double net = 0.1 * s + 1.8 * s * g;
  double multiplier = 1;
  e.evidence_ids = {"energy.acsm"};
  if (direction == Direction::kBackward) {
    const double t = std::min(grade_percent, kCompendiumMaxGrade) / kCompendiumMaxGrade;
    multiplier = kBackwardNetMultiplierLevel +
                 t * (kBackwardNetMultiplierUphill - kBackwardNetMultiplierLevel);
    e.evidence_ids.push_back("energy.acsm_backward");
    e.is_estimate = true;
  }
  const double vo2 = 3.5 + multiplier * net;
  e.met = vo2 / 3.5;
  e.how =
      Fmt("ACSM walking equation VO2 = 3.5 + 0.1xS + 1.8xSxG with S = %.1f m/min, G = %.3f", s, g);
  if (direction == Direction::kBackward)
    e.how += Fmt("; net VO2 x %.2f for backward walking (fit to the Compendium, an estimate)",
                 multiplier);
  e.how += Fmt(" = %.1f ml/kg/min", vo2);
  if (s < kAcsmMinMetersPerMinute) {
    e.outside_validity = true;
    e.how += Fmt("; below the equation's 50 m/min validity (%.1f m/min)", s);
  }
  return e;
}

double KcalPerMinute(double met, double mass_kg) {
  return met * 3.5 * mass_kg / 200;
}

Result<EnergyEstimate> EstimateEnergy(const EnergyInput& input) {
  RETROWALK_RETURN_IF_ERROR(ValidateEnergyInput(input));
  EnergyEstimate out;
  MetEstimate acsm = AcsmMet(input.direction, input.speed_mph, input.grade_percent);
  if (auto compendium = CompendiumMet(input.direction, input.speed_mph, input.grade_percent)) {
    out.primary = *compendium;
    out.acsm = acsm;
  } else {
    out.primary = acsm;
  }
  out.kcal_per_minute = KcalPerMinute(out.primary.met, input.mass_kg);
  out.kcal = out.kcal_per_minute * input.minutes;
  return out;
}

Result<double> SessionKcal(const Session& session, double mass_kg) {
  double total = 0;
  for (const Interval& i : session.intervals) {
    auto e = EstimateEnergy({i.direction(), i.speed_mph, 0, i.minutes, mass_kg});
    if (!e.ok()) return e.status();
    total += e->kcal;
  }
  return total;
}

}  // namespace retrowalk::training
