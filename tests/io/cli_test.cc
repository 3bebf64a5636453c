// Runs the built retrowalk binary: exit codes, one-line errors, no partial
// output, warnings, --json and --help.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace retrowalk {
namespace {

using testing::ScratchDir;
using testing::TestData;

struct CliRun {
  int exit_code = -1;
  std::string out, err;
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs `retrowalk <args>` with stdout and stderr captured in `dir`.
CliRun RunCli(const ScratchDir& dir, const std::string& args) {
  const std::string bin = RETROWALK_BINARY;
  if (!std::filesystem::exists(bin)) {
    ADD_FAILURE() << "build the retrowalk binary first: " << bin;
    return {};
  }
  const std::string out = dir.File("stdout.txt"), err = dir.File("stderr.txt");
  std::string cmd = "'" + bin + "' " + args + " >'" + out + "' 2>'" + err + "'";
  int status = std::system(cmd.c_str());
  CliRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = Slurp(out);
  r.err = Slurp(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return r;
}

std::size_t Lines(const std::string& s) {
  return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

TEST(Cli, InspectPrintsTheSummary) {
  ScratchDir dir;
  CliRun r = RunCli(dir, "inspect '" + TestData("retrowalk/walk.csv") + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("retrowalk-csv"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("median 100.0 Hz"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("step: 2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("placement: front-pocket"), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "");
}

TEST(Cli, InspectJson) {
  ScratchDir dir;
  CliRun r = RunCli(dir, "inspect --json '" + TestData("ipol/7-3_lb.txt") + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["format"], "ipol-gait");
  EXPECT_EQ(j["samples"], 597);
  EXPECT_EQ(j["dropped_duplicates"], 1);
  EXPECT_EQ(j["annotations"]["step"], 7);
  EXPECT_NEAR(j["median_rate_hz"].get<double>(), 100.0, 0.01);
  EXPECT_EQ(j["channels"].size(), 2u);
  // The repeated packet is reported on stderr as a warning, not an error.
  EXPECT_EQ(r.err.rfind("retrowalk: warning: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("dropped 1 rows repeating the previous timestamp"), std::string::npos);
}

TEST(Cli, BadInputIsOneLineAndExitTwo) {
  ScratchDir dir;
  std::string bad =
      dir.Write("bad.csv", "time_s,acc_x_mps2,acc_y_mps2,acc_z_mps2\n0,1,2,3\n0.01,1,nan?,3\n");
  CliRun r = RunCli(dir, "inspect '" + bad + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "retrowalk: error: " + bad + ":3:8: expected a number in 'acc_y_mps2', found 'nan?'\n");
  EXPECT_EQ(r.out, "");
}

TEST(Cli, ConvertWritesCsvAndLabels) {
  ScratchDir dir;
  std::string out = dir.File("walk.csv");
  CliRun r = RunCli(dir, "convert '" + TestData("ipol/7-3_lb.txt") + "' '" + out + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string csv = Slurp(out);
  EXPECT_NE(csv.find("# source: ipol-gait\n"), std::string::npos);
  EXPECT_NE(csv.find("\ntime_s,acc_x_mps2,acc_y_mps2,acc_z_mps2,gyro_x_radps,gyro_y_radps,"
                     "gyro_z_radps\n"),
            std::string::npos);
  std::string labels = Slurp(dir.File("walk.labels.csv"));
  EXPECT_EQ(labels.rfind("start_s,end_s,label\n", 0), 0u);
  EXPECT_EQ(Lines(labels), 1u + 9u);  // header, bout, u-turn, 7 steps
  // And it reads back with the same annotations.
  CliRun back = RunCli(dir, "inspect --json '" + out + "'");
  ASSERT_EQ(back.exit_code, 0) << back.err;
  auto j = nlohmann::json::parse(back.out);
  EXPECT_EQ(j["samples"], 597);
  EXPECT_EQ(j["annotations"]["step"], 7);
  EXPECT_EQ(j["metadata"]["source"], "ipol-gait");
}

TEST(Cli, ConvertLeavesNoPartialOutput) {
  ScratchDir dir;
  // Many good rows, then a bad one: the writer has already written some of
  // them to its temporary file when the error is found.
  std::string body = "time_s,acc_x_mps2,acc_y_mps2,acc_z_mps2\n";
  for (int i = 0; i < 100000; ++i) body += std::to_string(i) + ",0.1,9.8,0.2\n";
  body += "100000,0.1,9.8,oops\n";
  std::string in = dir.Write("in.csv", body);
  std::string out = dir.File("out.csv");
  CliRun r = RunCli(dir, "convert '" + in + "' '" + out + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(Lines(r.err), 1u);
  EXPECT_EQ(r.err, "retrowalk: error: " + in +
                       ":100002:16: expected a number in 'acc_z_mps2', found 'oops'\n");
  // Only the input is left in the directory: no out.csv, no temporary file.
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    names.push_back(e.path().filename().string());
  }
  EXPECT_EQ(names, std::vector<std::string>{"in.csv"});
}

TEST(Cli, ConvertRemovesAStaleLabelsSidecar) {
  ScratchDir dir;
  std::string stale = dir.Write("walk.labels.csv", "start_s,end_s,label\n1,1,step\n");
  CliRun r = RunCli(
      dir, "convert '" + TestData("retrowalk/acc_only.csv") + "' '" + dir.File("walk.csv") + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(std::filesystem::exists(stale));
}

TEST(Cli, ConvertOfAMissingFile) {
  ScratchDir dir;
  CliRun r = RunCli(dir, "convert /nonexistent/in.csv '" + dir.File("out.csv") + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "retrowalk: error: cannot open '/nonexistent/in.csv': No such file or directory\n");
  EXPECT_FALSE(std::filesystem::exists(dir.File("out.csv")));
}

TEST(Cli, BadUnitOption) {
  ScratchDir dir;
  CliRun r = RunCli(dir, "inspect --columns time=1,ax=2,ay=3,az=4 --acc-unit mg '" +
                             TestData("retrowalk/walk.csv") + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "retrowalk: error: expected --acc-unit mps2 or g, found 'mg'\n");
}

TEST(Cli, EvaluateDirectionSaysWhatARecordingLacks) {
  // acc_only.csv has neither a direction label nor reference steps: without
  // --assume-forward the label is missing, with it the reference walking.
  ScratchDir dir;
  const std::string command = "evaluate direction '" + TestData("retrowalk/acc_only.csv") + "'";
  CliRun plain = RunCli(dir, command);
  EXPECT_EQ(plain.exit_code, 2);
  EXPECT_NE(plain.err.find("no direction labels"), std::string::npos) << plain.err;
  CliRun assumed = RunCli(dir, command + " --assume-forward");
  EXPECT_EQ(assumed.exit_code, 2);
  EXPECT_NE(assumed.err.find("no reference steps or walking bouts"), std::string::npos)
      << assumed.err;
  EXPECT_EQ(assumed.err.find("(or --assume-forward)"), std::string::npos) << assumed.err;
  EXPECT_NE(assumed.err.find("or reference walking"), std::string::npos) << assumed.err;
}

TEST(Cli, HelpExplainsEveryOption) {
  ScratchDir dir;
  for (const char* command : {"inspect", "convert"}) {
    CliRun r = RunCli(dir, std::string(command) + " --help");
    EXPECT_EQ(r.exit_code, 0);
    for (const char* option :
         {"--format", "--columns", "--time-unit", "--acc-unit", "--gyro-unit"}) {
      EXPECT_NE(r.out.find(option), std::string::npos) << command << " " << option;
    }
  }
  CliRun r = RunCli(dir, "inspect --help");
  EXPECT_NE(r.out.find("--json"), std::string::npos);
}

}  // namespace
}  // namespace retrowalk
