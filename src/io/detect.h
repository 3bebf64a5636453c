// Format detection from the file name and the first line, overridable by
// ReadOptions::format. Rules (first match wins; see docs/formats.md):
//  1. --format given: use it. --columns given: generic-csv.
//  2. A folder or .zip: accelerometer.csv + stepcounter.csv -> oxford-step;
//     a member with header "time,seconds_elapsed,..." -> sensor-logger;
//     a member with header "Time (s)",... -> phyphox.
//  3. A file: "Acquisition frequency:" on line 1 -> ipol-gait; header
//     "time_s,..." -> retrowalk-csv; "sample,t_s,acc_x_g" -> mobilise-d;
//     "time,seconds_elapsed" -> sensor-logger (its folder); "Time (s)" ->
//     phyphox; accelerometer.csv/stepcounter.csv of numbers -> oxford-step
//     (its folder).
#pragma once

#include <string>

#include "core/result.h"
#include "io/read.h"

namespace retrowalk::io {

struct Detected {
  std::string format;
  std::string path;  // what the reader opens (a folder for Oxford when given a file in it)
};

Result<Detected> DetectFormat(const std::string& path, const ReadOptions& options);

}  // namespace retrowalk::io
