#include "training/evidence.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace retrowalk::training {
namespace {

using C = Confidence;
constexpr std::string_view kPractice =
    "physical therapists' and trainers' guidance (evidence.md, practice)";
constexpr std::string_view kCompendium = "Ainsworth 2011, Compendium of Physical Activities";
constexpr std::string_view kAcsm =
    "ACSM's Guidelines for Exercise Testing and Prescription, 10th ed.";

// Mirrors ../shared/docs/evidence.md row by row. Keep the two in step.
constexpr std::array kTable = {
    // What the practice looks like.
    Evidence{"practice.where", "where to start",
             "flat, open, familiar space outdoors, or a treadmill with handrails and the safety "
             "key clipped on",
             kPractice, C::kChecked},
    Evidence{"practice.beginner_dose", "beginner dose",
             "1-2 min backward for every 10-15 min of forward walking, slower than your forward "
             "pace",
             kPractice, C::kChecked},
    Evidence{"practice.treadmill_speed", "treadmill speed",
             "lowest setting, about 1-2 mph (0.45-0.9 m/s), or belt off; about half your forward "
             "speed",
             kPractice, C::kChecked},
    Evidence{"practice.build_up", "build-up",
             "to 5-10 min of backward walking at once, 2-3 times a week; a few minutes in bursts, "
             "up to about 10 min a few times a week",
             kPractice, C::kChecked},
    Evidence{"practice.form", "form cues",
             "engage the core, stand tall, don't lean back or look down, small short steps, hands "
             "light on the rails and then off as confidence grows",
             kPractice, C::kChecked},
    Evidence{"practice.stop", "stop", "stop if tired, dizzy, in pain, or losing balance", kPractice,
             C::kChecked},
    // Clinical doses (trials).
    Evidence{"trial.knee", "knee osteoarthritis",
             "10 min retro walking added to usual care, 3x/week for 6 weeks; pain -1.8 vs -1.0 "
             "(NRS), WOMAC -4.8 vs -2.2",
             "Alghadir et al. 2019, BMC Musculoskeletal Disorders 20:159", C::kChecked},
    Evidence{"trial.knee_unloading", "knee osteoarthritis, unloading treadmill",
             "3x/week for 6 weeks, up to 30 min", "J Orthop Surg Res 2023, 18:264 (protocol)",
             C::kChecked},
    Evidence{"trial.hamstring", "hamstring flexibility",
             "10-15 min/day, 4 days/week for 4 weeks, self-chosen speed; sit-and-reach +3.1 cm",
             "Whitley & Dufek 2011, Int J Exerc Sci 4(3)", C::kChecked},
    Evidence{"trial.back", "low back pain", "15 min at comfortable speed, 3x/week for 3 weeks",
             "Physiotherapy Quarterly 2023, 31(3):86", C::kChecked},
    Evidence{"trial.balance", "balance and fall risk", "10-15 min, 3-4x/week over several weeks",
             "Gait & Posture study cited in the consumer articles", C::kUnchecked},
    Evidence{"trial.stroke", "stroke rehabilitation",
             "+30 min backward (treadmill), 3x/week for 3-4 weeks",
             "Yang 2005 Clin Rehabil; Chang 2021 IJERPH 18:2376", C::kChecked},
    Evidence{"trial.cardio", "cardio fitness",
             "6 weeks of backward walk/run: submaximal VO2 -32%, body fat -2.4%",
             "Terblanche 2005, Int J Sports Med 26:214", C::kChecked},
    // Energy.
    Evidence{"energy.backward_level", "walking backwards, 3.5 mph, level",
             "6.0 MET (Compendium code 17320)", kCompendium, C::kChecked},
    Evidence{"energy.backward_uphill", "walking backwards, 3.5 mph, uphill 5%",
             "8.0 MET (Compendium code 17325)", kCompendium, C::kChecked},
    Evidence{"energy.forward", "walking forward",
             "<2 mph 2.0 (17151); 2 mph 2.8 (17152); 3.5 mph 4.3 (17200); uphill 1-5% 5.3 MET "
             "(17210)",
             kCompendium, C::kChecked},
    Evidence{"energy.ratio", "backward / forward at 3.5 mph", "1.40 level, about 1.5 uphill",
             "arithmetic on the Compendium values", C::kDerived},
    Evidence{"energy.acsm", "ACSM walking equation",
             "VO2 = 3.5 + 0.1*S + 1.8*S*G ml/kg/min, S in m/min, G a fraction; valid from 50 m/min",
             kAcsm, C::kChecked},
    Evidence{
        "energy.acsm_backward", "backward adjustment of the ACSM equation",
        "none published; fitting the Compendium gives a net-VO2 multiplier of about 1.9 level, "
        "1.4 at 5% grade (an estimate)",
        "fit of the ACSM equation to the Compendium values", C::kDerived},
    Evidence{"energy.hooper", "heart rate and VO2 backward vs forward",
             "17-20% higher %HRmax and %VO2max at 5-10% grade", "Hooper 2004, JOSPT 34:65",
             C::kChecked},
    Evidence{"energy.practice", "practice effect", "oxygen cost falls with practice",
             "Heath 2001; Childs 2002 JSCR 16:451 (titles)", C::kChecked},
    Evidence{"energy.kcal", "calories", "kcal/min = MET x 3.5 x body mass (kg) / 200",
             "standard MET-to-kcal conversion", C::kChecked},
    Evidence{"intensity.bands", "intensity bands",
             "light RPE 9-11; moderate RPE 12-13, 40-59% HR reserve, 64-76% HRmax", kAcsm,
             C::kChecked},
    // Gait and screening.
    Evidence{"gait.laufer", "backward vs forward gait",
             "slower, shorter strides, shorter swing, more double support; cadence unchanged at "
             "own pace",
             "Laufer 2005, J Gerontol A 60:627", C::kChecked},
    Evidence{"gait.masumoto", "same speed backward", "higher step rate, shorter steps",
             "Masumoto 2009, Gait & Posture", C::kChecked},
    Evidence{"gait.walk_run", "walk-to-run switch backward", "1.63 m/s", "Hreljac 2005, JSSM 4:446",
             C::kChecked},
    Evidence{"gait.healthy_speed", "healthy backward speed", "about 0.6-1.0 m/s", "evidence.md",
             C::kUnchecked},
    Evidence{"gait.fall_screen", "fall screen",
             "all older fallers walked backward slower than 0.6 m/s",
             "Fritz 2013, Gait & Posture 37:593", C::kChecked},
    Evidence{"gait.3mbwt", "3-metre backward walk test",
             "fallers 6.8 s vs 5.1 s; cut-off 5.5 s (sensitivity 59.5%, specificity 68.6%)",
             "Polo-Ferrero 2025, JFMK 10:154", C::kChecked},
    // Safety.
    Evidence{"safety.exclusions", "exclusions used in trials",
             "unstable angina, complex ventricular arrhythmia, resting blood pressure above "
             "200/100",
             "exclusion criteria of the trials above (evidence.md, Safety)", C::kChecked},
    Evidence{"safety.treadmill_test", "treadmill entry test",
             "on a treadmill, manage 0.3 km/h for 3 minutes holding the rail before training",
             "exclusion criteria of the treadmill trials (evidence.md, Safety)", C::kChecked},
    Evidence{"safety.treadmill_manual", "treadmill manual",
             "some treadmill makers forbid backward use: check your treadmill's manual",
             "evidence.md, Safety", C::kChecked},
    Evidence{"safety.not_medical", "not medical advice",
             "general fitness guidance, not medical advice; people with a condition should agree "
             "the program with their clinician",
             "evidence.md, Safety", C::kChecked},
    // retrowalk's own conventions (honestly labelled as such).
    Evidence{"rule.missed_week", "missed week",
             "after more than 7 days without a session, step back one stage",
             "retrowalk convention", C::kConvention},
    Evidence{"rule.advance", "advance",
             "two sessions completed at the current stage with RPE in the goal's band: advance one "
             "stage",
             "retrowalk convention", C::kConvention},
    Evidence{"rule.weekly_ramp", "planned ramp", "one stage up per week until the goal's dose",
             "retrowalk convention", C::kConvention},
};

}  // namespace

std::span<const Evidence> EvidenceTable() {
  return kTable;
}

bool HasEvidence(std::string_view id) {
  for (const Evidence& e : kTable)
    if (e.id == id) return true;
  return false;
}

const Evidence& EvidenceFor(std::string_view id) {
  for (const Evidence& e : kTable)
    if (e.id == id) return e;
  std::fprintf(stderr, "retrowalk: internal: no evidence row '%.*s'\n", static_cast<int>(id.size()),
               id.data());
  std::abort();
}

std::string_view ConfidenceName(Confidence confidence) {
  switch (confidence) {
    case Confidence::kChecked:
      return "checked";
    case Confidence::kDerived:
      return "derived";
    case Confidence::kUnchecked:
      return "unchecked";
    case Confidence::kConvention:
      return "convention";
  }
  return "unknown";
}

std::string Cite(std::string_view id) {
  const Evidence& e = EvidenceFor(id);
  return std::string(e.source) + " (" + std::string(ConfidenceName(e.confidence)) + ")";
}

}  // namespace retrowalk::training
