// How the CLI reports failures: one line on stderr, a stable exit code.
#pragma once

#include <string_view>

#include "core/status.h"

namespace retrowalk::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;    // the system failed (I/O, internal)
inline constexpr int kExitBadInput = 2;   // the user's input or arguments are wrong

// Prints "retrowalk: error: <message>" and returns the exit code for it.
int ReportError(const Status& status);
int ReportError(std::string_view message);  // a bad-input error
void ReportWarning(std::string_view message);

}  // namespace retrowalk::cli
