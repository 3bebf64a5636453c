// Analysis service: runs the gait engine over a recording (streamed chunk by
// chunk) and turns its results into the summary the faces show, as JSON too.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/recording.h"
#include "core/result.h"
#include "gait/direction_classifier.h"
#include "gait/events.h"
#include "gait/options.h"
#include "io/read.h"

namespace retrowalk {

struct AnalysisOptions {
  EngineOptions engine;  // e.g. from EnginePreset("healthy")
  std::size_t chunk_samples = 1 << 16;
  // Called after each chunk with the samples read so far and the time reached.
  std::function<void(std::size_t samples, double t_s)> progress;
  // Makes the direction stage; null: direction stays "unknown".
  std::function<std::unique_ptr<DirectionClassifier>()> direction;
};

// The direction stage `retrowalk analyze` runs (AnalysisOptions::direction):
// standalone never assumes the wearer walks forward and answers "unknown"
// rather than guess; a session learns the forward signature from its warm-up.
std::function<std::unique_ptr<DirectionClassifier>()> DirectionStage(bool session);

struct Analysis {
  std::string file;
  std::string format;
  std::string placement;
  std::size_t samples = 0;
  std::size_t skipped_samples = 0;  // non-finite or out-of-order samples the engine skipped
  double duration_s = 0;
  double input_rate_hz = 0;  // median of the input
  bool has_gyro = false;
  std::vector<Bout> bouts;
  std::vector<Gap> gaps;
  // Live (provisional) directions while bouts were open, as a live face
  // would have shown them; the bouts carry the final ones.
  std::vector<DirectionEvent> direction_events;
  // Totals over bouts.
  int steps = 0;
  double walking_s = 0;
  int backward_steps = 0;
  double backward_s = 0;
};

// Streams `reader` through the engine. InvalidInput when the recording is
// too coarse (< 20 Hz) or too short for the engine.
Result<Analysis> AnalyzeStream(SampleReader& reader, const AnalysisOptions& options);
// The same over samples already in memory.
Result<Analysis> AnalyzeRecording(const Recording& recording, const AnalysisOptions& options);

// {"file", "format", "placement", "duration_s", "samples", "steps", "walking_s",
//  "backward_steps", "backward_s", "message"?, "bouts": [...], "gaps": [...],
//  "direction_events": [...]}.
nlohmann::ordered_json AnalysisToJson(const Analysis& analysis);
nlohmann::ordered_json BoutToJson(const Bout& bout);
// {"bout_start_s", "from_s", "to_s", "decided_at_s", "latency_s", "direction",
//  "confidence"}. latency_s = decided_at_s − max(bout_start_s, from_s): for a
// bout's first event the seconds from its first step, for a change the
// seconds from the start of the window where the new answer began.
nlohmann::ordered_json DirectionEventToJson(const DirectionEvent& event);

// "no walking found" when there are no bouts, else "".
std::string AnalysisMessage(const Analysis& analysis);

}  // namespace retrowalk
