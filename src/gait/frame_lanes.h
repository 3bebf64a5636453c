// Loading a frame's vectors into SSE2 registers, for the block paths that
// process four frames at a time (gravity projection, stumble motion peaks).
#pragma once

#include <cstddef>

#include "gait/frame.h"

#if defined(__SSE2__)
#include <xmmintrin.h>

namespace retrowalk {

// Four floats of a frame from a byte offset: a Vec3 member and the float after
// it. Every such load stays inside the 56-byte frame.
inline __m128 LoadAt(const Frame& f, std::size_t offset) {
  return _mm_loadu_ps(reinterpret_cast<const float*>(reinterpret_cast<const char*>(&f) + offset));
}

}  // namespace retrowalk
#endif
