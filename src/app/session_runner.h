// Runs a guided session in a terminal: the training::SessionEngine state
// machine driven by a clock and the keyboard, rendered as a live countdown
// with cues, then the RPE / pain / stumbles questions.
//
// Two modes:
//  - interactive (a tty): raw keys (space = pause/resume, q = quit), a status
//    line redrawn in place, bells and speech;
//  - headless (--no-tty): stdin is a script read to its end first. Lines
//    "@T KEY" press KEY (space or q) when the session clock reaches T seconds
//    (pauses included); every other line answers the end questions in order
//    (RPE, pain, stumbles). With the fake clock, time advances one second per
//    step without sleeping, so a 30-minute session runs in milliseconds.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "training/session_engine.h"
#include "training/types.h"

namespace retrowalk::app {

// Session time in seconds. Real clocks may run faster than the wall clock
// (time_scale) so a session can be rehearsed or tested in seconds.
class SessionClock {
 public:
  virtual ~SessionClock() = default;
  virtual double Now() = 0;
  virtual void Sleep(double session_seconds) = 0;
  virtual bool fake() const = 0;
};
std::unique_ptr<SessionClock> MakeRealClock(double time_scale);
std::unique_ptr<SessionClock> MakeFakeClock();

struct ScriptedKey {
  double at_s;
  char key;  // ' ' or 'q'
};
struct SessionScript {
  std::vector<ScriptedKey> keys;
  std::vector<std::string> answers;
};
Result<SessionScript> ParseSessionScript(const std::string& text);

struct GuidedSessionOptions {
  bool tty = true;
  bool bell = true;
  bool speak = false;
  int in_fd = 0;
  std::FILE* out = stdout;
  std::string title;  // "Session 3 of 18: ..."
};

struct GuidedSessionResult {
  bool quit_early = false;
  double backward_minutes = 0;
  double active_minutes = 0;
  int rpe = 0;
  int pain = 0;
  int stumbles = 0;
};

Result<GuidedSessionResult> RunGuidedSession(const std::vector<training::Interval>& intervals,
                                             const std::vector<std::string>& form_cues,
                                             SessionClock& clock,
                                             const GuidedSessionOptions& options);

}  // namespace retrowalk::app
