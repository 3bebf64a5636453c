#include "core/result.h"

#include <string>

#include <gtest/gtest.h>

namespace retrowalk {
namespace {

Result<int> ParsePositive(int v) {
  if (v <= 0) return Status::InvalidInput("x.csv:3:1: expected a positive number");
  return v;
}

Status Chain(int v) {
  RETROWALK_RETURN_IF_ERROR(ParsePositive(v).status());
  return Status::Ok();
}

TEST(StatusTest, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kOk);
}

TEST(StatusTest, FailureKeepsCodeAndMessage) {
  Status s = Status::NotFound("walk.zip: no member Accelerometer.csv");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_EQ(s.message(), "walk.zip: no member Accelerometer.csv");
}

TEST(ResultTest, HoldsValueOrStatus) {
  Result<int> good = ParsePositive(4);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 4);
  EXPECT_TRUE(good.status().ok());

  Result<int> bad = ParsePositive(-1);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Status::Code::kInvalidInput);
}

TEST(ResultTest, ReturnIfErrorPropagates) {
  EXPECT_TRUE(Chain(2).ok());
  EXPECT_EQ(Chain(0).message(), "x.csv:3:1: expected a positive number");
}

}  // namespace
}  // namespace retrowalk
