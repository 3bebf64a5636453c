// Walking direction per bout (or window): the two modes of issue 4.
//
// Standalone: no assumption about the wearer. A logistic regression over the
// time-reversal-odd features gives p(backward); only a high p is called
// backward, a low p forward, the middle `unknown`.
//
// Session: the recording is a retro-walking session, which starts with
// forward walking. The first bout's features are this person's and this
// placement's forward template; since every feature changes sign under time
// reversal, a later bout whose features point along the template is forward
// and one pointing against it (≈ the time-reversed template) is backward.
// The comparison is a cosine over DirectionModel::session_features.
// When the device is moved (the mean up direction in the sensor frame turns
// by more than max_up_change_deg) the template's axis no longer applies: the
// walking after the move is judged against the template on its own axis and
// re-anchors it (SessionOptions::rejudge_moves), and the bout says
// device_moved. A device turned about the vertical alone is not seen.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "gait/direction/features.h"
#include "gait/direction/model.h"
#include "gait/direction_classifier.h"

namespace retrowalk::direction {

struct WindowingOptions {
  double window_s = 3.0;  // "decided within 3 s of walking"
  double hop_s = 1.5;
  FeatureOptions features;
  // Live (StartLive): a change of answer is reported once this many
  // consecutive windows have it, dated from the first of them. 1: at once
  // (development sessions: live steps right 92.4 % with 1, 90.6 % with 2,
  // 88.6 % with 3; agreement with the final answer 95.5 / 94.6 / 90.6 %).
  int live_confirm_windows = 1;
  // Live: a first answer on the bout's first live_early_s of frames, before
  // its first window is complete (LiveDirection::Early). 0: none.
  double live_early_s = 2.0;
};

// Sum of the outer products a·aᵀ of unit axes whose sign is arbitrary: its
// principal eigenvector is their mean axis.
class AxisScatter {
 public:
  void Add(Vec3 axis);
  void Add(const AxisScatter& other);
  Vec3 Principal() const;  // unit, sign arbitrary; zero when empty
 private:
  std::array<double, 6> m_{};  // xx yy zz xy xz yz
};

// Mean features over the windows of a span of frames.
struct SpanFeatures {
  FeatureVector mean{};
  SignedFeatures signed_v_p{};  // mean over the windows that have them
  int signed_windows = 0;
  Vec3 signed_axis;      // the axis they were computed on (the features' hint)
  Vec3 up;               // mean up, unit, sensor frame
  AxisScatter acc_axes;  // the windows' own p (WindowFeatures::acc_axis)
  int windows = 0;
  bool has_gyro = false;
};

std::optional<SpanFeatures> ComputeSpanFeatures(std::span<const Frame> frames, bool has_gyro,
                                                const WindowingOptions& options = {});

// Adds up the features of a span's windows, in order, into its SpanFeatures
// (ComputeSpanFeatures is one over the span's windows). Lets windows that
// were computed for one purpose serve a span's mean too.
class SpanAccumulator {
 public:
  void Add(const WindowFeatures& f);
  // nullopt when no window had features.
  std::optional<SpanFeatures> Finish(const WindowingOptions& options) const;

 private:
  SpanFeatures sum_;
  double up_[3] = {0, 0, 0};
};

struct Decision {
  Direction direction = Direction::kUnknown;
  float confidence = 0;     // of `direction`; 0 for unknown
  double p_backward = 0.5;  // standalone model's probability (diagnostics)
  double similarity = 0;    // session: cosine to the template (+1 forward-like, −1 reversed)
  // Session: the device's mean up turned by more than max_up_change_deg since
  // the template: Judge's answer is the standalone one, JudgeMoved's the
  // template's on the span's own axis.
  bool device_moved = false;
};

class StandaloneDirectionClassifier final : public DirectionClassifier {
 public:
  explicit StandaloneDirectionClassifier(const DirectionModel& model = DefaultDirectionModel(),
                                         WindowingOptions options = {});
  DirectionEstimate Classify(const BoutSignal& bout) override;
  // One decision per window (SegmentByDirection), for splitting the bout;
  // when no window is backward, one segment (Classify), else every run of one
  // answer judged again on its mean features.
  std::vector<BoutDirectionSegment> Segment(const BoutSignal& bout) override;
  // Live: the latest window's answer when it is backward, else the answer on
  // the mean of the bout's windows so far (what Classify would say if the
  // bout ended now).
  std::unique_ptr<LiveDirection> StartLive(double rate_hz, bool has_gyro) const override;
  Decision Decide(const SpanFeatures& features) const;
  const WindowingOptions& options() const { return options_; }

 private:
  const DirectionModel& model_;
  WindowingOptions options_;
};

struct SessionOptions {
  double max_up_change_deg = 35;  // a larger turn of mean "up" means the device moved
  double min_similarity = 0.02;   // |cosine| below this: unknown
  // Later bouts called forward with at least this similarity refine the
  // template (a running mean weighted by windows). Off by default (> 1): only
  // the warm-up is known to be forward, and one wrong refinement poisons the
  // template (cross-validation: 96.4 % vs 95.4 % of front-pocket steps).
  double refine_similarity = 1.1;
  // A change of direction found at window resolution is moved to where
  // windows slid in 0.1-s steps within ± this many seconds agree best with
  // both sides (0: off).
  double boundary_search_s = 1.5;
  // Hysteresis: a run of fewer windows than this between two runs (of at
  // least this many) with the other answer joins them before the runs are
  // judged on their means: one window against its neighbours on both sides is
  // noise more often than a turn and back within 3 s (1: off; development
  // sessions 96.9 → 97.2 % of steps right with 2, same with 3 or 4).
  int min_run_windows = 2;
  // Windows judged against a template use its main horizontal acceleration
  // axis (FeatureOptions::acc_axis_hint) instead of their own: side steps and
  // turns no longer swing p away from fore-aft (held-out styles, development
  // seeds: 96.1 → 97.4 % of steps right; docs/direction.md, Round 4).
  bool template_acc_axis = true;
  // Weight of the signed vertical→fore-aft features (WindowFeatures::
  // signed_v_p, on the warm-up's fore-aft axis with its sign kept) in the
  // session cosine; their units are correlations (0: off). They hold one
  // sign for one person's forward walking across separate trials, U-turns
  // and re-attachments of a belt sensor, where the gyroscope features flip;
  // but a device turned 180° about the vertical flips them too
  // (docs/direction.md, Round 6; chosen on development data: 2).
  double signed_weight = 2.0;
  // Without a gyroscope (in the template or the bout) later bouts are
  // unknown: the accelerometer session features alone get 76.7 % of
  // development session steps right (31 % of forward steps called backward)
  // and call 36–59 % of real phone walking backward, a guess; with the
  // signed features still 86.3 % after the warm-up and 4.2 % of real phone
  // steps backward (docs/direction.md, Rounds 5 and 6). The warm-up is
  // still forward.
  bool require_gyro = true;
  // After a move (max_up_change_deg), Segment splits the bout at it, judges
  // the windows after it on their own axis against the template without the
  // signed features, learns the template again from their longest run of one
  // answer (negated when backward) and decides the rest against it; live
  // windows are judged the same way. Off: the moved windows get the
  // standalone answer, and a confident one re-anchors the template, which
  // assumes the first walk after a move is forward: the standalone model
  // calls nearly all walking forward (docs/direction.md, Round 8:
  // re-attached synthetic front-pocket sessions, held-out styles, 76.1 →
  // 92.4 % of steps right; without an input gap 70.3 → 90.7 %).
  bool rejudge_moves = true;
};

// A session's forward template: window-weighted sums of features and up.
struct SessionTemplate {
  FeatureVector sum{};
  // Signed features of the template's windows, computed on the template's
  // own axis (WithTemplateAxis), weighted like `sum`; empty until learned.
  SignedFeatures signed_sum{};
  Vec3 signed_axis;
  bool has_signed = false;
  double up_sum[3] = {0, 0, 0};
  AxisScatter acc_axes;
  int windows = 0;
  bool has_gyro = false;
  bool empty() const { return windows == 0; }
  void Add(const SpanFeatures& features);
  // Adds the signed features of `features` when computed on signed_axis.
  void AddSigned(const SpanFeatures& features);
  void Negate();
};

class SessionDirectionClassifier final : public DirectionClassifier {
 public:
  explicit SessionDirectionClassifier(const DirectionModel& model = DefaultDirectionModel(),
                                      WindowingOptions windowing = {}, SessionOptions options = {});
  DirectionEstimate Classify(const BoutSignal& bout) override;
  // One decision per window (SegmentByDirection), for splitting the bout;
  // every run of one answer is judged again on its mean features. In the
  // first bout the first (forward) run is the warm-up template.
  std::vector<BoutDirectionSegment> Segment(const BoutSignal& bout) override;
  // Live: each window judged against a copy of the template (never changed);
  // in the session's first bout the template is provisional, the bout's first
  // window and the forward windows right after it (the warm-up run).
  std::unique_ptr<LiveDirection> StartLive(double rate_hz, bool has_gyro) const override;

  // The first call (no template yet) learns the template and answers forward.
  // After a move: the standalone answer, device_moved (see rejudge_moves).
  Decision Decide(const SpanFeatures& features);
  // The same judgement against `forward`, changing nothing; an empty
  // template gives unknown. `moved` (optional) tells that the device moved
  // since the template (the answer is then standalone).
  Decision Judge(const SpanFeatures& features, const SessionTemplate& forward,
                 bool* moved = nullptr) const;
  // A moved device's span, its features computed on its own axis (no hint),
  // against `forward` without the signed features; device_moved is set.
  // Unknown without a gyroscope (require_gyro), as Judge after the warm-up.
  Decision JudgeMoved(const SpanFeatures& own_axis, const SessionTemplate& forward) const;
  bool RejudgesMoves() const { return options_.rejudge_moves; }
  // Learns `features` as forward walking (the warm-up), replacing any template.
  void Anchor(const SpanFeatures& features);
  // Anchor on the warm-up `frames`, then learn the signed features on the
  // template's own axis (WindowFeatures::signed_v_p).
  void LearnWarmUp(std::span<const Frame> frames, bool has_gyro, WindowingOptions o);
  bool anchored() const { return !template_.empty(); }
  const SessionTemplate& forward_template() const { return template_; }
  int reanchors() const { return reanchors_; }
  const WindowingOptions& windowing() const { return standalone_.options(); }
  // Without a gyroscope and with SessionOptions::require_gyro, the session
  // judges only its warm-up: the whole first bout is forward, later bouts
  // unknown.
  bool JudgesOnlyTheWarmUp(bool has_gyro) const { return options_.require_gyro && !has_gyro; }
  bool SignedFeaturesOn() const { return options_.signed_weight > 0 && options_.template_acc_axis; }
  // `o` with the template's acceleration axis as the features' hint, when
  // anchored and SessionOptions::template_acc_axis; without a hint otherwise.
  WindowingOptions WithTemplateAxis(WindowingOptions o) const;

 private:
  double Similarity(const SpanFeatures& features, const SessionTemplate& forward) const;
  // Segment(head) up to rest's first frame, then Segment(rest): a bout in two
  // stretches judged one after the other (`rest` non-empty).
  std::vector<BoutDirectionSegment> SegmentInTwo(const BoutSignal& head, const BoutSignal& rest);
  // rejudge_moves, for a bout judged after a move from its start (Segment
  // splits a bout at a move inside it): re-anchors the template on the bout's
  // longest run of one JudgeMoved answer; false when every window is unknown.
  bool ReanchorAfterMove(const BoutSignal& bout);
  StandaloneDirectionClassifier standalone_;
  const DirectionModel& model_;
  SessionOptions options_;
  SessionTemplate template_;
  int reanchors_ = 0;
};

// Window features found again by their frames: the live tracker keeps those
// of a bout's latest windows, and the bout's Segment at its end takes them
// instead of computing the same windows again. A window is its frames' first
// and last times and count (a bout's frames are final once in) with the
// features' options and whether a gyroscope was used.
class WindowMemo {
 public:
  void Put(std::span<const Frame> w, const FeatureOptions& o, bool has_gyro,
           const std::optional<WindowFeatures>& f);
  // nullptr when not kept.
  const std::optional<WindowFeatures>* Find(std::span<const Frame> w, const FeatureOptions& o,
                                            bool has_gyro) const;

 private:
  struct Entry {
    double first_s, last_s;
    std::size_t frames;
    FeatureOptions options;
    bool has_gyro;
    std::optional<WindowFeatures> features;
  };
  static bool Matches(const Entry& e, std::span<const Frame> w, const FeatureOptions& o,
                      bool has_gyro);
  // The latest kCapacity windows (a ring): more than a bout_signal_s of 60 s
  // holds at a 1.5-s hop, so memory stays bounded in a long bout.
  static constexpr std::size_t kCapacity = 48;
  std::vector<Entry> entries_;
  std::size_t next_ = 0;
};

// For splitting a bout where the direction changes: decides every window
// (options.window_s, hop options.hop_s) of `frames` with `decide` (a
// classifier's Decide) and merges consecutive windows with the same answer.
// Segment bounds are window centres' midpoints, clamped to the frames; the
// first and last segments reach the ends. Windows without features are
// `unknown`.
struct DirectionSegment {
  double start_s = 0, end_s = 0;
  Direction direction = Direction::kUnknown;
  float confidence = 0;  // mean over the merged windows
  int windows = 0;
  bool device_moved = false;  // some merged window's Decision::device_moved
};
// Joins each run of fewer than `min_windows` windows that lies between two
// runs of at least `min_windows` windows with one (other) answer into them.
void AbsorbShortRuns(std::vector<DirectionSegment>& runs, int min_windows);

// Every window's features also go to `whole` when given: the windows are
// ComputeSpanFeatures' over the same frames, so it adds up to theirs. Windows
// kept in `memo` are taken from it.
std::vector<DirectionSegment> SegmentByDirection(
    std::span<const Frame> frames, bool has_gyro, const WindowingOptions& options,
    const std::function<Decision(const SpanFeatures&)>& decide, SpanAccumulator* whole = nullptr,
    const WindowMemo* memo = nullptr);

}  // namespace retrowalk::direction
