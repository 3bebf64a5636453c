// Recording: one motion recording in SI units, whatever format it came from.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/sample.h"

namespace retrowalk {

// An interval or instant of ground truth carried with the recording.
// Instants (a reference step, an initial contact) have start_s == end_s.
struct Annotation {
  double start_s = 0;
  double end_s = 0;
  std::string label;  // e.g. "step", "walking_bout", "forward", "backward"
};

// Annotation labels the readers use for ground truth.
inline constexpr const char* kStepAnnotation = "step";
inline constexpr const char* kBoutAnnotation = "walking_bout";

// Ordered key/value metadata, kept in the order the source gave it.
class Metadata {
 public:
  void Set(const std::string& key, std::string value);
  // Returns nullptr when the key is absent.
  const std::string* Find(const std::string& key) const;
  std::string Get(const std::string& key, const std::string& fallback = "") const;
  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

struct Recording {
  std::string format;  // reader that produced it, e.g. "retrowalk-csv"
  std::vector<Sample> samples;
  bool has_gyro = false;
  Metadata metadata;  // placement, label, subject, device, source file ...
  std::vector<Annotation> annotations;
  // Exact duplicate timestamps dropped while reading (real phone logs have them).
  std::size_t dropped_duplicates = 0;

  double duration_s() const {
    return samples.empty() ? 0.0 : samples.back().t_s - samples.front().t_s;
  }
  std::size_t CountAnnotations(const std::string& label) const;
};

}  // namespace retrowalk
