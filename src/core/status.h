// Status: the outcome of an operation that can fail for an expected reason
// (bad input file, bad request, missing row). Failures are values, not
// exceptions, so they never cross a module border unannounced; the faces
// (CLI, HTTP) turn them into a message and an exit code or HTTP status.
#pragma once

#include <string>
#include <utility>

namespace retrowalk {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidInput,  // malformed file or argument: the user can fix it
    kNotFound,      // a file, member or row that should exist does not
    kIoError,       // the operating system refused (permissions, disk full)
    kUnsupported,   // valid input that this version cannot handle
    kInternal,      // a bug: an invariant of ours was broken
  };

  Status() = default;  // ok
  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string msg) { return {Code::kInvalidInput, std::move(msg)}; }
  static Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status IoError(std::string msg) { return {Code::kIoError, std::move(msg)}; }
  static Status Unsupported(std::string msg) { return {Code::kUnsupported, std::move(msg)}; }
  static Status Internal(std::string msg) { return {Code::kInternal, std::move(msg)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // For input errors the message starts with "file:line:column: ".
  const std::string& message() const { return message_; }

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

}  // namespace retrowalk
