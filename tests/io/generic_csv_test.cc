#include <gtest/gtest.h>

#include "io/generic_csv.h"
#include "io/read.h"
#include "test_util.h"

namespace retrowalk {
namespace {

using testing::ScratchDir;
using testing::TestData;

ReadOptions Mapping(const std::string& columns) {
  ReadOptions o;
  auto m = ParseColumnMapping(columns);
  EXPECT_TRUE(m.ok()) << m.status().message();
  if (m.ok()) o.columns = *m;
  return o;
}

TEST(GenericCsv, MapsNamedColumnsAndConvertsUnits) {
  ReadOptions o{.format = {},
                .columns = Mapping("time=ts,ax=a1,ay=a2,az=a3,gx=w1,gy=w2,gz=w3").columns,
                .time_unit = "ms",
                .acc_unit = "g",
                .gyro_unit = "dps"};
  auto r = ReadRecording(TestData("generic/watch.csv"), o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->format, "generic-csv");
  EXPECT_EQ(r->samples.size(), 100u);
  EXPECT_TRUE(r->has_gyro);
  EXPECT_DOUBLE_EQ(r->samples[1].t_s, 1.02);
  EXPECT_FLOAT_EQ(r->samples[0].acc_mps2.z, 9.80665f);
  EXPECT_NEAR(r->samples[0].gyro_radps.x, 1.5707963f, 1e-6f);
  EXPECT_NEAR(r->samples[0].gyro_radps.z, -3.1415927f, 1e-6f);
  EXPECT_EQ(r->metadata.Get("source"), "generic-csv");
}

TEST(GenericCsv, HeaderlessByColumnNumberWithSemicolons) {
  auto r = ReadRecording(TestData("generic/plain.txt"), Mapping("time=1,ax=2,ay=3,az=4"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->samples.size(), 40u);  // the first line is data, not a header
  EXPECT_FALSE(r->has_gyro);
  EXPECT_DOUBLE_EQ(r->samples[0].t_s, 0.0);
  EXPECT_FLOAT_EQ(r->samples[0].acc_mps2.y, 9.8f);
}

TEST(GenericCsv, Nanoseconds) {
  ScratchDir dir;
  std::string p = dir.Write("n.csv",
                            "t,x,y,z\n1698501144401773000,0,0,9.8\n"
                            "1698501144411773000,0,0,9.8\n");
  ReadOptions o{
      .format = {}, .columns = Mapping("time=t,ax=x,ay=y,az=z").columns, .time_unit = "ns"};
  auto r = ReadRecording(p, o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_NEAR(r->samples[1].t_s - r->samples[0].t_s, 0.01, 1e-6);
}

TEST(GenericCsv, Errors) {
  ScratchDir dir;
  std::string p = dir.Write("g.csv", "ts,a1,a2,a3\n0,1,2,3\n");
  auto r = ReadRecording(p, Mapping("time=ts,ax=a1,ay=a2,az=a4"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            p + ":1:1: expected a column 'a4' (for az) in the header, found 'ts,a1,a2,a3'");
  r = ReadRecording(p, Mapping("time=ts,ax=a1,ay=a2"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "expected --columns to map 'az' (time, ax, ay and az are required), found no mapping");
  r = ReadRecording(p, Mapping("time=ts,ax=a1,ay=a2,az=a3,gx=a1"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "expected --columns to map all of gx, gy, gz or none of them");
  r = ReadRecording(p, Mapping("time=ts,ax=a1,ay=a2,az=a3,speed=a1"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "expected a --columns role time, ax, ay, az, gx, gy or gz, found 'speed'");
  ReadOptions o{
      .format = {}, .columns = Mapping("time=ts,ax=a1,ay=a2,az=a3").columns, .time_unit = "min"};
  r = ReadRecording(p, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "expected --time-unit s, ms, us or ns, found 'min'");
  EXPECT_FALSE(ParseColumnMapping("time").ok());
  EXPECT_EQ(ParseColumnMapping("time=").status().message(),
            "expected --columns role=column pairs (time=..,ax=..,ay=..,az=..), found 'time='");
}

TEST(GenericCsv, StreamsLikeRetrowalkCsv) {
  auto reader = OpenRecording(TestData("generic/plain.txt"), Mapping("time=1,ax=2,ay=3,az=4"));
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  std::vector<Sample> out;
  auto n = (*reader)->Next(out, 16);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 16u);
}

}  // namespace
}  // namespace retrowalk
