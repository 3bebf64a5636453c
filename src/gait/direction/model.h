// The learned part of direction detection: a logistic regression over the
// features, plus the thresholds that turn its probability into an answer.
// Plain numbers only: loading and saving (models/direction.json) live
// outside the engine, and the default model is compiled in (default_model.cc,
// written by `retrowalk train direction`).
#pragma once

#include <string>
#include <vector>

#include "gait/direction/features.h"

namespace retrowalk::direction {

// p(backward) = σ(bias + Σ w_i (x_i − mean_i) / scale_i) over the features
// selected by `features` (indices into FeatureVector).
struct LinearModel {
  std::vector<int> features;
  std::vector<double> mean, scale, weights;
  double bias = 0;
  // Standalone answers: backward when p ≥ backward_threshold, forward when
  // p ≤ forward_threshold, else unknown. The backward threshold is set high
  // on purpose (real forward walking must almost never read backward).
  double backward_threshold = 0.9;
  double forward_threshold = 0.5;

  bool empty() const { return features.empty(); }
  double Logit(const FeatureVector& x) const;
  double ProbabilityBackward(const FeatureVector& x) const;
};

struct DirectionModel {
  std::string version;    // bump when features or training change
  LinearModel with_gyro;  // accelerometer + gyroscope
  LinearModel acc_only;   // recordings without a gyroscope
  // Training-set spread of each feature: the session template compares
  // features in these units.
  std::vector<double> feature_scale;
  // Session mode compares a bout with the warm-up template on these
  // features only (a cosine): the ones that do flip between forward and
  // backward walking at every placement. Chosen by `retrowalk train
  // direction` on synthetic sessions of the training styles. Empty: all.
  std::vector<int> session_features;

  const LinearModel& For(bool has_gyro) const {
    return has_gyro && !with_gyro.empty() ? with_gyro : acc_only;
  }
};

// The model trained by `retrowalk train direction` and committed with it.
const DirectionModel& DefaultDirectionModel();

}  // namespace retrowalk::direction
