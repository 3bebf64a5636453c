// Temporary: replaced by sensor_logger.cc and phyphox.cc.
#include "io/phone_exports.h"

namespace retrowalk {
Result<Recording> ReadSensorLogger(const std::string&) {
  return Status::Unsupported("Sensor Logger exports are not supported yet");
}
Result<Recording> ReadPhyphox(const std::string&) {
  return Status::Unsupported("phyphox exports are not supported yet");
}
}  // namespace retrowalk
