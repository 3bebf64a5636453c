// Step evaluation: the gait engine against recordings with ground truth
// (Oxford foot switches, IPOL footsteps, Mobilise-D INDIP initial contacts).
//
// Subjects are split per data set into development subjects (the engine's
// parameters may be tuned on them) and held-out subjects (reported, never
// tuned on); see DevelopmentSubjects() and docs/gait.md.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/analysis.h"
#include "core/recording.h"
#include "core/result.h"

namespace retrowalk {

enum class EvalSplit { kDevelopment, kTest, kAll };

// "dev" or "test" for a subject of a source (unknown sources are "test").
std::string SplitOf(const std::string& source, const std::string& subject);
// Whether `recording` was made by `retrowalk synth` (its "generator").
bool IsSynthetic(const Recording& recording);
// The data set a recording is scored under: its `source` metadata, else its
// reader's format; "synth" for synthetic ones, whose `source` lists the
// motion-capture clips they were made from.
std::string EvaluationSource(const Recording& recording);
// Human-readable statement of the split, for reports.
std::string DescribeSplit();

// Recordings under `paths` that may carry step ground truth: Oxford step
// folders, IPOL lower-back files (*_lb.txt), Mobilise-D lower-back files;
// files named directly are always taken. Sorted, without duplicates.
std::vector<std::string> FindEvaluationRecordings(const std::vector<std::string>& paths);

// One-to-one matching in time order: a detected step within tolerance_s of
// a reference step is a hit (each reference step matched at most once, to
// the nearest free detection).
struct StepMatch {
  int reference = 0;
  int detected = 0;
  int matched = 0;
};
StepMatch MatchSteps(std::span<const double> detected, std::span<const double> reference,
                     double tolerance_s = 0.25);

// Steps per minute from step times: 60 / mean interval, intervals longer
// than max_step_s (breaks, separate bouts) excluded. NaN with no interval.
double CadenceFromSteps(std::span<const double> steps, double max_step_s = 1.5);

// Whether a source's step reference is complete only inside its own walking
// bouts: Mobilise-D INDIP has initial contacts only inside its reference
// walking bouts; IPOL annotates every step inside its trial (TrialBoundaries)
// but after the trial ends some of the walk-off steps in 26 of 76 trials and
// none in the others. Such recordings are scored inside those bouts (each
// widened by the match tolerance; reference steps kept to the same scope), as
// the Mobilise-D validation does; the whole-recording figures are kept beside
// them. ReferenceScopeReason says why, for reports ("" when not scoped).
bool ReferenceCoversOnlyItsBouts(const std::string& source);
std::string_view ReferenceScopeReason(const std::string& source);

struct RecordingEvaluation {
  std::string path, source, subject, placement, split;
  bool within_reference_bouts = false;  // scored inside the reference bouts only
  int reference_steps = 0;
  int detected_steps = 0;      // inside the scored scope
  double count_error_pct = 0;  // signed: (detected - reference) / reference * 100
  double reference_cadence_spm = 0;
  double detected_cadence_spm = 0;
  StepMatch match;
  int reference_bouts = 0;
  int reference_bouts_found = 0;  // at least half of the bout covered by detected bouts
  int detected_bouts = 0;
  int stumbles = 0;
  // The whole recording, whatever the scope (equal to the above when
  // within_reference_bouts is false).
  int detected_steps_recording = 0;
  double count_error_recording_pct = 0;
  StepMatch match_recording;
};

Result<RecordingEvaluation> EvaluateRecording(const Recording& recording,
                                              const AnalysisOptions& options);

struct GroupEvaluation {
  std::string source, placement;  // placement "" = all placements of the source
  int recordings = 0;
  double mape_pct = 0;               // mean |count error|
  double cadence_abs_error_spm = 0;  // mean |detected - reference cadence|
  StepMatch match;                   // pooled
  int reference_bouts = 0, reference_bouts_found = 0;
  int stumbles = 0;
  bool within_reference_bouts = false;  // any recording scored inside its reference bouts
  double mape_recording_pct = 0;        // whole recordings
  StepMatch match_recording;            // whole recordings, pooled
  double sensitivity() const;
  double precision() const;
  double bout_sensitivity() const;  // NaN without reference bouts
};

// Per (source, placement) and per source ("" placement), sorted.
std::vector<GroupEvaluation> Summarize(std::span<const RecordingEvaluation> recordings);

nlohmann::ordered_json EvaluationToJson(std::span<const RecordingEvaluation> recordings,
                                        std::span<const GroupEvaluation> groups);

}  // namespace retrowalk
