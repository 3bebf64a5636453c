// Joins several clips into one continuous motion, as if one person performed
// them in a row: each clip is turned about the vertical and moved so it
// starts where and the way the previous one ended, and a transition blends
// the poses while the pelvis follows a cubic Hermite path that matches the
// velocities at both ends — no teleport, no velocity jump, no spike in the
// synthesised acceleration.
#pragma once

#include <vector>

#include "core/result.h"
#include "synth/motion.h"
#include "synth/skeleton.h"

namespace retrowalk::synth {

// All clips need the same joints (names and parents) and frame time.
// `transition_s` is the blend inserted between consecutive clips.
Result<Motion> JoinMotions(const std::vector<Motion>& clips, const SkeletonMap& map,
                           double transition_s);

}  // namespace retrowalk::synth
