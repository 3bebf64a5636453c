#include "bvh_fixture.h"

#include <sstream>

namespace retrowalk::synth::testing {

std::string MakeBvh(int frames, double frame_time_s, const std::function<RootState(double)>& root,
                    const std::string& order) {
  std::ostringstream s;
  s.precision(12);
  s << "HIERARCHY\nROOT Hips\n{\n  OFFSET 0 0 0\n  CHANNELS 6 Xposition Yposition Zposition";
  for (char axis : order) s << ' ' << axis << "rotation";
  s << "\n"
       "  JOINT Spine\n  {\n    OFFSET 0 10 0\n    CHANNELS 3 Zrotation Xrotation Yrotation\n"
       "    End Site\n    {\n      OFFSET 0 10 0\n    }\n  }\n";
  for (const char* side : {"L", "R"}) {
    const double x = side[0] == 'L' ? 10 : -10;
    s << "  JOINT UpperLeg_" << side << "\n  {\n    OFFSET " << x
      << " -5 0\n    CHANNELS 3 Zrotation Xrotation Yrotation\n"
      << "    JOINT LowerLeg_" << side
      << "\n    {\n      OFFSET 0 -40 0\n      CHANNELS 3 Zrotation Xrotation Yrotation\n"
         "      End Site\n      {\n        OFFSET 0 -40 0\n      }\n    }\n  }\n";
  }
  s << "}\nMOTION\nFrames: " << frames << "\nFrame Time: " << frame_time_s << "\n";
  for (int f = 0; f < frames; ++f) {
    const RootState r = root(f * frame_time_s);
    s << r.position_cm[0] << ' ' << r.position_cm[1] << ' ' << r.position_cm[2];
    for (char axis : order) s << ' ' << r.rotation_deg[static_cast<std::size_t>(axis - 'X')];
    for (int k = 0; k < 15; ++k) s << " 0";
    s << "\n";
  }
  return s.str();
}

}  // namespace retrowalk::synth::testing
