// The real forward recordings the direction protocol trains and reports on:
// listed from a data directory laid out as ../shared/data, grouped by subject,
// and named by the project's placement names whatever the folder's spelling.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

#include "synth/direction_data.h"

namespace retrowalk::synth {
namespace {

namespace fs = std::filesystem;

// A data directory with the Oxford fixture under two spellings of one position.
class RealRecordingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Per process: two builds may run their tests at once.
    root_ = fs::temp_directory_path() /
            ("retrowalk_direction_real_recordings_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    const fs::path fixture =
        fs::path(RETROWALK_TEST_DATA) / "io" / "oxford" / "Pixel_Jamie_Hard_FrontPocket_1";
    const fs::path data = root_ / "oxford-step" / "optimisation" / "data";
    for (const char* name : {"Pixel_Ann_Hard_ArmBand_1", "Pixel_Bob_Hard_Armband_1"}) {
      fs::create_directories(data / name);
      for (const char* file : {"accelerometer.csv", "stepcounter.csv"}) {
        fs::copy_file(fixture / file, data / name / file);
      }
    }
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
};

TEST_F(RealRecordingsTest, OneSpellingPerPlacementOneGroupPerSubject) {
  const std::vector<RealRecordingSpec> specs = ListRealRecordings(root_.string());
  ASSERT_EQ(specs.size(), 2u);
  EXPECT_EQ(specs[0].group, "oxford-Ann");
  EXPECT_EQ(specs[1].group, "oxford-Bob");
  for (const RealRecordingSpec& spec : specs) {
    EXPECT_EQ(spec.source, "oxford-step");
    Result<DirectionRecording> rec = LoadRealRecording(spec);
    ASSERT_TRUE(rec.ok()) << rec.status().message();
    EXPECT_EQ(rec->placement, "armband") << spec.path;
    EXPECT_FALSE(rec->steps_s.empty()) << spec.path;
    EXPECT_FALSE(rec->truth.empty()) << spec.path;  // the walk, labelled forward
  }
}

}  // namespace
}  // namespace retrowalk::synth
