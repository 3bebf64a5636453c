#include "core/recording.h"

#include <algorithm>

namespace retrowalk {

void Metadata::Set(const std::string& key, std::string value) {
  for (auto& [k, v] : entries_) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  entries_.emplace_back(key, std::move(value));
}

const std::string* Metadata::Find(const std::string& key) const {
  for (const auto& [k, v] : entries_) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::string Metadata::Get(const std::string& key, const std::string& fallback) const {
  const std::string* v = Find(key);
  return v ? *v : fallback;
}

std::size_t Recording::CountAnnotations(const std::string& label) const {
  return static_cast<std::size_t>(std::count_if(annotations.begin(), annotations.end(),
                                                [&](const Annotation& a) { return a.label == label; }));
}

}  // namespace retrowalk
