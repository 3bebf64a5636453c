#include "core/recording.h"

#include <gtest/gtest.h>

namespace retrowalk {
namespace {

TEST(MetadataTest, KeepsInsertionOrderAndOverwrites) {
  Metadata m;
  m.Set("placement", "front-pocket");
  m.Set("subject", "7");
  m.Set("placement", "lower-back");
  ASSERT_EQ(m.entries().size(), 2u);
  EXPECT_EQ(m.entries()[0].first, "placement");
  EXPECT_EQ(m.Get("placement"), "lower-back");
  EXPECT_EQ(m.Find("label"), nullptr);
  EXPECT_EQ(m.Get("label", "none"), "none");
}

TEST(RecordingTest, DurationAndAnnotationCounts) {
  Recording r;
  EXPECT_EQ(r.duration_s(), 0.0);
  r.samples.push_back({10.0, {0, 0, 9.8f}, {}});
  r.samples.push_back({12.5, {0, 0, 9.8f}, {}});
  EXPECT_DOUBLE_EQ(r.duration_s(), 2.5);
  r.annotations.push_back({1.0, 1.0, kStepAnnotation});
  r.annotations.push_back({1.5, 1.5, kStepAnnotation});
  r.annotations.push_back({0.0, 2.0, kBoutAnnotation});
  EXPECT_EQ(r.CountAnnotations(kStepAnnotation), 2u);
  EXPECT_EQ(r.CountAnnotations(kBoutAnnotation), 1u);
}

TEST(Vec3Test, Arithmetic) {
  Vec3 a{1, 2, 3}, b{4, 5, 6};
  EXPECT_EQ(a + b, (Vec3{5, 7, 9}));
  EXPECT_EQ(b - a, (Vec3{3, 3, 3}));
  EXPECT_FLOAT_EQ(Dot(a, b), 32.f);
  EXPECT_EQ(Cross(Vec3{1, 0, 0}, Vec3{0, 1, 0}), (Vec3{0, 0, 1}));
  EXPECT_FLOAT_EQ((Vec3{3, 4, 0}).norm(), 5.f);
}

}  // namespace
}  // namespace retrowalk
