// Reading motion recordings: every supported format becomes one Recording
// (time in s, acceleration with gravity in m/s², optional angular rate in
// rad/s, metadata, ground-truth annotations). Units are converted here, at
// the edge, so nothing downstream ever sees g, deg/s or ns.
//
// Bad input is an InvalidInput Status whose message names the place:
// "walk.csv:1043:3: expected a number in 'acc_y_mps2', found 'nan?'".
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/recording.h"
#include "core/result.h"

namespace retrowalk {

struct ReadOptions {
  // One of KnownFormats(); "" detects the format from the file name and header.
  std::string format;
  // Generic CSV: role -> column (header name, or 1-based column number).
  // Roles: time, ax, ay, az and optionally gx, gy, gz. Non-empty implies
  // format "generic-csv" unless `format` says otherwise.
  std::vector<std::pair<std::string, std::string>> columns;
  std::string time_unit = "s";      // s | ms | us | ns
  std::string acc_unit = "mps2";    // mps2 | g
  std::string gyro_unit = "radps";  // radps | dps
};

// The format names accepted by ReadOptions::format (and --format).
std::vector<std::string> KnownFormats();

// A recording handed out in chunks. retrowalk CSV and generic CSV are truly
// streamed (bounded memory whatever the file size); formats that merge
// several streams (Sensor Logger, phyphox) or carry small side files are
// loaded fully and then handed out in chunks.
class SampleReader {
 public:
  virtual ~SampleReader();
  // Appends up to `max_samples` samples to `out` and returns how many; 0 means
  // the end. An error stops the stream: do not call Next again.
  virtual Result<std::size_t> Next(std::vector<Sample>& out, std::size_t max_samples) = 0;
  // The same samples as Next would append, as a view that stays valid until
  // the next call; empty means the end. Loaded recordings hand out their own
  // memory (no copy); others fill a buffer that is reused between calls.
  virtual Result<std::span<const Sample>> NextView(std::size_t max_samples);
  // format, has_gyro, metadata and annotations; never samples.
  // dropped_duplicates grows while reading and is final once Next returned 0.
  virtual const Recording& header() const = 0;
  // Roughly how many samples are still to come (0: unknown); ReadAll reserves
  // that much so that a large recording is not copied while it grows.
  virtual std::size_t remaining_hint() const { return 0; }

 private:
  std::vector<Sample> view_buffer_;  // NextView's default
};

Result<std::unique_ptr<SampleReader>> OpenRecording(const std::string& path,
                                                    const ReadOptions& options = {});

// Reads the whole recording into memory.
Result<Recording> ReadRecording(const std::string& path, const ReadOptions& options = {});

}  // namespace retrowalk
