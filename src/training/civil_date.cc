#include "training/civil_date.h"

#include <array>
#include <cctype>
#include <cstdio>

namespace retrowalk::training {
namespace {
constexpr std::array<std::string_view, 7> kWeekdays = {"mon", "tue", "wed", "thu",
                                                       "fri", "sat", "sun"};

bool AllDigits(std::string_view s) {
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return !s.empty();
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}
}  // namespace

Result<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !AllDigits(text.substr(0, 4)) ||
      !AllDigits(text.substr(5, 2)) || !AllDigits(text.substr(8, 2))) {
    return Status::InvalidInput("'" + std::string(text) + "' is not a date (YYYY-MM-DD)");
  }
  const std::chrono::year_month_day ymd{
      std::chrono::year{ToInt(text.substr(0, 4))},
      std::chrono::month{static_cast<unsigned>(ToInt(text.substr(5, 2)))},
      std::chrono::day{static_cast<unsigned>(ToInt(text.substr(8, 2)))}};
  if (!ymd.ok() || ymd.year() < std::chrono::year{1900}) {
    return Status::InvalidInput("'" + std::string(text) + "' is not a calendar date");
  }
  return Date{ymd};
}

std::string FormatDate(Date date) {
  const std::chrono::year_month_day ymd{date};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

int IsoWeekdayIndex(Date date) {
  return static_cast<int>(std::chrono::weekday{date}.iso_encoding()) - 1;
}

Result<int> ParseWeekday(std::string_view text) {
  for (size_t i = 0; i < kWeekdays.size(); ++i)
    if (kWeekdays[i] == text) return static_cast<int>(i);
  return Status::InvalidInput("unknown weekday '" + std::string(text) +
                              "' (expected mon, tue, wed, thu, fri, sat or sun)");
}

std::string_view WeekdayName(int iso_index) {
  return kWeekdays.at(static_cast<size_t>(iso_index));
}

}  // namespace retrowalk::training
