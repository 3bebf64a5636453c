#include "io/metadata_lines.h"

namespace retrowalk::io {

namespace {
std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
void AppendOneLine(std::string& out, std::string_view s) {
  for (char c : s) out += (c == '\n' || c == '\r') ? ' ' : c;
}
}  // namespace

std::optional<std::pair<std::string, std::string>> ParseMetadataLine(std::string_view line) {
  if (line.empty() || line.front() != '#') return std::nullopt;
  line.remove_prefix(1);
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view key = Trim(line.substr(0, colon));
  if (key.empty() || key.find(' ') != std::string_view::npos) return std::nullopt;
  return std::make_pair(std::string(key), std::string(Trim(line.substr(colon + 1))));
}

std::string FormatMetadataLine(std::string_view key, std::string_view value) {
  std::string out = "# ";
  AppendOneLine(out, key);
  out += ": ";
  AppendOneLine(out, value);
  out += '\n';
  return out;
}

}  // namespace retrowalk::io
