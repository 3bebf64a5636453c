#include "app/session_log.h"

#include <gtest/gtest.h>

#include "cli_run.h"

namespace retrowalk::app {
namespace {

using retrowalk::testing_cli::TempPath;
using retrowalk::testing_cli::WriteFile;

TEST(SessionLogTest, AppendsAndReadsBack) {
  const std::string path = TempPath("append_log.json");
  std::remove(path.c_str());
  training::LogEntry e;
  e.date = training::ParseDate("2026-11-23").value();
  e.session_index = 0;
  e.backward_minutes = 2;
  e.rpe = 11;
  e.pain = 1;
  e.backward_steps = 180;
  ASSERT_TRUE(AppendToLogFile(path, e).ok());
  e.session_index = 1;
  ASSERT_TRUE(AppendToLogFile(path, e).ok());
  auto log = ReadLogFile(path, false);
  ASSERT_TRUE(log.ok()) << log.status().message();
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[1].session_index, 1);
  EXPECT_EQ((*log)[0].backward_steps, 180);
  e.rpe = 21;
  EXPECT_FALSE(AppendToLogFile(path, e).ok());
}

TEST(SessionLogTest, RejectsOutOfRangeFields) {
  const std::string base =
      R"({"format":"retrowalk-log","version":1,"entries":[{"date":"2026-11-23","session":1,)";
  auto parse = [&](const std::string& tail) {
    return LogFromJson(nlohmann::json::parse(base + tail + "}]}"), "log.json");
  };
  EXPECT_TRUE(parse(R"("backward_minutes":2,"rpe":11,"pain":0)").ok());
  auto r = parse(R"("backward_minutes":2,"rpe":5,"pain":0)");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("log.json.entries[0].rpe"), std::string::npos);
  EXPECT_FALSE(parse(R"("backward_minutes":-2,"rpe":11,"pain":0)").ok());
  EXPECT_FALSE(parse(R"("backward_minutes":2,"rpe":11,"pain":11)").ok());
  EXPECT_FALSE(parse(R"("backward_minutes":2,"rpe":11.5,"pain":0)").ok());
}

TEST(SessionLogTest, MissingFileIsEmptyOnlyWhenAllowed) {
  EXPECT_TRUE(ReadLogFile(TempPath("nope.json"), true).ok());
  EXPECT_EQ(ReadLogFile(TempPath("nope.json"), false).status().code(), Status::Code::kNotFound);
  const std::string bad = TempPath("bad_log.json");
  WriteFile(bad, "{\"format\": \"retrowalk-log\",\n\"version\": 1,\n\"entries\": [}\n");
  auto r = ReadLogFile(bad, false);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("bad_log.json:3:13: malformed JSON"), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace retrowalk::app
