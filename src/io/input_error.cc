#include "io/input_error.h"

#include <fmt/format.h>

namespace retrowalk::io {

std::string QuoteForMessage(std::string_view text) {
  constexpr std::size_t kMaxShown = 100;  // a whole header line, but not a whole binary file
  std::string out = "'";
  std::size_t shown = 0;
  for (char c : text) {
    if (shown == kMaxShown) {
      out += "...";
      break;
    }
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out += c;
    }
    ++shown;
  }
  out += "'";
  return out;
}

Status InputError(std::string_view file, std::size_t line, std::size_t column,
                  std::string_view expected, std::string_view found) {
  return InputErrorAt(file, line, column, expected, QuoteForMessage(found));
}

Status InputErrorAt(std::string_view file, std::size_t line, std::size_t column,
                    std::string_view expected, std::string_view found_phrase) {
  return Status::InvalidInput(
      fmt::format("{}:{}:{}: expected {}, found {}", file, line, column, expected, found_phrase));
}

Status FileError(std::string_view file, std::string_view expected, std::string_view found_phrase) {
  return Status::InvalidInput(
      fmt::format("{}: expected {}, found {}", file, expected, found_phrase));
}

}  // namespace retrowalk::io
