// Every kind of malformed input gets one located error:
// "file:line:column: expected ..., found '...'". Fixtures are written by the
// tests so each case shows exactly what is wrong with it.
#include <gtest/gtest.h>

#include "io/read.h"
#include "test_util.h"

namespace retrowalk {
namespace {

using testing::ScratchDir;

constexpr const char* kHeader = "time_s,acc_x_mps2,acc_y_mps2,acc_z_mps2\n";

// Reads `content` as a file called `name`; returns the error message ("" when it read).
std::string ErrorFor(const ScratchDir& dir, const std::string& name, const std::string& content,
                     const ReadOptions& options = {}) {
  std::string path = dir.Write(name, content);
  auto r = ReadRecording(path, options);
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidInput);
  return r.status().message();
}

TEST(BadInput, EmptyFile) {
  ScratchDir dir;
  std::string p = dir.File("walk.csv");
  EXPECT_EQ(ErrorFor(dir, "walk.csv", ""),
            p + ":1:1: expected a header line (e.g. 'time_s,acc_x_mps2,acc_y_mps2,acc_z_mps2'), "
                "found end of file");
  ReadOptions o;
  o.format = "retrowalk-csv";
  EXPECT_EQ(ErrorFor(dir, "walk.csv", "", o),
            p + ":1:1: expected a header line 'time_s,acc_x_mps2,acc_y_mps2,acc_z_mps2,"
                "gyro_x_radps,gyro_y_radps,gyro_z_radps', found end of file");
}

TEST(BadInput, HeaderOnly) {
  ScratchDir dir;
  EXPECT_EQ(
      ErrorFor(dir, "walk.csv", kHeader),
      dir.File("walk.csv") + ":2:1: expected a sample row after the header, found end of file");
}

TEST(BadInput, MissingColumn) {
  ScratchDir dir;
  EXPECT_EQ(ErrorFor(dir, "walk.csv", "time_s,acc_x_mps2,acc_y_mps2\n0,1,2\n"),
            dir.File("walk.csv") +
                ":1:1: expected a column 'acc_z_mps2' in the header, found "
                "'time_s,acc_x_mps2,acc_y_mps2'");
}

TEST(BadInput, HalfAGyroscope) {
  ScratchDir dir;
  EXPECT_EQ(ErrorFor(dir, "walk.csv",
                     "time_s,acc_x_mps2,acc_y_mps2,acc_z_mps2,gyro_x_radps\n0,1,2,3,4\n"),
            dir.File("walk.csv") +
                ":1:1: expected a column 'gyro_y_radps' in the header, found "
                "'time_s,acc_x_mps2,acc_y_mps2,acc_z_mps2,gyro_x_radps'");
}

TEST(BadInput, TextInANumericField) {
  ScratchDir dir;
  std::string body = std::string(kHeader) + "0.00,0.1,9.8,0.2\n0.01,0.1,nan?,0.2\n";
  EXPECT_EQ(ErrorFor(dir, "walk.csv", body),
            dir.File("walk.csv") + ":3:10: expected a number in 'acc_y_mps2', found 'nan?'");
  body = std::string(kHeader) + "0.00,0.1,9.8,0.2\n0.01,0.1,9.8,abc\n";
  EXPECT_EQ(ErrorFor(dir, "walk.csv", body),
            dir.File("walk.csv") + ":3:14: expected a number in 'acc_z_mps2', found 'abc'");
  body = std::string(kHeader) + "0.00,0.1,,0.2\n";
  EXPECT_EQ(ErrorFor(dir, "walk.csv", body),
            dir.File("walk.csv") + ":2:10: expected a number in 'acc_y_mps2', found ''");
}

TEST(BadInput, NanAndInfinity) {
  ScratchDir dir;
  EXPECT_EQ(ErrorFor(dir, "walk.csv", std::string(kHeader) + "0.00,NaN,9.8,0.2\n"),
            dir.File("walk.csv") + ":2:6: expected a finite number in 'acc_x_mps2', found 'NaN'");
  EXPECT_EQ(ErrorFor(dir, "walk.csv", std::string(kHeader) + "inf,0.1,9.8,0.2\n"),
            dir.File("walk.csv") + ":2:1: expected a finite number in 'time_s', found 'inf'");
  EXPECT_EQ(ErrorFor(dir, "walk.csv", std::string(kHeader) + "0,0.1,9.8,1e99\n"),
            dir.File("walk.csv") + ":2:11: expected a finite number in 'acc_z_mps2', found '1e99'");
}

TEST(BadInput, TimeGoingBackwards) {
  ScratchDir dir;
  std::string body =
      std::string(kHeader) + "0.00,0.1,9.8,0.2\n0.02,0.1,9.8,0.2\n0.01,0.1,9.8,0.2\n";
  EXPECT_EQ(ErrorFor(dir, "walk.csv", body),
            dir.File("walk.csv") +
                ":4:1: expected time to increase (previous row: 0.02 s, this row: 0.01 s), "
                "found '0.01'");
}

TEST(BadInput, DuplicateTimestampsAreDroppedAndCounted) {
  ScratchDir dir;
  std::string p =
      dir.Write("walk.csv", std::string(kHeader) +
                                "0.00,0.1,9.8,0.2\n0.01,0.1,9.8,0.2\n"
                                "0.01,0.5,9.8,0.2\n0.01,0.7,9.8,0.2\n0.02,0.1,9.8,0.2\n");
  auto r = ReadRecording(p);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->samples.size(), 3u);
  EXPECT_EQ(r->dropped_duplicates, 2u);
  EXPECT_FLOAT_EQ(r->samples[1].acc_mps2.x, 0.1f);  // the first of the repeats is kept
}

TEST(BadInput, AbsurdAcceleration) {
  ScratchDir dir;
  std::string body = std::string(kHeader) + "0.00,0.1,9.8,0.2\n0.01,0.1,-600,0.2\n";
  EXPECT_EQ(ErrorFor(dir, "walk.csv", body),
            dir.File("walk.csv") +
                ":3:10: expected |acceleration| <= 50 g in 'acc_y_mps2' (this row: 61.2 g), "
                "found '-600'");
}

TEST(BadInput, TruncatedLastLine) {
  ScratchDir dir;
  std::string body = std::string(kHeader) + "0.00,0.1,9.8,0.2\n0.01,0.1,9.";
  EXPECT_EQ(ErrorFor(dir, "walk.csv", body),
            dir.File("walk.csv") +
                ":3:12: expected ',' and field 'acc_z_mps2' (4 fields per row), found end of line "
                "(the last line looks truncated)");
}

TEST(BadInput, LastLineWithoutNewlineIsFine) {
  ScratchDir dir;
  EXPECT_EQ(ErrorFor(dir, "walk.csv", std::string(kHeader) + "0.00,0.1,9.8,0.2\n0.01,0.1,9.8,0.2"),
            "");
}

TEST(BadInput, ExtraFields) {
  ScratchDir dir;
  EXPECT_EQ(ErrorFor(dir, "walk.csv", std::string(kHeader) + "0.00,0.1,9.8,0.2,7\n"),
            dir.File("walk.csv") +
                ":2:17: expected end of line after field 'acc_z_mps2' (4 fields per row), "
                "found ',7'");
}

TEST(BadInput, WrongDelimiter) {
  ScratchDir dir;
  EXPECT_EQ(ErrorFor(dir, "walk.csv", "time_s;acc_x_mps2;acc_y_mps2;acc_z_mps2\n0;1;2;3\n"),
            dir.File("walk.csv") + ":1:7: expected ',' delimiter, found ';'");
  EXPECT_EQ(ErrorFor(dir, "walk.csv", std::string(kHeader) + "0.00;0.1;9.8;0.2\n"),
            dir.File("walk.csv") + ":2:5: expected ',' delimiter, found ';'");
  EXPECT_EQ(ErrorFor(dir, "walk.csv", std::string(kHeader) + "0.00\t0.1\t9.8\t0.2\n"),
            dir.File("walk.csv") + ":2:5: expected ',' delimiter, found '\\x09'");
}

TEST(BadInput, ByteOrderMarkIsAccepted) {
  ScratchDir dir;
  std::string p = dir.Write("walk.csv", "\xEF\xBB\xBF" + std::string(kHeader) + "0,0.1,9.8,0.2\n");
  auto r = ReadRecording(p);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->format, "retrowalk-csv");
  EXPECT_EQ(r->samples.size(), 1u);
}

TEST(BadInput, CrlfLineEndsAreAccepted) {
  ScratchDir dir;
  std::string p =
      dir.Write("walk.csv",
                "# placement: hand\r\ntime_s,acc_x_mps2,acc_y_mps2,acc_z_mps2\r\n0,0.1,9.8,0.2\r\n"
                "0.01,0.1,9.8,0.25\r\n");
  auto r = ReadRecording(p);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->samples.size(), 2u);
  EXPECT_FLOAT_EQ(r->samples[1].acc_mps2.z, 0.25f);
  EXPECT_EQ(r->metadata.Get("placement"), "hand");
}

TEST(BadInput, ZipWithoutExpectedMembers) {
  ScratchDir dir;
  std::string p = dir.File("export.zip");
  testing::MakeZip(p, {{"notes.txt", "hello"}, {"Location.csv", "time,seconds_elapsed\n"}});
  auto r = ReadRecording(p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(
      r.status().message(),
      p + ": expected an Oxford step folder (accelerometer.csv, stepcounter.csv), a Sensor "
          "Logger export (Accelerometer.csv or TotalAcceleration.csv with "
          "'time,seconds_elapsed') or a phyphox export (Accelerometer.csv with \"Time (s)\"), "
          "found Location.csv, notes.txt");
}

TEST(BadInput, NotAZip) {
  ScratchDir dir;
  std::string p = dir.Write("export.zip", "this is not a zip archive");
  auto r = ReadRecording(p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), p + ": expected a zip archive, found 'Not a zip archive'");
}

TEST(BadInput, MissingFileIsNotFound) {
  auto r = ReadRecording("/nonexistent/walk.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(r.status().message(), "cannot open '/nonexistent/walk.csv': No such file or directory");
}

TEST(BadInput, UnknownHeader) {
  ScratchDir dir;
  std::string msg = ErrorFor(dir, "x.csv", "a,b,c\n1,2,3\n");
  EXPECT_EQ(msg.rfind(dir.File("x.csv") + ":1:1: expected a known header", 0), 0u) << msg;
  EXPECT_NE(msg.find("found 'a,b,c'"), std::string::npos) << msg;
}

TEST(BadInput, UnknownFormatName) {
  ReadOptions o;
  o.format = "csv";
  auto r = ReadRecording("whatever.csv", o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "expected --format one of retrowalk-csv, sensor-logger, phyphox, generic-csv, "
            "oxford-step, ipol-gait, mobilise-d, found 'csv'");
}

TEST(BadInput, OxfordStepCounterRow) {
  ScratchDir dir;
  dir.Write("Pixel_A_Hard_InHand_1/accelerometer.csv",
            "1000000000,3,0.1,9.8,0.2\n1010000000,3,0.1,9.8,0.2\n");
  std::string steps =
      dir.Write("Pixel_A_Hard_InHand_1/stepcounter.csv", "1000000000,0,0\n1005000000,x,1\n");
  auto r = ReadRecording(dir.File("Pixel_A_Hard_InHand_1"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), steps + ":2:12: expected an integer in 'foot1', found 'x'");
}

TEST(BadInput, IpolHeaderWithoutGyro) {
  ScratchDir dir;
  std::string p =
      dir.Write("1-1_lb.txt",
                "Acquisition frequency: 100 Hz\nPacketCounter\tAcc_X\tAcc_Y\tAcc_Z\n0\t1\t2\t3\n");
  auto r = ReadRecording(p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), p + ":2:1: expected a column 'Gyr_X' in the header, found "
                                      "'PacketCounter\\x09Acc_X\\x09Acc_Y\\x09Acc_Z'");
}

}  // namespace
}  // namespace retrowalk

namespace retrowalk {
namespace {

TEST(BadInput, NoLineEndsAtAll) {
  testing::ScratchDir dir;
  std::string p = dir.Write("blob.csv", "time_s,acc_x_mps2,acc_y_mps2,acc_z_mps2\n" +
                                            std::string(std::size_t{70} << 20, '1'));
  auto r = ReadRecording(p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), p + ":2:1: expected a line end within 64 MiB, found a longer "
                                      "line (not a text file?)");
}

}  // namespace
}  // namespace retrowalk
