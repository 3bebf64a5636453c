// The guided session as a pure state machine: it knows the intervals, the
// running/paused state and what has been done, and turns the passing of time
// into cue events. The caller owns the clock and the terminal: it passes
// "now" (seconds on any monotonic clock) in and renders the events out, so
// the same engine runs live, under a fake clock in tests, and in a browser.
#pragma once

#include <string>
#include <vector>

#include "training/types.h"

namespace retrowalk::training {

enum class Cue { kWalkBackward, kWalkForward, kStop, kPause, kResume };
std::string_view Name(Cue cue);

struct SessionEvent {
  enum class Type { kIntervalStart, kFormCue, kPaused, kResumed, kFinished, kQuit };
  Type type;
  double at_s;   // active session time (pauses excluded) when it happened
  int interval;  // index of the interval it belongs to (-1 when none)
  Cue cue;
  std::string text;
};

class SessionEngine {
 public:
  enum class State { kReady, kRunning, kPaused, kFinished, kQuit };

  // Form cues rotate during backward intervals, the first `first_cue_s` into
  // each bout and then every `cue_every_s`.
  SessionEngine(std::vector<Interval> intervals, std::vector<std::string> form_cues,
                double first_cue_s = 15, double cue_every_s = 60);

  std::vector<SessionEvent> Start(double now_s);
  std::vector<SessionEvent> Update(double now_s);
  std::vector<SessionEvent> TogglePause(double now_s);
  std::vector<SessionEvent> Quit(double now_s);

  State state() const { return state_; }
  bool done() const { return state_ == State::kFinished || state_ == State::kQuit; }
  int current_interval() const { return current_; }
  const std::vector<Interval>& intervals() const { return intervals_; }
  double active_s() const { return active_s_; }
  double total_s() const { return total_s_; }
  double remaining_in_interval_s() const;
  double backward_done_s() const;

 private:
  double ActiveAt(double now_s) const;
  std::vector<SessionEvent> AdvanceTo(double active_s);
  double IntervalStart(int index) const;

  std::vector<Interval> intervals_;
  std::vector<std::string> form_cues_;
  double first_cue_s_;
  double cue_every_s_;
  double total_s_ = 0;
  State state_ = State::kReady;
  int current_ = -1;
  double active_s_ = 0;         // active time reached so far
  double run_started_now_ = 0;  // clock reading when the current run began
  double active_at_run_start_ = 0;
  int next_form_cue_ = 0;      // rotation position
  double next_cue_at_s_ = -1;  // active time of the next form cue in this interval
};

}  // namespace retrowalk::training
