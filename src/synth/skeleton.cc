#include "synth/skeleton.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string>

namespace retrowalk::synth {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

int Find(const Motion& motion, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    for (std::size_t j = 0; j < motion.names.size(); ++j) {
      std::string n = Lower(motion.names[j]);
      const auto colon = n.rfind(':');  // "mixamorig:Hips"
      if (colon != std::string::npos) n = n.substr(colon + 1);
      if (n == name) return static_cast<int>(j);
    }
  }
  return -1;
}

}  // namespace

Result<SkeletonMap> FindSkeleton(const Motion& motion) {
  SkeletonMap map;
  map.pelvis = Find(motion, {"hips", "hip", "pelvis"});
  map.upper_leg[kLeft] =
      Find(motion, {"upperleg_l", "leftupleg", "lhipjoint", "leftupperleg", "lfemur"});
  map.upper_leg[kRight] =
      Find(motion, {"upperleg_r", "rightupleg", "rhipjoint", "rightupperleg", "rfemur"});
  map.lower_leg[kLeft] = Find(motion, {"lowerleg_l", "leftleg", "leftlowerleg", "ltibia"});
  map.lower_leg[kRight] = Find(motion, {"lowerleg_r", "rightleg", "rightlowerleg", "rtibia"});
  map.foot[kLeft] = Find(motion, {"foot_l", "leftfoot", "lfoot"});
  map.foot[kRight] = Find(motion, {"foot_r", "rightfoot", "rfoot"});
  map.toes[kLeft] = Find(motion, {"toes_l", "lefttoebase", "lefttoe", "ltoes"});
  map.toes[kRight] = Find(motion, {"toes_r", "righttoebase", "righttoe", "rtoes"});
  for (std::size_t j = 0; j < motion.parents.size() && map.pelvis >= 0; ++j) {
    if (motion.parents[j] == map.pelvis && j != static_cast<std::size_t>(map.upper_leg[0]) &&
        j != static_cast<std::size_t>(map.upper_leg[1])) {
      const std::string n = Lower(motion.names[j]);
      if (n.find("spine") != std::string::npos || n.find("back") != std::string::npos ||
          n.find("abdomen") != std::string::npos) {
        map.spine = static_cast<int>(j);
        break;
      }
    }
  }
  if (map.pelvis < 0 || map.spine < 0 || map.upper_leg[0] < 0 || map.upper_leg[1] < 0 ||
      map.lower_leg[0] < 0 || map.lower_leg[1] < 0) {
    return Status::Unsupported(
        "skeleton lacks a joint the synthesiser needs (Hips, Spine, UpperLeg_L/R, LowerLeg_L/R or "
        "the CMU/Mixamo names)");
  }
  return map;
}

Eigen::Matrix3d PelvisAxes(const std::vector<Pose>& global, const SkeletonMap& map) {
  const Eigen::Vector3d hips = global[static_cast<std::size_t>(map.pelvis)].translation;
  const Eigen::Vector3d up =
      (global[static_cast<std::size_t>(map.spine)].translation - hips).normalized();
  const Eigen::Vector3d left = global[static_cast<std::size_t>(map.upper_leg[kLeft])].translation -
                               global[static_cast<std::size_t>(map.upper_leg[kRight])].translation;
  const Eigen::Vector3d forward = left.cross(up).normalized();
  Eigen::Matrix3d axes;
  axes.col(0) = forward;
  axes.col(1) = up.cross(forward);
  axes.col(2) = up;
  return axes;
}

Eigen::Vector3d PelvisFacing(const std::vector<Pose>& global, const SkeletonMap& map) {
  Eigen::Vector3d f = PelvisAxes(global, map).col(0);
  f.y() = 0;
  const double n = f.norm();
  return n > 1e-9 ? Eigen::Vector3d(f / n) : Eigen::Vector3d(0, 0, 1);
}

}  // namespace retrowalk::synth
