#include "io/labels_csv.h"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "io/atomic_file.h"
#include "io/input_error.h"
#include "io/line_reader.h"

namespace retrowalk {

namespace {
constexpr const char* kHeader = "start_s,end_s,label";

bool ParseDouble(std::string_view s, double& v) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc{} && ptr == s.data() + s.size() && std::isfinite(v);
}
}  // namespace

std::string LabelsPathFor(const std::string& recording_path) {
  const std::string ext = ".csv";
  if (recording_path.size() > ext.size() &&
      recording_path.compare(recording_path.size() - ext.size(), ext.size(), ext) == 0) {
    return recording_path.substr(0, recording_path.size() - ext.size()) + ".labels.csv";
  }
  return recording_path + ".labels.csv";
}

Status WriteLabelsCsv(const std::vector<Annotation>& annotations, const std::string& path) {
  auto file = io::AtomicFile::Create(path);
  if (!file.ok()) return file.status();
  std::string text = std::string(kHeader) + "\n";
  char a[32], b[32];
  for (const Annotation& an : annotations) {
    auto ea = std::to_chars(a, a + sizeof a, an.start_s).ptr;
    auto eb = std::to_chars(b, b + sizeof b, an.end_s).ptr;
    text.append(a, ea);
    text += ',';
    text.append(b, eb);
    text += ',';
    for (char c : an.label) text += (c == '\n' || c == '\r') ? ' ' : c;
    text += '\n';
  }
  RETROWALK_RETURN_IF_ERROR((*file)->Write(text));
  return (*file)->Commit();
}

Result<std::vector<Annotation>> ReadLabelsCsv(const std::string& path) {
  auto opened = io::LineReader::OpenFile(path, path);
  if (!opened.ok()) return opened.status();
  io::LineReader& lines = **opened;
  std::string_view line;
  if (!lines.Next(line)) {
    if (!lines.status().ok()) return lines.status();
    return io::InputErrorAt(path, 1, 1, fmt::format("a header '{}'", kHeader), "end of file");
  }
  if (line != kHeader) {
    return io::InputError(path, 1, 1, fmt::format("a header '{}'", kHeader), line);
  }
  std::vector<Annotation> out;
  while (lines.Next(line)) {
    if (line.empty()) continue;
    std::size_t c1 = line.find(',');
    std::size_t c2 = c1 == std::string_view::npos ? c1 : line.find(',', c1 + 1);
    if (c2 == std::string_view::npos) {
      return io::InputError(path, lines.line_number(), 1, "'start_s,end_s,label'", line);
    }
    Annotation a;
    if (!ParseDouble(line.substr(0, c1), a.start_s)) {
      return io::InputError(path, lines.line_number(), 1, "a number in 'start_s'",
                            line.substr(0, c1));
    }
    if (!ParseDouble(line.substr(c1 + 1, c2 - c1 - 1), a.end_s)) {
      return io::InputError(path, lines.line_number(), c1 + 2, "a number in 'end_s'",
                            line.substr(c1 + 1, c2 - c1 - 1));
    }
    if (a.end_s < a.start_s) {
      return io::InputError(path, lines.line_number(), c1 + 2, "end_s >= start_s",
                            line.substr(c1 + 1, c2 - c1 - 1));
    }
    a.label = std::string(line.substr(c2 + 1));
    out.push_back(std::move(a));
  }
  if (!lines.status().ok()) return lines.status();
  return out;
}

}  // namespace retrowalk
