// bench_gait: how fast the gait engine is, measured against what any pass
// over the same samples costs.
//
//  1. Week: a 7-day, 100 Hz stream (60.48 M samples) built by cycling through
//     the real recordings in ../shared/data (resampled to 100 Hz once; times
//     rewritten to one continuous clock), or synthetic walking and standing
//     when ../shared is absent. Generated chunk by chunk, so the week itself
//     never sits in memory. The floor is the same generation plus one pass
//     that reads every sample; the engine run is the generation plus Push.
//     Prints samples/s, the fraction engine/floor and the peak RSS.
//  2. Files: whole-file analysis including parsing (OpenRecording +
//     AnalyzeStream) over every recording found, in samples/s.
// Figures only; nothing is asserted.
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "app/analysis.h"
#include "app/evaluation.h"
#include "gait/engine.h"
#include "gait/resampler.h"
#include "io/read.h"

namespace {

using namespace retrowalk;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

double PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// Uniform 100 Hz segments to cycle through.
std::vector<std::vector<Sample>> LoadPool(const std::string& shared, std::size_t& files) {
  std::vector<std::vector<Sample>> pool;
  std::error_code ec;
  if (std::filesystem::is_directory(shared, ec)) {
    for (const std::string& path : FindEvaluationRecordings({shared})) {
      auto r = ReadRecording(path);
      if (!r.ok()) continue;
      Resampler resampler;
      std::vector<Sample> uniform;
      std::vector<Gap> gaps;
      resampler.Push(r->samples, uniform, gaps);
      if (uniform.size() > 1000) {
        pool.push_back(std::move(uniform));
        ++files;
      }
    }
  }
  if (pool.empty()) {  // synthetic: 60 s of walking then 30 s standing
    std::mt19937 rng(1);
    std::normal_distribution<float> noise(0, 0.05f);
    std::vector<Sample> s;
    for (int i = 0; i < 9000; ++i) {
      const double t = i * 0.01;
      const double x = 2 * 3.14159265358979 * 1.8 * t;
      const float a = i < 6000 ? static_cast<float>(2 * (std::cos(x) + 0.3 * std::cos(2 * x))) : 0;
      s.push_back({t, {0.5f * a + noise(rng), noise(rng), 9.81f + a + noise(rng)}, {}});
    }
    pool.push_back(std::move(s));
  }
  return pool;
}

// Fills `chunk` with the next samples of the endless concatenation.
class WeekStream {
 public:
  explicit WeekStream(const std::vector<std::vector<Sample>>& pool) : pool_(pool) {}
  void Next(std::vector<Sample>& chunk, std::size_t n) {
    chunk.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
      const std::vector<Sample>& seg = pool_[seg_];
      chunk[k] = seg[pos_];
      chunk[k].t_s = static_cast<double>(index_++) * 0.01;
      if (++pos_ == seg.size()) {
        pos_ = 0;
        seg_ = (seg_ + 1) % pool_.size();
      }
    }
  }

 private:
  const std::vector<std::vector<Sample>>& pool_;
  std::size_t seg_ = 0, pos_ = 0;
  std::uint64_t index_ = 0;
};

}  // namespace

int main() {
  const std::string shared = RETROWALK_SHARED_DATA;
  std::size_t files = 0;
  const auto pool = LoadPool(shared, files);
  std::size_t pool_samples = 0;
  for (const auto& p : pool) pool_samples += p.size();
  std::printf("week source: %s (%zu segments, %zu samples)\n",
              files ? "real recordings from ../shared/data" : "synthetic (../shared/data absent)",
              pool.size(), pool_samples);
  const double rss_before = PeakRssMb();

  constexpr std::uint64_t kWeek = 7ull * 24 * 3600 * 100;
  constexpr std::size_t kChunk = 1 << 16;
  std::vector<Sample> chunk;

  // Floor: generate and read every sample once.
  double sink = 0;
  auto t0 = Clock::now();
  {
    WeekStream week(pool);
    for (std::uint64_t done = 0; done < kWeek; done += kChunk) {
      week.Next(chunk, static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, kWeek - done)));
      float acc = 0;
      for (const Sample& s : chunk)
        acc += s.acc_mps2.x + s.acc_mps2.y + s.acc_mps2.z + s.gyro_radps.x;
      sink += acc;
    }
  }
  const double floor_s = Seconds(t0, Clock::now());

  // Engine.
  std::uint64_t steps = 0, bouts = 0;
  t0 = Clock::now();
  {
    WeekStream week(pool);
    GaitEngine engine;
    EngineEvents events;
    for (std::uint64_t done = 0; done < kWeek; done += kChunk) {
      week.Next(chunk, static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, kWeek - done)));
      events.clear();
      engine.Push(chunk, events);
      steps += events.steps.size();
      bouts += events.bouts.size();
    }
    events.clear();
    engine.Finish(events);
    steps += events.steps.size();
    bouts += events.bouts.size();
  }
  const double engine_s = Seconds(t0, Clock::now());
  const double n = static_cast<double>(kWeek);
  std::printf("week: %.2f M samples (7 days at 100 Hz), %llu bouts, %llu steps\n", n / 1e6,
              static_cast<unsigned long long>(bouts), static_cast<unsigned long long>(steps));
  std::printf("  floor  (generate + read every sample): %6.3f s  %7.1f M samples/s  (sink %g)\n",
              floor_s, n / floor_s / 1e6, sink);
  std::printf("  engine (generate + GaitEngine::Push):  %6.3f s  %7.1f M samples/s\n", engine_s,
              n / engine_s / 1e6);
  std::printf("  engine throughput / floor throughput: %.3f\n", floor_s / engine_s);
  std::printf("  peak RSS: %.1f MB (%.1f MB before the week runs: the recordings pool)\n",
              PeakRssMb(), rss_before);

  // Whole-file analysis including parsing.
  std::error_code ec;
  if (!std::filesystem::is_directory(shared, ec)) {
    std::printf("files: skipped, %s is absent\n", shared.c_str());
    return 0;
  }
  std::size_t samples = 0, analysed = 0;
  t0 = Clock::now();
  for (const std::string& path : FindEvaluationRecordings({shared})) {
    auto reader = OpenRecording(path);
    if (!reader.ok()) continue;
    auto a = AnalyzeStream(**reader, {});
    if (!a.ok()) continue;
    samples += a->samples;
    ++analysed;
  }
  const double files_s = Seconds(t0, Clock::now());
  std::printf(
      "files: %zu recordings, %.2f M samples, parse + analyse %.3f s: %.2f M samples/s "
      "(%.0fx GaitPy's ~40 k samples/s)\n",
      analysed, static_cast<double>(samples) / 1e6, files_s,
      static_cast<double>(samples) / files_s / 1e6, static_cast<double>(samples) / files_s / 4e4);
  return 0;
}
