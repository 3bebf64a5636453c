#include "app/analysis.h"

#include <algorithm>
#include <cmath>
#include <span>

#include "gait/direction/classifier.h"
#include "gait/engine.h"
#include "gait/input_check.h"

namespace retrowalk {

std::function<std::unique_ptr<DirectionClassifier>()> DirectionStage(bool session) {
  return [session]() -> std::unique_ptr<DirectionClassifier> {
    if (session) return std::make_unique<direction::SessionDirectionClassifier>();
    return std::make_unique<direction::StandaloneDirectionClassifier>();
  };
}

namespace {

// Feeds chunks to the engine and the input check; collects the results.
class Runner {
 public:
  explicit Runner(const AnalysisOptions& options)
      : options_(options),
        engine_(options.engine, options.direction ? options.direction() : nullptr) {}

  Status Add(std::span<const Sample> chunk) {
    RETROWALK_RETURN_IF_ERROR(check_.Add(chunk));
    events_.clear();
    engine_.Push(chunk, events_);
    Collect();
    if (options_.progress && !chunk.empty()) options_.progress(check_.samples(), chunk.back().t_s);
    return Status::Ok();
  }

  Result<Analysis> Finish(Analysis a) {
    RETROWALK_RETURN_IF_ERROR(check_.Finish());
    events_.clear();
    engine_.Finish(events_);
    Collect();
    a.samples = check_.samples();
    a.duration_s = check_.duration_s();
    a.input_rate_hz = check_.median_rate_hz();
    a.skipped_samples = engine_.skipped_samples();
    a.bouts = std::move(bouts_);
    a.gaps = std::move(gaps_);
    a.direction_events = std::move(directions_);
    for (const Bout& b : a.bouts) {
      a.steps += b.steps;
      a.walking_s += b.duration_s;
      if (b.direction == Direction::kBackward) {
        a.backward_steps += b.steps;
        a.backward_s += b.duration_s;
      }
    }
    return a;
  }

 private:
  void Collect() {
    for (Bout& b : events_.bouts) bouts_.push_back(std::move(b));
    gaps_.insert(gaps_.end(), events_.gaps.begin(), events_.gaps.end());
    directions_.insert(directions_.end(), events_.directions.begin(), events_.directions.end());
  }

  const AnalysisOptions& options_;
  GaitEngine engine_;
  InputCheck check_;
  EngineEvents events_;
  std::vector<Bout> bouts_;
  std::vector<Gap> gaps_;
  std::vector<DirectionEvent> directions_;
};

Analysis Describe(const Recording& header) {
  Analysis a;
  a.file = header.metadata.Get("file");
  a.format = header.format;
  a.placement = header.metadata.Get("placement");
  a.has_gyro = header.has_gyro;
  return a;
}

EngineOptions WithGyro(EngineOptions o, bool has_gyro) {
  o.has_gyro = has_gyro;
  return o;
}

}  // namespace

Result<Analysis> AnalyzeStream(SampleReader& reader, const AnalysisOptions& options) {
  AnalysisOptions o = options;
  o.engine = WithGyro(options.engine, reader.header().has_gyro);
  Runner runner(o);
  while (true) {
    auto chunk = reader.NextView(o.chunk_samples);
    if (!chunk.ok()) return chunk.status();
    if (chunk->empty()) break;
    RETROWALK_RETURN_IF_ERROR(runner.Add(*chunk));
  }
  return runner.Finish(Describe(reader.header()));
}

Result<Analysis> AnalyzeRecording(const Recording& recording, const AnalysisOptions& options) {
  AnalysisOptions o = options;
  o.engine = WithGyro(options.engine, recording.has_gyro);
  Runner runner(o);
  const std::span<const Sample> all(recording.samples);
  for (std::size_t i = 0; i < all.size(); i += o.chunk_samples) {
    RETROWALK_RETURN_IF_ERROR(
        runner.Add(all.subspan(i, std::min(o.chunk_samples, all.size() - i))));
  }
  return runner.Finish(Describe(recording));
}

nlohmann::ordered_json BoutToJson(const Bout& b) {
  auto number = [](double x) -> nlohmann::ordered_json {
    return std::isfinite(x) ? nlohmann::ordered_json(x) : nlohmann::ordered_json(nullptr);
  };
  nlohmann::ordered_json j;
  j["start_s"] = b.start_s;
  j["end_s"] = b.end_s;
  j["duration_s"] = b.duration_s;
  j["steps"] = b.steps;
  j["cadence_spm"] = number(b.cadence_spm);
  j["direction"] = std::string(DirectionName(b.direction));
  j["direction_confidence"] = b.direction_confidence;
  j["device_moved"] = b.device_moved;
  j["step_time_mean_s"] = number(b.step_time_mean_s);
  j["step_time_cv"] = number(b.step_time_cv);
  j["step_regularity"] = number(b.step_regularity);
  j["stride_regularity"] = number(b.stride_regularity);
  j["symmetry"] = number(b.symmetry);
  j["stumbles"] = b.stumbles();
  j["stumble_times_s"] = b.stumble_times_s;
  j["step_times_s"] = b.step_times_s;
  auto& directions = j["step_directions"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < b.step_times_s.size(); ++i) {
    directions.push_back(std::string(
        DirectionName(i < b.step_directions.size() ? b.step_directions[i] : b.direction)));
  }
  return j;
}

nlohmann::ordered_json DirectionEventToJson(const DirectionEvent& e) {
  nlohmann::ordered_json j;
  j["bout_start_s"] = e.bout_start_s;
  j["from_s"] = e.from_s;
  j["to_s"] = e.to_s;
  j["decided_at_s"] = e.decided_at_s;
  j["latency_s"] = e.decided_at_s - std::max(e.bout_start_s, e.from_s);
  j["direction"] = std::string(DirectionName(e.direction));
  j["confidence"] = e.confidence;
  j["device_moved"] = e.device_moved;
  return j;
}

std::string AnalysisMessage(const Analysis& a) {
  return a.bouts.empty() ? "no walking found" : "";
}

nlohmann::ordered_json AnalysisToJson(const Analysis& a) {
  nlohmann::ordered_json j;
  j["file"] = a.file;
  j["format"] = a.format;
  j["placement"] = a.placement;
  j["duration_s"] = a.duration_s;
  j["samples"] = a.samples;
  j["input_rate_hz"] = a.input_rate_hz;
  j["steps"] = a.steps;
  j["walking_s"] = a.walking_s;
  j["backward_steps"] = a.backward_steps;
  j["backward_s"] = a.backward_s;
  if (const std::string m = AnalysisMessage(a); !m.empty()) j["message"] = m;
  nlohmann::ordered_json bouts = nlohmann::ordered_json::array();
  for (const Bout& b : a.bouts) bouts.push_back(BoutToJson(b));
  j["bouts"] = bouts;
  nlohmann::ordered_json gaps = nlohmann::ordered_json::array();
  for (const Gap& g : a.gaps) gaps.push_back({{"start_s", g.start_s}, {"end_s", g.end_s}});
  j["gaps"] = gaps;
  nlohmann::ordered_json directions = nlohmann::ordered_json::array();
  for (const DirectionEvent& e : a.direction_events) directions.push_back(DirectionEventToJson(e));
  j["direction_events"] = directions;
  return j;
}

}  // namespace retrowalk
