// The seam where walking direction (forward / backward) plugs into the engine.
//
// The engine calls Segment once per finished bout, before the bout is
// reported (and a LiveDirection tracker while it is open), with the bout's uniform frames
// (sensor-frame acceleration and angular rate, the engine's gravity estimate, vertical
// acceleration) and its step times. Implementations live in src/gait/direction/; the default
// answers "unknown" with confidence 0, which is what every bout reports until then.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "gait/events.h"
#include "gait/frame.h"

namespace retrowalk {

class LiveDirection;

struct BoutSignal {
  double rate_hz = 100;
  bool has_gyro = false;
  // Frames from shortly before the first step to shortly after the last,
  // uniform at rate_hz. For bouts longer than EngineOptions::bout_signal_s
  // only the last bout_signal_s are given (memory stays bounded).
  std::span<const Frame> frames;
  std::span<const double> step_times_s;  // all steps of the bout
  // When `frames` is cut (a long bout), the bout's first frames from before
  // `frames` (up to EngineOptions-independent 20 s): a session's warm-up is
  // at the start of its first bout. Empty otherwise.
  std::span<const Frame> opening;
  // The bout's live tracker, from this classifier's StartLive (null: none).
  // A classifier may reuse what its tracker computed on the same frames.
  const LiveDirection* live = nullptr;
};

struct DirectionEstimate {
  Direction direction = Direction::kUnknown;
  float confidence = 0;  // 0..1
};

// A stretch of a bout with one direction (for splitting a bout where the
// direction changes). Times in the frames' clock.
struct BoutDirectionSegment {
  double start_s = 0, end_s = 0;
  Direction direction = Direction::kUnknown;
  float confidence = 0;  // 0..1
  // Judged after the device was moved since the session's forward template
  // was learned (its orientation changed), so less sure: not silently
  // mislabelled, and the user can be told to walk forward first.
  bool device_moved = false;
};

// Live direction while a bout is still open ("decided within 3 s of
// walking"). The engine makes one tracker per bout (StartLive) and feeds it
// the bout's windows in time order: window_s of frames starting half a second
// before the first step, then every hop_s (the grid Segment uses at the end of
// the bout), each as soon as its frames are in and the bout has a step within
// half a second of its end. The answers are provisional: the bout's final
// directions are Segment's when the bout ends. A tracker must not change its
// classifier's state (it may hold a copy of it, e.g. a session template).
struct LiveAnswer {
  Direction direction = Direction::kUnknown;
  float confidence = 0;  // 0..1
  // The answer holds since this many windows before this one (a change that
  // later windows confirmed started earlier); the engine dates it from there.
  int since_windows = 0;
  bool device_moved = false;  // as BoutDirectionSegment::device_moved
};

class LiveDirection {
 public:
  virtual ~LiveDirection() = default;
  virtual double window_s() const { return 3.0; }
  virtual double hop_s() const { return 1.5; }
  virtual LiveAnswer OnWindow(std::span<const Frame> window) = 0;
  // A first answer before the first window is complete: the engine asks once
  // per bout, as soon as early_s() of the bout's frames (from the first
  // window's start) are in, and reports it like a window's answer. It must
  // not change the tracker: the first window is judged as it would have been
  // without it. early_s() 0 (the default): no early answer.
  virtual double early_s() const { return 0; }
  virtual std::optional<LiveAnswer> Early(std::span<const Frame> /*frames*/) const {
    return std::nullopt;
  }
};

class DirectionClassifier {
 public:
  virtual ~DirectionClassifier() = default;
  virtual DirectionEstimate Classify(const BoutSignal& bout) = 0;
  // The bout as consecutive segments of one direction, in time order,
  // covering the frames. The engine calls this (not Classify) once per
  // finished bout and splits the bout where the direction changes. Default:
  // one segment with Classify's answer.
  virtual std::vector<BoutDirectionSegment> Segment(const BoutSignal& bout) {
    const DirectionEstimate d = Classify(bout);
    BoutDirectionSegment s;
    if (!bout.frames.empty()) {
      s.start_s = bout.frames.front().t_s;
      s.end_s = bout.frames.back().t_s;
    }
    s.direction = d.direction;
    s.confidence = d.confidence;
    return {s};
  }
  // A live tracker for a bout that has just started; null (the default): no
  // live decisions.
  virtual std::unique_ptr<LiveDirection> StartLive(double /*rate_hz*/, bool /*has_gyro*/) const {
    return nullptr;
  }
};

// The default: never guesses.
class UnknownDirectionClassifier final : public DirectionClassifier {
 public:
  DirectionEstimate Classify(const BoutSignal&) override { return {}; }
};

}  // namespace retrowalk
