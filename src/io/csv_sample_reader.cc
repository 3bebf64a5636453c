#include "io/csv_sample_reader.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <system_error>
#include <type_traits>

#include <fmt/format.h>

#include "io/input_error.h"

namespace retrowalk::io {

namespace {

// Larger than any human or robot produces walking; a phone dropped on stone
// can briefly exceed it, but a value this size in a log is almost always a
// unit mistake (mg read as m/s², a counter in an axis column).
constexpr float kMaxAccelerationMps2 = 50.0f * kStandardGravity;

bool IsBlank(char c) {
  return c == ' ' || c == '\t';
}

std::string DelimiterName(char c) {
  if (c == '\t') return "tab";
  return fmt::format("'{}'", c);
}

// The text of the field starting at `offset`: up to the next delimiter.
std::string_view FieldText(std::string_view line, std::size_t offset, char delimiter) {
  std::size_t stop = line.find(delimiter, offset);
  return line.substr(offset,
                     stop == std::string_view::npos ? std::string_view::npos : stop - offset);
}

// Exact powers of ten: every one up to 1e22 is representable in a double,
// up to 1e10 in a float.
constexpr double kPow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                               1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                               1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
constexpr float kPow10f[11] = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f};

// Whether rounding the double d to float gives the float nearest to any real
// number whose nearest double is d: true unless d lies exactly halfway
// between two floats (its 29 bits below float precision are 1000...0), or
// outside float's normal range, where the check does not apply.
inline bool FloatRoundingIsExact(double d) {
  const double a = std::fabs(d);
  if (a == 0) return true;
  if (a < 1.2e-38 || a > 3.4e38) return false;
  const auto bits = std::bit_cast<std::uint64_t>(d);
  constexpr std::uint64_t kLow = (std::uint64_t{1} << 29) - 1;
  return (bits & kLow) != (std::uint64_t{1} << 28);
}

// The common case in sensor logs, "-12.3456": digits, an optional point and
// more digits. When the digits form an integer m exactly representable in T
// and 10^k is too, m / 10^k is one correctly rounded division (Clinger's fast
// path), so the result is bit-identical to std::from_chars at a fraction of
// its cost. Anything else (exponents, long mantissas, inf/nan, junk) returns
// false and goes to std::from_chars.
template <typename T>
bool FastDecimal(const char* p, const char* end, T& value, const char*& stop) {
  const char* q = p;
  const bool negative = q < end && *q == '-';
  if (negative) ++q;
  std::uint64_t m = 0;
  int digits = 0;
  int fraction = 0;
  while (q < end && static_cast<unsigned>(*q - '0') < 10u) {
    m = m * 10 + static_cast<unsigned>(*q - '0');
    ++digits;
    ++q;
  }
  if (q < end && *q == '.') {
    ++q;
    while (q < end && static_cast<unsigned>(*q - '0') < 10u) {
      m = m * 10 + static_cast<unsigned>(*q - '0');
      ++digits;
      ++fraction;
      ++q;
    }
  }
  if (digits == 0 || digits > 19) return false;
  if (q < end && (*q == 'e' || *q == 'E')) return false;
  if constexpr (std::is_same_v<T, float>) {
    if (m <= (std::uint64_t{1} << 24) && fraction <= 10) {
      value = static_cast<float>(m) / kPow10f[fraction];
    } else {
      // Phones write 7-9 significant digits ("3.8534677"), more than a float
      // holds. The correctly rounded double of m / 10^k rounds to the
      // correctly rounded float unless it sits exactly on a midpoint between
      // two floats (the true value may be either side of it): from_chars then.
      if (m > (std::uint64_t{1} << 53) || fraction > 22) return false;
      const double d = static_cast<double>(m) / kPow10[fraction];
      if (!FloatRoundingIsExact(d)) return false;
      value = static_cast<float>(d);
    }
  } else {
    if (m > (std::uint64_t{1} << 53) || fraction > 22) return false;
    value = static_cast<double>(m) / kPow10[fraction];
  }
  if (negative) value = -value;
  stop = q;
  return true;
}

// Parses a number filling [p, end) up to a delimiter. Sets `stop` to the first
// byte after the number (and trailing blanks). Returns false when no number
// could be read at all.
template <typename T>
bool ParseNumber(const char* p, const char* end, T& value, const char*& stop, bool& out_of_range) {
  out_of_range = false;
  while (p < end && *p == ' ') ++p;
  if (p < end && *p == '+') ++p;  // from_chars rejects an explicit plus sign
  const char* ptr = nullptr;
  if (!FastDecimal(p, end, value, ptr)) {
    auto [fptr, ec] = std::from_chars(p, end, value);
    out_of_range = ec == std::errc::result_out_of_range;
    if (ec != std::errc{} && !out_of_range) return false;
    ptr = fptr;
  }
  while (ptr < end && *ptr == ' ') ++ptr;
  stop = ptr;
  return true;
}

}  // namespace

CsvSampleReader::CsvSampleReader(std::unique_ptr<LineReader> lines, CsvLayout layout,
                                 Recording header)
    : lines_(std::move(lines)), layout_(std::move(layout)), header_(std::move(header)) {
  field_count_ = layout_.roles.size();
  header_.samples.clear();
  header_.has_gyro =
      std::find(layout_.roles.begin(), layout_.roles.end(), Role::kGyroX) != layout_.roles.end();
}

Status CsvSampleReader::RowError(std::size_t offset, std::string expected,
                                 std::string_view found) const {
  return RowErrorAt(offset, std::move(expected), QuoteForMessage(found));
}

Status CsvSampleReader::RowErrorAt(std::size_t offset, std::string expected,
                                   std::string_view found_phrase) const {
  // A parse error on a last line without its newline is most likely a file
  // cut short (an interrupted copy or recording): say so.
  std::string found(found_phrase);
  if (lines_->last_line_unterminated()) found += " (the last line looks truncated)";
  return InputErrorAt(lines_->name(), lines_->line_number(), offset + 1, expected, found);
}

Status CsvSampleReader::ParseRow(std::string_view line, double& time, float (&values)[6]) {
  const char delimiter = layout_.delimiter;
  const char* const begin = line.data();
  const char* const end = begin + line.size();
  const char* p = begin;
  for (std::size_t i = 0; i < field_count_; ++i) {
    const Role role = layout_.roles[i];
    const std::size_t offset = static_cast<std::size_t>(p - begin);
    if (role == Role::kSkip) {
      const void* d = std::memchr(p, delimiter, static_cast<std::size_t>(end - p));
      p = d ? static_cast<const char*>(d) : end;
    } else {
      const char* stop = nullptr;
      bool out_of_range = false;
      bool ok = role == Role::kTime
                    ? ParseNumber(p, end, time, stop, out_of_range)
                    : ParseNumber(p, end, values[static_cast<int>(role) - 2], stop, out_of_range);
      if (ok && stop < end && *stop != delimiter) {
        // A number followed by another delimiter means the file uses a
        // different one: say so rather than "not a number".
        if (*stop == ';' || *stop == ',' || *stop == '\t') {
          return RowError(static_cast<std::size_t>(stop - begin),
                          fmt::format("{} delimiter", DelimiterName(delimiter)),
                          std::string_view(stop, 1));
        }
        ok = false;
      }
      if (!ok) {
        return RowError(offset, fmt::format("a number in '{}'", layout_.names[i]),
                        FieldText(line, offset, delimiter));
      }
      bool finite = role == Role::kTime ? std::isfinite(time)
                                        : std::isfinite(values[static_cast<int>(role) - 2]);
      if (out_of_range || !finite) {
        return RowError(offset, fmt::format("a finite number in '{}'", layout_.names[i]),
                        FieldText(line, offset, delimiter));
      }
      fields_[static_cast<int>(role)] = {offset, static_cast<std::size_t>(stop - begin) - offset};
      p = stop;
    }
    if (i + 1 < field_count_) {
      if (p == end) {
        return RowErrorAt(line.size(),
                          fmt::format("{} and field '{}' ({} fields per row)",
                                      DelimiterName(delimiter), layout_.names[i + 1], field_count_),
                          "end of line");
      }
      ++p;  // the delimiter
    } else if (p != end) {
      return RowError(static_cast<std::size_t>(p - begin),
                      fmt::format("end of line after field '{}' ({} fields per row)",
                                  layout_.names[i], field_count_),
                      std::string_view(p, static_cast<std::size_t>(end - p)));
    }
  }
  return Status::Ok();
}

Status CsvSampleReader::CheckSample(std::string_view line, const Sample& s, bool& keep) {
  keep = true;
  const Field& tf = fields_[static_cast<int>(Role::kTime)];
  if (has_previous_) {
    if (s.t_s == previous_t_) {
      // Real phone logs repeat timestamps; the repeat carries no new time
      // information, so it is dropped and counted rather than rejected.
      keep = false;
      ++header_.dropped_duplicates;
      return Status::Ok();
    }
    if (s.t_s < previous_t_) {
      return RowError(
          tf.offset,
          fmt::format("time to increase (previous row: {} s, this row: {} s)", previous_t_, s.t_s),
          line.substr(tf.offset, tf.length));
    }
  }
  if (Dot(s.acc_mps2, s.acc_mps2) > kMaxAccelerationMps2 * kMaxAccelerationMps2) {
    const float norm = s.acc_mps2.norm();
    // Point at the largest component: that is the field to look at.
    const float a[3] = {std::fabs(s.acc_mps2.x), std::fabs(s.acc_mps2.y), std::fabs(s.acc_mps2.z)};
    int k = static_cast<int>(std::max_element(a, a + 3) - a);
    const Field& f = fields_[static_cast<int>(Role::kAccX) + k];
    std::size_t index = 0;
    for (std::size_t i = 0; i < field_count_; ++i) {
      if (layout_.roles[i] == static_cast<Role>(static_cast<int>(Role::kAccX) + k)) index = i;
    }
    return RowError(f.offset,
                    fmt::format("|acceleration| <= 50 g in '{}' (this row: {:.1f} g)",
                                layout_.names[index], norm / kStandardGravity),
                    line.substr(f.offset, f.length));
  }
  has_previous_ = true;
  previous_t_ = s.t_s;
  return Status::Ok();
}

Result<std::size_t> CsvSampleReader::Next(std::vector<Sample>& out, std::size_t max_samples) {
  if (done_) return std::size_t{0};
  std::size_t produced = 0;
  std::string_view line;
  double time = 0;
  float v[6] = {0, 0, 0, 0, 0, 0};
  while (produced < max_samples) {
    if (!lines_->Next(line)) {
      done_ = true;
      if (!lines_->status().ok()) return lines_->status();
      if (rows_ == 0 && !layout_.allow_empty) {
        return InputErrorAt(lines_->name(), lines_->line_number() + 1, 1,
                            "a sample row after the header", "end of file");
      }
      break;
    }
    if (line.empty()) continue;  // blank lines carry nothing
    Status st = ParseRow(line, time, v);
    if (!st.ok()) {
      done_ = true;
      return st;
    }
    if (rows_ == 0) time_origin_ = time;
    ++rows_;
    Sample s;
    const double raw = layout_.rebase_time ? time - time_origin_ : time;
    s.t_s = layout_.time_units_per_s == 1.0 ? raw : raw / layout_.time_units_per_s;
    s.acc_mps2 = Vec3{v[0], v[1], v[2]} * layout_.acc_scale;
    if (header_.has_gyro) s.gyro_radps = Vec3{v[3], v[4], v[5]} * layout_.gyro_scale;
    bool keep = true;
    st = CheckSample(line, s, keep);
    if (!st.ok()) {
      done_ = true;
      return st;
    }
    if (!keep) continue;
    out.push_back(s);
    ++produced;
  }
  return produced;
}

std::size_t CsvSampleReader::remaining_hint() const {
  const std::uint64_t size = lines_->size_bytes();
  const std::uint64_t consumed = lines_->bytes_consumed();
  if (done_ || rows_ == 0 || size <= consumed || consumed == 0) return 0;
  const double bytes_per_row = static_cast<double>(consumed) / static_cast<double>(rows_);
  return static_cast<std::size_t>(static_cast<double>(size - consumed) / bytes_per_row);
}

LoadedSampleReader::LoadedSampleReader(Recording recording)
    : header_(std::move(recording)), samples_(std::move(header_.samples)) {
  header_.samples.clear();
}

Result<std::size_t> LoadedSampleReader::Next(std::vector<Sample>& out, std::size_t max_samples) {
  std::size_t n = std::min(max_samples, samples_.size() - next_);
  out.insert(out.end(), samples_.begin() + static_cast<std::ptrdiff_t>(next_),
             samples_.begin() + static_cast<std::ptrdiff_t>(next_ + n));
  next_ += n;
  return n;
}

Result<std::span<const Sample>> LoadedSampleReader::NextView(std::size_t max_samples) {
  const std::size_t n = std::min(max_samples, samples_.size() - next_);
  const std::span<const Sample> view(samples_.data() + next_, n);
  next_ += n;
  return view;
}

Result<Recording> ReadAll(SampleReader& reader) {
  std::vector<Sample> samples;
  // A small first chunk shows how long rows are; then the rest is reserved at
  // once (2 % spare for rows that run longer later on).
  constexpr std::size_t kFirstChunk = 1 << 10;
  constexpr std::size_t kChunk = 1 << 16;
  for (bool first = true;; first = false) {
    Result<std::size_t> n = reader.Next(samples, first ? kFirstChunk : kChunk);
    if (!n.ok()) return n.status();
    if (*n == 0) break;
    if (first) {
      const std::size_t hint = reader.remaining_hint();
      if (hint > 0) samples.reserve(samples.size() + hint + hint / 50);
    }
  }
  Recording r = reader.header();
  r.samples = std::move(samples);
  return r;
}

HeaderFields SplitHeader(std::string_view line, char delimiter) {
  HeaderFields h;
  std::size_t pos = 0;
  while (true) {
    std::size_t stop = line.find(delimiter, pos);
    std::string_view f =
        line.substr(pos, stop == std::string_view::npos ? std::string_view::npos : stop - pos);
    std::size_t column = pos + 1;
    while (!f.empty() && IsBlank(f.front())) {
      f.remove_prefix(1);
      ++column;
    }
    while (!f.empty() && IsBlank(f.back())) f.remove_suffix(1);
    if (f.size() >= 2 && f.front() == '"' && f.back() == '"') f = f.substr(1, f.size() - 2);
    h.names.emplace_back(f);
    h.columns.push_back(column);
    if (stop == std::string_view::npos) break;
    pos = stop + 1;
  }
  return h;
}

int FindField(const HeaderFields& header, std::string_view name) {
  for (std::size_t i = 0; i < header.names.size(); ++i) {
    if (header.names[i] == name) return static_cast<int>(i);
  }
  return -1;
}

Status CheckDelimiter(std::string_view line, char delimiter, const LineReader& where) {
  if (line.find(delimiter) != std::string_view::npos) return Status::Ok();
  for (char other : {',', ';', '\t'}) {
    if (other == delimiter) continue;
    std::size_t at = line.find(other);
    if (at != std::string_view::npos) {
      return InputError(where.name(), where.line_number(), at + 1,
                        fmt::format("{} delimiter", DelimiterName(delimiter)),
                        std::string_view(&line[at], 1));
    }
  }
  return Status::Ok();
}

}  // namespace retrowalk::io
