// How the guided session's cues reach a walker with the phone in a pocket:
// terminal bell patterns (1 = walk forward, 2 = walk backward, 3 = stop) and,
// when espeak-ng is installed, speech. Speech runs as a child process that
// is never waited for while the session runs, so the countdown never stalls;
// a new cue cuts off the previous one so cues never queue up behind each other.
#pragma once

#include <sys/types.h>
#include <cstdio>
#include <string>

#include "training/session_engine.h"

namespace retrowalk::app {

// Bells for a cue: walk forward 1, walk backward 2, stop 3, pause/resume 0.
int BellCount(training::Cue cue);
// Is `program` an executable on PATH?
bool ProgramOnPath(const char* program);

class CuePlayer {
 public:
  // `bell_out` receives BEL characters (nullptr: no bells).
  CuePlayer(std::FILE* bell_out, bool speak);
  ~CuePlayer();
  CuePlayer(const CuePlayer&) = delete;
  CuePlayer& operator=(const CuePlayer&) = delete;

  // Rings the cue's bells and speaks `spoken`, cutting off speech still running.
  void Play(training::Cue cue, const std::string& spoken);
  // Speaks without bells, and only when nothing is being said: a form cue must
  // never cut off "walk backward".
  void SayIfQuiet(const std::string& spoken);
  // Reaps a finished speech process; call now and then.
  void Poll();
  bool speaking_enabled() const { return speak_; }

 private:
  void StopSpeech();
  void Speak(const std::string& spoken);
  std::FILE* bell_out_;
  bool speak_;
  pid_t child_ = -1;
};

}  // namespace retrowalk::app
