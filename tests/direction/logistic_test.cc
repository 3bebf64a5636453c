#include "synth/logistic.h"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "synth/model_io.h"

namespace retrowalk::synth {
namespace {

TEST(Logistic, RecoversKnownCoefficients) {
  std::mt19937_64 rng(3);
  std::normal_distribution<double> n01(0, 1);
  std::uniform_real_distribution<double> u01(0, 1);
  std::vector<direction::FeatureVector> rows;
  std::vector<int> y;
  std::vector<double> w;
  for (int i = 0; i < 20000; ++i) {
    direction::FeatureVector x{};
    x[2] = n01(rng);
    x[5] = 3 + 2 * n01(rng);  // mean 3, scale 2
    const double z = 0.5 + 1.5 * x[2] - 1.0 * (x[5] - 3) / 2;
    y.push_back(u01(rng) < 1 / (1 + std::exp(-z)));
    rows.push_back(x);
    w.push_back(1.0);
  }
  LogisticOptions o;
  o.l2 = 1e-6;
  Result<direction::LinearModel> m = FitLogistic(rows, y, w, {2, 5}, o);
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_NEAR(m->mean[1], 3, 0.05);
  EXPECT_NEAR(m->scale[1], 2, 0.05);
  EXPECT_NEAR(m->bias, 0.5, 0.06);
  EXPECT_NEAR(m->weights[0], 1.5, 0.08);
  EXPECT_NEAR(m->weights[1], -1.0, 0.08);
}

TEST(Logistic, WeightsActLikeRepeatedRows) {
  std::vector<direction::FeatureVector> rows(4);
  rows[0][0] = -1;
  rows[1][0] = 1;
  rows[2][0] = -0.5;
  rows[3][0] = 0.5;
  const std::vector<int> y = {0, 1, 1, 0};
  Result<direction::LinearModel> a = FitLogistic(rows, y, {1, 1, 2, 2}, {0});
  std::vector<direction::FeatureVector> rep = {rows[0], rows[1], rows[2],
                                               rows[2], rows[3], rows[3]};
  Result<direction::LinearModel> b = FitLogistic(rep, {0, 1, 1, 1, 0, 0}, {1, 1, 1, 1, 1, 1}, {0});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NEAR(a->weights[0] * 1, b->weights[0], 1e-6);  // same mean and scale too
  EXPECT_NEAR(a->bias, b->bias, 1e-6);
}

TEST(Logistic, WithoutInterceptTheModelIsOdd) {
  std::mt19937_64 rng(5);
  std::normal_distribution<double> n01(0, 1);
  std::vector<direction::FeatureVector> rows;
  std::vector<int> y;
  for (int i = 0; i < 2000; ++i) {
    direction::FeatureVector x{};
    x[0] = 0.5 + n01(rng);  // off-centre on purpose
    rows.push_back(x);
    y.push_back(x[0] + 0.3 * n01(rng) > 0.5);
  }
  LogisticOptions o;
  o.intercept = false;
  Result<direction::LinearModel> m =
      FitLogistic(rows, y, std::vector<double>(rows.size(), 1.0), {0}, o);
  ASSERT_TRUE(m.ok());
  EXPECT_NEAR(m->bias, 0.0, 1e-9);
  EXPECT_EQ(m->mean[0], 0.0);
  direction::FeatureVector x{}, neg{};
  x[0] = 0.7;
  neg[0] = -0.7;
  EXPECT_NEAR(m->ProbabilityBackward(x) + m->ProbabilityBackward(neg), 1.0, 1e-9);
}

TEST(Logistic, RejectsEmptyInput) {
  EXPECT_FALSE(FitLogistic({}, {}, {}, {0}).ok());
}

TEST(ModelIo, JsonRoundTripKeepsEveryNumber) {
  direction::DirectionModel m;
  m.version = "t1";
  m.with_gyro = {{0, 3}, {0.1, 0.2}, {1.5, 2.5}, {-0.25, 1e-17}, 0.125, 0.97, 0.4};
  m.acc_only = {{12}, {0.3}, {0.7}, {2.0}, -1.0, 0.99, 0.2};
  m.feature_scale.assign(direction::kFeatureCount, 0.5);
  Result<direction::DirectionModel> r = ModelFromJson(ModelToJson(m, "test"), "mem");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->version, "t1");
  EXPECT_EQ(r->with_gyro.features, m.with_gyro.features);
  EXPECT_EQ(r->with_gyro.weights, m.with_gyro.weights);
  EXPECT_EQ(r->acc_only.backward_threshold, 0.99);
  EXPECT_EQ(r->feature_scale, m.feature_scale);
  EXPECT_FALSE(ModelFromJson("{}", "mem").ok());
  EXPECT_NE(ModelToCxx(m, "test").find("DefaultDirectionModel"), std::string::npos);
}

}  // namespace
}  // namespace retrowalk::synth
