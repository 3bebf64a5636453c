#include "io/retrowalk_csv.h"

#include <charconv>
#include <filesystem>

#include <fmt/format.h>

#include "io/atomic_file.h"
#include "io/csv_sample_reader.h"
#include "io/input_error.h"
#include "io/labels_csv.h"
#include "io/metadata_lines.h"

namespace retrowalk {

namespace {

constexpr const char* kTime = "time_s";
constexpr const char* kAcc[3] = {"acc_x_mps2", "acc_y_mps2", "acc_z_mps2"};
constexpr const char* kGyro[3] = {"gyro_x_radps", "gyro_y_radps", "gyro_z_radps"};
constexpr const char* kHeaderWithGyro =
    "time_s,acc_x_mps2,acc_y_mps2,acc_z_mps2,gyro_x_radps,gyro_y_radps,gyro_z_radps";

}  // namespace

Result<std::unique_ptr<SampleReader>> OpenRetrowalkCsv(const std::string& path) {
  using namespace io;
  auto opened = LineReader::OpenFile(path, path);
  if (!opened.ok()) return opened.status();
  std::unique_ptr<LineReader> lines = std::move(opened.value());

  Recording header;
  header.format = "retrowalk-csv";
  std::string_view line;
  bool have_header = false;
  while (lines->Next(line)) {
    if (line.empty()) continue;
    if (line.front() == '#') {
      if (auto kv = ParseMetadataLine(line)) header.metadata.Set(kv->first, kv->second);
      continue;
    }
    have_header = true;
    break;
  }
  if (!lines->status().ok()) return lines->status();
  if (!have_header) {
    return InputErrorAt(path, lines->line_number() + 1, 1,
                        fmt::format("a header line '{}'", kHeaderWithGyro), "end of file");
  }
  RETROWALK_RETURN_IF_ERROR(CheckDelimiter(line, ',', *lines));
  HeaderFields fields = SplitHeader(line, ',');

  CsvLayout layout;
  layout.names = fields.names;
  layout.roles.assign(fields.names.size(), Role::kSkip);  // unknown columns are ignored
  auto require = [&](const char* name, Role role) -> Status {
    int i = FindField(fields, name);
    if (i < 0) {
      return InputError(path, lines->line_number(), 1,
                        fmt::format("a column '{}' in the header", name), line);
    }
    layout.roles[static_cast<std::size_t>(i)] = role;
    return Status::Ok();
  };
  RETROWALK_RETURN_IF_ERROR(require(kTime, Role::kTime));
  for (int k = 0; k < 3; ++k) {
    RETROWALK_RETURN_IF_ERROR(
        require(kAcc[k], static_cast<Role>(static_cast<int>(Role::kAccX) + k)));
  }
  int gyro_columns = 0;
  for (const char* g : kGyro) gyro_columns += FindField(fields, g) >= 0 ? 1 : 0;
  if (gyro_columns != 0) {
    // All three or none: a recording with half a gyroscope is a broken export.
    for (int k = 0; k < 3; ++k) {
      RETROWALK_RETURN_IF_ERROR(
          require(kGyro[k], static_cast<Role>(static_cast<int>(Role::kGyroX) + k)));
    }
  }

  if (header.metadata.Find("source") == nullptr) header.metadata.Set("source", "retrowalk-csv");
  header.metadata.Set("file", path);

  std::string labels = LabelsPathFor(path);
  std::error_code ec;
  if (labels != path && std::filesystem::is_regular_file(labels, ec)) {
    auto annotations = ReadLabelsCsv(labels);
    if (!annotations.ok()) return annotations.status();
    header.annotations = std::move(annotations.value());
  }
  return std::unique_ptr<SampleReader>(
      new CsvSampleReader(std::move(lines), std::move(layout), std::move(header)));
}

namespace {

class Writer final : public RetrowalkCsvWriter {
 public:
  Writer(std::unique_ptr<io::AtomicFile> file, bool has_gyro)
      : file_(std::move(file)), has_gyro_(has_gyro) {
    buffer_.reserve(kFlushBytes + 256);
  }

  Status Append(std::span<const Sample> samples) override {
    for (const Sample& s : samples) {
      // Shortest round-trip representation: reading the file back gives the
      // very same doubles and floats.
      AppendNumber(s.t_s);
      const float v[6] = {s.acc_mps2.x,   s.acc_mps2.y,   s.acc_mps2.z,
                          s.gyro_radps.x, s.gyro_radps.y, s.gyro_radps.z};
      const int n = has_gyro_ ? 6 : 3;
      for (int i = 0; i < n; ++i) {
        buffer_ += ',';
        AppendNumber(v[i]);
      }
      buffer_ += '\n';
      if (buffer_.size() >= kFlushBytes) RETROWALK_RETURN_IF_ERROR(Flush());
    }
    return Status::Ok();
  }

  Status Commit() override {
    RETROWALK_RETURN_IF_ERROR(Flush());
    return file_->Commit();
  }

  Status WriteText(std::string_view text) { return file_->Write(text); }

 private:
  static constexpr std::size_t kFlushBytes = std::size_t{1} << 20;

  template <typename T>
  void AppendNumber(T value) {
    char tmp[32];
    auto [end, ec] = std::to_chars(tmp, tmp + sizeof tmp, value);
    buffer_.append(tmp, end);
  }

  Status Flush() {
    Status st = file_->Write(buffer_);
    buffer_.clear();
    return st;
  }

  std::unique_ptr<io::AtomicFile> file_;
  bool has_gyro_;
  std::string buffer_;
};

}  // namespace

RetrowalkCsvWriter::~RetrowalkCsvWriter() = default;

Result<std::unique_ptr<RetrowalkCsvWriter>> RetrowalkCsvWriter::Create(const Recording& header,
                                                                       const std::string& path) {
  auto file = io::AtomicFile::Create(path);
  if (!file.ok()) return file.status();
  auto writer = std::make_unique<Writer>(std::move(file.value()), header.has_gyro);
  std::string head;
  for (const auto& [key, value] : header.metadata.entries()) {
    head += io::FormatMetadataLine(key, value);
  }
  head += header.has_gyro ? kHeaderWithGyro : "time_s,acc_x_mps2,acc_y_mps2,acc_z_mps2";
  head += '\n';
  RETROWALK_RETURN_IF_ERROR(writer->WriteText(head));
  return std::unique_ptr<RetrowalkCsvWriter>(std::move(writer));
}

Status WriteRetrowalkCsv(const Recording& r, const std::string& path) {
  auto writer = RetrowalkCsvWriter::Create(r, path);
  if (!writer.ok()) return writer.status();
  RETROWALK_RETURN_IF_ERROR((*writer)->Append(r.samples));
  return (*writer)->Commit();
}

}  // namespace retrowalk
