#include "gait/events.h"

namespace retrowalk {

std::string_view DirectionName(Direction d) {
  switch (d) {
    case Direction::kForward:
      return "forward";
    case Direction::kBackward:
      return "backward";
    case Direction::kUnknown:
      break;
  }
  return "unknown";
}

}  // namespace retrowalk
