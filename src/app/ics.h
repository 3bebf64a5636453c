// iCalendar (RFC 5545) export of a plan: one all-day VEVENT per session with
// its intervals, cues and stop rules in the DESCRIPTION. Lines end in CRLF,
// are folded at 75 octets (never inside a UTF-8 sequence), and TEXT values
// are escaped (backslash, semicolon, comma, newline).
#pragma once

#include <string>
#include <string_view>

#include "training/types.h"

namespace retrowalk::app {

// TEXT value escaping (RFC 5545 section 3.3.11).
std::string EscapeIcsText(std::string_view text);
// One content line, folded (section 3.1), with its CRLF.
std::string FoldIcsLine(std::string_view line);

// `dtstamp_utc` is "YYYYMMDDTHHMMSSZ", the time the calendar was made (passed
// in so the output is reproducible in tests).
std::string PlanToIcs(const training::Plan& plan, std::string_view dtstamp_utc);

// Now, in the form DTSTAMP needs.
std::string IcsTimestampNow();

}  // namespace retrowalk::app
