#include "gait/direction/model.h"

#include <cmath>

namespace retrowalk::direction {

double LinearModel::Logit(const FeatureVector& x) const {
  double z = bias;
  for (std::size_t i = 0; i < features.size(); ++i) {
    const double s = scale[i] > 0 ? scale[i] : 1.0;
    z += weights[i] * (x[static_cast<std::size_t>(features[i])] - mean[i]) / s;
  }
  return z;
}

double LinearModel::ProbabilityBackward(const FeatureVector& x) const {
  const double z = Logit(x);
  return 1.0 / (1.0 + std::exp(-z));
}

}  // namespace retrowalk::direction
