#include "app/session_cues.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string_view>
#include <thread>

extern char** environ;

namespace retrowalk::app {

int BellCount(training::Cue cue) {
  switch (cue) {
    case training::Cue::kWalkForward:
      return 1;
    case training::Cue::kWalkBackward:
      return 2;
    case training::Cue::kStop:
      return 3;
    case training::Cue::kPause:
    case training::Cue::kResume:
      return 0;  // the walker pressed the key: no need to ring
  }
  return 0;
}

bool ProgramOnPath(const char* program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return false;
  std::string_view rest(path);
  while (!rest.empty()) {
    const size_t colon = rest.find(':');
    const std::string dir(rest.substr(0, colon));
    const std::string candidate = (dir.empty() ? "." : dir) + "/" + program;
    if (access(candidate.c_str(), X_OK) == 0) return true;
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  return false;
}

CuePlayer::CuePlayer(std::FILE* bell_out, bool speak) : bell_out_(bell_out), speak_(speak) {}

CuePlayer::~CuePlayer() {
  // Let the last cue ("stop") finish speaking, but not for ever.
  for (int i = 0; i < 40 && child_ > 0; ++i) {
    Poll();
    if (child_ > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  StopSpeech();
}

void CuePlayer::Poll() {
  if (child_ > 0 && waitpid(child_, nullptr, WNOHANG) == child_) child_ = -1;
}

void CuePlayer::StopSpeech() {
  if (child_ <= 0) return;
  kill(child_, SIGTERM);
  waitpid(child_, nullptr, 0);
  child_ = -1;
}

void CuePlayer::Play(training::Cue cue, const std::string& spoken) {
  if (bell_out_ != nullptr) {
    for (int i = 0; i < BellCount(cue); ++i) std::fputc('\a', bell_out_);
    std::fflush(bell_out_);
  }
  if (!speak_) return;
  Poll();
  StopSpeech();
  Speak(spoken);
}

void CuePlayer::SayIfQuiet(const std::string& spoken) {
  if (!speak_) return;
  Poll();
  if (child_ > 0) return;
  Speak(spoken);
}

void CuePlayer::Speak(const std::string& spoken) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::string text = spoken;
  char program[] = "espeak-ng";
  char rate_flag[] = "-s";
  char rate[] = "150";
  char* argv[] = {program, rate_flag, rate, text.data(), nullptr};
  pid_t pid = -1;
  if (posix_spawnp(&pid, program, &actions, nullptr, argv, environ) == 0) child_ = pid;
  posix_spawn_file_actions_destroy(&actions);
}

}  // namespace retrowalk::app
