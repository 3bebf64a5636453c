// Calendar dates (no time of day, no time zone) for plans and logs.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/result.h"

namespace retrowalk::training {

using Date = std::chrono::sys_days;

// Strict "YYYY-MM-DD"; rejects 2026-02-30 and friends.
Result<Date> ParseDate(std::string_view text);
std::string FormatDate(Date date);

// 0 = Monday ... 6 = Sunday (ISO order, as walkers think of a week).
int IsoWeekdayIndex(Date date);
// "mon".."sun" <-> 0..6.
Result<int> ParseWeekday(std::string_view text);
std::string_view WeekdayName(int iso_index);

inline int DaysBetween(Date from, Date to) {
  return static_cast<int>((to - from).count());
}

}  // namespace retrowalk::training
