// The reading options every CLI command that opens a recording offers, with
// one help text each, so inspect, convert (and later analyze) agree.
#pragma once

#include <string>

#include "core/result.h"
#include "io/read.h"

namespace retrowalk {

struct ReadFlags {
  std::string format;
  std::string columns;  // "time=ts,ax=a1,ay=a2,az=a3[,gx=..,gy=..,gz=..]"
  std::string time_unit = "s";
  std::string acc_unit = "mps2";
  std::string gyro_unit = "radps";
};

inline constexpr const char* kFormatFlagHelp =
    "Input format instead of detecting it from the file name and header: retrowalk-csv, "
    "sensor-logger, phyphox, generic-csv, oxford-step, ipol-gait, mobilise-d";
inline constexpr const char* kColumnsFlagHelp =
    "Generic CSV column mapping role=column, comma-separated: time, ax, ay, az required, "
    "gx, gy, gz optional (all or none); a column is a header name or a 1-based number. "
    "Example: time=ts,ax=a1,ay=a2,az=a3";
inline constexpr const char* kTimeUnitFlagHelp = "Generic CSV time unit: s, ms, us or ns";
inline constexpr const char* kAccUnitFlagHelp =
    "Generic CSV acceleration unit: mps2 (m/s²) or g (9.80665 m/s²); with gravity included";
inline constexpr const char* kGyroUnitFlagHelp = "Generic CSV angular rate unit: radps or dps";

// Validates the flags and turns them into ReadOptions.
Result<ReadOptions> ToReadOptions(const ReadFlags& flags);

}  // namespace retrowalk
