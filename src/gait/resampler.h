// Resampler: turns an irregular sample stream into a uniform one.
//
// Phones deliver samples at jittery, drifting rates (Oxford: 100-400 Hz with
// bursts); every later stage assumes a fixed rate. Samples are linearly
// interpolated onto a grid of 1/rate_hz. A gap longer than max_gap_s is never
// bridged: the stream is cut there and a new segment starts, on a new grid,
// at the first sample after the gap.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/sample.h"

namespace retrowalk {

struct ResamplerOptions {
  double rate_hz = 100.0;
  double max_gap_s = 1.0;
};

// A hole in the input that the output does not bridge.
struct Gap {
  std::size_t output_index = 0;  // index (counted over all output) of the first sample after it
  double start_s = 0;            // last input time before the gap
  double end_s = 0;              // first input time after it
};

class Resampler {
 public:
  explicit Resampler(ResamplerOptions options = {});

  // Appends the uniform samples that became final to `out` and any gap found
  // to `gaps`. Samples with non-finite values or times not after the previous
  // one are skipped (and counted): the engine must survive bad input.
  void Push(std::span<const Sample> in, std::vector<Sample>& out, std::vector<Gap>& gaps);
  // The number of leading samples of `in` that are already on the grid (each
  // exactly at the next grid time, finite, no gap before it): Push would copy
  // them to its output unchanged. They count as pushed and emitted, and the
  // caller uses them in place; the first sample that needs interpolation (or
  // starts a segment, or is skipped) and all after it are left for Push.
  // Saves the copy on uniform input at the working rate.
  std::size_t PassThrough(std::span<const Sample> in);

  const ResamplerOptions& options() const { return options_; }
  std::size_t emitted() const { return emitted_; }
  std::size_t skipped() const { return skipped_; }

 private:
  void StartSegment(const Sample& s, std::vector<Sample>& out);
  // Whether every sample of `in` (an even number) passes PassThrough's tests,
  // the first after a sample at previous_t, at grid index grid_index. False
  // may also mean an overflowing sum of finite values: then the exact loop decides.
  bool AllOnGrid(std::span<const Sample> in, double previous_t, double grid_index) const;
  // Grid times are origin + k * period, computed from k so that error does
  // not accumulate over a week of samples.
  double GridTime(std::size_t index) const { return GridTime(static_cast<double>(index)); }
  // The same from an index already in a double (exact below 2^53): lets a
  // loop count in double instead of converting every index.
  double GridTime(double index) const { return segment_origin_s_ + index * period_s_; }

  ResamplerOptions options_;
  double period_s_;
  bool has_previous_ = false;
  Sample previous_;
  double segment_origin_s_ = 0;
  std::size_t segment_index_ = 0;  // grid index of the next output sample in this segment
  std::size_t emitted_ = 0;
  std::size_t skipped_ = 0;
};

}  // namespace retrowalk
