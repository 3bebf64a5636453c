// Motion capture clips → one virtual IMU recording with direction labels.
#pragma once

#include <cstdint>
#include <vector>

#include "core/recording.h"
#include "core/result.h"
#include "synth/bvh.h"
#include "synth/imu.h"
#include "synth/placement.h"

namespace retrowalk::synth {

struct SynthOptions {
  Placement placement = Placement::kLowerBack;
  std::uint64_t seed = 1;
  double rate_hz = 100;
  double metres_per_unit = 0.01;  // BVH centimetres
  double transition_s = 1.0;      // blend between joined clips
  bool device_errors = true;      // noise, bias, scale error
  ImuErrorModel errors;
};

// Joins the clips (in order, one mounting for all), simulates the sensor and
// labels every interval forward/backward/sideways/still. Metadata: generator,
// placement, seed, source (clip names), mounting. Annotations: the direction
// intervals, then one "step" instant per foot landing (when the skeleton has feet).
Result<Recording> Synthesize(const std::vector<BvhClip>& clips, const SynthOptions& options);

}  // namespace retrowalk::synth
