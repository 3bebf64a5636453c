// InputCheck: is a sample stream something the engine can analyse?
//
// The engine needs at least min_rate_hz (steps last ~0.1 s at heel strike;
// below 20 Hz they are aliased and a count would be a guess) and at least
// min_duration_s of signal (four steps plus the gravity window). Fed chunk by
// chunk like the engine; the rate is the median of the first intervals, so
// jitter and bursts do not matter. A sensor's nominal rate is met within
// rate_tolerance: decimal timestamps (0.05, 0.1, ...) and a clock a little slow
// make a nominal 20 Hz read 19.99 Hz or 19.8 Hz, and that is a 20 Hz sensor.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/result.h"
#include "core/sample.h"
#include "core/status.h"

namespace retrowalk {

struct InputRequirements {
  double min_rate_hz = 20.0;
  double rate_tolerance = 0.02;  // fraction of min_rate_hz
  double min_duration_s = 4.0;
};

class InputCheck {
 public:
  explicit InputCheck(InputRequirements req = {}) : req_(req) {}
  // Returns an error as soon as the rate is known to be too low.
  Status Add(std::span<const Sample> samples);
  // After the last sample: the duration check.
  Status Finish();
  double median_rate_hz() const { return rate_hz_; }
  std::size_t samples() const { return count_; }
  double duration_s() const { return count_ ? last_s_ - first_s_ : 0.0; }

 private:
  Status CheckRate();
  InputRequirements req_;
  std::vector<double> intervals_;  // the first kRateIntervals
  double rate_hz_ = 0;
  bool rate_known_ = false;
  std::size_t count_ = 0;
  double first_s_ = 0, last_s_ = 0;
};

}  // namespace retrowalk
