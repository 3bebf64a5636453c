#include "training/session_engine.h"

#include <gtest/gtest.h>

namespace retrowalk::training {
namespace {

using Type = SessionEvent::Type;

std::vector<Interval> Short() {
  return {{IntervalKind::kWarmUp, 1, 2.5, true, "warm up"},
          {IntervalKind::kBackward, 2, 1.0, true, "back"},
          {IntervalKind::kCoolDown, 1, 2.0, true, "cool"}};
}

SessionEngine Engine() {
  return SessionEngine(Short(), {"cue A", "cue B"}, 15, 60);
}

TEST(SessionEngineTest, CuesFollowTheIntervals) {
  SessionEngine e = Engine();
  auto ev = e.Start(1000);  // any clock origin
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].type, Type::kIntervalStart);
  EXPECT_EQ(ev[0].cue, Cue::kWalkForward);
  EXPECT_TRUE(e.Update(1059).empty());
  ev = e.Update(1060);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].cue, Cue::kWalkBackward);
  EXPECT_EQ(ev[0].interval, 1);
  ev = e.Update(1075);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].type, Type::kFormCue);
  EXPECT_EQ(ev[0].text, "cue A");
  ev = e.Update(1135);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].text, "cue B");
  ev = e.Update(1180);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].cue, Cue::kWalkForward);
  EXPECT_DOUBLE_EQ(e.backward_done_s(), 120);
  ev = e.Update(1240);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].type, Type::kFinished);
  EXPECT_EQ(ev[0].cue, Cue::kStop);
  EXPECT_EQ(e.state(), SessionEngine::State::kFinished);
  EXPECT_TRUE(e.Update(5000).empty());
}

TEST(SessionEngineTest, ALateUpdateEmitsEveryCueInOrder) {
  SessionEngine e = Engine();
  e.Start(0);
  auto ev = e.Update(10000);
  std::vector<Type> types;
  for (const auto& x : ev) types.push_back(x.type);
  EXPECT_EQ(types, (std::vector<Type>{Type::kIntervalStart, Type::kFormCue, Type::kFormCue,
                                      Type::kIntervalStart, Type::kFinished}));
  for (size_t i = 1; i < ev.size(); ++i) EXPECT_GE(ev[i].at_s, ev[i - 1].at_s);
}

TEST(SessionEngineTest, PauseStopsTheClock) {
  SessionEngine e = Engine();
  e.Start(0);
  e.Update(90);  // 30 s into the backward bout
  auto ev = e.TogglePause(90);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].type, Type::kPaused);
  EXPECT_TRUE(e.Update(500).empty());
  EXPECT_DOUBLE_EQ(e.active_s(), 90);
  EXPECT_DOUBLE_EQ(e.remaining_in_interval_s(), 90);
  ev = e.TogglePause(500);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].type, Type::kResumed);
  e.Update(530);
  EXPECT_DOUBLE_EQ(e.active_s(), 120);
  EXPECT_DOUBLE_EQ(e.backward_done_s(), 60);
}

TEST(SessionEngineTest, QuitEndsEarlyAndKeepsWhatWasDone) {
  SessionEngine e = Engine();
  e.Start(0);
  auto ev = e.Quit(100);
  ASSERT_FALSE(ev.empty());
  EXPECT_EQ(ev.back().type, Type::kQuit);
  EXPECT_EQ(ev.back().cue, Cue::kStop);
  EXPECT_TRUE(e.done());
  EXPECT_DOUBLE_EQ(e.backward_done_s(), 40);
  EXPECT_TRUE(e.TogglePause(200).empty());
  EXPECT_TRUE(e.Quit(200).empty());
}

TEST(SessionEngineTest, ZeroLengthIntervalsAreSkipped) {
  SessionEngine e(
      {{IntervalKind::kWarmUp, 0, 2.5, true, ""}, {IntervalKind::kBackward, 1, 1.0, true, ""}}, {});
  auto ev = e.Start(0);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].cue, Cue::kWalkBackward);
}

}  // namespace
}  // namespace retrowalk::training
