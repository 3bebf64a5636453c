#include "io/field_parsing.h"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "io/input_error.h"

namespace retrowalk::io {

std::vector<FieldView> SplitFields(std::string_view line, char delimiter) {
  std::vector<FieldView> out;
  std::size_t pos = 0;
  while (true) {
    std::size_t stop = line.find(delimiter, pos);
    std::size_t n = stop == std::string_view::npos ? line.size() - pos : stop - pos;
    out.push_back({line.substr(pos, n), pos + 1});
    if (stop == std::string_view::npos) break;
    pos = stop + 1;
  }
  return out;
}

namespace {
std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  return s;
}
}  // namespace

Result<double> FieldDouble(const LineReader& where, const FieldView& f, std::string_view what) {
  std::string_view s = TrimSpaces(f.text);
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || ptr != s.data() + s.size() || !std::isfinite(v)) {
    return InputError(where.name(), where.line_number(), f.column,
                      fmt::format("a number in '{}'", what), f.text);
  }
  return v;
}

Result<long long> FieldInteger(const LineReader& where, const FieldView& f, std::string_view what) {
  std::string_view s = TrimSpaces(f.text);
  long long v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || ptr != s.data() + s.size()) {
    return InputError(where.name(), where.line_number(), f.column,
                      fmt::format("an integer in '{}'", what), f.text);
  }
  return v;
}

Status RequireFields(const LineReader& where, std::string_view line,
                     const std::vector<FieldView>& fields, std::size_t n,
                     std::string_view description) {
  if (fields.size() >= n) return Status::Ok();
  return InputErrorAt(where.name(), where.line_number(), line.size() + 1,
                      fmt::format("{} fields ({})", n, description),
                      fmt::format("{} in '{}'", fields.size(), line));
}

}  // namespace retrowalk::io
