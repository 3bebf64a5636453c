#include "training/session_engine.h"

#include <algorithm>

namespace retrowalk::training {
namespace {

Cue CueFor(const Interval& interval) {
  return interval.kind == IntervalKind::kBackward ? Cue::kWalkBackward : Cue::kWalkForward;
}

std::string Spoken(const Interval& interval) {
  switch (interval.kind) {
    case IntervalKind::kWarmUp:
      return "Walk forward: warm up. " + interval.instruction;
    case IntervalKind::kBackward:
      return "Walk backward. " + interval.instruction;
    case IntervalKind::kRecovery:
      return "Walk forward. " + interval.instruction;
    case IntervalKind::kCoolDown:
      return "Walk forward: cool down. " + interval.instruction;
  }
  return "";
}

}  // namespace

std::string_view Name(Cue cue) {
  switch (cue) {
    case Cue::kWalkBackward:
      return "walk backward";
    case Cue::kWalkForward:
      return "walk forward";
    case Cue::kStop:
      return "stop";
    case Cue::kPause:
      return "pause";
    case Cue::kResume:
      return "resume";
  }
  return "?";
}

SessionEngine::SessionEngine(std::vector<Interval> intervals, std::vector<std::string> form_cues,
                             double first_cue_s, double cue_every_s)
    : intervals_(std::move(intervals)),
      form_cues_(std::move(form_cues)),
      first_cue_s_(first_cue_s),
      cue_every_s_(cue_every_s) {
  for (const Interval& i : intervals_) total_s_ += std::max(0.0, i.minutes) * 60;
}

double SessionEngine::IntervalStart(int index) const {
  double t = 0;
  for (int k = 0; k < index; ++k)
    t += std::max(0.0, intervals_[static_cast<size_t>(k)].minutes) * 60;
  return t;
}

double SessionEngine::remaining_in_interval_s() const {
  if (current_ < 0 || current_ >= static_cast<int>(intervals_.size())) return 0;
  const double end = IntervalStart(current_ + 1);
  return std::max(0.0, end - active_s_);
}

double SessionEngine::backward_done_s() const {
  double done = 0;
  double start = 0;
  for (const Interval& i : intervals_) {
    const double len = std::max(0.0, i.minutes) * 60;
    if (i.kind == IntervalKind::kBackward) done += std::clamp(active_s_ - start, 0.0, len);
    start += len;
  }
  return done;
}

double SessionEngine::ActiveAt(double now_s) const {
  if (state_ != State::kRunning) return active_s_;
  return std::min(total_s_, active_at_run_start_ + std::max(0.0, now_s - run_started_now_));
}

std::vector<SessionEvent> SessionEngine::Start(double now_s) {
  if (state_ != State::kReady) return {};
  state_ = State::kRunning;
  run_started_now_ = now_s;
  active_at_run_start_ = 0;
  return AdvanceTo(0);
}

std::vector<SessionEvent> SessionEngine::Update(double now_s) {
  if (state_ != State::kRunning) return {};
  return AdvanceTo(ActiveAt(now_s));
}

std::vector<SessionEvent> SessionEngine::TogglePause(double now_s) {
  std::vector<SessionEvent> events;
  if (state_ == State::kRunning) {
    events = AdvanceTo(ActiveAt(now_s));
    if (done()) return events;
    state_ = State::kPaused;
    events.push_back({SessionEvent::Type::kPaused, active_s_, current_, Cue::kPause,
                      "Paused. Press space to resume."});
  } else if (state_ == State::kPaused) {
    state_ = State::kRunning;
    run_started_now_ = now_s;
    active_at_run_start_ = active_s_;
    events.push_back({SessionEvent::Type::kResumed, active_s_, current_, Cue::kResume,
                      "Resume: " + Spoken(intervals_[static_cast<size_t>(current_)])});
  }
  return events;
}

std::vector<SessionEvent> SessionEngine::Quit(double now_s) {
  std::vector<SessionEvent> events;
  if (state_ == State::kRunning) events = AdvanceTo(ActiveAt(now_s));
  if (done()) return events;
  state_ = State::kQuit;
  events.push_back(
      {SessionEvent::Type::kQuit, active_s_, current_, Cue::kStop, "Stop. Session ended early."});
  return events;
}

std::vector<SessionEvent> SessionEngine::AdvanceTo(double active_s) {
  std::vector<SessionEvent> events;
  const int n = static_cast<int>(intervals_.size());
  // Walk forward through every boundary crossed, so a late update (a slow
  // terminal, a fake clock jumping) still emits every cue in order.
  while (true) {
    // Form cues due within the current interval.
    if (current_ >= 0 && current_ < n &&
        intervals_[static_cast<size_t>(current_)].kind == IntervalKind::kBackward &&
        !form_cues_.empty()) {
      const double end = IntervalStart(current_ + 1);
      while (next_cue_at_s_ >= 0 && next_cue_at_s_ < end && next_cue_at_s_ <= active_s) {
        events.push_back({SessionEvent::Type::kFormCue, next_cue_at_s_, current_,
                          Cue::kWalkBackward,
                          form_cues_[static_cast<size_t>(next_form_cue_) % form_cues_.size()]});
        ++next_form_cue_;
        next_cue_at_s_ += cue_every_s_;
      }
    }
    const int next = current_ + 1;
    if (next >= n) break;
    const double next_start = IntervalStart(next);
    // Zero-length intervals are skipped silently.
    if (next_start > active_s || (next_start == active_s && active_s >= total_s_ && total_s_ > 0))
      break;
    current_ = next;
    const Interval& interval = intervals_[static_cast<size_t>(current_)];
    next_cue_at_s_ = next_start + first_cue_s_;
    if (interval.minutes <= 0) continue;
    events.push_back({SessionEvent::Type::kIntervalStart, next_start, current_, CueFor(interval),
                      Spoken(interval)});
  }
  active_s_ = active_s;
  if (active_s_ >= total_s_ && state_ == State::kRunning) {
    state_ = State::kFinished;
    events.push_back({SessionEvent::Type::kFinished, total_s_, current_, Cue::kStop,
                      "Stop. Session complete: well done."});
  }
  return events;
}

}  // namespace retrowalk::training
