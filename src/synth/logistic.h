// L2-regularised logistic regression fitted by Newton's method (IRLS), with
// per-sample weights. Small and exact: a few dozen features, thousands of
// rows, converges in ~10 iterations. Produces a direction::LinearModel.
#pragma once

#include <vector>

#include "core/result.h"
#include "gait/direction/model.h"

namespace retrowalk::synth {

struct LogisticOptions {
  double l2 = 1.0;  // penalty on the standardised weights (not on the bias)
  int max_iterations = 50;
  double tolerance = 1e-9;  // on the change of the weights
  // false: p = σ(Σ w_i x_i / scale_i) — no bias and no centring, so a model
  // over reversal-odd features satisfies p(−x) = 1 − p(x) exactly.
  bool intercept = true;
};

// rows[i] holds the full FeatureVector; only `features` are used. y[i] is 1
// for backward. Features are standardised (mean, scale stored in the model).
Result<direction::LinearModel> FitLogistic(const std::vector<direction::FeatureVector>& rows,
                                           const std::vector<int>& y,
                                           const std::vector<double>& weights,
                                           const std::vector<int>& features,
                                           const LogisticOptions& options = {});

}  // namespace retrowalk::synth
