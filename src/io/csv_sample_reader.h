// CsvSampleReader: the one row parser behind every delimited-text reader
// (retrowalk CSV, generic CSV, Oxford, IPOL, Mobilise-D, Sensor Logger,
// phyphox). A layout says which field holds time and which the acceleration
// and gyro axes, in what units; the reader streams rows into Samples with
// std::from_chars, checks them (finite, time increasing, |a| <= 50 g) and
// reports the first bad field as "file:line:column: expected ..., found '...'".
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "io/line_reader.h"
#include "io/read.h"

namespace retrowalk::io {

enum class Role : std::uint8_t { kSkip, kTime, kAccX, kAccY, kAccZ, kGyroX, kGyroY, kGyroZ };

struct CsvLayout {
  char delimiter = ',';
  std::vector<std::string> names;  // one per field, used in messages
  std::vector<Role> roles;         // one per field; rows must have exactly this many
  // Raw time units per second (1e9 for ns, the rate for sample counters).
  // Dividing, rather than multiplying by 1e-9, gives the correctly rounded
  // seconds, which also print short: 0.003493792, not 0.0034937920000000003.
  double time_units_per_s = 1.0;
  float acc_scale = 1.0f;   // raw acceleration unit -> m/s²
  float gyro_scale = 1.0f;  // raw angular rate unit -> rad/s
  // Subtract the first row's raw time, so that e.g. nanosecond boot-clock
  // stamps become seconds from the start without losing precision.
  bool rebase_time = false;
  // Whether a file with a header and no rows is acceptable (never for samples).
  bool allow_empty = false;
};

class CsvSampleReader final : public SampleReader {
 public:
  // `lines` is positioned after the header; `header` carries format, metadata
  // and annotations (has_gyro is set here from the layout).
  CsvSampleReader(std::unique_ptr<LineReader> lines, CsvLayout layout, Recording header);

  Result<std::size_t> Next(std::vector<Sample>& out, std::size_t max_samples) override;
  const Recording& header() const override { return header_; }
  // From the bytes per row so far and the bytes left in the file.
  std::size_t remaining_hint() const override;

  // Raw time of the first row (before scaling); valid once a row was read.
  double raw_time_origin() const { return time_origin_; }

 private:
  struct Field {
    std::size_t offset = 0;  // in the line
    std::size_t length = 0;
  };
  // Parses one row into raw values; fields_ records where each role's text was.
  Status ParseRow(std::string_view line, double& time, float (&values)[6]);
  Status RowError(std::size_t offset, std::string expected, std::string_view found) const;
  Status RowErrorAt(std::size_t offset, std::string expected, std::string_view found_phrase) const;
  Status CheckSample(std::string_view line, const Sample& s, bool& keep);

  std::unique_ptr<LineReader> lines_;
  CsvLayout layout_;
  Recording header_;
  std::size_t field_count_ = 0;
  Field fields_[8];  // indexed by Role
  std::size_t rows_ = 0;
  bool done_ = false;
  double time_origin_ = 0;
  bool has_previous_ = false;
  double previous_t_ = 0;
};

// The one reader every format that is loaded fully hands out in chunks.
class LoadedSampleReader final : public SampleReader {
 public:
  explicit LoadedSampleReader(Recording recording);
  Result<std::size_t> Next(std::vector<Sample>& out, std::size_t max_samples) override;
  const Recording& header() const override { return header_; }
  std::size_t remaining_hint() const override { return samples_.size() - next_; }
  Result<std::span<const Sample>> NextView(std::size_t max_samples) override;

 private:
  Recording header_;
  std::vector<Sample> samples_;
  std::size_t next_ = 0;
};

// Drains a reader into one Recording.
Result<Recording> ReadAll(SampleReader& reader);

// Header helpers shared by the readers.
struct HeaderFields {
  std::vector<std::string> names;    // trimmed, quotes removed
  std::vector<std::size_t> columns;  // 1-based column where each name starts
};
HeaderFields SplitHeader(std::string_view line, char delimiter);
// Index of `name` (exact match), or -1.
int FindField(const HeaderFields& header, std::string_view name);
// An error when the line uses ';' or tab where `delimiter` was expected.
Status CheckDelimiter(std::string_view line, char delimiter, const LineReader& where);

}  // namespace retrowalk::io
