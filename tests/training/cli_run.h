// Runs the built retrowalk binary for the CLI tests: stdin from a string,
// stdout and stderr captured, exit code returned.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace retrowalk::testing_cli {

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "retrowalk_training_" + std::to_string(getpid()) + "_" + name;
}

inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// `args` is appended to the binary's path as shell words.
inline CliRun Retrowalk(const std::string& args, const std::string& stdin_text = "") {
  const std::string in = TempPath("stdin"), out = TempPath("stdout"), err = TempPath("stderr");
  WriteFile(in, stdin_text);
  const std::string cmd = std::string("'") + RETROWALK_BINARY + "' " + args + " < '" + in +
                          "' > '" + out + "' 2> '" + err + "'";
  const int status = std::system(cmd.c_str());
  CliRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = Slurp(out);
  r.err = Slurp(err);
  return r;
}

// A bad-input failure: exit 2 and exactly one line on stderr.
inline void ExpectOneLineError(const CliRun& r, const std::string& fragment) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.err.rfind("retrowalk: error: ", 0), 0u) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "more than one line: " << r.err;
  EXPECT_NE(r.err.find(fragment), std::string::npos) << r.err;
}

}  // namespace retrowalk::testing_cli
