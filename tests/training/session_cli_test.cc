// The guided session end to end: headless under the fake clock, and the real
// interactive mode driven through a pseudo-terminal by tmux.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "cli_run.h"

namespace retrowalk::testing_cli {
namespace {

class SessionCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    plan_ = TempPath("session_plan.json");
    log_ = TempPath("session_log.json");
    std::remove(log_.c_str());
    ASSERT_EQ(Retrowalk("plan --goal knee --level new --setting treadmill --start 2026-11-23 "
                        "--out '" +
                        plan_ + "'")
                  .exit_code,
              0);
  }
  CliRun Session(const std::string& args, const std::string& script) {
    return Retrowalk("session start --plan '" + plan_ + "' --no-tty --clock fake " + args, script);
  }
  nlohmann::json Log() { return nlohmann::json::parse(Slurp(log_)); }
  std::string plan_, log_;
};

TEST_F(SessionCliTest, HeadlessSessionCuesInOrderAndLogs) {
  const CliRun r = Session("--session 1 --log '" + log_ + "' --date 2026-11-23",
                           "@700 space\n@760 space\n11\n1\n0\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Warm-up 10, backward 1, recovery 10, backward 1, cool-down 5 minutes.
  const std::vector<std::string> expected = {"[0:00] WALK FORWARD (1/5",
                                             "[1 bell]",
                                             "[10:00] WALK BACKWARD (2/5",
                                             "[2 bells]",
                                             "[10:15] form: ",
                                             "[11:00] WALK FORWARD (3/5",
                                             "[11:40] PAUSED",
                                             "[11:40] RESUMED",
                                             "[21:00] WALK BACKWARD (4/5",
                                             "[22:00] WALK FORWARD (5/5",
                                             "[27:00] STOP: session complete",
                                             "[3 bells]",
                                             "Done: 27:00 active, 2:00 backward."};
  size_t pos = 0;
  for (const std::string& s : expected) {
    const size_t found = r.out.find(s, pos);
    ASSERT_NE(found, std::string::npos) << "missing or out of order: " << s << "\n" << r.out;
    pos = found;
  }
  const auto log = Log();
  ASSERT_EQ(log["entries"].size(), 1u);
  const auto& e = log["entries"][0];
  EXPECT_EQ(e["session"], 1);
  EXPECT_DOUBLE_EQ(e["backward_minutes"].get<double>(), 2.0);
  EXPECT_EQ(e["rpe"], 11);
  EXPECT_EQ(e["pain"], 1);
  EXPECT_EQ(e["stumbles"], 0);
  EXPECT_EQ(e["date"], "2026-11-23");
}

TEST_F(SessionCliTest, QuitEarlyLogsWhatWasDone) {
  const CliRun r = Session("--log '" + log_ + "' --date 2026-11-23", "@630 q\n9\n0\n0\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("STOP: session ended early"), std::string::npos);
  const auto e = Log()["entries"][0];
  EXPECT_DOUBLE_EQ(e["backward_minutes"].get<double>(), 0.5);
  EXPECT_EQ(e["note"], "ended early");
}

TEST_F(SessionCliTest, WithoutSessionTheLogDecidesTheNextOne) {
  ASSERT_EQ(Session("--log '" + log_ + "' --date 2026-11-23", "11\n0\n0\n").exit_code, 0);
  const CliRun r = Session("--log '" + log_ + "' --date 2026-11-25", "11\n0\n0\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Session 2 of 18"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("hold: One session completed in band"), std::string::npos) << r.out;
  EXPECT_EQ(Log()["entries"][1]["session"], 2);
}

TEST_F(SessionCliTest, PausedWhenInputEndsEndsTheSession) {
  const CliRun r = Session("--log '" + log_ + "'", "@60 space\n11\n0\n0\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("ended early"), std::string::npos);
}

TEST_F(SessionCliTest, BadInput) {
  ExpectOneLineError(Session("--log '" + log_ + "'", "25\n0\n0\n"), "RPE (Borg 6-20)");
  ExpectOneLineError(Session("--log '" + log_ + "'", "12\n11\n0\n"), "pain");
  ExpectOneLineError(Session("", "12\n"), "input ended before the pain");
  ExpectOneLineError(Session("", "@abc space\n"), "stdin:1:");
  ExpectOneLineError(Session("--session 99", ""), "--session must be between 1 and 18");
  ExpectOneLineError(Session("--date 2026-02-30", ""), "not a calendar date");
  ExpectOneLineError(Retrowalk("session start --plan '" + plan_ + "'"), "not a terminal");
  std::ifstream check(log_);
  EXPECT_FALSE(check.good()) << "nothing is logged on bad input";
}

// --- interactive mode in a real pty (tmux) ---------------------------------

class Tmux {
 public:
  Tmux() : socket_("retrowalk_training_" + std::to_string(getpid())) {}
  ~Tmux() { Cmd("kill-server"); }
  int Cmd(const std::string& args) {
    return std::system(("tmux -L " + socket_ + " " + args + " >/dev/null 2>&1").c_str());
  }
  std::string Screen() {
    const std::string file = TempPath("tmux_screen.txt");
    std::system(
        ("tmux -L " + socket_ + " capture-pane -p -S -200 -t rw > '" + file + "' 2>/dev/null")
            .c_str());
    return Slurp(file);
  }
  // Polls the screen until `text` shows up; the limit only bounds a hang.
  bool WaitFor(const std::string& text, int limit_s = 60) {
    for (int i = 0; i < limit_s * 20; ++i) {
      if (Screen().find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  void Keys(const std::string& keys) { Cmd("send-keys -t rw " + keys); }

 private:
  std::string socket_;
};

TEST_F(SessionCliTest, InteractiveSessionInAPty) {
  if (std::system("command -v tmux >/dev/null 2>&1") != 0) GTEST_SKIP() << "tmux not installed";
  Tmux tmux;
  const std::string command = std::string("'") + RETROWALK_BINARY + "' session start --plan '" +
                              plan_ + "' --log '" + log_ +
                              "' --date 2026-11-23 --time-scale 120 --no-speech; echo EXIT=$?; "
                              "sleep 120";
  ASSERT_EQ(tmux.Cmd("new-session -d -s rw -x 200 -y 50 \"" + command + "\""), 0);
  ASSERT_TRUE(tmux.WaitFor("WALK FORWARD (1/5")) << tmux.Screen();
  ASSERT_TRUE(tmux.WaitFor("left |")) << tmux.Screen();  // the live countdown line
  tmux.Keys("Space");
  ASSERT_TRUE(tmux.WaitFor("PAUSED - press space to resume")) << tmux.Screen();
  ASSERT_TRUE(tmux.WaitFor("space resume, q quit")) << tmux.Screen();
  tmux.Keys("Space");
  ASSERT_TRUE(tmux.WaitFor("RESUMED")) << tmux.Screen();
  ASSERT_TRUE(tmux.WaitFor("WALK BACKWARD (2/5")) << tmux.Screen();
  ASSERT_TRUE(tmux.WaitFor("How hard was it")) << tmux.Screen();
  EXPECT_NE(tmux.Screen().find("STOP: session complete"), std::string::npos);
  tmux.Keys("25 Enter");  // out of range: asked again, not an error
  ASSERT_TRUE(tmux.WaitFor("must be a whole number from 6 to 20")) << tmux.Screen();
  tmux.Keys("13 Enter");
  ASSERT_TRUE(tmux.WaitFor("Pain now")) << tmux.Screen();
  tmux.Keys("2 Enter");
  ASSERT_TRUE(tmux.WaitFor("stumble or lose balance")) << tmux.Screen();
  tmux.Keys("0 Enter");
  ASSERT_TRUE(tmux.WaitFor("EXIT=0")) << tmux.Screen();
  const auto e = Log()["entries"][0];
  EXPECT_EQ(e["rpe"], 13);
  EXPECT_EQ(e["pain"], 2);
  EXPECT_DOUBLE_EQ(e["backward_minutes"].get<double>(), 2.0);
}

TEST_F(SessionCliTest, InteractiveQuitInAPty) {
  if (std::system("command -v tmux >/dev/null 2>&1") != 0) GTEST_SKIP() << "tmux not installed";
  Tmux tmux;
  const std::string command = std::string("'") + RETROWALK_BINARY + "' session start --plan '" +
                              plan_ + "' --log '" + log_ +
                              "' --date 2026-11-23 --quiet; echo EXIT=$?; sleep 120";
  ASSERT_EQ(tmux.Cmd("new-session -d -s rw -x 200 -y 50 \"" + command + "\""), 0);
  ASSERT_TRUE(tmux.WaitFor("WALK FORWARD (1/5")) << tmux.Screen();
  tmux.Keys("q");
  ASSERT_TRUE(tmux.WaitFor("STOP: session ended early")) << tmux.Screen();
  ASSERT_TRUE(tmux.WaitFor("How hard was it")) << tmux.Screen();
  tmux.Keys("7 Enter 0 Enter 0 Enter");
  ASSERT_TRUE(tmux.WaitFor("EXIT=0")) << tmux.Screen();
  const auto e = Log()["entries"][0];
  EXPECT_EQ(e["note"], "ended early");
  EXPECT_DOUBLE_EQ(e["backward_minutes"].get<double>(), 0.0);
}

TEST_F(SessionCliTest, InteractiveSessionSpeaksWithEspeakWhenInstalled) {
  if (std::system("command -v tmux >/dev/null 2>&1") != 0) GTEST_SKIP() << "tmux not installed";
  // A stand-in espeak-ng first on PATH records what would have been said.
  const std::string bin = TempPath("fakebin");
  const std::string spoken = TempPath("spoken.txt");
  std::remove(spoken.c_str());
  ASSERT_EQ(std::system(("mkdir -p '" + bin + "'").c_str()), 0);
  WriteFile(bin + "/espeak-ng", "#!/bin/sh\nshift 2\necho \"$@\" >> '" + spoken + "'\n");
  ASSERT_EQ(std::system(("chmod +x '" + bin + "/espeak-ng'").c_str()), 0);
  Tmux tmux;
  const std::string command = "PATH='" + bin + "':$PATH '" + std::string(RETROWALK_BINARY) +
                              "' session start --plan '" + plan_ + "' --log '" + log_ +
                              "' --date 2026-11-23 --time-scale 300; echo EXIT=$?; sleep 120";
  ASSERT_EQ(tmux.Cmd("new-session -d -s rw -x 200 -y 50 \"" + command + "\""), 0);
  ASSERT_TRUE(tmux.WaitFor("How hard was it")) << tmux.Screen();
  tmux.Keys("12 Enter 0 Enter 0 Enter");
  ASSERT_TRUE(tmux.WaitFor("EXIT=0")) << tmux.Screen();
  const std::string said = Slurp(spoken);
  // Direction cues are never cut off by form cues; the stop cue comes last.
  size_t pos = 0;
  for (const char* cue : {"Walk forward", "Walk backward", "Walk forward", "Walk backward",
                          "Walk forward", "Stop. Session complete"}) {
    const size_t found = said.find(cue, pos);
    ASSERT_NE(found, std::string::npos) << "missing or out of order: " << cue << "\n" << said;
    pos = found + 1;
  }
}

}  // namespace
}  // namespace retrowalk::testing_cli
