// Placeholder until `retrowalk train direction` writes the trained model:
// no coefficients, so every answer is "unknown".
#include "gait/direction/model.h"

namespace retrowalk::direction {

const DirectionModel& DefaultDirectionModel() {
  static const DirectionModel model{};
  return model;
}

}  // namespace retrowalk::direction
