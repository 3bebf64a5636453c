// bench_io: how fast the streaming retrowalk CSV reader parses, compared with
// the fastest thing one can do with the same bytes (count the lines), in the
// same run on the same file; and its peak memory, to show it is bounded.
//
//   bench_io [SIZE_MB]      (default 1024: a >= 1 GB file in /tmp, deleted after)
//   bench_io --file PATH    (an existing retrowalk CSV, kept)
//
// Both passes read the file through the page cache (it was just written, and
// the line count runs first and last), so the figures compare CPU cost, not
// disk speed. Prints figures; asserts nothing about time.
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "io/read.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// CPU time of this thread: on a shared machine wall time measures the
// neighbours too; CPU time is what "MB/s per core" means.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

long PeakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// A realistic phone recording: 100 Hz, acceleration with gravity and gyro,
// values with 4-6 significant decimals as apps write them.
std::uint64_t WriteFile(const std::string& path, std::uint64_t target_bytes, std::uint64_t& rows) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) {
    std::perror(path.c_str());
    std::exit(1);
  }
  std::string buf;
  buf.reserve(std::size_t{1} << 22);
  buf += "# source: bench\n# placement: front-pocket\n";
  buf += "time_s,acc_x_mps2,acc_y_mps2,acc_z_mps2,gyro_x_radps,gyro_y_radps,gyro_z_radps\n";
  std::uint64_t written = 0;
  std::uint32_t lcg = 12345;
  auto next = [&lcg] {
    lcg = lcg * 1664525u + 1013904223u;
    return static_cast<int>(lcg >> 8) % 20000 - 10000;  // -10000..9999
  };
  rows = 0;
  char tmp[32];
  while (written + buf.size() < target_bytes) {
    auto end = std::to_chars(tmp, tmp + sizeof tmp, static_cast<double>(rows) * 0.01,
                             std::chars_format::fixed, 3)
                   .ptr;
    buf.append(tmp, end);
    const double centre[6] = {0.3, 9.6, 1.0, 0.0, 0.0, 0.0};
    const double scale[6] = {4e-4, 4e-4, 4e-4, 1e-4, 1e-4, 1e-4};
    for (int k = 0; k < 6; ++k) {
      buf += ',';
      double v = centre[k] + scale[k] * next();
      end = std::to_chars(tmp, tmp + sizeof tmp, v, std::chars_format::fixed, k < 3 ? 4 : 6).ptr;
      buf.append(tmp, end);
    }
    buf += '\n';
    ++rows;
    if (buf.size() > (std::size_t{1} << 22) - 128) {
      written += std::fwrite(buf.data(), 1, buf.size(), f);
      buf.clear();
    }
  }
  written += std::fwrite(buf.data(), 1, buf.size(), f);
  std::fclose(f);
  return written;
}

// The baseline: read the bytes and count '\n' (memchr), nothing else.
std::uint64_t CountLines(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY);
  std::vector<char> buf(std::size_t{4} << 20);
  std::uint64_t lines = 0;
  while (true) {
    ssize_t n = ::read(fd, buf.data(), buf.size());
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

}  // namespace

int main(int argc, char** argv) {
  const bool existing = argc > 2 && std::string(argv[1]) == "--file";
  const std::uint64_t size_mb = argc > 1 && !existing ? std::strtoull(argv[1], nullptr, 10) : 1024;
  const std::string path = existing ? std::string(argv[2])
                                    : (std::filesystem::temp_directory_path() /
                                       ("retrowalk_bench_io_" + std::to_string(getpid()) + ".csv"))
                                          .string();
  std::uint64_t rows = 0;
  auto t0 = Clock::now();
  const std::uint64_t bytes =
      existing ? std::filesystem::file_size(path) : WriteFile(path, size_mb << 20, rows);
  auto t1 = Clock::now();
  const double mb = static_cast<double>(bytes) / 1e6;
  std::printf("file: %s, %.1f MB, %llu rows (generated in %.1f s)\n", path.c_str(), mb,
              static_cast<unsigned long long>(rows), Seconds(t0, t1));
  const long rss_before_kb = PeakRssKb();

  // Line count first and last; the better of the two is the baseline.
  auto c0 = Clock::now();
  double cpu0 = ThreadCpuSeconds();
  std::uint64_t lines = CountLines(path);
  double count_cpu_s = ThreadCpuSeconds() - cpu0;
  auto c1 = Clock::now();
  double count_s = Seconds(c0, c1);

  auto p0 = Clock::now();
  const double parse_cpu0 = ThreadCpuSeconds();
  auto reader = retrowalk::OpenRecording(path);
  if (!reader.ok()) {
    std::fprintf(stderr, "%s\n", reader.status().message().c_str());
    if (!existing) std::filesystem::remove(path);
    return 1;
  }
  std::vector<retrowalk::Sample> chunk;
  chunk.reserve(1 << 16);
  std::uint64_t samples = 0;
  double checksum = 0;
  while (true) {
    chunk.clear();
    auto n = (*reader)->Next(chunk, 1 << 16);
    if (!n.ok()) {
      std::fprintf(stderr, "%s\n", n.status().message().c_str());
      if (!existing) std::filesystem::remove(path);
      return 1;
    }
    if (*n == 0) break;
    samples += *n;
    checksum += static_cast<double>(chunk.back().acc_mps2.y);
  }
  const double parse_cpu_s = ThreadCpuSeconds() - parse_cpu0;
  auto p1 = Clock::now();
  const double parse_s = Seconds(p0, p1);

  auto c2 = Clock::now();
  cpu0 = ThreadCpuSeconds();
  lines = CountLines(path);
  count_cpu_s = std::min(count_cpu_s, ThreadCpuSeconds() - cpu0);
  auto c3 = Clock::now();
  count_s = std::min(count_s, Seconds(c2, c3));
  if (!existing) std::filesystem::remove(path);

  std::printf("line count:  %7.0f MB/s wall, %7.0f MB/s per CPU-second  (%llu lines)\n",
              mb / count_s, mb / count_cpu_s, static_cast<unsigned long long>(lines));
  std::printf(
      "parse:       %7.0f MB/s wall, %7.0f MB/s per CPU-second, %.1f M samples/s per "
      "CPU-second  (%llu samples, %.2f s wall, checksum %.3g)\n",
      mb / parse_s, mb / parse_cpu_s, static_cast<double>(samples) / parse_cpu_s / 1e6,
      static_cast<unsigned long long>(samples), parse_s, checksum);
  std::printf(
      "parse / line count (CPU time): parsing runs at %.2f of the line-count speed "
      "(%.1fx slower); wall: %.2f\n",
      count_cpu_s / parse_cpu_s, parse_cpu_s / count_cpu_s, count_s / parse_s);
  std::printf("peak RSS: %.1f MB (%.1f MB before reading; file %.0f MB)\n",
              static_cast<double>(PeakRssKb()) / 1024.0,
              static_cast<double>(rss_before_kb) / 1024.0, mb);
  return existing || samples == rows ? 0 : 1;
}
