#include <gtest/gtest.h>

#include "io/labels_csv.h"
#include "io/read.h"
#include "io/retrowalk_csv.h"
#include "test_util.h"

namespace retrowalk {
namespace {

using testing::ScratchDir;
using testing::TestData;

TEST(RetrowalkCsv, ReadsSamplesMetadataAndSidecarLabels) {
  auto r = ReadRecording(TestData("retrowalk/walk.csv"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->format, "retrowalk-csv");
  EXPECT_EQ(r->samples.size(), 200u);
  EXPECT_TRUE(r->has_gyro);
  EXPECT_DOUBLE_EQ(r->samples[1].t_s, 0.01);
  EXPECT_FLOAT_EQ(r->samples[0].acc_mps2.z, 1.0f);
  EXPECT_FLOAT_EQ(r->samples[0].gyro_radps.y, -0.21f);
  EXPECT_EQ(r->metadata.Get("placement"), "front-pocket");
  EXPECT_EQ(r->metadata.Get("label"), "backward");
  EXPECT_EQ(r->metadata.Get("subject"), "7");
  EXPECT_EQ(r->metadata.Get("source"), "retrowalk-csv");
  EXPECT_EQ(r->CountAnnotations(kStepAnnotation), 2u);
  EXPECT_EQ(r->CountAnnotations(kBoutAnnotation), 1u);
}

TEST(RetrowalkCsv, GyroColumnsAreOptional) {
  auto r = ReadRecording(TestData("retrowalk/acc_only.csv"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_FALSE(r->has_gyro);
  EXPECT_EQ(r->samples.size(), 50u);
  EXPECT_TRUE(r->annotations.empty());
}

TEST(RetrowalkCsv, WriteThenReadGivesTheSameRecording) {
  ScratchDir dir;
  auto in = ReadRecording(TestData("retrowalk/walk.csv"));
  ASSERT_TRUE(in.ok());
  const std::string out = dir.File("copy.csv");
  ASSERT_TRUE(WriteRetrowalkCsv(*in, out).ok());
  ASSERT_TRUE(WriteLabelsCsv(in->annotations, LabelsPathFor(out)).ok());
  auto back = ReadRecording(out);
  ASSERT_TRUE(back.ok()) << back.status().message();
  ASSERT_EQ(back->samples.size(), in->samples.size());
  for (std::size_t i = 0; i < in->samples.size(); ++i) {
    // Shortest round-trip formatting: bit-identical values.
    EXPECT_EQ(back->samples[i].t_s, in->samples[i].t_s);
    EXPECT_EQ(back->samples[i].acc_mps2, in->samples[i].acc_mps2);
    EXPECT_EQ(back->samples[i].gyro_radps, in->samples[i].gyro_radps);
  }
  EXPECT_EQ(back->metadata.Get("placement"), "front-pocket");
  ASSERT_EQ(back->annotations.size(), in->annotations.size());
  EXPECT_EQ(back->annotations[2].label, kBoutAnnotation);
  EXPECT_DOUBLE_EQ(back->annotations[2].end_s, 1.9);
}

TEST(RetrowalkCsv, StreamsInChunks) {
  auto reader = OpenRecording(TestData("retrowalk/walk.csv"));
  ASSERT_TRUE(reader.ok());
  EXPECT_TRUE((*reader)->header().samples.empty());
  EXPECT_EQ((*reader)->header().metadata.Get("placement"), "front-pocket");
  std::vector<Sample> out;
  std::size_t calls = 0;
  while (true) {
    auto n = (*reader)->Next(out, 64);
    ASSERT_TRUE(n.ok());
    if (*n == 0) break;
    EXPECT_LE(*n, 64u);
    ++calls;
  }
  EXPECT_EQ(out.size(), 200u);
  EXPECT_EQ(calls, 4u);
}

TEST(RetrowalkCsv, WriterLeavesNothingBehindWhenNotCommitted) {
  ScratchDir dir;
  Recording header;
  header.has_gyro = false;
  {
    auto w = RetrowalkCsvWriter::Create(header, dir.File("never.csv"));
    ASSERT_TRUE(w.ok());
    Sample s;
    ASSERT_TRUE((*w)->Append(std::span<const Sample>(&s, 1)).ok());
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(RetrowalkCsv, MetadataValuesStayOnOneLine) {
  ScratchDir dir;
  Recording r;
  r.metadata.Set("label", "two\nlines");
  r.samples.push_back({0.0, {0, 0, 9.8f}, {}});
  r.samples.push_back({0.01, {0, 0, 9.8f}, {}});
  ASSERT_TRUE(WriteRetrowalkCsv(r, dir.File("m.csv")).ok());
  auto back = ReadRecording(dir.File("m.csv"));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->metadata.Get("label"), "two lines");
}

TEST(LabelsCsv, PathAndCommasInLabels) {
  EXPECT_EQ(LabelsPathFor("a/walk.csv"), "a/walk.labels.csv");
  EXPECT_EQ(LabelsPathFor("walk.txt"), "walk.txt.labels.csv");
  ScratchDir dir;
  std::vector<Annotation> a = {{1.0, 2.0, "note, with comma"}};
  ASSERT_TRUE(WriteLabelsCsv(a, dir.File("x.labels.csv")).ok());
  auto back = ReadLabelsCsv(dir.File("x.labels.csv"));
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ((*back)[0].label, "note, with comma");
}

TEST(LabelsCsv, BadRowsAreLocated) {
  ScratchDir dir;
  std::string p = dir.Write("x.labels.csv", "start_s,end_s,label\n1.0,abc,step\n");
  auto r = ReadLabelsCsv(p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), p + ":2:5: expected a number in 'end_s', found 'abc'");
}

}  // namespace
}  // namespace retrowalk
