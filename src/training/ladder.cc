#include "training/ladder.h"

#include <array>
#include <cstdio>
#include <string>

namespace retrowalk::training {
namespace {

// Stages 0-1 are the beginner dose (1-2 min backward per 10-15 min forward at
// 1-2 mph); 2-4 the build-up in bursts; 5 is 10 min at once (knee trial, the
// build-up's ceiling); 6-7 climb to the 15 min of the back and balance trials.
// Speeds stay within the treadmill guidance of 1-2 mph.
constexpr std::array kLadder = {
    Stage{2, 1, 10, 10, 5, 1.0, "practice.beginner_dose"},
    Stage{2, 2, 12, 10, 5, 1.0, "practice.beginner_dose"},
    Stage{3, 2, 5, 5, 5, 1.2, "practice.build_up"},
    Stage{2, 4, 4, 5, 5, 1.5, "practice.build_up"},
    Stage{2, 5, 3, 5, 5, 1.5, "practice.build_up"},
    Stage{1, 10, 0, 5, 5, 1.8, "practice.build_up"},
    Stage{1, 12, 0, 5, 5, 2.0, "trial.balance"},
    Stage{1, 15, 0, 5, 5, 2.0, "trial.back"},
};

constexpr std::array kProfiles = {
    GoalProfile{Goal::kKnee, 5, 10, 3, 3, 6, 9, 13, "light to moderate", "trial.knee",
                "trial.knee"},
    GoalProfile{Goal::kBalance, 7, 15, 3, 4, 6, 9, 11, "light", "trial.balance", "trial.balance"},
    GoalProfile{Goal::kBack, 7, 15, 3, 4, 3, 9, 13, "light to moderate", "trial.back",
                "trial.hamstring"},
    GoalProfile{Goal::kCardio, 5, 10, 3, 3, 6, 12, 13, "moderate", "trial.cardio",
                "practice.build_up"},
    GoalProfile{Goal::kGeneral, 5, 10, 2, 3, 0, 9, 13, "light to moderate", "practice.build_up",
                "practice.build_up"},
};

constexpr std::array kFormCues = {
    CitedText{"Engage your core and stand tall.", "practice.form"},
    CitedText{"Don't lean back or look down.", "practice.form"},
    CitedText{"Small, short steps; land on your toes first.", "practice.form"},
    CitedText{"Hands light on the rails, then off as confidence grows.", "practice.form"},
};

constexpr std::array kStopRules = {
    CitedText{"Stop if you feel tired, dizzy, in pain, or you lose your balance.", "practice.stop"},
};

std::string Fmt(const char* format, double a, double b = 0, double c = 0) {
  char buf[160];
  std::snprintf(buf, sizeof buf, format, a, b, c);
  return buf;
}

}  // namespace

std::span<const Stage> Ladder() {
  return kLadder;
}

const GoalProfile& ProfileFor(Goal goal) {
  for (const GoalProfile& p : kProfiles)
    if (p.goal == goal) return p;
  return kProfiles.back();
}

int StartStage(Level level) {
  switch (level) {
    case Level::kNew:
      return 0;
    case Level::kSome:
      return 2;
    case Level::kConfident:
      return 4;
  }
  return 0;
}

std::string_view StageEvidence(Goal goal, int stage) {
  const Stage& s = kLadder.at(static_cast<size_t>(stage));
  if (s.BackwardMinutes() < 10 || s.bouts > 1) return s.evidence_id;  // bursts: build-up guidance
  // 10 min and more at once: the goal's own trial where it covers the dose.
  switch (goal) {
    case Goal::kKnee:
      return "trial.knee";
    case Goal::kBalance:
      return "trial.balance";
    case Goal::kBack:
      return s.BackwardMinutes() >= 15 ? "trial.back" : "trial.hamstring";
    case Goal::kCardio:
    case Goal::kGeneral:
      return "practice.build_up";
  }
  return s.evidence_id;
}

std::string StageSummary(int stage, Setting setting) {
  const Stage& s = kLadder.at(static_cast<size_t>(stage));
  std::string bouts = s.bouts == 1 ? Fmt("%g min backward", s.bout_minutes)
                                   : Fmt("%g x %g min backward", s.bouts, s.bout_minutes);
  if (setting == Setting::kTreadmill)
    return bouts + Fmt(" at %.1f mph (%.1f km/h)", s.backward_mph, s.backward_mph * kKmhPerMph);
  return bouts + ", slow, small steps";
}

std::vector<Interval> BuildIntervals(int stage, Setting setting) {
  const Stage& s = kLadder.at(static_cast<size_t>(stage));
  const bool treadmill = setting == Setting::kTreadmill;
  std::vector<Interval> out;
  auto forward = [&](IntervalKind kind, double minutes, double mph, std::string text) {
    out.push_back(Interval{kind, minutes, mph, treadmill, std::move(text)});
  };
  forward(IntervalKind::kWarmUp, s.warmup_minutes, kForwardWarmupMph,
          treadmill ? Fmt("walk forward at an easy pace, about %.1f mph (%.1f km/h)",
                          kForwardWarmupMph, kForwardWarmupMph * kKmhPerMph)
                    : "walk forward at an easy pace");
  for (int b = 0; b < s.bouts; ++b) {
    out.push_back(
        Interval{IntervalKind::kBackward, s.bout_minutes, s.backward_mph, treadmill,
                 treadmill ? Fmt("walk backward at %.1f mph (%.1f km/h), hands light on the rails",
                                 s.backward_mph, s.backward_mph * kKmhPerMph)
                           : "walk backward: slow, small steps, on flat open ground"});
    if (b + 1 < s.bouts)
      forward(IntervalKind::kRecovery, s.recovery_minutes, kForwardWarmupMph,
              "walk forward to recover");
  }
  forward(IntervalKind::kCoolDown, s.cooldown_minutes, kForwardCooldownMph,
          "walk forward slowly to cool down");
  return out;
}

std::span<const CitedText> FormCues() {
  return kFormCues;
}
std::span<const CitedText> StopRules() {
  return kStopRules;
}

}  // namespace retrowalk::training
