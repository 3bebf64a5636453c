#include "gait/options.h"

#include <gtest/gtest.h>

namespace retrowalk {
namespace {

TEST(EnginePresetTest, NamedPresetsExistAndUnknownNamesDoNot) {
  EXPECT_TRUE(EnginePreset("healthy").has_value());
  EXPECT_TRUE(EnginePreset("impaired").has_value());
  EXPECT_TRUE(EnginePreset("backward").has_value());
  EXPECT_FALSE(EnginePreset("sprint").has_value());
}

TEST(EnginePresetTest, SessionsDefaultToTheMoreSensitivePreset) {
  const auto standalone = EnginePreset(DefaultEnginePreset(false));
  const auto session = EnginePreset(DefaultEnginePreset(true));
  ASSERT_TRUE(standalone.has_value());
  ASSERT_TRUE(session.has_value());
  // A session must find a short, slow warm-up: weaker peaks, longer steps and
  // a looser rhythm are accepted than by default.
  EXPECT_LT(session->steps.min_peak_mps2, standalone->steps.min_peak_mps2);
  EXPECT_GT(session->bouts.max_step_s, standalone->bouts.max_step_s);
  EXPECT_GT(session->bouts.rhythm_tolerance, standalone->bouts.rhythm_tolerance);
}

}  // namespace
}  // namespace retrowalk
