#include "synth/labels.h"

#include <algorithm>
#include <cmath>

namespace retrowalk::synth {

std::vector<FrameDirection> LabelFrames(const Motion& motion, const SkeletonMap& map,
                                        const DirectionLabelRule& rule) {
  const int n = motion.frame_count();
  std::vector<Eigen::Vector3d> pelvis(static_cast<std::size_t>(n));
  std::vector<Eigen::Vector3d> facing(static_cast<std::size_t>(n));
  for (int f = 0; f < n; ++f) {
    const std::vector<Pose> g = ForwardKinematics(motion, f);
    pelvis[static_cast<std::size_t>(f)] = g[static_cast<std::size_t>(map.pelvis)].translation;
    facing[static_cast<std::size_t>(f)] = PelvisFacing(g, map);
  }
  std::vector<FrameDirection> out(static_cast<std::size_t>(n));
  for (int f = 0; f < n; ++f) {
    const int a = std::max(0, f - rule.half_window_frames);
    const int b = std::min(n - 1, f + rule.half_window_frames);
    FrameDirection& d = out[static_cast<std::size_t>(f)];
    if (b <= a) {
      d.label = "still";
      continue;
    }
    Eigen::Vector3d v =
        (pelvis[static_cast<std::size_t>(b)] - pelvis[static_cast<std::size_t>(a)]) /
        ((b - a) * motion.frame_time_s);
    v.y() = 0;
    d.speed_mps = v.norm();
    d.along_cos =
        d.speed_mps > 1e-9 ? v.dot(facing[static_cast<std::size_t>(f)]) / d.speed_mps : 0.0;
    if (d.speed_mps < rule.still_below_mps) {
      d.label = "still";
    } else if (d.along_cos >= rule.along_cos_min) {
      d.label = "forward";
    } else if (d.along_cos <= -rule.along_cos_min) {
      d.label = "backward";
    } else {
      d.label = "sideways";
    }
  }
  return out;
}

std::vector<Annotation> MergeLabels(const std::vector<FrameDirection>& frames, double frame_time_s,
                                    double min_run_s) {
  struct Run {
    std::string label;
    int first, last;
  };
  std::vector<Run> runs;
  for (int f = 0; f < static_cast<int>(frames.size()); ++f) {
    const std::string& l = frames[static_cast<std::size_t>(f)].label;
    if (!runs.empty() && runs.back().label == l) {
      runs.back().last = f;
    } else {
      runs.push_back({l, f, f});
    }
  }
  // Absorb short runs into their predecessor (or successor for the first).
  std::vector<Run> merged;
  for (const Run& r : runs) {
    const double len_s = (r.last - r.first + 1) * frame_time_s;
    if (!merged.empty() && (len_s < min_run_s || merged.back().label == r.label)) {
      merged.back().last = r.last;
    } else {
      merged.push_back(r);
    }
  }
  if (merged.size() >= 2 && (merged[0].last - merged[0].first + 1) * frame_time_s < min_run_s) {
    merged[1].first = merged[0].first;
    merged.erase(merged.begin());
  }
  std::vector<Annotation> out;
  const double end_s =
      frames.empty() ? 0.0 : (static_cast<double>(frames.size()) - 1) * frame_time_s;
  for (const Run& r : merged) {
    Annotation a;
    a.start_s = std::max(0.0, (r.first - 0.5) * frame_time_s);
    a.end_s = std::min(end_s, (r.last + 0.5) * frame_time_s);
    a.label = r.label;
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<double> FootContacts(const Motion& motion, const SkeletonMap& map,
                                 const FootContactRule& rule) {
  std::vector<double> out;
  const int n = motion.frame_count();
  for (int side = 0; side < 2; ++side) {
    if (map.foot[side] < 0) continue;
    std::vector<double> height(static_cast<std::size_t>(n));
    std::vector<Eigen::Vector2d> where(static_cast<std::size_t>(n));  // horizontal (x, z)
    for (int f = 0; f < n; ++f) {
      const std::vector<Pose> g = ForwardKinematics(motion, f);
      const Eigen::Vector3d& ankle = g[static_cast<std::size_t>(map.foot[side])].translation;
      double h = ankle.y();
      if (map.toes[side] >= 0)
        h = std::min(h, g[static_cast<std::size_t>(map.toes[side])].translation.y());
      height[static_cast<std::size_t>(f)] = h;
      where[static_cast<std::size_t>(f)] = {ankle.x(), ankle.z()};
    }
    // The floor under this foot: a low percentile, robust to a stray frame.
    std::vector<double> sorted = height;
    std::sort(sorted.begin(), sorted.end());
    const double floor = sorted[sorted.size() / 20];
    enum class Swing { kNone, kLow, kLifted } swing = Swing::kNone;
    // Where the foot last came to rest. After a landing the foot may still
    // slide or roll a little: it rests once it is still.
    Eigen::Vector2d rest = Eigen::Vector2d::Zero();
    bool settled = false;
    double low_top = 0;  // the highest point of a low swing so far
    for (int f = 0; f < n; ++f) {
      const std::size_t k = static_cast<std::size_t>(f);
      const double h = height[k] - floor;
      const double speed = f > 0 ? (where[k] - where[k - 1]).norm() / motion.frame_time_s : 0.0;
      const bool still = speed < rule.still_mps;
      if (h > rule.lift_m) {
        swing = Swing::kLifted;
      } else if (swing == Swing::kNone) {
        if (!settled || still) {
          rest = where[k];  // settling, or standing (following any slow creep)
          settled = settled || still;
        } else if ((where[k] - rest).norm() > rule.travel_m) {
          swing = Swing::kLow;
          low_top = h;
        }
      }
      if (swing == Swing::kLow) low_top = std::max(low_top, h);
      const bool low_end = swing == Swing::kLow && still && h < rule.contact_m;
      if (low_end && low_top < rule.clear_m) {
        // The foot slid or pivoted on the floor (toes or heel down): no step.
        swing = Swing::kNone;
        settled = false;
        continue;
      }
      const bool landed = h < rule.contact_m && (swing == Swing::kLifted || low_end);
      if (landed) {
        out.push_back(f * motion.frame_time_s);
        swing = Swing::kNone;
        settled = false;
        rest = where[k];
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace retrowalk::synth
