// Reads every recording in ../shared/data (when it is there) and checks
// durations, rates and ground-truth counts against the data sets' own
// documentation: ../shared/data/README.md and oxford-step/optimisation/stats.csv.
// Skips, saying why, when ../shared/data is absent.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "io/read.h"
#include "io/recording_summary.h"

namespace retrowalk {
namespace {

namespace fs = std::filesystem;

const fs::path kShared = RETROWALK_SHARED_DATA;

#define SKIP_WITHOUT(dir)                                                           \
  if (!fs::is_directory(kShared / dir)) {                                           \
    GTEST_SKIP() << "shared data set not found at " << (kShared / dir).string()     \
                 << " (tests against ../shared/data only run where it is present)"; \
  }

RecordingSummary Summarise(const Recording& r) {
  SummaryBuilder b;
  b.Add(r.samples);
  return b.Finish();
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.front() == ' ')) s.erase(0, 1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

TEST(SharedData, OxfordStepMatchesStatsCsv) {
  SKIP_WITHOUT("oxford-step/optimisation/data");
  // stats.csv: dir, user, phone, position, surface, duration(s), steps
  struct Expected {
    std::string user;
    double duration_s;
    std::size_t steps;
  };
  std::map<std::string, Expected> stats;
  std::ifstream in(kShared / "oxford-step/optimisation/stats.csv");
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, ',');) f.push_back(Trim(x));
    ASSERT_EQ(f.size(), 7u) << line;
    stats[f[0]] = {f[1], std::stod(f[5]), static_cast<std::size_t>(std::stoul(f[6]))};
  }
  // README.md says 47 recordings; stats.csv and the folder both have 48.
  ASSERT_GE(stats.size(), 47u);

  std::size_t read = 0;
  for (const auto& entry : fs::directory_iterator(kShared / "oxford-step/optimisation/data")) {
    const std::string name = entry.path().filename().string();
    SCOPED_TRACE(name);
    auto it = stats.find(name);
    ASSERT_NE(it, stats.end()) << "not in stats.csv";
    auto r = ReadRecording(entry.path().string());
    ASSERT_TRUE(r.ok()) << r.status().message();
    ++read;
    EXPECT_EQ(r->format, "oxford-step");
    // Ground truth: the 0->1 foot-switch changes add up to stats.csv's steps.
    EXPECT_EQ(r->CountAnnotations(kStepAnnotation), it->second.steps);
    // stats.csv gives whole seconds (truncated).
    RecordingSummary s = Summarise(*r);
    EXPECT_GE(s.duration_s, it->second.duration_s) << s.duration_s;
    EXPECT_LT(s.duration_s, it->second.duration_s + 2.0) << s.duration_s;
    // README: irregular sampling, about 100-400 Hz.
    EXPECT_GT(s.median_rate_hz, 95.0);
    EXPECT_LT(s.median_rate_hz, 420.0);
    EXPECT_TRUE(s.gaps.empty());
    EXPECT_NEAR(s.acc_norm_mean_g, 1.0, 0.2);  // m/s² with gravity
    EXPECT_EQ(r->metadata.Get("subject"), it->second.user);
    EXPECT_FALSE(r->metadata.Get("placement").empty());
    for (const Annotation& a : r->annotations) {
      EXPECT_GE(a.start_s, -1.0);
      EXPECT_LE(a.start_s, s.end_s + 1.0);
    }
  }
  EXPECT_EQ(read, stats.size());
}

TEST(SharedData, IpolGaitStepsMatchTheirJson) {
  SKIP_WITHOUT("ipol-gait/GaitData");
  std::size_t read = 0;
  std::set<std::string> subjects;
  for (const auto& entry : fs::directory_iterator(kShared / "ipol-gait/GaitData")) {
    const fs::path p = entry.path();
    if (p.extension() != ".txt") continue;
    SCOPED_TRACE(p.filename().string());
    auto r = ReadRecording(p.string());
    ASSERT_TRUE(r.ok()) << r.status().message();
    ++read;
    EXPECT_EQ(r->format, "ipol-gait");
    EXPECT_TRUE(r->has_gyro);
    subjects.insert(r->metadata.Get("subject"));
    // README: Xsens at 100 Hz; a trial is stand, walk 10 m, turn, walk back, stop.
    RecordingSummary s = Summarise(*r);
    EXPECT_NEAR(s.median_rate_hz, 100.0, 0.01);
    EXPECT_GT(s.duration_s, 15.0);
    EXPECT_LT(s.duration_s, 60.0);
    EXPECT_NEAR(s.acc_norm_mean_g, 1.0, 0.2);
    // Steps in a trial = left + right footstep events of its JSON.
    std::string stem = p.stem().string();
    std::ifstream jin(p.parent_path() / (stem.substr(0, stem.rfind('_')) + ".json"));
    std::string text((std::istreambuf_iterator<char>(jin)), std::istreambuf_iterator<char>());
    // Python wrote missing values as NaN, which is not JSON (the reader copes too).
    for (std::size_t at; (at = text.find("NaN")) != std::string::npos;) text.replace(at, 3, "null");
    nlohmann::json j = nlohmann::json::parse(text);
    EXPECT_EQ(r->CountAnnotations(kStepAnnotation),
              j["LeftFootEvents"].size() + j["RightFootEvents"].size());
    EXPECT_EQ(r->CountAnnotations(kBoutAnnotation), 1u);
    EXPECT_EQ(r->CountAnnotations("u_turn"), 1u);
  }
  EXPECT_GE(read, 4u * 13u);  // subjects 1-13, 4-6 trials each
  EXPECT_EQ(subjects.size(), 13u);
}

TEST(SharedData, MobiliseDReferenceInitialContacts) {
  SKIP_WITHOUT("mobgap-example");
  std::size_t read = 0;
  for (const auto& entry : fs::directory_iterator(kShared / "mobgap-example")) {
    const std::string name = entry.path().filename().string();
    const std::string suffix = "_lowerback_imu.csv";
    if (name.size() < suffix.size() || name.substr(name.size() - suffix.size()) != suffix) {
      continue;
    }
    SCOPED_TRACE(name);
    auto r = ReadRecording(entry.path().string());
    ASSERT_TRUE(r.ok()) << r.status().message();
    ++read;
    EXPECT_EQ(r->format, "mobilise-d");
    RecordingSummary s = Summarise(*r);
    EXPECT_NEAR(s.median_rate_hz, 100.0, 0.01);  // README: 100 Hz
    EXPECT_NEAR(s.acc_norm_mean_g, 1.0, 0.1);    // g converted to m/s²
    // Reference: one step per initial-contact row, one bout per wb_id.
    const std::string ref =
        entry.path().string().substr(0, entry.path().string().size() - suffix.size()) +
        "_ref_INDIP_initial_contacts.csv";
    std::ifstream in(ref);
    std::string line;
    std::getline(in, line);
    std::size_t contacts = 0;
    std::set<std::string> bouts;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      // Contacts the reference could not place ("nan") carry no step time.
      if (line.find(",nan,") == std::string::npos) ++contacts;
      bouts.insert(line.substr(0, line.find(',')));
    }
    EXPECT_EQ(r->CountAnnotations(kStepAnnotation), contacts);
    EXPECT_EQ(r->CountAnnotations(kBoutAnnotation), bouts.size());
    // README: HA002's Test5 trials have no INDIP bouts.
    if (name.rfind("HA002", 0) == 0 && name.find("Test5") != std::string::npos) {
      EXPECT_EQ(r->CountAnnotations(kBoutAnnotation), 0u);
    } else {
      EXPECT_GT(r->CountAnnotations(kStepAnnotation), 0u);
    }
  }
  EXPECT_EQ(read, 6u);
}

}  // namespace
}  // namespace retrowalk
