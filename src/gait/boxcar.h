// CenteredBoxcar: zero-phase moving average of odd length 2*half+1, O(1) per
// sample. Two in cascade make a triangular low-pass with no phase shift, so
// step peaks stay where they are. Outside a segment the signal counts as 0
// (the input is a zero-mean dynamic acceleration).
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace retrowalk {

class CenteredBoxcar {
 public:
  explicit CenteredBoxcar(std::size_t half)
      : half_(half), length_(2 * half + 1), inv_length_(1.0 / static_cast<double>(2 * half + 1)) {
    const std::size_t capacity = std::bit_ceil(length_ + 1);
    mask_ = capacity - 1;
    ring_.assign(capacity, 0.0f);
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
    float* ring;
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
    // removes one value: Push without its tests (the same operations).
    bool Steady() const { return pushed >= length; }  // length > half: outputs flow too
    float PushSteady(float x) {
      const std::uint64_t j = pushed++;
      ring[j & mask] = x;
      sum += x;
      sum -= ring[(j - length) & mask];
      return static_cast<float>(sum * inv_length);
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
  std::size_t half_;
  std::size_t length_;
  double inv_length_;
  std::uint64_t mask_;
  std::vector<float> ring_;
  std::uint64_t pushed_ = 0;
  std::uint64_t drained_ = 0;
  double sum_ = 0;
};

}  // namespace retrowalk
