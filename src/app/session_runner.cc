#include "app/session_runner.h"

#include <poll.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <thread>

#include "app/session_cues.h"
#include "training/progression.h"

namespace retrowalk::app {
namespace {

using training::SessionEngine;
using training::SessionEvent;

class RealClock : public SessionClock {
 public:
  explicit RealClock(double scale) : scale_(scale), start_(std::chrono::steady_clock::now()) {}
  double Now() override {
    const std::chrono::duration<double> d = std::chrono::steady_clock::now() - start_;
    return d.count() * scale_;
  }
  void Sleep(double s) override {
    std::this_thread::sleep_for(std::chrono::duration<double>(s / scale_));
  }
  bool fake() const override { return false; }

 private:
  double scale_;
  std::chrono::steady_clock::time_point start_;
};

class FakeClock : public SessionClock {
 public:
  double Now() override { return now_; }
  void Sleep(double s) override { now_ += s; }
  bool fake() const override { return true; }

 private:
  double now_ = 0;
};

// Raw keyboard for the interactive mode; restored on every exit path,
// including Ctrl-C and SIGTERM.
struct termios g_saved_termios;
bool g_termios_saved = false;
int g_termios_fd = 0;

void RestoreTerminal() {
  if (g_termios_saved) tcsetattr(g_termios_fd, TCSANOW, &g_saved_termios);
  g_termios_saved = false;
}

extern "C" void OnSignal(int sig) {
  if (g_termios_saved) tcsetattr(g_termios_fd, TCSANOW, &g_saved_termios);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

class RawTerminal {
 public:
  explicit RawTerminal(int fd) {
    if (tcgetattr(fd, &g_saved_termios) != 0) return;
    g_termios_fd = fd;
    g_termios_saved = true;
    struct termios raw = g_saved_termios;
    raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO);
    raw.c_cc[VMIN] = 0;
    raw.c_cc[VTIME] = 0;
    tcsetattr(fd, TCSANOW, &raw);
    std::signal(SIGINT, OnSignal);
    std::signal(SIGTERM, OnSignal);
  }
  ~RawTerminal() { RestoreTerminal(); }
  RawTerminal(const RawTerminal&) = delete;
  RawTerminal& operator=(const RawTerminal&) = delete;
};

std::string Clock(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string Spoken(const SessionEvent& e) {
  switch (e.type) {
    case SessionEvent::Type::kIntervalStart:
      return e.cue == training::Cue::kWalkBackward ? "Walk backward" : "Walk forward";
    case SessionEvent::Type::kFormCue:
      return e.text;
    case SessionEvent::Type::kPaused:
      return "Paused";
    case SessionEvent::Type::kResumed:
      return e.cue == training::Cue::kWalkBackward ? "Resume. Walk backward" : "Resume";
    case SessionEvent::Type::kFinished:
      return "Stop. Session complete";
    case SessionEvent::Type::kQuit:
      return "Stop";
  }
  return "";
}

class Renderer {
 public:
  Renderer(std::FILE* out, bool tty, CuePlayer& cues) : out_(out), tty_(tty), cues_(cues) {}

  void Events(const std::vector<SessionEvent>& events, const SessionEngine& engine) {
    for (const SessionEvent& e : events) {
      std::string label;
      bool sound = true;
      switch (e.type) {
        case SessionEvent::Type::kIntervalStart: {
          const auto& interval = engine.intervals()[static_cast<size_t>(e.interval)];
          label = Upper(training::Name(e.cue)) + " (" + std::to_string(e.interval + 1) + "/" +
                  std::to_string(engine.intervals().size()) + ", " +
                  std::string(training::Name(interval.kind)) + ", " + Clock(interval.minutes * 60) +
                  "): " + interval.instruction;
          break;
        }
        case SessionEvent::Type::kFormCue:
          label = "form: " + e.text;
          sound = false;  // spoken only, no bells: bells mean "change what you do"
          break;
        case SessionEvent::Type::kPaused:
          label = "PAUSED - press space to resume, q to quit";
          break;
        case SessionEvent::Type::kResumed:
          label = "RESUMED";
          break;
        case SessionEvent::Type::kFinished:
          label = "STOP: session complete";
          break;
        case SessionEvent::Type::kQuit:
          label = "STOP: session ended early";
          break;
      }
      if (!sound) {
        cues_.SayIfQuiet(Spoken(e));
      } else {
        cues_.Play(e.cue, Spoken(e));
        if (BellCount(e.cue) > 0)
          label += " [" + std::to_string(BellCount(e.cue)) + " bell" +
                   (BellCount(e.cue) > 1 ? "s" : "") + "]";
      }
      std::fprintf(out_, "%s[%s] %s\n", tty_ ? "\r\033[K" : "", Clock(e.at_s).c_str(),
                   label.c_str());
    }
    std::fflush(out_);
  }

  void Status(const SessionEngine& engine) {
    if (!tty_ || engine.done() || engine.current_interval() < 0) return;
    const auto& interval = engine.intervals()[static_cast<size_t>(engine.current_interval())];
    const bool paused = engine.state() == SessionEngine::State::kPaused;
    std::fprintf(out_, "\r\033[K%s %s left | %s to go | backward done %s | space %s, q quit",
                 paused ? "PAUSED" : Upper(training::Name(interval.direction())).c_str(),
                 Clock(engine.remaining_in_interval_s()).c_str(),
                 Clock(engine.total_s() - engine.active_s()).c_str(),
                 Clock(engine.backward_done_s()).c_str(), paused ? "resume" : "pause");
    std::fflush(out_);
  }

 private:
  std::FILE* out_;
  bool tty_;
  CuePlayer& cues_;
};

// Reads one answer: from the script (headless) or the terminal (re-asks).
class Answers {
 public:
  Answers(bool tty, std::FILE* out, std::vector<std::string> scripted)
      : tty_(tty), out_(out), scripted_(std::move(scripted)) {}

  Result<int> Ask(const std::string& question, int lo, int hi, const std::string& what) {
    while (true) {
      std::fprintf(out_, "%s ", question.c_str());
      std::fflush(out_);
      std::string line;
      if (tty_) {
        if (!std::getline(std::cin, line))
          return Status::InvalidInput("input ended before the " + what + " was given");
      } else {
        if (next_ >= scripted_.size())
          return Status::InvalidInput("input ended before the " + what + " was given");
        line = scripted_[next_++];
        std::fprintf(out_, "%s\n", line.c_str());
      }
      char* end = nullptr;
      const long v = std::strtol(line.c_str(), &end, 10);
      const bool number = end != line.c_str() && *end == '\0';
      if (number && v >= lo && v <= hi) return static_cast<int>(v);
      const std::string error = what + " must be a whole number from " + std::to_string(lo) +
                                " to " + std::to_string(hi) + ", got '" + line + "'";
      if (!tty_) return Status::InvalidInput(error);
      std::fprintf(out_, "  %s\n", error.c_str());
    }
  }

 private:
  bool tty_;
  std::FILE* out_;
  std::vector<std::string> scripted_;
  size_t next_ = 0;
};

// Keys typed since the last call (interactive), waiting at most `wait_ms`.
std::string ReadKeys(int fd, int wait_ms) {
  struct pollfd p = {fd, POLLIN, 0};
  std::string keys;
  if (poll(&p, 1, wait_ms) > 0 && (p.revents & POLLIN)) {
    char buf[64];
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n > 0) keys.assign(buf, static_cast<size_t>(n));
  }
  return keys;
}

}  // namespace

std::unique_ptr<SessionClock> MakeRealClock(double time_scale) {
  return std::make_unique<RealClock>(time_scale);
}
std::unique_ptr<SessionClock> MakeFakeClock() {
  return std::make_unique<FakeClock>();
}

Result<SessionScript> ParseSessionScript(const std::string& text) {
  SessionScript script;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (line[0] != '@') {
      script.answers.push_back(line);
      continue;
    }
    std::istringstream fields(line.substr(1));
    double at = -1;
    std::string key;
    if (!(fields >> at >> key) || at < 0 || (key != "space" && key != "q")) {
      return Status::InvalidInput("stdin:" + std::to_string(number) +
                                  ": expected '@SECONDS space' or '@SECONDS q', got '" + line +
                                  "'");
    }
    script.keys.push_back({at, key == "space" ? ' ' : 'q'});
  }
  std::stable_sort(script.keys.begin(), script.keys.end(),
                   [](const ScriptedKey& a, const ScriptedKey& b) { return a.at_s < b.at_s; });
  return script;
}

Result<GuidedSessionResult> RunGuidedSession(const std::vector<training::Interval>& intervals,
                                             const std::vector<std::string>& form_cues,
                                             SessionClock& clock,
                                             const GuidedSessionOptions& options) {
  SessionScript script;
  if (!options.tty) {
    std::ostringstream all;
    all << std::cin.rdbuf();
    auto parsed = ParseSessionScript(all.str());
    if (!parsed.ok()) return parsed.status();
    script = std::move(*parsed);
  }
  GuidedSessionResult result;
  {
    CuePlayer cues(options.tty && options.bell ? options.out : nullptr, options.speak);
    Renderer render(options.out, options.tty, cues);
    SessionEngine engine(intervals, form_cues);
    std::unique_ptr<RawTerminal> raw;
    if (options.tty) raw = std::make_unique<RawTerminal>(options.in_fd);
    if (!options.title.empty()) std::fprintf(options.out, "%s\n", options.title.c_str());
    std::fprintf(options.out, "%s\n",
                 options.tty ? "Space pauses and resumes, q quits. Bells: 1 = walk forward, "
                               "2 = walk backward, 3 = stop."
                             : "Bells: 1 = walk forward, 2 = walk backward, 3 = stop.");
    render.Events(engine.Start(clock.Now()), engine);
    size_t next_key = 0;
    while (!engine.done()) {
      std::string keys;
      if (options.tty) {
        // Wake often enough for a smooth countdown and on-time cues.
        keys = ReadKeys(options.in_fd, 100);
      } else {
        const double now = clock.Now();
        while (next_key < script.keys.size() && script.keys[next_key].at_s <= now)
          keys += script.keys[next_key++].key;
        if (keys.empty() && engine.state() == SessionEngine::State::kPaused &&
            next_key >= script.keys.size()) {
          keys = "q";  // input ended while paused: nothing could ever resume it
        }
      }
      for (char k : keys) {
        if (k == ' ') render.Events(engine.TogglePause(clock.Now()), engine);
        if (k == 'q' || k == 'Q') render.Events(engine.Quit(clock.Now()), engine);
        if (engine.done()) break;
      }
      render.Events(engine.Update(clock.Now()), engine);
      render.Status(engine);
      cues.Poll();
      if (!options.tty && !engine.done()) {
        // Headless: step to the next second, or straight to the next event
        // when a fake clock makes waiting free anyway.
        clock.Sleep(1.0);
      }
    }
    result.quit_early = engine.state() == SessionEngine::State::kQuit;
    result.backward_minutes = std::round(engine.backward_done_s() / 6) / 10;
    result.active_minutes = std::round(engine.active_s() / 6) / 10;
    std::fprintf(options.out, "%sDone: %s active, %s backward%s.\n", options.tty ? "\r\033[K" : "",
                 Clock(engine.active_s()).c_str(), Clock(engine.backward_done_s()).c_str(),
                 result.quit_early ? " (ended early)" : "");
    std::fflush(options.out);
  }  // terminal restored here, before the questions
  Answers answers(options.tty, options.out, script.answers);
  auto rpe = answers.Ask("How hard was it (RPE, 6 = no exertion ... 20 = maximal)?",
                         training::kMinRpe, training::kMaxRpe, "RPE (Borg 6-20)");
  if (!rpe.ok()) return rpe.status();
  auto pain = answers.Ask("Pain now (0 = none ... 10 = worst)?", 0, training::kMaxPain, "pain");
  if (!pain.ok()) return pain.status();
  auto stumbles =
      answers.Ask("How many times did you stumble or lose balance?", 0, 1000, "number of stumbles");
  if (!stumbles.ok()) return stumbles.status();
  result.rpe = *rpe;
  result.pain = *pain;
  result.stumbles = *stumbles;
  return result;
}

}  // namespace retrowalk::app
