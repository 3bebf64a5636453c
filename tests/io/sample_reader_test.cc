// The reading plumbing the fast paths rely on: LineReader over files of any
// size (its buffer is sized to the file), SampleReader::NextView (no copy for
// loaded recordings) and the row estimate ReadAll reserves from.
#include <cstdio>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "io/line_reader.h"
#include "io/read.h"
#include "test_util.h"

namespace retrowalk {
namespace {

using testing::ScratchDir;
using testing::TestData;

std::vector<std::string> AllLines(const std::string& path) {
  auto opened = io::LineReader::OpenFile(path, path);
  EXPECT_TRUE(opened.ok());
  if (!opened.ok()) return {};
  std::vector<std::string> out;
  std::string_view line;
  while ((*opened)->Next(line)) out.emplace_back(line);
  EXPECT_TRUE((*opened)->status().ok());
  return out;
}

TEST(LineReader, ReadsSmallAndLongLinesWhateverTheFileSize) {
  ScratchDir dir;
  // Lines longer than the first read and than a small file's buffer, CRLF,
  // and a last line without its newline.
  std::vector<std::string> expected = {"a", "", std::string(70000, 'x'), "b,c"};
  for (int i = 0; i < 5000; ++i) expected.push_back(std::to_string(i * 7919));
  expected.push_back(std::string(300000, 'y'));
  expected.push_back("last");
  std::string text;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    text += expected[i];
    if (i + 1 < expected.size()) text += i % 3 == 0 ? "\r\n" : "\n";
  }
  EXPECT_EQ(AllLines(dir.Write("mixed.txt", text)), expected);
  EXPECT_EQ(AllLines(dir.Write("one.txt", "only")), std::vector<std::string>{"only"});
  EXPECT_TRUE(AllLines(dir.Write("empty.txt", "")).empty());
  // A single line longer than the buffer a file's size gave it: the file
  // grew after it was opened.
  const std::string path = dir.Write("grows.txt", "x\n");
  auto opened = io::LineReader::OpenFile(path, path);
  ASSERT_TRUE(opened.ok());
  dir.Write("grows.txt", "x\n" + std::string(50000, 'z') + "\nend\n");
  std::vector<std::string> got;
  std::string_view line;
  while ((*opened)->Next(line)) got.emplace_back(line);
  EXPECT_EQ(got, (std::vector<std::string>{"x", std::string(50000, 'z'), "end"}));
}

void ExpectSameSamples(std::span<const Sample> a, std::span<const Sample> b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i].t_s, b[i].t_s) << i;
    ASSERT_EQ(a[i].acc_mps2, b[i].acc_mps2) << i;
    ASSERT_EQ(a[i].gyro_radps, b[i].gyro_radps) << i;
  }
}

// Streamed (retrowalk CSV) and loaded (Oxford, IPOL) readers alike.
TEST(SampleReader, NextViewGivesWhatNextGives) {
  for (const char* name :
       {"retrowalk/walk.csv", "oxford/Pixel_Jamie_Hard_FrontPocket_1", "ipol/7-3_lb.txt"}) {
    SCOPED_TRACE(name);
    auto all = ReadRecording(TestData(name));
    ASSERT_TRUE(all.ok()) << all.status().message();
    ASSERT_GT(all->samples.size(), 30u);
    auto reader = OpenRecording(TestData(name));
    ASSERT_TRUE(reader.ok());
    std::vector<Sample> viewed;
    std::size_t views = 0;
    while (true) {
      auto view = (*reader)->NextView(30);
      ASSERT_TRUE(view.ok());
      if (view->empty()) break;
      EXPECT_LE(view->size(), 30u);
      viewed.insert(viewed.end(), view->begin(), view->end());
      ++views;
    }
    EXPECT_EQ(views, (all->samples.size() + 29) / 30);
    ExpectSameSamples(viewed, all->samples);
  }
}

TEST(SampleReader, RemainingHintEstimatesTheRowsLeft) {
  ScratchDir dir;
  std::string text = "time_s,acc_x_mps2,acc_y_mps2,acc_z_mps2\n";
  char row[96];
  for (int i = 0; i < 10000; ++i) {
    std::snprintf(row, sizeof row, "%.2f,0.%04d,9.%04d,-0.%04d\n", i * 0.01, i % 9973,
                  (i * 31) % 9973, (i * 17) % 9973);
    text += row;
  }
  auto reader = OpenRecording(dir.Write("rows.csv", text));
  ASSERT_TRUE(reader.ok());
  std::vector<Sample> out;
  auto n = (*reader)->Next(out, 2000);
  ASSERT_TRUE(n.ok());
  ASSERT_EQ(*n, 2000u);
  EXPECT_NEAR(static_cast<double>((*reader)->remaining_hint()), 8000.0, 400.0);
  auto all = ReadRecording(dir.File("rows.csv"));
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->samples.size(), 10000u);
}

}  // namespace
}  // namespace retrowalk
