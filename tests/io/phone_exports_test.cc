// Sensor Logger and phyphox exports on synthetic fixtures (tests/data/io).
#include <gtest/gtest.h>

#include "io/read.h"
#include "test_util.h"

namespace retrowalk {
namespace {

using testing::ScratchDir;
using testing::TestData;

TEST(SensorLogger, AndroidFolderUsesTotalAccelerationAndMergesGyro) {
  auto r = ReadRecording(TestData("sensor-logger/android"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->format, "sensor-logger");
  EXPECT_TRUE(r->has_gyro);
  EXPECT_EQ(r->samples.size(), 200u);
  EXPECT_EQ(r->dropped_duplicates, 1u);
  // Columns come as z,y,x: check each lands on its axis.
  const Sample& s = r->samples[100];
  EXPECT_DOUBLE_EQ(s.t_s, 1.0);
  EXPECT_FLOAT_EQ(s.acc_mps2.x, 0.1f);
  EXPECT_FLOAT_EQ(s.acc_mps2.y, 0.2f);
  EXPECT_NEAR(s.acc_mps2.z, 10.3f, 1e-5f);
  // Gyro x = its own time, sampled at 50 Hz from 5 ms: interpolated onto the
  // accelerometer's clock it equals the accelerometer's time.
  EXPECT_NEAR(s.gyro_radps.x, 1.0f, 1e-5f);
  EXPECT_NEAR(r->samples[37].gyro_radps.x, 0.37f, 1e-5f);
  EXPECT_FLOAT_EQ(s.gyro_radps.y, 0.5f);
  EXPECT_FLOAT_EQ(s.gyro_radps.z, -0.5f);
  // Before the gyro's first sample its first value is held.
  EXPECT_NEAR(r->samples[0].gyro_radps.x, 0.005f, 1e-6f);
  EXPECT_EQ(r->metadata.Get("device"), "Pixel 7");
  EXPECT_EQ(r->metadata.Get("platform"), "android");
  ASSERT_EQ(r->annotations.size(), 1u);
  EXPECT_EQ(r->annotations[0].label, "backward, slow");
  EXPECT_DOUBLE_EQ(r->annotations[0].start_s, 0.5);
}

TEST(SensorLogger, IosZipAddsGravityAndFlipsToAndroidSigns) {
  auto r = ReadRecording(TestData("sensor-logger/ios.zip"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->format, "sensor-logger");
  EXPECT_EQ(r->samples.size(), 100u);
  EXPECT_DOUBLE_EQ(r->samples[0].t_s, -0.02);  // seconds_elapsed may start below zero
  // iOS user acceleration (-0.1, 0, 0) plus gravity (0, 0, -1 g), negated:
  // a phone lying face up reads +1 g on z, as on Android.
  for (const Sample& s : r->samples) {
    EXPECT_NEAR(s.acc_mps2.x, 0.1f, 1e-6f);
    EXPECT_NEAR(s.acc_mps2.z, 9.80665f, 1e-5f);
    EXPECT_NEAR(s.gyro_radps.z, 0.03f, 1e-6f);
  }
  EXPECT_EQ(r->metadata.Get("platform"), "iOS");
  EXPECT_EQ(r->metadata.Get("device"), "iPhone 13");
}

TEST(SensorLogger, AcceptsOneCsvOfTheFolder) {
  auto r = ReadRecording(TestData("sensor-logger/android/Gyroscope.csv"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->format, "sensor-logger");
  EXPECT_EQ(r->samples.size(), 200u);
}

TEST(SensorLogger, AccelerationWithoutGravityIsRefused) {
  ScratchDir dir;
  std::string p = dir.File("export.zip");
  testing::MakeZip(p, {{"Accelerometer.csv", "time,seconds_elapsed,z,y,x\n1,0,0,0,0\n"},
                       {"Gyroscope.csv", "time,seconds_elapsed,z,y,x\n1,0,0,0,0\n"}});
  auto r = ReadRecording(p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            p + ": expected TotalAcceleration.csv, or Accelerometer.csv with Gravity.csv "
                "(acceleration must include gravity), found Accelerometer.csv, Gyroscope.csv");
}

TEST(SensorLogger, BadRowInsideAZipNamesTheMember) {
  ScratchDir dir;
  std::string p = dir.File("export.zip");
  testing::MakeZip(p, {{"rec/TotalAcceleration.csv",
                        "time,seconds_elapsed,z,y,x\n1,0.00,9.8,0,0\n2,0.01,9.8,zero,0\n"}});
  auto r = ReadRecording(p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            p + "/rec/TotalAcceleration.csv:3:12: expected a number in 'y', found 'zero'");
}

TEST(Phyphox, FolderMergesGyroscopeOntoAccelerometerClock) {
  auto r = ReadRecording(TestData("phyphox/acc-gyro"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->format, "phyphox");
  EXPECT_TRUE(r->has_gyro);
  EXPECT_EQ(r->samples.size(), 150u);
  const Sample& s = r->samples[10];
  EXPECT_NEAR(s.t_s, 0.0021 + 10 * 0.0101, 1e-12);
  EXPECT_FLOAT_EQ(s.acc_mps2.y, 9.7f);
  EXPECT_NEAR(s.acc_mps2.z, 1.0f + static_cast<float>(s.t_s), 1e-5f);
  EXPECT_NEAR(s.gyro_radps.x, 2.0f * static_cast<float>(s.t_s), 1e-5f);
  EXPECT_FLOAT_EQ(s.gyro_radps.z, -1.0f);
  EXPECT_EQ(r->metadata.Get("device"), "samsung SM-G991B");
}

TEST(Phyphox, ZipWithRawDataCsv) {
  auto r = ReadRecording(TestData("phyphox/acceleration-with-g.zip"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->format, "phyphox");
  EXPECT_FALSE(r->has_gyro);
  EXPECT_EQ(r->samples.size(), 50u);
  EXPECT_EQ(r->metadata.Get("device"), "Pixel 6");
}

TEST(Phyphox, SingleFileOfTheFolder) {
  auto r = ReadRecording(TestData("phyphox/acc-gyro/Accelerometer.csv"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->format, "phyphox");
  EXPECT_TRUE(r->has_gyro);  // its sibling Gyroscope.csv is picked up
}

TEST(Phyphox, LinearAccelerationIsRefused) {
  const std::string p = TestData("phyphox/linear.csv");
  auto r = ReadRecording(p);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("expected a phyphox \"Acceleration with g\" CSV"),
            std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("found only 'linear.csv' (linear acceleration, gravity "
                                      "removed)"),
            std::string::npos)
      << r.status().message();
}

TEST(Phyphox, SemicolonExportIsRefused) {
  ScratchDir dir;
  std::string p = dir.Write("Accelerometer.csv",
                            "\"Time (s)\";\"Acceleration x (m/s^2)\";\"Acceleration y (m/s^2)\";"
                            "\"Acceleration z (m/s^2)\"\n0;0,1;9,8;0,2\n");
  auto r = ReadRecording(p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            p + ":1:11: expected ',' or tab delimiter (export as 'CSV (Comma, decimal point)'), "
                "found ';'");
}

}  // namespace
}  // namespace retrowalk
