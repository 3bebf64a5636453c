// Result<T>: either a value or the Status that explains why there is none.
#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "core/status.h"

namespace retrowalk {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(state_).ok() && "a Result without a value needs a failed Status");
  }

  bool ok() const { return std::holds_alternative<T>(state_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(state_);
  }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> state_;
};

// Returns early from the enclosing function when `expr` (a Status) failed.
#define RETROWALK_RETURN_IF_ERROR(expr)       \
  do {                                        \
    ::retrowalk::Status _rw_status = (expr);  \
    if (!_rw_status.ok()) return _rw_status;  \
  } while (false)

}  // namespace retrowalk
