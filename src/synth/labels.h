// Direction labels per mocap frame, from the pelvis's horizontal velocity
// against the way the pelvis faces (the rule of the Bandai label files).
#pragma once

#include <string>
#include <vector>

#include "core/recording.h"
#include "synth/motion.h"
#include "synth/skeleton.h"

namespace retrowalk::synth {

struct FrameDirection {
  double speed_mps = 0;  // horizontal pelvis speed
  double along_cos = 0;  // cos(velocity, facing)
  std::string label;     // forward | backward | sideways | still
};

struct DirectionLabelRule {
  double still_below_mps = 0.15;
  double along_cos_min = 0.7;  // |cos| at least this for forward/backward
  int half_window_frames = 2;  // central difference over ±2 frames (±67 ms at 30 fps)
};

std::vector<FrameDirection> LabelFrames(const Motion& motion, const SkeletonMap& map,
                                        const DirectionLabelRule& rule = {});

// Runs of equal labels as intervals [first frame − dt/2, last frame + dt/2],
// clamped to [0, (n−1)·dt]. Runs shorter than `min_run_s` are absorbed by
// the run before them, so a single odd frame does not split a bout.
std::vector<Annotation> MergeLabels(const std::vector<FrameDirection>& frames, double frame_time_s,
                                    double min_run_s = 0.2);

// Reference steps: the instants a foot lands. A foot swings when the lower
// of ankle and toes rises above `lift_m` over its floor (its lowest height),
// or when it moves `travel_m` horizontally from where it last rested: a
// shuffling step (several Bandai backward styles) clears the floor by 2-4 cm
// only. A swing by height ends when the foot comes within `contact_m` of the
// floor; a low swing when it is also at rest again (under `still_mps`), since
// it never leaves contact height, and it is a step only if the foot's lowest
// point rose `clear_m` on the way: a stance foot sliding or pivoting on its
// toes or heel (motion capture's foot skating, turns) travels too. Works for heel-first forward and
// toe-first backward landings. Empty when the skeleton has no feet.
struct FootContactRule {
  double contact_m = 0.03;
  double lift_m = 0.06;
  double travel_m = 0.15;
  double still_mps = 0.5;
  double clear_m = 0.015;
};
std::vector<double> FootContacts(const Motion& motion, const SkeletonMap& map,
                                 const FootContactRule& rule = {});

}  // namespace retrowalk::synth
