#include "synth/synthesizer.h"

#include <filesystem>
#include <random>

#include "synth/join.h"
#include "synth/labels.h"
#include "synth/motion.h"
#include "synth/skeleton.h"

namespace retrowalk::synth {

Result<Recording> Synthesize(const std::vector<BvhClip>& clips, const SynthOptions& options) {
  if (clips.empty()) return Status::InvalidInput("synth needs at least one BVH clip");
  std::vector<Motion> motions;
  std::string sources;
  for (const BvhClip& clip : clips) {
    if (clip.frame_count < 4) {
      return Status::InvalidInput(clip.source + ": needs at least 4 frames to differentiate");
    }
    motions.push_back(MotionFromBvh(clip, options.metres_per_unit));
    if (!sources.empty()) sources += ' ';
    sources += std::filesystem::path(clip.source).filename().string();
  }
  Result<SkeletonMap> map = FindSkeleton(motions[0]);
  if (!map.ok()) return Status::Unsupported(clips[0].source + ": " + map.status().message());
  Result<Motion> joined = JoinMotions(motions, *map, options.transition_s);
  if (!joined.ok()) return joined.status();

  std::mt19937_64 rng(options.seed);
  const Mounting mounting = DrawMounting(options.placement, *joined, *map, rng);
  Recording rec;
  rec.format = "retrowalk-synth";
  rec.samples = SimulateImu(*joined, mounting.attachment, options.rate_hz);
  if (options.device_errors) ApplyImuErrors(rec.samples, options.errors, rng);
  rec.has_gyro = true;
  rec.metadata.Set("generator", "retrowalk synth (virtual IMU from motion capture)");
  rec.metadata.Set("placement", PlacementName(options.placement));
  rec.metadata.Set("seed", std::to_string(options.seed));
  rec.metadata.Set("source", sources);
  rec.metadata.Set("mounting", mounting.description);
  rec.annotations = MergeLabels(LabelFrames(*joined, *map), joined->frame_time_s);
  for (double t : FootContacts(*joined, *map)) rec.annotations.push_back({t, t, kStepAnnotation});
  return rec;
}

}  // namespace retrowalk::synth
