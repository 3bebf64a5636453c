// retrowalk CSV: the project's own exchange format (see docs/formats.md).
//
//   # placement: front-pocket            <- optional metadata lines
//   time_s,acc_x_mps2,acc_y_mps2,acc_z_mps2[,gyro_x_radps,gyro_y_radps,gyro_z_radps]
//   0.000,0.31,9.62,1.02,0.012,-0.210,0.033
//
// Annotations travel in a sidecar X.labels.csv (see labels_csv.h).
#pragma once

#include <memory>
#include <span>
#include <string>

#include "core/recording.h"
#include "core/result.h"
#include "io/read.h"

namespace retrowalk {

// Streams a retrowalk CSV (bounded memory); annotations come from the sidecar
// labels file beside it when there is one.
Result<std::unique_ptr<SampleReader>> OpenRetrowalkCsv(const std::string& path);

// Writes `r` atomically: the file at `path` is complete or absent.
Status WriteRetrowalkCsv(const Recording& r, const std::string& path);

// Streaming writer for recordings that do not fit in memory.
class RetrowalkCsvWriter {
 public:
  // `header` gives has_gyro and the metadata written as "# key: value" lines.
  static Result<std::unique_ptr<RetrowalkCsvWriter>> Create(const Recording& header,
                                                            const std::string& path);
  virtual ~RetrowalkCsvWriter();
  virtual Status Append(std::span<const Sample> samples) = 0;
  // Nothing appears at `path` unless Commit() succeeds.
  virtual Status Commit() = 0;
};

}  // namespace retrowalk
