// The vocabulary of the training engine: goals, levels, settings and the
// plan made of sessions made of intervals.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "training/civil_date.h"

namespace retrowalk::training {

enum class Goal { kKnee, kBalance, kBack, kCardio, kGeneral };
enum class Level { kNew, kSome, kConfident };
enum class Setting { kTreadmill, kOutdoor };
enum class Direction { kForward, kBackward };
enum class IntervalKind { kWarmUp, kBackward, kRecovery, kCoolDown };

Result<Goal> ParseGoal(std::string_view text);
Result<Level> ParseLevel(std::string_view text);
Result<Setting> ParseSetting(std::string_view text);
Result<IntervalKind> ParseIntervalKind(std::string_view text);
std::string_view Name(Goal goal);
std::string_view Name(Level level);
std::string_view Name(Setting setting);
std::string_view Name(IntervalKind kind);
std::string_view Name(Direction direction);
std::string_view Describe(Goal goal);  // "knee osteoarthritis / knee stability"

inline constexpr double kKmhPerMph = 1.609344;
inline constexpr double kMpsPerMph = 0.44704;

struct Interval {
  IntervalKind kind = IntervalKind::kWarmUp;
  double minutes = 0;
  // The speed used for the energy estimate. On a treadmill it is the belt
  // speed to set; outdoors it is an assumption and `speed_is_target` is false.
  double speed_mph = 0;
  bool speed_is_target = true;
  std::string instruction;  // what the walker is told, e.g. "slow, small steps"

  Direction direction() const {
    return kind == IntervalKind::kBackward ? Direction::kBackward : Direction::kForward;
  }
};

// Why a session's dose is what it is.
struct Rationale {
  std::string text;
  std::string evidence_id;  // a row of EvidenceTable()
};

struct Session {
  int index = 0;  // 0-based position in the plan
  Date date{};
  int week = 1;   // 1-based
  int stage = 0;  // position on the dose ladder (ladder.h)
  std::vector<Interval> intervals;
  std::optional<Rationale> progression;  // set when the dose changed from the previous session

  double BackwardMinutes() const;
  double TotalMinutes() const;
};

struct PlanRequest {
  Goal goal = Goal::kGeneral;
  Level level = Level::kNew;
  Setting setting = Setting::kTreadmill;
  std::optional<int> weeks;  // default: the goal's trial length or the ramp, whichever is longer
  std::vector<int> days;     // ISO weekday indices; default: the goal's sessions per week
  Date start{};
};

struct Plan {
  Goal goal = Goal::kGeneral;
  Level level = Level::kNew;
  Setting setting = Setting::kTreadmill;
  int weeks = 0;
  std::vector<int> days;
  Date start{};
  std::vector<Session> sessions;
};

}  // namespace retrowalk::training
