#include "cli/report.h"

#include <cstdio>
#include <string>

namespace retrowalk::cli {

int ReportError(const Status& status) {
  std::fprintf(stderr, "retrowalk: error: %s\n", status.message().c_str());
  switch (status.code()) {
    case Status::Code::kOk:
      return kExitOk;
    case Status::Code::kInvalidInput:
    case Status::Code::kNotFound:
    case Status::Code::kUnsupported:
      return kExitBadInput;
    case Status::Code::kIoError:
    case Status::Code::kInternal:
      return kExitFailure;
  }
  return kExitFailure;
}

int ReportError(std::string_view message) {
  return ReportError(Status::InvalidInput(std::string(message)));
}

void ReportWarning(std::string_view message) {
  std::fprintf(stderr, "retrowalk: warning: %.*s\n", static_cast<int>(message.size()),
               message.data());
}

}  // namespace retrowalk::cli
