#include "training/types.h"

#include <array>
#include <utility>

namespace retrowalk::training {
namespace {

template <typename E, size_t N>
Result<E> ParseName(const std::array<std::pair<std::string_view, E>, N>& names,
                    std::string_view what, std::string_view text) {
  std::string expected;
  for (const auto& [name, value] : names) {
    if (name == text) return value;
    expected += (expected.empty() ? "" : ", ") + std::string(name);
  }
  return Status::InvalidInput("unknown " + std::string(what) + " '" + std::string(text) +
                              "' (expected " + expected + ")");
}

constexpr std::array<std::pair<std::string_view, Goal>, 5> kGoals = {{{"knee", Goal::kKnee},
                                                                      {"balance", Goal::kBalance},
                                                                      {"back", Goal::kBack},
                                                                      {"cardio", Goal::kCardio},
                                                                      {"general", Goal::kGeneral}}};
constexpr std::array<std::pair<std::string_view, Level>, 3> kLevels = {
    {{"new", Level::kNew}, {"some", Level::kSome}, {"confident", Level::kConfident}}};
constexpr std::array<std::pair<std::string_view, Setting>, 2> kSettings = {
    {{"treadmill", Setting::kTreadmill}, {"outdoor", Setting::kOutdoor}}};
constexpr std::array<std::pair<std::string_view, IntervalKind>, 4> kKinds = {
    {{"warmup", IntervalKind::kWarmUp},
     {"backward", IntervalKind::kBackward},
     {"recovery", IntervalKind::kRecovery},
     {"cooldown", IntervalKind::kCoolDown}}};

template <typename E, size_t N>
std::string_view NameOf(const std::array<std::pair<std::string_view, E>, N>& names, E value) {
  for (const auto& [name, v] : names)
    if (v == value) return name;
  return "?";
}

}  // namespace

Result<Goal> ParseGoal(std::string_view text) {
  return ParseName(kGoals, "goal", text);
}
Result<Level> ParseLevel(std::string_view text) {
  return ParseName(kLevels, "level", text);
}
Result<Setting> ParseSetting(std::string_view text) {
  return ParseName(kSettings, "setting", text);
}
Result<IntervalKind> ParseIntervalKind(std::string_view text) {
  return ParseName(kKinds, "interval kind", text);
}
std::string_view Name(Goal goal) {
  return NameOf(kGoals, goal);
}
std::string_view Name(Level level) {
  return NameOf(kLevels, level);
}
std::string_view Name(Setting setting) {
  return NameOf(kSettings, setting);
}
std::string_view Name(IntervalKind kind) {
  return NameOf(kKinds, kind);
}
std::string_view Name(Direction direction) {
  return direction == Direction::kBackward ? "backward" : "forward";
}

std::string_view Describe(Goal goal) {
  switch (goal) {
    case Goal::kKnee:
      return "knee osteoarthritis / knee stability";
    case Goal::kBalance:
      return "balance, fall risk, proprioception";
    case Goal::kBack:
      return "low back pain, hamstring flexibility";
    case Goal::kCardio:
      return "cardio fitness";
    case Goal::kGeneral:
      return "general: warm-up or finisher";
  }
  return "?";
}

double Session::BackwardMinutes() const {
  double total = 0;
  for (const Interval& i : intervals)
    if (i.kind == IntervalKind::kBackward) total += i.minutes;
  return total;
}

double Session::TotalMinutes() const {
  double total = 0;
  for (const Interval& i : intervals) total += i.minutes;
  return total;
}

}  // namespace retrowalk::training
