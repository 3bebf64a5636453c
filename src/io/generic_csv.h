// Generic CSV: any delimited file with a time column and three acceleration
// columns (optionally three gyro columns), mapped and scaled by the caller:
//   --columns time=ts,ax=a1,ay=a2,az=a3[,gx=..,gy=..,gz=..]
//   --time-unit s|ms|us|ns  --acc-unit mps2|g  --gyro-unit radps|dps
// A column is a header name or a 1-based column number. The delimiter (',',
// ';' or tab) is taken from the first line. Streams with bounded memory.
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "io/read.h"

namespace retrowalk {

Result<std::unique_ptr<SampleReader>> OpenGenericCsv(const std::string& path,
                                                     const ReadOptions& options);

// Parses "time=ts,ax=a1,..." into ReadOptions::columns.
Result<std::vector<std::pair<std::string, std::string>>> ParseColumnMapping(
    const std::string& text);

}  // namespace retrowalk
