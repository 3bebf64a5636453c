// BVH motion capture files: skeleton hierarchy plus per-frame channel values.
//
// The parser keeps the file's own channel order for every joint (rotation
// order matters: "Zrotation Xrotation Yrotation" is R = Rz·Rx·Ry) and reports
// malformed input as "file:line:column: message".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace retrowalk::synth {

enum class BvhChannel { kXposition, kYposition, kZposition, kXrotation, kYrotation, kZrotation };

struct BvhJoint {
  std::string name;
  int parent = -1;               // index into BvhClip::joints, -1 for the root
  double offset[3] = {0, 0, 0};  // file units (Bandai: centimetres)
  std::vector<BvhChannel> channels;
  int first_channel = 0;  // column of channels[0] in a frame row
};

struct BvhClip {
  std::string source;            // file name, for messages and metadata
  std::vector<BvhJoint> joints;  // parents come before children
  double frame_time_s = 0;
  int channel_count = 0;
  int frame_count = 0;
  std::vector<double> values;  // frame_count × channel_count, row-major

  const double* frame(int i) const {
    return values.data() + static_cast<std::size_t>(i) * channel_count;
  }
  int FindJoint(std::string_view name) const;  // -1 when absent
};

// Parses BVH text; `source` names it in error messages.
Result<BvhClip> ParseBvh(std::string_view text, const std::string& source);
Result<BvhClip> ReadBvhFile(const std::string& path);

}  // namespace retrowalk::synth
