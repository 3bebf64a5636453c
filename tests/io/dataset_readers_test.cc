// Oxford, IPOL and Mobilise-D readers on small committed fixtures
// (see tests/data/README.md for where they come from).
#include <gtest/gtest.h>

#include <filesystem>

#include "io/read.h"
#include "test_util.h"

namespace retrowalk {
namespace {

using testing::TestData;

TEST(OxfordStep, ReadsAccelerationAndFootSwitchSteps) {
  auto r = ReadRecording(TestData("oxford/Pixel_Jamie_Hard_FrontPocket_1"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->format, "oxford-step");
  EXPECT_EQ(r->samples.size(), 1622u);
  EXPECT_FALSE(r->has_gyro);
  EXPECT_DOUBLE_EQ(r->samples.front().t_s, 0.0);  // rebased to the first sample
  EXPECT_NEAR(r->duration_s(), 4.0, 0.01);
  // The cut's stepcounter.csv has seven 0->1 foot-switch changes.
  EXPECT_EQ(r->CountAnnotations(kStepAnnotation), 7u);
  for (const Annotation& a : r->annotations) {
    EXPECT_EQ(a.start_s, a.end_s);
    EXPECT_GT(a.start_s, 0.0);
    EXPECT_LT(a.start_s, 4.0);
  }
  EXPECT_EQ(r->metadata.Get("source"), "oxford-step");
  EXPECT_EQ(r->metadata.Get("subject"), "Jamie");
  EXPECT_EQ(r->metadata.Get("device"), "Pixel");
  EXPECT_EQ(r->metadata.Get("placement"), "front-pocket");
  EXPECT_EQ(r->metadata.Get("surface"), "hard");
  // m/s² with gravity: the mean magnitude is about 1 g.
  double sum = 0;
  for (const Sample& s : r->samples) sum += s.acc_mps2.norm();
  EXPECT_NEAR(sum / static_cast<double>(r->samples.size()), 9.8, 1.5);
}

TEST(OxfordStep, AcceptsAFileInsideTheFolder) {
  auto r = ReadRecording(TestData("oxford/Pixel_Jamie_Hard_FrontPocket_1/accelerometer.csv"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->format, "oxford-step");
  EXPECT_EQ(r->CountAnnotations(kStepAnnotation), 7u);
}

TEST(IpolGait, ReadsPacketsFootstepsAndBoundaries) {
  auto r = ReadRecording(TestData("ipol/7-3_lb.txt"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->format, "ipol-gait");
  EXPECT_TRUE(r->has_gyro);
  // 600 packets, 3 dropped, one repeated (dropped and counted).
  EXPECT_EQ(r->samples.size(), 597u);
  EXPECT_EQ(r->dropped_duplicates, 1u);
  // Time follows the packet counter: the dropped packets leave a hole.
  EXPECT_DOUBLE_EQ(r->samples[250].t_s, 2.53);
  EXPECT_NEAR(r->samples[0].acc_mps2.x, 9.7f, 1e-6f);
  EXPECT_NEAR(r->samples[0].gyro_radps.z, 0.05f, 1e-6f);
  EXPECT_EQ(r->CountAnnotations(kStepAnnotation), 7u);
  EXPECT_EQ(r->CountAnnotations(kBoutAnnotation), 1u);
  EXPECT_EQ(r->CountAnnotations("u_turn"), 1u);
  std::vector<double> steps;
  for (const Annotation& a : r->annotations) {
    if (a.label == kStepAnnotation) steps.push_back(a.start_s);
    if (a.label == kBoutAnnotation) {
      EXPECT_DOUBLE_EQ(a.start_s, 1.0);
      EXPECT_DOUBLE_EQ(a.end_s, 5.6);
    }
  }
  // One step per footstep at its heel strike (end index), in time order.
  const std::vector<double> expected = {1.5, 2.05, 2.62, 4.02, 4.55, 5.10, 5.55};
  ASSERT_EQ(steps.size(), expected.size());
  for (std::size_t i = 0; i < steps.size(); ++i) EXPECT_NEAR(steps[i], expected[i], 1e-9);
  EXPECT_EQ(r->metadata.Get("subject"), "7");
  EXPECT_EQ(r->metadata.Get("trial"), "3");
  EXPECT_EQ(r->metadata.Get("placement"), "lower-back");
  EXPECT_EQ(r->metadata.Get("sex"), "M");
}

TEST(MobiliseD, ConvertsUnitsAndReadsInitialContacts) {
  auto r = ReadRecording(TestData("mobgap/HA001_TimeMeasure1_Test5_Trial1_lowerback_imu.csv"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->format, "mobilise-d");
  EXPECT_EQ(r->samples.size(), 800u);
  EXPECT_TRUE(r->has_gyro);
  // First row: acc_x 0.954513 g, gyr_x 7.540125 deg/s.
  EXPECT_NEAR(r->samples[0].acc_mps2.x, 0.954513f * 9.80665f, 1e-4f);
  EXPECT_NEAR(r->samples[0].gyro_radps.x, 7.540125f * 3.14159265f / 180.0f, 1e-5f);
  EXPECT_NEAR(r->duration_s(), 7.99, 1e-9);
  EXPECT_EQ(r->CountAnnotations(kStepAnnotation), 5u);
  EXPECT_EQ(r->CountAnnotations(kBoutAnnotation), 1u);
  EXPECT_EQ(r->metadata.Get("subject"), "HA001");
  EXPECT_EQ(r->metadata.Get("placement"), "lower-back");
}

TEST(KnownFormats, ListsEveryReader) {
  auto f = KnownFormats();
  for (const char* name : {"retrowalk-csv", "sensor-logger", "phyphox", "generic-csv",
                           "oxford-step", "ipol-gait", "mobilise-d"}) {
    EXPECT_NE(std::find(f.begin(), f.end(), name), f.end()) << name;
  }
}

}  // namespace
}  // namespace retrowalk

namespace retrowalk {
namespace {

using testing::ScratchDir;
using testing::TestData;

TEST(IpolGait, PythonNaNInTheJsonIsAMissingValue) {
  ScratchDir dir;
  std::filesystem::copy_file(TestData("ipol/7-3_lb.txt"), dir.File("7-3_lb.txt"));
  dir.Write("7-3.json",
            R"({"Subject": 7, "Weight": NaN, "Gender": "M", "TrialBoundaries": [100, 560],)"
            R"( "LeftFootEvents": [[110, 150]], "RightFootEvents": [[160, 205]], "Note": "NaN"})");
  auto r = ReadRecording(dir.File("7-3_lb.txt"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->CountAnnotations(kStepAnnotation), 2u);
  EXPECT_EQ(r->metadata.Find("weight_kg"), nullptr);
  EXPECT_EQ(r->metadata.Get("sex"), "M");
}

TEST(MobiliseD, ContactsWithoutTimeAreSkippedAndCounted) {
  ScratchDir dir;
  const std::string base = "HA001_TimeMeasure1_Test5_Trial1";
  std::filesystem::copy_file(TestData("mobgap/" + base + "_lowerback_imu.csv"),
                             dir.File(base + "_lowerback_imu.csv"));
  dir.Write(base + "_ref_INDIP_initial_contacts.csv",
            "wb_id,wb_start_s,wb_end_s,ic_time_s,ic_sample_100hz,side\n"
            "0,1.0,3.0,1.0,100,Left\n0,1.0,3.0,nan,,Right\n0,1.0,3.0,2.2,220,Left\n");
  auto r = ReadRecording(dir.File(base + "_lowerback_imu.csv"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->CountAnnotations(kStepAnnotation), 2u);
  EXPECT_EQ(r->CountAnnotations(kBoutAnnotation), 1u);
  EXPECT_EQ(r->metadata.Get("reference_contacts_without_time"), "1");
}

}  // namespace
}  // namespace retrowalk
