// Phone app exports that log each sensor on its own clock, merged onto the
// accelerometer's timestamps (gyro linearly interpolated; see stream_merge.h).
//  - Sensor Logger (iOS/Android): a zip or folder with Accelerometer.csv,
//    Gyroscope.csv, Gravity.csv, TotalAcceleration.csv, Metadata.csv ...;
//    columns time (ns since epoch), seconds_elapsed, z, y, x.
//  - phyphox: Accelerometer.csv ("Acceleration with g") and Gyroscope.csv with
//    quoted headers "Time (s)","Acceleration x (m/s^2)",...; a zip, a folder,
//    or one of the CSV files (its sibling is picked up).
#pragma once

#include <string>

#include "core/recording.h"
#include "core/result.h"

namespace retrowalk {

// `path`: the zip, the folder, or a CSV member inside the folder.
Result<Recording> ReadSensorLogger(const std::string& path);
Result<Recording> ReadPhyphox(const std::string& path);

}  // namespace retrowalk
