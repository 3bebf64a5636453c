// One place that formats input errors, so every reader reports bad input the
// same way: "file:line:column: expected <what>, found '<text>'".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace retrowalk::io {

// `found` is quoted and shortened (long text is cut, control bytes escaped).
Status InputError(std::string_view file, std::size_t line, std::size_t column,
                  std::string_view expected, std::string_view found);

// For "found end of file" and similar: `found` is printed as is, unquoted.
Status InputErrorAt(std::string_view file, std::size_t line, std::size_t column,
                    std::string_view expected, std::string_view found_phrase);

// An error about a whole file or archive (no line): "file: expected ..., found ...".
Status FileError(std::string_view file, std::string_view expected, std::string_view found_phrase);

// Quotes and shortens text for a message: 'abc', control bytes as \xNN.
std::string QuoteForMessage(std::string_view text);

}  // namespace retrowalk::io
