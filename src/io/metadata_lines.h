// "# key: value" metadata lines, as written before the header of a retrowalk
// CSV (and accepted before the header of a generic CSV).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace retrowalk::io {

// Parses "# key: value"; nullopt for a comment without "key:".
std::optional<std::pair<std::string, std::string>> ParseMetadataLine(std::string_view line);
// Formats one line (with "\n"); newlines inside key or value become spaces.
std::string FormatMetadataLine(std::string_view key, std::string_view value);

}  // namespace retrowalk::io
