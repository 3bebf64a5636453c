#include "synth/logistic.h"

#include <cmath>

#include <Eigen/Dense>

namespace retrowalk::synth {

Result<direction::LinearModel> FitLogistic(const std::vector<direction::FeatureVector>& rows,
                                           const std::vector<int>& y,
                                           const std::vector<double>& weights,
                                           const std::vector<int>& features,
                                           const LogisticOptions& options) {
  const auto n = static_cast<Eigen::Index>(rows.size());
  const auto d = static_cast<Eigen::Index>(features.size());
  if (n == 0 || d == 0) return Status::InvalidInput("logistic regression needs rows and features");
  if (y.size() != rows.size() || weights.size() != rows.size()) {
    return Status::Internal("logistic regression: rows, labels and weights differ in length");
  }
  direction::LinearModel model;
  model.features = features;
  model.mean.assign(features.size(), 0);
  model.scale.assign(features.size(), 1);
  // Weighted standardisation.
  double wsum = 0;
  for (double w : weights) wsum += w;
  if (wsum <= 0) return Status::InvalidInput("logistic regression: weights sum to zero");
  for (std::size_t j = 0; j < features.size(); ++j) {
    double m = 0, v = 0;
    for (std::size_t i = 0; i < rows.size(); ++i)
      m += weights[i] * rows[i][static_cast<std::size_t>(features[j])];
    m /= wsum;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const double c = rows[i][static_cast<std::size_t>(features[j])] - m;
      v += weights[i] * c * c;
    }
    model.mean[j] = options.intercept ? m : 0.0;
    if (!options.intercept) {
      v = 0;
      for (std::size_t i = 0; i < rows.size(); ++i) {
        const double c = rows[i][static_cast<std::size_t>(features[j])];
        v += weights[i] * c * c;
      }
    }
    model.scale[j] = v > 0 ? std::sqrt(v / wsum) : 1.0;
  }
  // Design matrix with a leading column of ones for the bias.
  Eigen::MatrixXd x(n, d + 1);
  Eigen::VectorXd t(n), w(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto& r = rows[static_cast<std::size_t>(i)];
    x(i, 0) = 1.0;
    for (Eigen::Index j = 0; j < d; ++j) {
      const auto k = static_cast<std::size_t>(j);
      x(i, j + 1) = (r[static_cast<std::size_t>(features[k])] - model.mean[k]) / model.scale[k];
    }
    t(i) = y[static_cast<std::size_t>(i)] ? 1.0 : 0.0;
    w(i) = weights[static_cast<std::size_t>(i)];
  }
  Eigen::VectorXd beta = Eigen::VectorXd::Zero(d + 1);
  Eigen::VectorXd penalty = Eigen::VectorXd::Constant(d + 1, options.l2);
  penalty(0) = options.intercept ? 0.0 : 1e12;  // pins the bias at 0
  for (int it = 0; it < options.max_iterations; ++it) {
    const Eigen::VectorXd z = x * beta;
    const Eigen::VectorXd p = (1.0 + (-z.array()).exp()).inverse().matrix();
    const Eigen::VectorXd s = (w.array() * p.array() * (1.0 - p.array())).matrix();
    const Eigen::VectorXd grad = x.transpose() * (w.array() * (p - t).array()).matrix() +
                                 (penalty.array() * beta.array()).matrix();
    Eigen::MatrixXd hessian = x.transpose() * s.asDiagonal() * x;
    hessian.diagonal() += penalty;
    hessian.diagonal().array() += 1e-9;  // keeps a separable, unpenalised bias solvable
    const Eigen::VectorXd step = hessian.ldlt().solve(grad);
    if (!step.allFinite()) return Status::Internal("logistic regression diverged");
    beta -= step;
    if (step.norm() < options.tolerance) break;
  }
  model.bias = beta(0);
  model.weights.resize(features.size());
  for (Eigen::Index j = 0; j < d; ++j) model.weights[static_cast<std::size_t>(j)] = beta(j + 1);
  return model;
}

}  // namespace retrowalk::synth
