#include "gait/input_check.h"

#include <cstdio>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace retrowalk {
namespace {

// Samples at a nominal rate with times as a log file writes them (4 decimals),
// so consecutive intervals differ in the last bits as they do when read back.
std::vector<Sample> Logged(double rate_hz, double duration_s) {
  std::vector<Sample> v;
  for (int k = 0; k / rate_hz <= duration_s; ++k) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4f", k / rate_hz);
    v.push_back({std::stod(text), {0, 0, 9.81f}, {0, 0, 0}});
  }
  return v;
}

Status Check(const std::vector<Sample>& samples) {
  InputCheck check;
  if (Status s = check.Add(samples); !s.ok()) return s;
  return check.Finish();
}

TEST(InputCheckTest, ANominal20HzSensorIsAccepted) {
  EXPECT_TRUE(Check(Logged(20.0, 200.0)).ok());  // decimal times: 19.99.. or 20.0.. Hz
  EXPECT_TRUE(Check(Logged(19.8, 200.0)).ok());  // a 20 Hz clock 1 % slow
  EXPECT_TRUE(Check(Logged(100.0, 30.0)).ok());
}

TEST(InputCheckTest, BelowTwentyHertzIsAClearError) {
  for (double rate : {19.0, 10.0}) {
    const Status s = Check(Logged(rate, 200.0));
    ASSERT_FALSE(s.ok()) << rate;
    EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
    char expected[64];
    std::snprintf(expected, sizeof expected, "sampling rate %.1f Hz is too coarse", rate);
    EXPECT_NE(s.message().find(expected), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("at least 20 Hz"), std::string::npos) << s.message();
  }
}

TEST(InputCheckTest, TooShortOrEmptyIsAClearError) {
  const Status short_one = Check(Logged(100.0, 3.0));
  ASSERT_FALSE(short_one.ok());
  EXPECT_NE(short_one.message().find("3.00 s long"), std::string::npos) << short_one.message();
  EXPECT_FALSE(Check({}).ok());
}

}  // namespace
}  // namespace retrowalk
