// Data for training and evaluating walking-direction detection: recordings
// prepared as uniform 100 Hz samples with direction truth, steps and bouts,
// cut into the same 3-s windows the classifier uses.
//
// Sources: virtual IMU from the Bandai mocap (forward and backward, by
// style), real forward walking from ../shared/data (IPOL, Mobilise-D,
// Oxford, by subject), time-reversed real walking, and any retrowalk CSV
// with a labels sidecar (e.g. made by `retrowalk synth`).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/recording.h"
#include "core/result.h"
#include "gait/direction/classifier.h"
#include "synth/placement.h"

namespace retrowalk::synth {

struct DirectionRecording {
  std::string id;           // file name or clip list
  std::string source;       // bandai-mocap | ipol-gait | mobilise-d | oxford-step | ...
  std::string placement;    // the readers' names: lower-back | front-pocket | hand | ...
  std::string group;        // style (mocap) or subject (real): the unit held out
  std::string session_key;  // mocap: style|placement|mounting — clips that share a mounting
  bool has_gyro = false;
  std::vector<Sample> samples;    // uniform at 100 Hz (gaps possible between segments)
  std::vector<Annotation> truth;  // forward / backward intervals (others ignored)
  std::vector<double> steps_s;    // reference steps
  std::vector<Annotation> bouts;  // label forward/backward: the spans scored per bout
};

// Uniform 100 Hz samples (linear interpolation, gaps > 1 s not bridged).
std::vector<Sample> UniformSamples(const std::vector<Sample>& samples, double rate_hz = 100);

// Truth label of [a, b]: the forward/backward label covering ≥ `coverage` of it, else "".
std::string TruthOf(const std::vector<Annotation>& truth, double a, double b,
                    double coverage = 0.8);

// From a Recording whose annotations carry direction labels (forward,
// backward, ...) and steps; bouts are runs of one direction of at least
// `min_bout_s`, merged across pauses shorter than `max_pause_s`.
DirectionRecording FromLabelledRecording(const Recording& rec, std::string id, std::string source,
                                         std::string group);

// Real forward walking: forward truth over every reference walking bout
// (or, without bouts, over runs of steps no more than 3 s apart).
DirectionRecording FromForwardRecording(const Recording& rec, std::string id, std::string source,
                                        std::string group);

// The time reversal (a(T−t), −ω(T−t)) of a recording: truth becomes backward,
// steps and bouts are mirrored.
DirectionRecording Reversed(const DirectionRecording& rec);

// The Bandai mocap clips of `dir` (…/bandai-namco-1): name and style.
struct MocapClip {
  std::string path;
  std::string action;  // walk | walk-back | walk-left | walk-right
  std::string style;
};
std::vector<MocapClip> ListMocapClips(const std::string& dir);

// Synthesises clips (joined, one mounting) and prepares them.
Result<DirectionRecording> SynthesiseRecording(const std::vector<std::string>& clip_paths,
                                               Placement placement, std::uint64_t seed,
                                               const std::string& group);

// A real forward recording of ../shared/data; its placement is the reader's.
struct RealRecordingSpec {
  std::string path;
  std::string source;
  std::string group;
};
// The real forward recordings under `data_dir` (../shared/data), by path.
std::vector<RealRecordingSpec> ListRealRecordings(const std::string& data_dir);
Result<DirectionRecording> LoadRealRecording(const RealRecordingSpec& spec);

// A window of a prepared recording with its features and truth.
struct DirectionWindow {
  direction::SpanFeatures features;
  std::string truth;  // forward | backward
  double start_s = 0, end_s = 0;
};
std::vector<DirectionWindow> Windows(const DirectionRecording& rec,
                                     const direction::WindowingOptions& options = {});

}  // namespace retrowalk::synth
