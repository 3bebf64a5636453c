// Orientation-invariant, time-reversal-odd features of walking direction.
//
// Backward walking is close to forward walking played backward in time. A
// time reversal maps acceleration a(t) → a(T−t) and angular rate
// ω(t) → −ω(T−t). Every feature here is built to change sign exactly under
// that map (tested), so "forward" and "backward" sit on opposite sides of the
// origin, and a session's forward warm-up is a template whose negation is
// what backward walking looks like.
//
// Frame: up u from the gravity estimate; p the main axis of horizontal
// acceleration (fore-aft in lower-back and pocket data); l = u × p. p's sign
// is unknowable, so only products that flip twice with it are used
// (ω_l·a_p, ω_p·a_l, |h|²): a device turned 180° about the vertical gives the
// same features. A second frame comes from the gyroscope: L the main axis of
// the horizontal angular rate (walking pitches the body and swings the thigh
// about the mediolateral axis), P = L × u, so that u × P = L as u × p = l; it
// holds where the acceleration's main axis is not fore-aft (front pocket:
// the thigh's swing dominates the horizontal acceleration).
//
// Signals are low-passed forward and backward (zero phase: a causal filter
// would add time asymmetry of its own) before the statistics.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/sample.h"
#include "gait/frame.h"

namespace retrowalk::direction {

// Lags in samples at 100 Hz (10 ms each).
inline constexpr std::array<int, 7> kGyroAccLags = {0, 5, 10, 15, 20, 25, 30};
inline constexpr std::array<int, 4> kRollLags = {0, 10, 20, 30};
inline constexpr std::array<int, 4> kGyroFrameLags = {0, 10, 20, 30};
inline constexpr std::array<int, 4> kEnergyLags = {5, 10, 15, 20};
inline constexpr std::array<int, 3> kVerticalLags = {5, 10, 15};
// Session only: lags of the signed vertical→fore-aft order (see WindowFeatures).
inline constexpr std::array<int, 4> kSignedLags = {5, 10, 15, 20};
using SignedFeatures = std::array<double, kSignedLags.size()>;

// Layout of the feature vector: groups of one kind of statistic at several
// lags, in this order. The gyroscope groups come first; the first
// kGyroFeatureCount features need a gyroscope.
struct FeatureGroup {
  const char* name;
  std::size_t begin, end;  // indices [begin, end) into FeatureVector
  bool needs_gyro;
};
inline constexpr std::array<FeatureGroup, 5> kFeatureGroups = [] {
  const std::array<std::size_t, 5> sizes = {kGyroAccLags.size(), kRollLags.size(),
                                            kGyroFrameLags.size(), kEnergyLags.size(),
                                            kVerticalLags.size() + 2};
  std::array<FeatureGroup, 5> g = {{{"ω_l·a_p", 0, 0, true},
                                    {"ω_p·a_l", 0, 0, true},
                                    {"ω_L·a_P (gyro frame)", 0, 0, true},
                                    {"v→|h|²", 0, 0, false},
                                    {"v asymmetry + skews", 0, 0, false}}};
  std::size_t at = 0;
  for (std::size_t i = 0; i < g.size(); ++i) {
    g[i].begin = at;
    at += sizes[i];
    g[i].end = at;
  }
  return g;
}();
inline constexpr std::size_t kGyroFeatureCount = kFeatureGroups[2].end;
static_assert(kFeatureGroups[2].needs_gyro && !kFeatureGroups[3].needs_gyro,
              "gyroscope groups first, then accelerometer groups");
inline constexpr std::size_t kFeatureCount = kFeatureGroups.back().end;
inline constexpr std::size_t kAccFeatureCount = kFeatureCount - kGyroFeatureCount;
using FeatureVector = std::array<double, kFeatureCount>;

// Names for model cards and debugging, in layout order.
std::vector<std::string> FeatureNames();

struct FeatureOptions {
  double rate_hz = 100;       // frames must be uniform at this rate
  double lowpass_hz = 8.0;    // zero-phase Butterworth (2nd order, run forward and backward)
  double min_window_s = 1.5;  // shorter spans give no features
  // When non-zero (sensor frame, sign arbitrary): p is this axis projected on
  // the window's horizontal plane instead of the window's own main axis. A
  // worn device keeps its axes relative to the body, while a window's main
  // axis follows whatever moves most (the hips' sway in side steps, a turn);
  // a session learns the axis from its forward warm-up. Ignored while the
  // axis is closer to vertical than horizontal.
  Vec3 acc_axis_hint;
};

struct WindowFeatures {
  FeatureVector values{};
  // With a horizontal acc_axis_hint, its sign is known (a session's device
  // frame): E[v(t)·a_p(t+τ)] − E[v(t)·a_p(t−τ)], which flips with time and
  // with p's sign. Not in `values`: without a signed axis it is noise.
  SignedFeatures signed_v_p{};
  bool has_signed = false;
  Vec3 mean_up;   // unit, sensor frame: detects the device being moved
  Vec3 acc_axis;  // the window's own p (unit, sensor frame), whatever the hint
  bool has_gyro = false;
};

// Features of one window of frames. nullopt when the window is too short or
// has no movement to speak of (flat signal, no gravity).
std::optional<WindowFeatures> ComputeFeatures(std::span<const Frame> frames,
                                              const FeatureOptions& options = {},
                                              bool has_gyro = true);

// Frames from raw uniform samples the way the engine makes them: gravity the
// centred mean of the acceleration over `gravity_window_s`. For training and
// evaluation on windows outside the engine.
std::vector<Frame> MakeFrames(std::span<const Sample> samples, double rate_hz,
                              double gravity_window_s = 2.0);

// The time reversal of a recording: a(T−t), −ω(T−t), same time stamps.
std::vector<Sample> TimeReversed(std::span<const Sample> samples);

}  // namespace retrowalk::direction
