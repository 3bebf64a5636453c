#include "io/read.h"

#include <filesystem>

#include <fmt/format.h>

#include "io/csv_sample_reader.h"
#include "io/dataset_readers.h"
#include "io/detect.h"
#include "io/generic_csv.h"
#include "io/phone_exports.h"
#include "io/retrowalk_csv.h"

namespace retrowalk {

SampleReader::~SampleReader() = default;

Result<std::span<const Sample>> SampleReader::NextView(std::size_t max_samples) {
  view_buffer_.clear();
  auto n = Next(view_buffer_, max_samples);
  if (!n.ok()) return n.status();
  return std::span<const Sample>(view_buffer_);
}

std::vector<std::string> KnownFormats() {
  return {"retrowalk-csv", "sensor-logger", "phyphox",   "generic-csv",
          "oxford-step",   "ipol-gait",     "mobilise-d"};
}

namespace {

Result<std::unique_ptr<SampleReader>> Loaded(Result<Recording> r) {
  if (!r.ok()) return r.status();
  return std::unique_ptr<SampleReader>(new io::LoadedSampleReader(std::move(r.value())));
}

}  // namespace

Result<std::unique_ptr<SampleReader>> OpenRecording(const std::string& path,
                                                    const ReadOptions& options) {
  auto detected = io::DetectFormat(path, options);
  if (!detected.ok()) return detected.status();
  const std::string& format = detected->format;
  const std::string& target = detected->path;
  if (format == "retrowalk-csv") return OpenRetrowalkCsv(target);
  if (format == "generic-csv") return OpenGenericCsv(target, options);
  if (format == "oxford-step") return Loaded(ReadOxfordStep(target));
  if (format == "ipol-gait") return Loaded(ReadIpolGait(target));
  if (format == "mobilise-d") return Loaded(ReadMobiliseD(target));
  if (format == "sensor-logger") return Loaded(ReadSensorLogger(target));
  if (format == "phyphox") return Loaded(ReadPhyphox(target));
  return Status::Internal(fmt::format("format '{}' has no reader", format));
}

Result<Recording> ReadRecording(const std::string& path, const ReadOptions& options) {
  auto reader = OpenRecording(path, options);
  if (!reader.ok()) return reader.status();
  return io::ReadAll(**reader);
}

}  // namespace retrowalk
