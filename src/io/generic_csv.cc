#include "io/generic_csv.h"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "io/csv_sample_reader.h"
#include "io/input_error.h"
#include "io/metadata_lines.h"

namespace retrowalk {

namespace {

struct RoleName {
  const char* name;
  io::Role role;
};
constexpr RoleName kRoles[] = {{"time", io::Role::kTime}, {"ax", io::Role::kAccX},
                               {"ay", io::Role::kAccY},   {"az", io::Role::kAccZ},
                               {"gx", io::Role::kGyroX},  {"gy", io::Role::kGyroY},
                               {"gz", io::Role::kGyroZ}};

Result<double> TimeUnitsPerSecond(const std::string& unit) {
  if (unit == "s") return 1.0;
  if (unit == "ms") return 1e3;
  if (unit == "us") return 1e6;
  if (unit == "ns") return 1e9;
  return Status::InvalidInput(
      fmt::format("expected --time-unit s, ms, us or ns, found {}", io::QuoteForMessage(unit)));
}
Result<double> AccScale(const std::string& unit) {
  if (unit == "mps2") return 1.0;
  if (unit == "g") return static_cast<double>(kStandardGravity);
  return Status::InvalidInput(
      fmt::format("expected --acc-unit mps2 or g, found {}", io::QuoteForMessage(unit)));
}
Result<double> GyroScale(const std::string& unit) {
  if (unit == "radps") return 1.0;
  if (unit == "dps") return M_PI / 180.0;
  return Status::InvalidInput(
      fmt::format("expected --gyro-unit radps or dps, found {}", io::QuoteForMessage(unit)));
}

bool IsColumnNumber(const std::string& s, std::size_t& index) {
  if (s.empty()) return false;
  std::size_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || ptr != s.data() + s.size() || v == 0) return false;
  index = v - 1;
  return true;
}

bool LooksNumeric(std::string_view field) {
  while (!field.empty() && (field.front() == ' ' || field.front() == '+')) field.remove_prefix(1);
  double v = 0;
  auto [ptr, ec] = std::from_chars(field.data(), field.data() + field.size(), v);
  return ec == std::errc{} && ptr != field.data();
}

}  // namespace

Result<std::vector<std::pair<std::string, std::string>>> ParseColumnMapping(
    const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t comma = text.find(',', pos);
    if (comma == std::string::npos) comma = text.size();
    std::string item = text.substr(pos, comma - pos);
    std::size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == item.size()) {
      return Status::InvalidInput(
          fmt::format("expected --columns role=column pairs (time=..,ax=..,ay=..,az=..), found {}",
                      io::QuoteForMessage(item)));
    }
    out.emplace_back(item.substr(0, eq), item.substr(eq + 1));
    pos = comma + 1;
  }
  return out;
}

Result<std::unique_ptr<SampleReader>> OpenGenericCsv(const std::string& path,
                                                     const ReadOptions& options) {
  using namespace io;
  auto ts = TimeUnitsPerSecond(options.time_unit);
  if (!ts.ok()) return ts.status();
  auto as = AccScale(options.acc_unit);
  if (!as.ok()) return as.status();
  auto gs = GyroScale(options.gyro_unit);
  if (!gs.ok()) return gs.status();

  // Which role each mapping entry names; the three gyro roles are all or none.
  std::string column_of[7];
  for (const auto& [role, column] : options.columns) {
    bool known = false;
    for (int r = 0; r < 7; ++r) {
      if (role == kRoles[r].name) {
        column_of[r] = column;
        known = true;
      }
    }
    if (!known) {
      return Status::InvalidInput(
          fmt::format("expected a --columns role time, ax, ay, az, gx, gy or gz, found {}",
                      QuoteForMessage(role)));
    }
  }
  for (int r = 0; r < 4; ++r) {
    if (column_of[r].empty()) {
      return Status::InvalidInput(fmt::format(
          "expected --columns to map '{}' (time, ax, ay and az are required), found no mapping",
          kRoles[r].name));
    }
  }
  int gyro_mapped = !column_of[4].empty() + !column_of[5].empty() + !column_of[6].empty();
  if (gyro_mapped != 0 && gyro_mapped != 3) {
    return Status::InvalidInput("expected --columns to map all of gx, gy, gz or none of them");
  }

  auto opened = LineReader::OpenFile(path, path);
  if (!opened.ok()) return opened.status();
  std::unique_ptr<LineReader> lines = std::move(opened.value());

  Recording header;
  header.format = "generic-csv";
  std::string_view line;
  bool have_line = false;
  while (lines->Next(line)) {
    if (line.empty()) continue;
    if (line.front() == '#') {
      if (auto kv = ParseMetadataLine(line)) header.metadata.Set(kv->first, kv->second);
      continue;
    }
    have_line = true;
    break;
  }
  if (!lines->status().ok()) return lines->status();
  if (!have_line) {
    return InputErrorAt(path, lines->line_number() + 1, 1, "a header or a first row",
                        "end of file");
  }
  char delimiter = ',';
  for (char d : {',', ';', '\t'}) {
    if (line.find(d) != std::string_view::npos) {
      delimiter = d;
      break;
    }
  }
  HeaderFields fields = SplitHeader(line, delimiter);
  // A first line whose time column holds a number is data, not a header.
  bool by_number_only = true;
  std::size_t time_index = 0;
  for (int r = 0; r < 7; ++r) {
    std::size_t ignored = 0;
    if (!column_of[r].empty() && !IsColumnNumber(column_of[r], ignored)) by_number_only = false;
  }
  bool has_header = true;
  if (by_number_only && IsColumnNumber(column_of[0], time_index) &&
      time_index < fields.names.size() && LooksNumeric(fields.names[time_index])) {
    has_header = false;
  }

  CsvLayout layout;
  layout.delimiter = delimiter;
  layout.roles.assign(fields.names.size(), Role::kSkip);
  for (std::size_t i = 0; i < fields.names.size(); ++i) {
    layout.names.push_back(has_header ? fields.names[i] : fmt::format("column {}", i + 1));
  }
  layout.time_units_per_s = *ts;
  layout.acc_scale = static_cast<float>(*as);
  layout.gyro_scale = static_cast<float>(*gs);
  for (int r = 0; r < 7; ++r) {
    if (column_of[r].empty()) continue;
    std::size_t index = 0;
    if (!IsColumnNumber(column_of[r], index)) {
      int found = has_header ? FindField(fields, column_of[r]) : -1;
      if (found < 0) {
        return InputError(
            path, lines->line_number(), 1,
            fmt::format("a column '{}' (for {}) in the header", column_of[r], kRoles[r].name),
            line);
      }
      index = static_cast<std::size_t>(found);
    } else if (index >= fields.names.size()) {
      return InputError(path, lines->line_number(), 1,
                        fmt::format("a column {} (for {}); the first line has {}", index + 1,
                                    kRoles[r].name, fields.names.size()),
                        line);
    }
    layout.roles[index] = kRoles[r].role;
  }

  header.metadata.Set("source", "generic-csv");
  header.metadata.Set("file", path);
  if (!has_header) {
    // The first line was data: reopen and skip only the metadata lines, so
    // the row parser sees it (and reports its errors) like any other row.
    auto reopened = LineReader::OpenFile(path, path);
    if (!reopened.ok()) return reopened.status();
    std::unique_ptr<LineReader> again = std::move(reopened.value());
    std::string_view skipped;
    for (std::size_t n = 1; n < lines->line_number() && again->Next(skipped); ++n) {
    }
    lines = std::move(again);
  }
  return std::unique_ptr<SampleReader>(
      new CsvSampleReader(std::move(lines), std::move(layout), std::move(header)));
}

}  // namespace retrowalk
