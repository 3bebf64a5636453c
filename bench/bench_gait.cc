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
//     AnalyzeStream) over every recording found, in samples/s, beside its
//     parts measured alone (parsing only; analysis of samples already in
//     memory) and a floor for the files (read their bytes, count the lines).
// Times are wall and CPU time of this thread (user + system: page faults and
// read() count); on a shared machine the CPU-time figures and the ratios to
// the floors measured in the same run are the stable ones. Each timed pass
// runs twice and the faster run counts.
// `bench_gait week` runs part 1 only (quick to repeat); no argument runs both.
// Figures only; nothing is asserted.
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "app/analysis.h"
#include "app/evaluation.h"
#include "gait/direction/classifier.h"
#include "gait/engine.h"
#include "gait/resampler.h"
#include "io/read.h"

namespace {

using namespace retrowalk;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Timing {
  double wall_s = 0;
  double cpu_s = 0;
};

// Runs `pass` `runs` times; the fastest run (by CPU time) counts.
Timing Best(int runs, const std::function<void()>& pass) {
  Timing best{1e300, 1e300};
  for (int r = 0; r < runs; ++r) {
    const auto t0 = Clock::now();
    const double c0 = ThreadCpuSeconds();
    pass();
    const Timing t{Seconds(t0, Clock::now()), ThreadCpuSeconds() - c0};
    if (t.cpu_s < best.cpu_s) best = t;
  }
  return best;
}

// The files' floor: read every byte and count '\n' (memchr), nothing else.
std::uint64_t CountLines(const std::string& path, std::vector<char>& buf) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return 0;
  std::uint64_t lines = 0;
  while (true) {
    const ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n <= 0) break;
    const char* p = buf.data();
    const char* end = p + n;
    while (const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p))) {
      ++lines;
      p = static_cast<const char*>(nl) + 1;
    }
  }
  ::close(fd);
  return lines;
}

// The files a recording is read from: the file, or the CSV files of a folder.
std::vector<std::string> FilesOf(const std::string& path) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) return {path};
  for (const auto& e : std::filesystem::directory_iterator(path, ec)) {
    if (e.path().extension() == ".csv") out.push_back(e.path().string());
  }
  return out;
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
        uniform.shrink_to_fit();  // the pool is what the RSS figure measures: no spare capacity
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

int main(int argc, char** argv) {
  const bool week_only = argc > 1 && std::strcmp(argv[1], "week") == 0;
  if (argc > 1 && !week_only) {
    std::fprintf(stderr, "usage: bench_gait [week]\n");
    return 2;
  }
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
  const Timing floor = Best(2, [&] {
    WeekStream week(pool);
    for (std::uint64_t done = 0; done < kWeek; done += kChunk) {
      week.Next(chunk, static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, kWeek - done)));
      float acc = 0;
      for (const Sample& s : chunk)
        acc += s.acc_mps2.x + s.acc_mps2.y + s.acc_mps2.z + s.gyro_radps.x;
      sink += acc;
    }
  });

  // Engine, with its default options and with the step signal ahead of the
  // frames (--step-lookahead 0, its own filter instead of the frames' values);
  // then with live direction (what `analyze` runs), without and with the
  // OnsetWatcher (EngineOptions::onset_lookahead_s).
  const auto run_week = [&](const EngineOptions& options, std::uint64_t& steps,
                            std::uint64_t& bouts, bool direction = false) {
    return Best(2, [&] {
      steps = bouts = 0;
      WeekStream week(pool);
      GaitEngine engine(options, direction
                                     ? std::make_unique<direction::StandaloneDirectionClassifier>()
                                     : nullptr);
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
    });
  };
  std::uint64_t steps = 0, bouts = 0, soon_steps = 0, soon_bouts = 0;
  const Timing engine_t = run_week({}, steps, bouts);
  EngineOptions soon;
  soon.step_signal_lookahead_s = 0;
  const Timing soon_t = run_week(soon, soon_steps, soon_bouts);
  std::uint64_t live_steps = 0, live_bouts = 0;
  EngineOptions no_watcher;
  no_watcher.onset_lookahead_s = no_watcher.step_signal_lookahead_s;
  const Timing live_t = run_week(no_watcher, live_steps, live_bouts, true);
  const Timing watched_t = run_week({}, live_steps, live_bouts, true);
  const double n = static_cast<double>(kWeek);
  std::printf("week: %.2f M samples (7 days at 100 Hz), %llu bouts, %llu steps\n", n / 1e6,
              static_cast<unsigned long long>(bouts), static_cast<unsigned long long>(steps));
  auto rate = [](double samples, const Timing& t) {
    return std::make_pair(samples / t.wall_s / 1e6, samples / t.cpu_s / 1e6);
  };
  const auto [floor_wall, floor_cpu] = rate(n, floor);
  const auto [engine_wall, engine_cpu] = rate(n, engine_t);
  std::printf(
      "  floor  (generate + read every sample): %6.3f s wall %7.1f M samples/s, CPU %6.3f s "
      "%7.1f M/s  (sink %g)\n",
      floor.wall_s, floor_wall, floor.cpu_s, floor_cpu, sink);
  std::printf(
      "  engine (generate + GaitEngine::Push):  %6.3f s wall %7.1f M samples/s, CPU %6.3f s "
      "%7.1f M/s\n",
      engine_t.wall_s, engine_wall, engine_t.cpu_s, engine_cpu);
  std::printf("  engine throughput / floor throughput: %.3f (CPU time), %.3f (wall)\n",
              floor.cpu_s / engine_t.cpu_s, floor.wall_s / engine_t.wall_s);
  const auto [soon_wall, soon_cpu] = rate(n, soon_t);
  std::printf(
      "  engine --step-lookahead 0:              %6.3f s wall %7.1f M samples/s, CPU %6.3f s "
      "%7.1f M/s (%.3f of the default's throughput; %llu bouts, %llu steps)\n",
      soon_t.wall_s, soon_wall, soon_t.cpu_s, soon_cpu, engine_t.cpu_s / soon_t.cpu_s,
      static_cast<unsigned long long>(soon_bouts), static_cast<unsigned long long>(soon_steps));
  const auto [live_wall, live_cpu] = rate(n, live_t);
  const auto [watched_wall, watched_cpu] = rate(n, watched_t);
  std::printf(
      "  engine + live direction, no watcher:    %6.3f s wall %7.1f M samples/s, CPU %6.3f s "
      "%7.1f M/s\n"
      "  engine + live direction (default):      %6.3f s wall %7.1f M samples/s, CPU %6.3f s "
      "%7.1f M/s (the OnsetWatcher: %.3f of the throughput without it)\n",
      live_t.wall_s, live_wall, live_t.cpu_s, live_cpu, watched_t.wall_s, watched_wall,
      watched_t.cpu_s, watched_cpu, live_t.cpu_s / watched_t.cpu_s);
  std::printf("  peak RSS: %.1f MB (%.1f MB before the week runs: the recordings pool)\n",
              PeakRssMb(), rss_before);

  if (week_only) return 0;

  // Whole-file analysis including parsing.
  std::error_code ec;
  if (!std::filesystem::is_directory(shared, ec)) {
    std::printf("files: skipped, %s is absent\n", shared.c_str());
    return 0;
  }
  const std::vector<std::string> paths = FindEvaluationRecordings({shared});
  std::vector<std::string> file_list;
  for (const std::string& p : paths) {
    for (std::string& f : FilesOf(p)) file_list.push_back(std::move(f));
  }
  // Floor: the bytes of every file read and their lines counted.
  std::uint64_t lines = 0;
  std::vector<char> buf(std::size_t{1} << 20);
  const Timing files_floor = Best(2, [&] {
    lines = 0;
    for (const std::string& f : file_list) lines += CountLines(f, buf);
  });
  // Parsing only: every sample read and dropped chunk by chunk.
  std::size_t parsed = 0;
  const Timing parse = Best(2, [&] {
    parsed = 0;
    std::vector<Sample> chunk_in;
    for (const std::string& path : paths) {
      auto reader = OpenRecording(path);
      if (!reader.ok()) continue;
      while (true) {
        chunk_in.clear();
        auto got = (*reader)->Next(chunk_in, AnalysisOptions{}.chunk_samples);
        if (!got.ok() || *got == 0) break;
        parsed += *got;
      }
    }
  });
  // Analysis only: the recordings already in memory (loaded untimed, one at a time).
  std::size_t in_memory = 0;
  Timing analyse{0, 0};
  for (const std::string& path : paths) {
    auto r = ReadRecording(path);
    if (!r.ok()) continue;
    const Timing t = Best(2, [&] { (void)AnalyzeRecording(*r, {}); });
    analyse.wall_s += t.wall_s;
    analyse.cpu_s += t.cpu_s;
    in_memory += r->samples.size();
  }
  // The whole path.
  std::size_t samples = 0, analysed = 0;
  const Timing whole = Best(2, [&] {
    samples = analysed = 0;
    for (const std::string& path : paths) {
      auto reader = OpenRecording(path);
      if (!reader.ok()) continue;
      auto a = AnalyzeStream(**reader, {});
      if (!a.ok()) continue;
      samples += a->samples;
      ++analysed;
    }
  });
  // The same as `retrowalk analyze` runs it: with standalone direction (the
  // live answers included).
  AnalysisOptions with_direction;
  with_direction.direction = [] {
    return std::make_unique<direction::StandaloneDirectionClassifier>();
  };
  const Timing whole_direction = Best(2, [&] {
    for (const std::string& path : paths) {
      auto reader = OpenRecording(path);
      if (!reader.ok()) continue;
      (void)AnalyzeStream(**reader, with_direction);
    }
  });
  const double m = static_cast<double>(samples);
  const auto [whole_wall, whole_cpu] = rate(m, whole);
  const auto [direction_wall, direction_cpu] = rate(m, whole_direction);
  std::printf("files: %zu recordings (%zu files, %llu lines), %.2f M samples\n", analysed,
              file_list.size(), static_cast<unsigned long long>(lines), m / 1e6);
  std::printf("  floor (read bytes, count lines): %6.3f s wall, CPU %6.3f s\n", files_floor.wall_s,
              files_floor.cpu_s);
  std::printf(
      "  parse only:                      %6.3f s wall, CPU %6.3f s  %6.2f M samples/s (CPU)\n",
      parse.wall_s, parse.cpu_s, static_cast<double>(parsed) / parse.cpu_s / 1e6);
  std::printf(
      "  analyse only (in memory):        %6.3f s wall, CPU %6.3f s  %6.2f M samples/s (CPU)\n",
      analyse.wall_s, analyse.cpu_s, static_cast<double>(in_memory) / analyse.cpu_s / 1e6);
  std::printf(
      "  parse + analyse:                 %6.3f s wall, CPU %6.3f s  %6.2f M samples/s wall "
      "(%.0fx GaitPy's ~40 k samples/s), %.2f M/s CPU (%.0fx)\n",
      whole.wall_s, whole.cpu_s, whole_wall, whole_wall / 0.04, whole_cpu, whole_cpu / 0.04);
  std::printf("  parse + analyse / files floor: %.3f (CPU time), %.3f (wall)\n",
              files_floor.cpu_s / whole.cpu_s, files_floor.wall_s / whole.wall_s);
  std::printf(
      "  parse + analyse + direction (as `retrowalk analyze`): %6.3f s wall, CPU %6.3f s  %6.2f M "
      "samples/s wall (%.0fx GaitPy), %.2f M/s CPU (%.0fx); %.3f of parse + analyse (CPU)\n",
      whole_direction.wall_s, whole_direction.cpu_s, direction_wall, direction_wall / 0.04,
      direction_cpu, direction_cpu / 0.04, whole.cpu_s / whole_direction.cpu_s);
  return 0;
}
