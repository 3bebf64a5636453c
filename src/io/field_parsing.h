// Splitting small side files (ground truth, metadata) into fields and reading
// numbers from them with located errors. Sample rows go through the faster
// CsvSampleReader instead.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "io/line_reader.h"

namespace retrowalk::io {

struct FieldView {
  std::string_view text;
  std::size_t column = 1;  // 1-based
};

// Splits `line` on `delimiter` (no quoting).
std::vector<FieldView> SplitFields(std::string_view line, char delimiter);

// Parse a whole field as a finite number; the error names `what`.
Result<double> FieldDouble(const LineReader& where, const FieldView& f, std::string_view what);
Result<long long> FieldInteger(const LineReader& where, const FieldView& f, std::string_view what);

// Error when a row has fewer than `n` fields.
Status RequireFields(const LineReader& where, std::string_view line,
                     const std::vector<FieldView>& fields, std::size_t n,
                     std::string_view description);

}  // namespace retrowalk::io
