// CenteredBoxcar: zero-phase moving average of odd length 2*half+1, O(1) per
// sample. Two in cascade make a triangular low-pass with no phase shift, so
// step peaks stay where they are. Outside a segment the signal counts as 0
// (the input is a zero-mean dynamic acceleration).
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace retrowalk {

class CenteredBoxcar {
 public:
  explicit CenteredBoxcar(std::size_t half)
      : half_(half), length_(2 * half + 1), inv_length_(1.0 / static_cast<double>(2 * half + 1)) {
    // At least kMinCapacity slots: Local's runs end where a ring position
    // wraps, so a larger ring makes them longer.
    const std::size_t capacity = std::bit_ceil(std::max(length_ + 1, kMinCapacity));
    mask_ = capacity - 1;
    ring_.assign(capacity, 0.0);
  }

  // Returns true and sets `y` to the output for input index (pushed - 1 - half).
  bool Push(float x, float& y) {
    const std::uint64_t j = pushed_++;
    ring_[j & mask_] = x;
    sum_ += x;
    if (j >= length_) sum_ -= ring_[(j - length_) & mask_];
    if (j < half_) return false;
    y = static_cast<float>(sum_ * inv_length_);
    return true;
  }
  // A copy of the running state for a tight loop over many samples (held in
  // registers; the member state would be reloaded after every store the
  // compiler cannot tell apart from it). Push is exactly Push above; Commit
  // writes the state back.
  struct Local {
    double* ring;
    std::uint64_t mask, length, half;
    double inv_length;
    std::uint64_t pushed;
    double sum;
    bool Push(float x, float& y) {
      const std::uint64_t j = pushed++;
      ring[j & mask] = x;
      sum += x;
      if (j >= length) sum -= ring[(j - length) & mask];
      if (j < half) return false;
      y = static_cast<float>(sum * inv_length);
      return true;
    }
    // Once a full window has been pushed, every push yields an output and
    // removes one value: then pushes can go in runs, Push without its tests
    // (the same operations) and with the ring positions as pointers.
    bool Steady() const { return pushed >= length; }  // length > half: outputs flow too
    struct Run {
      double* add;           // where the run's pushes go
      const double* remove;  // the values they remove
      double sum;
      double inv_length;
      // The i-th push of the run.
      float Push(std::size_t i, float x) {
        add[i] = x;
        sum += x;
        sum -= remove[i];
        return static_cast<float>(sum * inv_length);
      }
    };
    // Steady pushes before the added or the removed position wraps.
    std::size_t Contiguous() const {
      return static_cast<std::size_t>(mask + 1 - std::max(pushed & mask, (pushed - length) & mask));
    }
    Run BeginRun() const {
      return {ring + (pushed & mask), ring + ((pushed - length) & mask), sum, inv_length};
    }
    void EndRun(const Run& run, std::size_t pushes) {
      sum = run.sum;
      pushed += pushes;
    }
  };
  Local Begin() { return {ring_.data(), mask_, length_, half_, inv_length_, pushed_, sum_}; }
  void Commit(const Local& local) {
    pushed_ = local.pushed;
    sum_ = local.sum;
  }
  // Drains the outputs still owed at the end of a segment (zero padding);
  // returns false when none is left, and resets.
  bool Flush(float& y) {
    if (drained_ < half_ && pushed_ > 0) {
      // Equivalent to pushing a zero.
      const std::uint64_t j = pushed_ + drained_;
      if (j >= length_ && j - length_ < pushed_) sum_ -= ring_[(j - length_) & mask_];
      ++drained_;
      if (j < half_) return Flush(y);  // segment shorter than half: outputs start later
      y = static_cast<float>(sum_ * inv_length_);
      return true;
    }
    Reset();
    return false;
  }
  void Reset() {
    pushed_ = 0;
    drained_ = 0;
    sum_ = 0;
  }
  std::size_t delay_samples() const { return half_; }

 private:
  static constexpr std::size_t kMinCapacity = 256;
  std::size_t half_;
  std::size_t length_;
  double inv_length_;
  std::uint64_t mask_;
  // The values pushed, as the doubles they are summed as (each float
  // converted once, not again when it leaves the window).
  std::vector<double> ring_;
  std::uint64_t pushed_ = 0;
  std::uint64_t drained_ = 0;
  double sum_ = 0;
};

}  // namespace retrowalk
