// The dose ladder: the stages a walker climbs from the physical therapists'
// beginner dose to a goal's trial dose, and each goal's profile (target
// stage, sessions a week, RPE band). Both are data with an evidence id per
// row, so plans, progression and tests share one source of truth.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "training/types.h"

namespace retrowalk::training {

struct Stage {
  int bouts;                // backward bouts per session
  double bout_minutes;      // minutes of each backward bout
  double recovery_minutes;  // forward walking between bouts
  double warmup_minutes;
  double cooldown_minutes;
  double backward_mph;           // treadmill belt speed for the backward bouts
  std::string_view evidence_id;  // why this stage is allowed
  double BackwardMinutes() const { return bouts * bout_minutes; }
};

struct GoalProfile {
  Goal goal;
  int target_stage;             // the goal's trial dose on the ladder
  double max_backward_minutes;  // per session: the most the evidence supports
  int default_sessions_per_week;
  int max_sessions_per_week;
  int trial_weeks;  // 0 when no trial length applies
  int rpe_min;      // the goal's RPE band (Borg 6-20)
  int rpe_max;
  std::string_view band_name;         // "light", "light to moderate", "moderate"
  std::string_view dose_evidence_id;  // the trial or guidance behind the target
  std::string_view frequency_evidence_id;
};

inline constexpr double kForwardWarmupMph = 2.5;  // easy forward pace for energy estimates
inline constexpr double kForwardCooldownMph = 2.0;
inline constexpr double kMaxTreadmillBackwardMph = 2.0;  // practice.treadmill_speed

std::span<const Stage> Ladder();
const GoalProfile& ProfileFor(Goal goal);
int StartStage(Level level);

// The evidence row that justifies `stage` for `goal` (trial rows for the
// stages at the top, practice rows below).
std::string_view StageEvidence(Goal goal, int stage);
// One sentence describing the stage's dose, e.g. "2 x 1 min backward at 1.0 mph".
std::string StageSummary(int stage, Setting setting);

// The intervals of one session at `stage`: warm-up, bouts with forward
// recovery between them, cool-down.
std::vector<Interval> BuildIntervals(int stage, Setting setting);

// The form cues and stop rules every session carries, with their evidence.
struct CitedText {
  std::string_view text;
  std::string_view evidence_id;
};
std::span<const CitedText> FormCues();
std::span<const CitedText> StopRules();

}  // namespace retrowalk::training
