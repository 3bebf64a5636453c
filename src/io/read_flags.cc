#include "io/read_flags.h"

#include "io/generic_csv.h"

namespace retrowalk {

Result<ReadOptions> ToReadOptions(const ReadFlags& flags) {
  ReadOptions o;
  o.format = flags.format;
  if (!flags.columns.empty()) {
    auto mapping = ParseColumnMapping(flags.columns);
    if (!mapping.ok()) return mapping.status();
    o.columns = std::move(mapping.value());
  }
  o.time_unit = flags.time_unit;
  o.acc_unit = flags.acc_unit;
  o.gyro_unit = flags.gyro_unit;
  return o;
}

}  // namespace retrowalk
