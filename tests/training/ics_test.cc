#include "app/ics.h"

#include <gtest/gtest.h>

#include "training/plan_generator.h"

namespace retrowalk::app {
namespace {

using namespace retrowalk::training;

TEST(IcsTest, EscapesTextValues) {
  EXPECT_EQ(EscapeIcsText("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
}

TEST(IcsTest, FoldsAt75OctetsWithoutSplittingUtf8) {
  const std::string line = "DESCRIPTION:" + std::string(200, 'x');
  const std::string folded = FoldIcsLine(line);
  size_t start = 0;
  std::string unfolded;
  while (start < folded.size()) {
    const size_t end = folded.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 75u);
    unfolded += folded.substr(start == 0 ? start : start + 1, end - start - (start == 0 ? 0 : 1));
    start = end + 2;
  }
  EXPECT_EQ(unfolded, line);
  // A 2-byte character straddling the boundary moves to the next line whole.
  const std::string utf = std::string(74, 'a') + "\xC3\xA9" + "b";
  const std::string f = FoldIcsLine(utf);
  EXPECT_EQ(f.substr(0, 76), std::string(74, 'a') + "\r\n");
  EXPECT_EQ(f.substr(76, 3), " \xC3\xA9");
}

TEST(IcsTest, OneEventPerSessionWithCrlfAndRequiredProperties) {
  PlanRequest r{Goal::kKnee, Level::kNew, Setting::kTreadmill,
                2,           {},          ParseDate("2026-11-23").value()};
  const Plan plan = GeneratePlan(r).value();
  const std::string ics = PlanToIcs(plan, "20261123T120000Z");
  size_t events = 0, uids = 0, stamps = 0;
  size_t pos = 0;
  while (pos < ics.size()) {
    const size_t end = ics.find("\r\n", pos);
    ASSERT_NE(end, std::string::npos) << "every line ends in CRLF";
    const std::string line = ics.substr(pos, end - pos);
    EXPECT_LE(line.size(), 75u);
    EXPECT_EQ(line.find('\n'), std::string::npos);
    if (line == "BEGIN:VEVENT") ++events;
    if (line.rfind("UID:", 0) == 0) ++uids;
    if (line == "DTSTAMP:20261123T120000Z") ++stamps;
    pos = end + 2;
  }
  EXPECT_EQ(events, plan.sessions.size());
  EXPECT_EQ(uids, plan.sessions.size());
  EXPECT_EQ(stamps, plan.sessions.size());
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0), 0u);
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20261123\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTEND;VALUE=DATE:20261124\r\n"), std::string::npos);
  EXPECT_EQ(ics.substr(ics.size() - 15), "END:VCALENDAR\r\n");
}

}  // namespace
}  // namespace retrowalk::app
