// Merging sensor streams that tick on their own clocks. The accelerometer
// drives: every other stream is linearly interpolated onto its timestamps
// (held at its first/last value outside its own time span), because
// acceleration is what every later stage needs at full rate and inventing
// acceleration samples would be worse than re-timing the gyro.
#pragma once

#include <cstddef>
#include <vector>

#include "core/sample.h"

namespace retrowalk::io {

// Interpolates one Vec3 channel of `stream` at non-decreasing times.
class StreamInterpolator {
 public:
  StreamInterpolator(const std::vector<Sample>& stream, Vec3 Sample::*channel)
      : stream_(stream), channel_(channel) {}
  // `t` must not decrease between calls (a moving cursor keeps it O(n)).
  Vec3 At(double t);

 private:
  const std::vector<Sample>& stream_;
  Vec3 Sample::*channel_;
  std::size_t cursor_ = 0;  // stream_[cursor_].t_s <= t < stream_[cursor_ + 1].t_s
};

// Sets acc[i].gyro_radps from `gyro` (its gyro_radps channel) at acc[i].t_s.
void MergeGyro(std::vector<Sample>& acc, const std::vector<Sample>& gyro);
// Adds `gravity` (its acc_mps2 channel) to acc[i].acc_mps2 at acc[i].t_s.
void AddGravity(std::vector<Sample>& acc, const std::vector<Sample>& gravity);

}  // namespace retrowalk::io
