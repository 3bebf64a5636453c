#include "app/ics.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "training/evidence.h"
#include "training/ladder.h"

namespace retrowalk::app {
namespace {

using namespace retrowalk::training;

std::string Compact(Date date) {
  std::string s = FormatDate(date);
  return s.substr(0, 4) + s.substr(5, 2) + s.substr(8, 2);
}

std::string Minutes(double m) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g min", m);
  return buf;
}

std::string Describe(const Plan& plan, const Session& s) {
  std::string d;
  int n = 1;
  for (const Interval& i : s.intervals) {
    d += std::to_string(n++) + ". " + std::string(Name(i.kind)) + " (" +
         std::string(Name(i.direction())) + ") " + Minutes(i.minutes) + ": " + i.instruction + "\n";
  }
  if (s.progression)
    d += "Why: " + s.progression->text + " [" + Cite(s.progression->evidence_id) + "]\n";
  d += "Form: ";
  for (const training::CitedText& c : FormCues()) d += std::string(c.text) + " ";
  d += "[" + Cite("practice.form") + "]\n";
  for (const training::CitedText& c : StopRules())
    d += std::string(c.text) + " [" + Cite(c.evidence_id) + "]\n";
  if (plan.setting == Setting::kTreadmill)
    d += "Check your treadmill's manual: some forbid backward use.\n";
  d += "General fitness guidance, not medical advice.";
  return d;
}

}  // namespace

std::string EscapeIcsText(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string FoldIcsLine(std::string_view line) {
  std::string out;
  size_t limit = 75;  // octets on the first line; continuation lines start with a space
  size_t used = 0;
  for (size_t i = 0; i < line.size();) {
    // Length of the UTF-8 sequence starting at i (continuation bytes are 10xxxxxx).
    size_t len = 1;
    while (i + len < line.size() && (static_cast<unsigned char>(line[i + len]) & 0xC0) == 0x80)
      ++len;
    if (used + len > limit) {
      out += "\r\n ";
      used = 1;
    }
    out.append(line.substr(i, len));
    used += len;
    i += len;
  }
  return out + "\r\n";
}

std::string PlanToIcs(const Plan& plan, std::string_view dtstamp_utc) {
  std::string out;
  auto line = [&](std::string_view l) { out += FoldIcsLine(l); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//retrowalk//retrowalk training plan//EN");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  line("X-WR-CALNAME:" + EscapeIcsText("Retro walking: " + std::string(Name(plan.goal))));
  for (const Session& s : plan.sessions) {
    char summary[160];
    std::snprintf(summary, sizeof summary, "Retro walking %d/%zu: %g min backward", s.index + 1,
                  plan.sessions.size(), s.BackwardMinutes());
    line("BEGIN:VEVENT");
    // Stable across re-exports of the same plan, so calendars update in place.
    line("UID:retrowalk-" + std::string(Name(plan.goal)) + "-" + std::string(Name(plan.level)) +
         "-" + std::string(Name(plan.setting)) + "-" + Compact(plan.start) + "-" +
         std::to_string(s.index + 1) + "@retrowalk");
    line("DTSTAMP:" + std::string(dtstamp_utc));
    line("DTSTART;VALUE=DATE:" + Compact(s.date));
    line("DTEND;VALUE=DATE:" + Compact(s.date + std::chrono::days{1}));
    line("SUMMARY:" + EscapeIcsText(summary));
    line("DESCRIPTION:" + EscapeIcsText(Describe(plan, s)));
    line("TRANSP:TRANSPARENT");
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return out;
}

std::string IcsTimestampNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &utc);
  return buf;
}

}  // namespace retrowalk::app
