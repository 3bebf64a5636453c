// The CSV reader's fast decimal path must give exactly what std::from_chars
// gives, for every kind of number a log may hold.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "io/read.h"
#include "test_util.h"

namespace retrowalk {
namespace {

TEST(NumberParsing, BitIdenticalToFromChars) {
  std::mt19937_64 rng(42);
  std::vector<std::string> times, values;
  std::uniform_int_distribution<int> digits(0, 9), kind(0, 5);
  std::uniform_real_distribution<double> u(-60.0, 60.0);
  for (int i = 0; i < 20000; ++i) {
    char buf[64];
    double v = u(rng);
    switch (kind(rng)) {
      case 0:
        std::snprintf(buf, sizeof buf, "%.4f", v);
        break;
      case 1:
        std::snprintf(buf, sizeof buf, "%.9f", v);
        break;  // beyond float's fast path
      case 2:
        std::snprintf(buf, sizeof buf, "%.6E", v);
        break;  // exponent: from_chars
      case 3:
        std::snprintf(buf, sizeof buf, "%.0f", v);
        break;  // integer
      case 4:
        std::snprintf(buf, sizeof buf, "%.7g", v * 1e-5);
        break;  // small
      default:
        std::snprintf(buf, sizeof buf, "%.17g", v);
        break;  // long mantissa
    }
    values.emplace_back(buf);
    std::snprintf(buf, sizeof buf, i % 3 == 0 ? "%.3f" : (i % 3 == 1 ? "%.9f" : "%.17g"),
                  1000.0 + i * 0.01 + digits(rng) * 1e-6);
    times.emplace_back(buf);
  }
  testing::ScratchDir dir;
  std::string text = "time_s,acc_x_mps2,acc_y_mps2,acc_z_mps2\n";
  for (std::size_t i = 0; i < values.size(); ++i) {
    text += times[i] + "," + values[i] + ",0," + values[values.size() - 1 - i] + "\n";
  }
  auto r = ReadRecording(dir.Write("n.csv", text));
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->samples.size(), values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    double t = 0;
    float x = 0, z = 0;
    std::from_chars(times[i].data(), times[i].data() + times[i].size(), t);
    const std::string& zs = values[values.size() - 1 - i];
    std::from_chars(values[i].data(), values[i].data() + values[i].size(), x);
    std::from_chars(zs.data(), zs.data() + zs.size(), z);
    ASSERT_EQ(r->samples[i].t_s, t) << times[i];
    ASSERT_EQ(r->samples[i].acc_mps2.x, x) << values[i];
    ASSERT_EQ(r->samples[i].acc_mps2.z, z) << zs;
  }
}

// Values with more significant digits than a float holds (as phones write
// them) and decimals exactly halfway between two floats, where a double
// rounded to float would differ from the correctly rounded float. The gyro
// columns take them all (acceleration has a plausibility limit).
TEST(NumberParsing, LongFloatsAndFloatMidpointsMatchFromChars) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(-80.0, 80.0);
  std::vector<std::string> values;
  for (int i = 0; i < 20000; ++i) {
    char buf[64];
    std::snprintf(buf, sizeof buf, i % 2 ? "%.7f" : "%.8g", u(rng));
    values.emplace_back(buf);
  }
  // Decimals whose nearest double is a float midpoint but which are not one
  // themselves: 16 significant digits of a midpoint.
  std::uniform_real_distribution<float> uf(-80.0f, 80.0f);
  for (int i = 0; i < 4000; ++i) {
    const float f = uf(rng);
    const double mid =
        0.5 * (static_cast<double>(f) + static_cast<double>(std::nextafter(f, 100.0f)));
    char buf[64];
    std::snprintf(buf, sizeof buf, i % 2 ? "%.16g" : "%.15g", mid);
    values.emplace_back(buf);
  }
  // Odd integers in [2^24, 2^25) and x.5 in [2^23, 2^24) are float midpoints.
  for (std::uint64_t k = 0; k < 200; ++k) {
    values.push_back(std::to_string((std::uint64_t{1} << 24) + 2 * k + 1));
    values.push_back(std::to_string((std::uint64_t{1} << 24) + 2 * k));
    values.push_back(std::to_string((std::uint64_t{1} << 23) + k) + ".5");
    values.push_back(std::to_string((std::uint64_t{1} << 23) + k) + ".25");
    values.push_back("-" + std::to_string((std::uint64_t{1} << 24) + 2 * k + 1) + ".0");
  }
  testing::ScratchDir dir;
  std::string text =
      "time_s,acc_x_mps2,acc_y_mps2,acc_z_mps2,gyro_x_radps,gyro_y_radps,gyro_z_radps\n";
  for (std::size_t i = 0; i < values.size(); ++i) {
    text +=
        std::to_string(i) + ",0,0,9.8," + values[i] + ",0," + values[values.size() - 1 - i] + "\n";
  }
  auto r = ReadRecording(dir.Write("long.csv", text));
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->samples.size(), values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    float x = 0, z = 0;
    const std::string& xs = values[i];
    const std::string& zs = values[values.size() - 1 - i];
    std::from_chars(xs.data(), xs.data() + xs.size(), x);
    std::from_chars(zs.data(), zs.data() + zs.size(), z);
    ASSERT_EQ(r->samples[i].gyro_radps.x, x) << xs;
    ASSERT_EQ(r->samples[i].gyro_radps.z, z) << zs;
  }
}

}  // namespace
}  // namespace retrowalk
