#include "synth/bvh.h"

#include <cmath>

#include <gtest/gtest.h>

#include "bvh_fixture.h"
#include "synth/motion.h"

namespace retrowalk::synth {
namespace {

using testing::MakeBvh;
using testing::RootState;

TEST(Bvh, ParsesHierarchyChannelsAndFrames) {
  const std::string text = MakeBvh(5, 1.0 / 30, [](double t) {
    RootState r;
    r.position_cm = {t * 100, 90, 0};
    return r;
  });
  Result<BvhClip> clip = ParseBvh(text, "fixture.bvh");
  ASSERT_TRUE(clip.ok()) << clip.status().message();
  EXPECT_EQ(clip->joints.size(), 6u);
  EXPECT_EQ(clip->channel_count, 6 + 5 * 3);
  EXPECT_EQ(clip->frame_count, 5);
  EXPECT_NEAR(clip->frame_time_s, 1.0 / 30, 1e-9);
  EXPECT_EQ(clip->joints[1].name, "Spine");
  EXPECT_EQ(clip->joints[1].parent, 0);
  EXPECT_EQ(clip->joints[3].name, "LowerLeg_L");
  EXPECT_EQ(clip->joints[3].parent, 2);
  EXPECT_EQ(clip->joints[0].channels[3], BvhChannel::kZrotation);
  EXPECT_NEAR(clip->frame(4)[0], 4.0 / 30 * 100, 1e-6);
}

// The rotation channels compose in the order the file lists them.
TEST(Bvh, ChannelOrderIsReadFromTheFile) {
  const RootState pose{{0, 90, 0}, {30, 45, 60}};
  auto rotation_for = [&](const std::string& order) {
    Result<BvhClip> clip = ParseBvh(MakeBvh(
                                        4, 0.1, [&](double) { return pose; }, order),
                                    "o.bvh");
    EXPECT_TRUE(clip.ok());
    return MotionFromBvh(*clip, 0.01).frames[0][0].rotation;
  };
  constexpr double d = 3.14159265358979323846 / 180;
  const Eigen::Quaterniond x(Eigen::AngleAxisd(30 * d, Eigen::Vector3d::UnitX()));
  const Eigen::Quaterniond y(Eigen::AngleAxisd(45 * d, Eigen::Vector3d::UnitY()));
  const Eigen::Quaterniond z(Eigen::AngleAxisd(60 * d, Eigen::Vector3d::UnitZ()));
  EXPECT_LT(rotation_for("ZXY").angularDistance(z * x * y), 1e-9);
  EXPECT_LT(rotation_for("XYZ").angularDistance(x * y * z), 1e-9);
  EXPECT_LT(rotation_for("YZX").angularDistance(y * z * x), 1e-9);
  EXPECT_GT(rotation_for("XYZ").angularDistance(z * x * y), 0.1);
}

TEST(Bvh, ForwardKinematicsPlacesChildrenInMetres) {
  Result<BvhClip> clip = ParseBvh(MakeBvh(4, 0.1,
                                          [](double) {
                                            RootState r;
                                            r.position_cm = {100, 90, 0};
                                            r.rotation_deg = {0, 90, 0};  // face +X
                                            return r;
                                          }),
                                  "fk.bvh");
  ASSERT_TRUE(clip.ok());
  const Motion m = MotionFromBvh(*clip, 0.01);
  const auto g = ForwardKinematics(m, 0);
  // UpperLeg_L at local (0.1, −0.05, 0) turned 90° about Y → (0, −0.05, −0.1).
  EXPECT_NEAR(g[2].translation.x(), 1.0, 1e-9);
  EXPECT_NEAR(g[2].translation.y(), 0.85, 1e-9);
  EXPECT_NEAR(g[2].translation.z(), -0.1, 1e-9);
  // Knee 40 cm below the hip.
  EXPECT_NEAR(g[3].translation.y(), 0.45, 1e-9);
}

struct BadCase {
  const char* text;
  const char* where;  // expected "file:line:col" prefix
};

TEST(Bvh, ReportsFileLineColumnOnBadInput) {
  const BadCase cases[] = {
      {"HIERARCHY\nROOT Hips\n{\n  OFFSET 0 x 0\n", "bad.bvh:4:12:"},
      {"HIERARCHY\nROOT Hips\n{\n  OFFSET 0 0 0\n  CHANNELS 1 Wrotation\n}\nMOTION\n",
       "bad.bvh:5:14:"},
      {"HIERARCHY\nROOT Hips\n{\n  OFFSET 0 0 0\n  CHANNELS 1 Xrotation\n}\n", "bad.bvh:7:1:"},
      {"HIERARCHY\nROOT Hips\n{\n  OFFSET 0 0 0\n  CHANNELS 1 Xrotation\n}\nMOTION\nFrames: 2\n"
       "Frame Time: 0.1\n1\n2 3\n",
       "bad.bvh:11:"},
      {"HIERARCHY\nROOT Hips\n{\n  OFFSET 0 0 0\n  CHANNELS 1 Xrotation\n}\nMOTION\nFrames: 2\n"
       "Frame Time: 0.1\n1\nabc\n",
       "bad.bvh:11:1:"},
      {"HIERARCHY\nROOT Hips\n{\n  OFFSET 0 0 0\n  CHANNELS 1 Xrotation\n}\nMOTION\nFrames: 3\n"
       "Frame Time: 0.1\n1\n2\n",
       "bad.bvh:12:"},
      {"HIERARCHY\nROOT Hips\n{\n  OFFSET 0 0 0\n  CHANNELS 1 Xrotation\n}\nMOTION\nFrames: 2\n"
       "Frame Time: -1\n1\n2\n",
       "bad.bvh:9:"},
  };
  for (const BadCase& c : cases) {
    Result<BvhClip> clip = ParseBvh(c.text, "bad.bvh");
    ASSERT_FALSE(clip.ok()) << c.text;
    EXPECT_EQ(clip.status().code(), Status::Code::kInvalidInput);
    EXPECT_EQ(clip.status().message().rfind(c.where, 0), 0u)
        << "got: " << clip.status().message() << "\nwant prefix: " << c.where;
  }
}

TEST(Bvh, MissingFileIsNotFound) {
  Result<BvhClip> clip = ReadBvhFile("/nonexistent/clip.bvh");
  ASSERT_FALSE(clip.ok());
  EXPECT_EQ(clip.status().code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace retrowalk::synth
