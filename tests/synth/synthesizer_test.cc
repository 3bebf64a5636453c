#include "synth/synthesizer.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "bvh_fixture.h"
#include "synth/labels.h"
#include "synth/skeleton.h"

namespace retrowalk::synth {
namespace {

using testing::MakeBvh;
using testing::RootState;

// A gait-like pelvis path: speed `v` along ±Z (facing +Z), vertical bob and sway.
BvhClip Walk(double v_mps, double seconds, double yaw_deg = 0) {
  const int frames = static_cast<int>(seconds * 30) + 1;
  Result<BvhClip> clip = ParseBvh(
      MakeBvh(frames, 1.0 / 30,
              [&](double t) {
                const double c = std::cos(yaw_deg * 3.14159265358979 / 180);
                const double s = std::sin(yaw_deg * 3.14159265358979 / 180);
                const double along = 100 * v_mps * t;
                RootState r;
                r.position_cm = {along * s, 90 + 2 * std::sin(2 * 3.14159265 * 2 * t), along * c};
                r.rotation_deg = {3 * std::sin(2 * 3.14159265 * 2 * t), yaw_deg, 0};
                return r;
              }),
      v_mps >= 0 ? "forward.bvh" : "backward.bvh");
  EXPECT_TRUE(clip.ok());
  return std::move(*clip);
}

std::string LabelAt(const Recording& r, double t) {
  for (const Annotation& a : r.annotations) {
    if (t >= a.start_s && t <= a.end_s) return a.label;
  }
  return "";
}

TEST(Synthesizer, LabelsForwardAndBackwardFromPelvisVelocityAgainstFacing) {
  for (double yaw : {0.0, 130.0}) {
    SynthOptions o;
    Result<Recording> fwd = Synthesize({Walk(1.0, 3, yaw)}, o);
    ASSERT_TRUE(fwd.ok()) << fwd.status().message();
    ASSERT_EQ(fwd->annotations.size(), 1u);
    EXPECT_EQ(fwd->annotations[0].label, "forward");
    EXPECT_NEAR(fwd->annotations[0].end_s, 3.0, 1e-9);
    Result<Recording> back = Synthesize({Walk(-0.6, 3, yaw)}, o);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(LabelAt(*back, 1.5), "backward");
    Result<Recording> still = Synthesize({Walk(0.0, 2, yaw)}, o);
    EXPECT_EQ(LabelAt(*still, 1.0), "still");
  }
}

TEST(Synthesizer, WritesMetadataAndIsDeterministicPerSeed) {
  SynthOptions o;
  o.placement = Placement::kFrontPocket;
  o.seed = 42;
  Result<Recording> a = Synthesize({Walk(1.0, 2)}, o);
  Result<Recording> b = Synthesize({Walk(1.0, 2)}, o);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->metadata.Get("placement"), "front-pocket");
  EXPECT_EQ(a->metadata.Get("seed"), "42");
  EXPECT_EQ(a->metadata.Get("source"), "forward.bvh");
  EXPECT_NE(a->metadata.Get("mounting").find("side="), std::string::npos);
  EXPECT_TRUE(a->has_gyro);
  ASSERT_EQ(a->samples.size(), b->samples.size());
  for (std::size_t i = 0; i < a->samples.size(); ++i) {
    EXPECT_EQ(a->samples[i].acc_mps2, b->samples[i].acc_mps2);
  }
  o.seed = 43;
  Result<Recording> c = Synthesize({Walk(1.0, 2)}, o);
  EXPECT_NE(c->metadata.Get("mounting"), a->metadata.Get("mounting"));
}

TEST(Synthesizer, EveryPlacementReadsGravityWhenStill) {
  for (Placement p : {Placement::kLowerBack, Placement::kFrontPocket, Placement::kThigh}) {
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
      SynthOptions o;
      o.placement = p;
      o.seed = seed;
      o.device_errors = false;
      Result<BvhClip> clip =
          ParseBvh(MakeBvh(20, 1.0 / 30, [](double) { return RootState{}; }), "s.bvh");
      Result<Recording> r = Synthesize({*clip}, o);
      ASSERT_TRUE(r.ok());
      for (const Sample& s : r->samples) ASSERT_NEAR(s.acc_mps2.norm(), kGravityMps2, 1e-4);
    }
  }
}

TEST(Synthesizer, LowerBackMountingIsUprightAndForwardOrTurnedAround) {
  // Sensor x up: at rest the whole of gravity is on +x (up to the few degrees of tilt).
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    SynthOptions o;
    o.seed = seed;
    o.device_errors = false;
    Result<BvhClip> clip =
        ParseBvh(MakeBvh(20, 1.0 / 30, [](double) { return RootState{}; }), "s.bvh");
    Result<Recording> r = Synthesize({*clip}, o);
    ASSERT_TRUE(r.ok());
    EXPECT_GT(r->samples[10].acc_mps2.x, kGravityMps2 * std::cos(6 * 3.14159 / 180) - 0.4);
  }
}

TEST(Synthesizer, JoinedClipsAreContinuousWithoutSpikes) {
  SynthOptions o;
  o.device_errors = false;
  // Forward facing +Z, then backward along another heading: the join turns
  // and moves the second clip and blends over a second.
  Result<Recording> r = Synthesize({Walk(1.0, 3), Walk(-0.6, 3, 70), Walk(1.0, 3, -40)}, o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->metadata.Get("source"), "forward.bvh backward.bvh forward.bvh");
  EXPECT_NEAR(r->duration_s(), 9.0 + 2 * 1.0, 0.02);  // two 1-s blends
  double worst_acc = 0, worst_gyro = 0;
  for (const Sample& s : r->samples) {
    worst_acc = std::max(worst_acc, static_cast<double>(s.acc_mps2.norm()));
    worst_gyro = std::max(worst_gyro, static_cast<double>(s.gyro_radps.norm()));
  }
  // The bob alone gives 9.81 ± 3.2 m/s²; reversing 1.6 m/s over 1 s adds a few m/s².
  EXPECT_LT(worst_acc, 20.0);
  EXPECT_LT(worst_gyro, 3.0);
  EXPECT_EQ(LabelAt(*r, 1.5), "forward");
  EXPECT_EQ(LabelAt(*r, 5.5), "backward");
  EXPECT_EQ(LabelAt(*r, 10.0), "forward");
}

TEST(Synthesizer, RejectsDifferentSkeletons) {
  BvhClip other = Walk(1.0, 1);
  other.joints[1].name = "Chest";
  Result<Recording> r = Synthesize({Walk(1.0, 1), other}, {});
  EXPECT_FALSE(r.ok());
}

// Against the dataset's own labels (skips without ../shared/data).
TEST(Synthesizer, AgreesWithBandaiFrameLabels) {
  const std::filesystem::path dir =
      std::filesystem::path(RETROWALK_SHARED_DATA) / "direction" / "bandai-namco-1";
  if (!std::filesystem::exists(dir / "labels")) GTEST_SKIP() << "no " << dir << ": skipping";
  int frames = 0, agree = 0;
  for (const char* name : {"dataset-1_walk-back_angry_001", "dataset-1_walk_old_001",
                           "dataset-1_walk-left_happy_001", "dataset-1_walk-back_tired_001"}) {
    Result<BvhClip> clip = ReadBvhFile((dir / "data" / (std::string(name) + ".bvh")).string());
    ASSERT_TRUE(clip.ok()) << clip.status().message();
    const Motion m = MotionFromBvh(*clip, 0.01);
    Result<SkeletonMap> map = FindSkeleton(m);
    ASSERT_TRUE(map.ok());
    const auto mine = LabelFrames(m, *map);
    std::ifstream in(dir / "labels" / (std::string(name) + ".csv"));
    std::string line;
    std::getline(in, line);
    for (std::size_t f = 0; std::getline(in, line) && f < mine.size(); ++f) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const std::string label = line.substr(line.rfind(',') + 1);
      ++frames;
      agree += label == mine[f].label;
    }
  }
  EXPECT_GT(frames, 400);
  EXPECT_GT(static_cast<double>(agree) / frames, 0.95);
}

}  // namespace
}  // namespace retrowalk::synth
