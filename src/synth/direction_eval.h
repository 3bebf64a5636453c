// Scoring walking-direction detection: confusion matrices (with `unknown`)
// per 3-s window, per bout and per step, in standalone and session mode; and
// the training protocol (mocap by style + real forward by subject) shared by
// `retrowalk train direction` and `retrowalk evaluate direction`.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "gait/direction/classifier.h"
#include "gait/direction/model.h"
#include "gait/events.h"
#include "gait/options.h"
#include "synth/direction_data.h"

namespace retrowalk::synth {

// Rows: truth forward/backward. Columns: called forward/backward/unknown.
struct Confusion {
  double n[2][3] = {{0, 0, 0}, {0, 0, 0}};
  void Add(const std::string& truth, Direction called, double weight = 1);
  double Total(int truth) const { return n[truth][0] + n[truth][1] + n[truth][2]; }
  // Mean over the truth classes present of the share called right (unknown is wrong).
  double BalancedAccuracy() const;
  double Accuracy() const;  // share right over both classes
  double UnknownRate() const;
  double CalledBackwardRate(int truth) const;  // share of `truth` called backward
  std::string Format() const;                  // a small table
};

// The engine's live direction events (EngineEvents::directions) against its
// final bouts and the truth. A step's live answer is the one given for the
// window centred nearest it: that of the latest event of its bout whose window
// centre is at most hop_s / 2 after the step (an answer holds until the next
// event); steps before a bout's first window take its first answer; steps of
// bouts that ended before their first live decision have none.
struct LiveScores {
  Confusion steps;                              // live answer vs truth, steps with a live answer
  double agree = 0;                             // steps whose live answer equals their final one
  double compared = 0;                          // steps with a live answer
  double no_answer = 0;                         // scored steps without a live answer
  int bouts = 0;                                // engine bouts (before splitting)
  int decided = 0;                              // of which with a live decision
  int long_undecided = 0;                       // ≥ window_s of walking but no live decision
  double latency_sum_s = 0, latency_max_s = 0;  // first decision − bout's first step
  int within_bound = 0;   // first decisions within window_s + the engine's latency_s()
  int within_window = 0;  // first decisions within window_s ("decided within 3 s")
  int changes = 0;        // events after a bout's first
  // Steps an answer was keyed to where no bout opened (the engine's run
  // turned out other than the OnsetWatcher's candidates predicted).
  int unmatched = 0;
  void Merge(const LiveScores& o);
};

struct Scores {
  Confusion windows, bouts, steps;
  // Engine, session mode: `steps` skips the engine's first bout (part), which
  // hides every error inside it when the engine merges the whole session into
  // one bout; this one skips only steps in the labelled warm-up (the first
  // truth interval, when forward). Standalone: every step.
  Confusion steps_after_warmup;
  LiveScores live;
  void Merge(const Scores& o);
};

std::string FormatLiveLine(const std::string& key, const LiveScores& s);
// The steps live answers were keyed to where no bout opened, counted once
// each (LiveScores::unmatched).
int AnswersForNoBout(const EngineEvents& events);

// One line: windows, bouts and steps with balanced accuracy and unknown rate.
std::string FormatScoresLine(const std::string& key, const Scores& s);

// Standalone: every window, and every bout (features over the bout, steps of
// the bout get its answer), on its own.
Scores ScoreStandalone(const DirectionRecording& rec, const direction::DirectionModel& model,
                       const direction::WindowingOptions& options = {});

// Session: the first bout is the warm-up (taken as forward, not scored);
// every later bout is called relative to it. Windows after the warm-up are
// scored one by one against the same template (a bout's first 3 s).
Scores ScoreSession(const DirectionRecording& rec, const direction::DirectionModel& model,
                    const direction::WindowingOptions& options = {},
                    const direction::SessionOptions& session = {});

// End to end: the gait engine (its bouts and steps) with a standalone or a
// session classifier. Per engine bout (truth covering ≥ 80 % of it) and per
// engine step (truth at the step); windows are not scored.
Scores ScoreWithEngine(const DirectionRecording& rec, const direction::DirectionModel& model,
                       bool session, const EngineOptions& engine_options = {});

// ---- training protocol ----

struct TrainingRow {
  direction::FeatureVector x{};
  bool has_gyro = false;
  int backward = 0;
  double weight = 1;
  std::string source, placement, group;
  // A whole real bout, kept only to calibrate the backward threshold on the
  // unit the engine decides on (weight 0 in the fit).
  bool calibration_bout = false;
};

struct ProtocolOptions {
  std::string bandai_dir;  // …/direction/bandai-namco-1
  std::string data_dir;    // …/shared/data (real forward)
  std::vector<Placement> placements = {Placement::kLowerBack, Placement::kFrontPocket};
  int seeds = 2;  // mountings per clip and placement
  // Mocap styles left out of everything (training, session feature choice,
  // cross-validation): for end-to-end tests on styles the model never saw.
  std::vector<std::string> exclude_styles;
  // Real subjects used for training; the others are held out for reporting.
  std::vector<std::string> real_train_groups;
  double real_weight = 1.0;  // real forward total weight relative to mocap forward
  double l2 = 1.0;
  double session_l2 = 10.0;
  bool intercept = true;  // false: odd standalone model, p(reversed) = 1 − p
  // The backward threshold sits just above the highest p over the training
  // subjects' real forward bouts (times this margin on the logit).
  double backward_logit_margin = 0.5;
  double min_backward_threshold = 0.8;
  double forward_threshold = 0.5;
};

// Default split: IPOL subjects 1–7, Mobilise-D HA001, Oxford "Jamie" train;
// the rest are held out.
std::vector<std::string> DefaultRealTrainGroups();

struct PreparedData {
  std::vector<DirectionRecording> mocap;  // single clips, all styles, placements, seeds
  std::vector<DirectionRecording> real;   // real forward recordings, all subjects
};
PreparedData PrepareData(const ProtocolOptions& options, std::string& log);

// Windows of the recordings as training rows, class-balanced.
std::vector<TrainingRow> RowsFor(const std::vector<const DirectionRecording*>& mocap,
                                 const std::vector<const DirectionRecording*>& real,
                                 const ProtocolOptions& o);

Result<direction::DirectionModel> TrainModel(const std::vector<TrainingRow>& rows,
                                             const ProtocolOptions& o);

// Synthetic sessions (SessionClipLists) of `styles`, for every placement and
// `seeds` mountings.
std::vector<DirectionRecording> SynthesiseSessions(const ProtocolOptions& o,
                                                   const std::vector<std::string>& styles,
                                                   int seeds, std::uint64_t seed_base);

// The feature groups (direction::kFeatureGroups) whose session cosine gets the most steps right on
// `sessions` in the worst placement (window balanced accuracy breaks ties). Appends a line per
// subset to `log`.
std::vector<int> SelectSessionFeatures(const std::vector<DirectionRecording>& sessions,
                                       const direction::DirectionModel& model, std::string& log);

// Synthetic retro-walking sessions of one style: forward warm-up, then
// backward and forward bouts (walk_001, walk-back, walk_002, walk-left,
// walk-back, walk-right), one random mounting per session.
std::vector<std::vector<std::string>> SessionClipLists(const std::string& bandai_dir,
                                                       const std::string& style);

struct CrossValidation {
  int folds = 3;
  int session_seeds = 2;  // sessions per held-out style and placement
};

// Leave-styles-out cross-validation on the mocap (standalone on single clips,
// session mode on synthetic sessions, both per placement), plus the final
// model on held-out real subjects (standalone, and time-reversed). Returns a
// printable report; `final_model` is trained on every style and the real
// training subjects.
std::string RunCrossValidation(const PreparedData& data, const ProtocolOptions& o,
                               const CrossValidation& cv,
                               const direction::DirectionModel& final_model);

// Standalone scores of real recordings grouped "source / placement", with
// the held-out flag in the key.
std::string RealDataReport(const std::vector<DirectionRecording>& real,
                           const direction::DirectionModel& model,
                           const std::vector<std::string>& train_groups, bool reversed);

}  // namespace retrowalk::synth
