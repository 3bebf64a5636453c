#include "synth/direction_eval.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <set>

#include "gait/engine.h"
#include "synth/logistic.h"

namespace retrowalk::synth {
namespace {

int Column(Direction d) {
  return d == Direction::kForward ? 0 : d == Direction::kBackward ? 1 : 2;
}

std::span<const Frame> Slice(const std::vector<Frame>& frames, double a, double b) {
  auto lo = std::lower_bound(frames.begin(), frames.end(), a,
                             [](const Frame& f, double t) { return f.t_s < t; });
  auto hi = std::upper_bound(frames.begin(), frames.end(), b,
                             [](double t, const Frame& f) { return t < f.t_s; });
  if (hi <= lo) return {};
  return std::span<const Frame>(&*lo, static_cast<std::size_t>(hi - lo));
}

// Steps inside a bout whose truth (at the step) is forward/backward.
void ScoreSteps(const DirectionRecording& rec, const Annotation& bout, Direction called,
                Confusion& steps) {
  for (double t : rec.steps_s) {
    if (t < bout.start_s || t > bout.end_s) continue;
    const std::string truth = TruthOf(rec.truth, t - 0.05, t + 0.05, 0.5);
    if (!truth.empty()) steps.Add(truth, called);
  }
}

}  // namespace

void Confusion::Add(const std::string& truth, Direction called, double weight) {
  const int row = truth == "backward" ? 1 : 0;
  n[row][Column(called)] += weight;
}

double Confusion::BalancedAccuracy() const {
  double sum = 0;
  int classes = 0;
  for (int r = 0; r < 2; ++r) {
    if (Total(r) > 0) {
      sum += n[r][r] / Total(r);
      ++classes;
    }
  }
  return classes ? sum / classes : std::nan("");
}

double Confusion::Accuracy() const {
  const double total = Total(0) + Total(1);
  return total > 0 ? (n[0][0] + n[1][1]) / total : std::nan("");
}

double Confusion::UnknownRate() const {
  const double total = Total(0) + Total(1);
  return total > 0 ? (n[0][2] + n[1][2]) / total : std::nan("");
}

double Confusion::CalledBackwardRate(int truth) const {
  return Total(truth) > 0 ? n[truth][1] / Total(truth) : std::nan("");
}

std::string Confusion::Format() const {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "            called: forward backward unknown\n"
                "  truth forward   %8.0f %8.0f %7.0f\n"
                "  truth backward  %8.0f %8.0f %7.0f\n"
                "  balanced accuracy %.3f, accuracy %.3f, unknown %.1f%%",
                n[0][0], n[0][1], n[0][2], n[1][0], n[1][1], n[1][2], BalancedAccuracy(),
                Accuracy(), 100 * UnknownRate());
  return buf;
}

void LiveScores::Merge(const LiveScores& o) {
  for (int r = 0; r < 2; ++r) {
    for (int c = 0; c < 3; ++c) steps.n[r][c] += o.steps.n[r][c];
  }
  agree += o.agree;
  compared += o.compared;
  no_answer += o.no_answer;
  bouts += o.bouts;
  decided += o.decided;
  long_undecided += o.long_undecided;
  latency_sum_s += o.latency_sum_s;
  latency_max_s = std::max(latency_max_s, o.latency_max_s);
  within_bound += o.within_bound;
  within_window += o.within_window;
  changes += o.changes;
  unmatched += o.unmatched;
}

int AnswersForNoBout(const EngineEvents& events) {
  std::set<double> starts, unmatched;
  for (const BoutStartEvent& b : events.bout_starts) starts.insert(b.start_s);
  for (const DirectionEvent& e : events.directions) {
    if (!starts.contains(e.bout_start_s)) unmatched.insert(e.bout_start_s);
  }
  return static_cast<int>(unmatched.size());
}

std::string FormatLiveLine(const std::string& key, const LiveScores& s) {
  char buf[400];
  std::snprintf(
      buf, sizeof buf,
      "  %-34s live: steps %5.0f acc %.3f fwd→bwd %5.2f%% agree with final %.3f (no answer %.0f) | "
      "bouts %d decided %d (>=3 s undecided %d) latency mean %.2f s max %.2f s, %d within "
      "3 s, %d within 3 s + engine latency | "
      "changes %d, answers for no bout %d\n",
      key.c_str(), s.steps.Total(0) + s.steps.Total(1), s.steps.Accuracy(),
      100 * s.steps.CalledBackwardRate(0), s.compared > 0 ? s.agree / s.compared : std::nan(""),
      s.no_answer, s.bouts, s.decided, s.long_undecided,
      s.decided > 0 ? s.latency_sum_s / s.decided : 0.0, s.latency_max_s, s.within_window,
      s.within_bound, s.changes, s.unmatched);
  return buf;
}

void Scores::Merge(const Scores& o) {
  live.Merge(o.live);
  for (int r = 0; r < 2; ++r) {
    for (int c = 0; c < 3; ++c) steps_after_warmup.n[r][c] += o.steps_after_warmup.n[r][c];
  }
  for (int r = 0; r < 2; ++r) {
    for (int c = 0; c < 3; ++c) {
      windows.n[r][c] += o.windows.n[r][c];
      bouts.n[r][c] += o.bouts.n[r][c];
      steps.n[r][c] += o.steps.n[r][c];
    }
  }
}

Scores ScoreStandalone(const DirectionRecording& rec, const direction::DirectionModel& model,
                       const direction::WindowingOptions& options) {
  Scores s;
  const direction::StandaloneDirectionClassifier classifier(model, options);
  for (const DirectionWindow& w : Windows(rec, options)) {
    s.windows.Add(w.truth, classifier.Decide(w.features).direction);
  }
  const std::vector<Frame> frames = direction::MakeFrames(rec.samples, options.features.rate_hz);
  for (const Annotation& bout : rec.bouts) {
    const auto f = direction::ComputeSpanFeatures(Slice(frames, bout.start_s, bout.end_s),
                                                  rec.has_gyro, options);
    const Direction called = f ? classifier.Decide(*f).direction : Direction::kUnknown;
    s.bouts.Add(bout.label, called);
    ScoreSteps(rec, bout, called, s.steps);
  }
  return s;
}

Scores ScoreSession(const DirectionRecording& rec, const direction::DirectionModel& model,
                    const direction::WindowingOptions& options,
                    const direction::SessionOptions& session) {
  Scores s;
  if (rec.bouts.empty()) return s;
  const std::vector<Frame> frames = direction::MakeFrames(rec.samples, options.features.rate_hz);
  direction::SessionDirectionClassifier bouts(model, options, session);
  direction::SessionDirectionClassifier windows(model, options, session);
  const Annotation& warmup = rec.bouts.front();
  const auto wf = direction::ComputeSpanFeatures(Slice(frames, warmup.start_s, warmup.end_s),
                                                 rec.has_gyro, options);
  if (!wf) return s;
  bouts.Anchor(*wf);
  windows.Anchor(*wf);
  for (std::size_t i = 1; i < rec.bouts.size(); ++i) {
    const Annotation& bout = rec.bouts[i];
    const auto f = direction::ComputeSpanFeatures(Slice(frames, bout.start_s, bout.end_s),
                                                  rec.has_gyro, options);
    const Direction called = f ? bouts.Decide(*f).direction : Direction::kUnknown;
    s.bouts.Add(bout.label, called);
    ScoreSteps(rec, bout, called, s.steps);
  }
  for (const DirectionWindow& w : Windows(rec, options)) {
    if (w.end_s <= warmup.end_s) continue;
    s.windows.Add(w.truth, windows.Decide(w.features).direction);
  }
  return s;
}

std::vector<DirectionRecording> SynthesiseSessions(const ProtocolOptions& o,
                                                   const std::vector<std::string>& styles,
                                                   int seeds, std::uint64_t seed_base) {
  std::vector<DirectionRecording> out;
  std::uint64_t seed = seed_base;
  for (const std::string& style : styles) {
    for (const auto& clips : SessionClipLists(o.bandai_dir, style)) {
      for (Placement p : o.placements) {
        for (int k = 0; k < seeds; ++k) {
          Result<DirectionRecording> rec = SynthesiseRecording(clips, p, ++seed, style);
          if (rec.ok()) out.push_back(std::move(*rec));
        }
      }
    }
  }
  return out;
}

std::vector<int> SelectSessionFeatures(const std::vector<DirectionRecording>& sessions,
                                       const direction::DirectionModel& model, std::string& log) {
  const auto& groups = direction::kFeatureGroups;
  const int group_count = static_cast<int>(groups.size());
  int acc_groups = 0;
  for (int g = 0; g < group_count; ++g) {
    if (!groups[static_cast<std::size_t>(g)].needs_gyro) acc_groups |= 1 << g;
  }
  std::vector<int> best;
  double best_score = -1;
  for (int mask = 1; mask < (1 << group_count); ++mask) {
    if ((mask & acc_groups) == 0) continue;  // sessions without a gyroscope need an acc group
    direction::DirectionModel m = model;
    m.session_features.clear();
    std::string chosen;
    for (int g = 0; g < group_count; ++g) {
      const direction::FeatureGroup& group = groups[static_cast<std::size_t>(g)];
      chosen += (mask & (1 << g)) ? '1' : '0';
      if ((mask & (1 << g)) == 0) continue;
      for (std::size_t i = group.begin; i < group.end; ++i)
        m.session_features.push_back(static_cast<int>(i));
    }
    // The worst placement decides: the target holds for every placement.
    Scores all;
    std::map<std::string, Scores> by_placement;
    for (const DirectionRecording& r : sessions) {
      const Scores sc = ScoreSession(r, m);
      all.Merge(sc);
      by_placement[r.placement].Merge(sc);
    }
    double worst = 1;
    for (const auto& [placement, sc] : by_placement) worst = std::min(worst, sc.steps.Accuracy());
    const double score = worst + 1e-3 * all.windows.BalancedAccuracy();
    char buf[160];
    std::snprintf(buf, sizeof buf, "  session groups %s: steps %.4f windows bal.acc %.4f\n",
                  chosen.c_str(), all.steps.Accuracy(), all.windows.BalancedAccuracy());
    log += buf;
    if (score > best_score) {
      best_score = score;
      best = m.session_features;
    }
  }
  return best;
}

Scores ScoreWithEngine(const DirectionRecording& rec, const direction::DirectionModel& model,
                       bool session, const EngineOptions& engine_options) {
  Scores s;
  EngineOptions options = engine_options;
  options.has_gyro = rec.has_gyro;
  std::unique_ptr<DirectionClassifier> classifier;
  if (session) {
    classifier = std::make_unique<direction::SessionDirectionClassifier>(model);
  } else {
    classifier = std::make_unique<direction::StandaloneDirectionClassifier>(model);
  }
  GaitEngine engine(options, std::move(classifier));
  EngineEvents events;
  engine.Push(rec.samples, events);
  engine.Finish(events);
  // The engine bout (before splitting) a time belongs to: the latest start at or before it.
  auto bout_of = [&](double t) -> std::ptrdiff_t {
    const auto it =
        std::upper_bound(events.bout_starts.begin(), events.bout_starts.end(), t,
                         [](double v, const BoutStartEvent& b) { return v < b.start_s; });
    return (it - events.bout_starts.begin()) - 1;
  };
  std::vector<std::vector<const DirectionEvent*>> live(events.bout_starts.size());
  for (const DirectionEvent& e : events.directions) {
    const std::ptrdiff_t k = bout_of(e.bout_start_s);
    if (k >= 0) live[static_cast<std::size_t>(k)].push_back(&e);
  }
  s.live.unmatched += AnswersForNoBout(events);
  std::vector<double> bout_end(events.bout_starts.size(), 0.0);
  for (const Bout& b : events.bouts) {
    const std::ptrdiff_t k = bout_of(b.start_s);
    if (k >= 0) bout_end[static_cast<std::size_t>(k)] = b.end_s;
  }
  double warmup_end_s = -1e300;
  if (session) {
    const auto first = std::min_element(
        rec.truth.begin(), rec.truth.end(),
        [](const Annotation& a, const Annotation& b) { return a.start_s < b.start_s; });
    if (first != rec.truth.end() && first->label == "forward") warmup_end_s = first->end_s;
  }
  const direction::WindowingOptions windowing;
  for (std::size_t k = 0; k < live.size(); ++k) {
    ++s.live.bouts;
    if (live[k].empty()) {
      // 0.5 s of the first window precede the first step.
      if (bout_end[k] - events.bout_starts[k].start_s + 0.5 >= windowing.window_s)
        ++s.live.long_undecided;
      continue;
    }
    ++s.live.decided;
    const double latency = live[k].front()->decided_at_s - events.bout_starts[k].start_s;
    s.live.latency_sum_s += latency;
    s.live.latency_max_s = std::max(s.live.latency_max_s, latency);
    if (latency <= windowing.window_s + engine.latency_s()) ++s.live.within_bound;
    if (latency <= windowing.window_s) ++s.live.within_window;
    s.live.changes += static_cast<int>(live[k].size()) - 1;
  }
  for (std::size_t i = 0; i < events.bouts.size(); ++i) {
    const Bout& b = events.bouts[i];
    const bool first_part = session && i == 0;  // the warm-up is forward by definition
    const std::string truth = TruthOf(rec.truth, b.start_s, b.end_s);
    if (!truth.empty() && !first_part) s.bouts.Add(truth, b.direction);
    for (std::size_t j = 0; j < b.step_times_s.size(); ++j) {
      const double t = b.step_times_s[j];
      const std::string st = TruthOf(rec.truth, t - 0.05, t + 0.05, 0.5);
      if (st.empty()) continue;
      const Direction final_direction =
          j < b.step_directions.size() ? b.step_directions[j] : b.direction;
      if (t > warmup_end_s) s.steps_after_warmup.Add(st, final_direction);
      if (first_part) continue;
      s.steps.Add(st, final_direction);
      const std::ptrdiff_t k = bout_of(t);
      const DirectionEvent* shown = nullptr;
      if (k >= 0) {
        for (const DirectionEvent* e : live[static_cast<std::size_t>(k)]) {
          // The window centred nearest the step (centres are hop_s apart).
          if (shown == nullptr || 0.5 * (e->from_s + e->to_s) <= t + 0.5 * windowing.hop_s)
            shown = e;
        }
      }
      if (shown == nullptr) {
        s.live.no_answer += 1;
        continue;
      }
      s.live.steps.Add(st, shown->direction);
      s.live.compared += 1;
      if (shown->direction == final_direction) s.live.agree += 1;
    }
  }
  return s;
}

std::vector<std::string> DefaultRealTrainGroups() {
  return {"ipol-1", "ipol-2", "ipol-3",         "ipol-4",      "ipol-5",
          "ipol-6", "ipol-7", "mobilise-HA001", "oxford-Jamie"};
}

PreparedData PrepareData(const ProtocolOptions& options, std::string& log) {
  PreparedData data;
  for (const MocapClip& clip : ListMocapClips(options.bandai_dir)) {
    if (std::find(options.exclude_styles.begin(), options.exclude_styles.end(), clip.style) !=
        options.exclude_styles.end())
      continue;
    for (std::size_t pi = 0; pi < options.placements.size(); ++pi) {
      for (int k = 0; k < options.seeds; ++k) {
        // The same seed for every clip of a (placement, k): one mounting, as in a session.
        const std::uint64_t seed = 1000 + 10 * static_cast<std::uint64_t>(k) + pi;
        Result<DirectionRecording> r =
            SynthesiseRecording({clip.path}, options.placements[pi], seed, clip.style);
        if (!r.ok()) {
          log += "skipped " + clip.path + ": " + r.status().message() + "\n";
          continue;
        }
        r->session_key = clip.style + "|" + r->placement + "|" + std::to_string(k);
        data.mocap.push_back(std::move(*r));
      }
    }
  }
  for (const RealRecordingSpec& spec : ListRealRecordings(options.data_dir)) {
    Result<DirectionRecording> r = LoadRealRecording(spec);
    if (!r.ok()) {
      log += "skipped " + spec.path + ": " + r.status().message() + "\n";
      continue;
    }
    data.real.push_back(std::move(*r));
  }
  log += "prepared " + std::to_string(data.mocap.size()) + " mocap recordings, " +
         std::to_string(data.real.size()) + " real recordings\n";
  return data;
}

std::vector<TrainingRow> RowsFor(const std::vector<const DirectionRecording*>& mocap,
                                 const std::vector<const DirectionRecording*>& real,
                                 const ProtocolOptions& o) {
  std::vector<TrainingRow> rows;
  double mocap_w[2] = {0, 0};
  double real_w = 0;
  for (const DirectionRecording* rec : mocap) {
    for (const DirectionWindow& w : Windows(*rec)) {
      TrainingRow row{w.features.mean, w.features.has_gyro, w.truth == "backward", 1.0, rec->source,
                      rec->placement,  rec->group};
      mocap_w[row.backward] += 1;
      rows.push_back(std::move(row));
    }
  }
  const std::size_t mocap_rows = rows.size();
  for (const DirectionRecording* rec : real) {
    for (const DirectionWindow& w : Windows(*rec)) {
      rows.push_back(
          {w.features.mean, w.features.has_gyro, 0, 1.0, rec->source, rec->placement, rec->group});
      real_w += 1;
    }
  }
  std::vector<TrainingRow> calibration;
  for (const DirectionRecording* rec : real) {
    const std::vector<Frame> frames = direction::MakeFrames(rec->samples, 100);
    for (const Annotation& bout : rec->bouts) {
      const auto f =
          direction::ComputeSpanFeatures(Slice(frames, bout.start_s, bout.end_s), rec->has_gyro);
      if (!f) continue;
      calibration.push_back(
          {f->mean, f->has_gyro, 0, 0.0, rec->source, rec->placement, rec->group, true});
    }
  }
  // Class balance within mocap; real forward as a whole weighs real_weight × mocap forward.
  const double mocap_forward = std::max(1.0, mocap_w[0]);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i < mocap_rows) {
      rows[i].weight = rows[i].backward ? mocap_forward / std::max(1.0, mocap_w[1]) : 1.0;
    } else {
      rows[i].weight = o.real_weight * mocap_forward / std::max(1.0, real_w);
    }
  }
  rows.insert(rows.end(), calibration.begin(), calibration.end());
  return rows;
}

Result<direction::DirectionModel> TrainModel(const std::vector<TrainingRow>& rows,
                                             const ProtocolOptions& o) {
  direction::DirectionModel model;
  model.version = "direction-lr-2";
  LogisticOptions lo;
  lo.l2 = o.l2;
  lo.intercept = o.intercept;
  // Gyro model on rows that have a gyroscope; acc-only model on all rows.
  std::vector<direction::FeatureVector> xg, xa;
  std::vector<int> yg, ya;
  std::vector<double> wg, wa;
  for (const TrainingRow& r : rows) {
    if (r.calibration_bout) continue;
    if (r.has_gyro) {
      xg.push_back(r.x);
      yg.push_back(r.backward);
      wg.push_back(r.weight);
    }
    xa.push_back(r.x);
    ya.push_back(r.backward);
    wa.push_back(r.weight);
  }
  std::vector<int> all(direction::kFeatureCount), acc(direction::kAccFeatureCount);
  std::iota(all.begin(), all.end(), 0);
  std::iota(acc.begin(), acc.end(), static_cast<int>(direction::kGyroFeatureCount));
  if (!xg.empty()) {
    Result<direction::LinearModel> m = FitLogistic(xg, yg, wg, all, lo);
    if (!m.ok()) return m.status();
    model.with_gyro = std::move(*m);
  }
  Result<direction::LinearModel> m = FitLogistic(xa, ya, wa, acc, lo);
  if (!m.ok()) return m.status();
  model.acc_only = std::move(*m);
  // Feature spread for the session template (unweighted, over all rows).
  model.feature_scale.assign(direction::kFeatureCount, 1.0);
  for (std::size_t j = 0; j < direction::kFeatureCount; ++j) {
    double ss = 0;
    for (const TrainingRow& r : rows) ss += r.calibration_bout ? 0.0 : r.x[j] * r.x[j];
    model.feature_scale[j] =
        rows.empty() || ss <= 0 ? 1.0 : std::sqrt(ss / static_cast<double>(rows.size()));
  }
  // Backward thresholds: a high quantile of p over the real forward training
  // windows, so real forward walking is almost never called backward.
  for (direction::LinearModel* lm : {&model.with_gyro, &model.acc_only}) {
    if (lm->empty()) continue;
    const bool gyro = lm == &model.with_gyro;
    double highest_logit = -1e9;
    for (const TrainingRow& r : rows) {
      if (r.calibration_bout && r.has_gyro == gyro)
        highest_logit = std::max(highest_logit, lm->Logit(r.x));
    }
    const double p = 1 / (1 + std::exp(-(highest_logit + o.backward_logit_margin)));
    lm->backward_threshold = std::max(o.min_backward_threshold, std::min(0.999, p));
    lm->forward_threshold = std::min(o.forward_threshold, lm->backward_threshold);
  }
  return model;
}

std::vector<std::vector<std::string>> SessionClipLists(const std::string& bandai_dir,
                                                       const std::string& style) {
  std::map<std::string, std::vector<std::string>> by_action;
  for (const MocapClip& c : ListMocapClips(bandai_dir)) {
    if (c.style == style) by_action[c.action].push_back(c.path);
  }
  const auto& walk = by_action["walk"];
  const auto& back = by_action["walk-back"];
  if (walk.empty() || back.empty()) return {};
  std::vector<std::string> session = {walk[0], back[0]};
  if (walk.size() > 1) session.push_back(walk[1]);
  if (!by_action["walk-left"].empty()) session.push_back(by_action["walk-left"][0]);
  session.push_back(back[0]);
  if (!by_action["walk-right"].empty()) session.push_back(by_action["walk-right"][0]);
  return {session};
}

namespace {

bool Contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

std::string FormatScoresLine(const std::string& key, const Scores& s) {
  char buf[400];
  std::snprintf(
      buf, sizeof buf,
      "  %-34s windows %5.0f bal.acc %.3f unk %5.1f%% | bouts %4.0f bal.acc %.3f unk %5.1f%% | "
      "steps %5.0f acc %.3f unk %5.1f%% fwd→bwd %5.2f%% bwd→bwd %5.1f%%\n",
      key.c_str(), s.windows.Total(0) + s.windows.Total(1), s.windows.BalancedAccuracy(),
      100 * s.windows.UnknownRate(), s.bouts.Total(0) + s.bouts.Total(1),
      s.bouts.BalancedAccuracy(), 100 * s.bouts.UnknownRate(), s.steps.Total(0) + s.steps.Total(1),
      s.steps.Accuracy(), 100 * s.steps.UnknownRate(), 100 * s.steps.CalledBackwardRate(0),
      100 * s.steps.CalledBackwardRate(1));
  return buf;
}

namespace {
std::string Line(const std::string& key, const Scores& s) {
  return FormatScoresLine(key, s);
}
}  // namespace

std::string RunCrossValidation(const PreparedData& data, const ProtocolOptions& o,
                               const CrossValidation& cv,
                               const direction::DirectionModel& final_model) {
  std::vector<std::string> styles;
  for (const DirectionRecording& r : data.mocap) {
    if (!Contains(styles, r.group)) styles.push_back(r.group);
  }
  std::sort(styles.begin(), styles.end());
  std::vector<const DirectionRecording*> real_train;
  for (const DirectionRecording& r : data.real) {
    if (Contains(o.real_train_groups, r.group)) real_train.push_back(&r);
  }
  std::map<std::string, Scores> standalone, session;
  std::string out = "Leave-styles-out cross-validation (" + std::to_string(cv.folds) +
                    " folds of " + std::to_string(styles.size()) + " styles)\n";
  std::uint64_t seed = 5000;
  for (int fold = 0; fold < cv.folds; ++fold) {
    std::vector<std::string> held;
    for (std::size_t i = 0; i < styles.size(); ++i) {
      if (static_cast<int>(i % static_cast<std::size_t>(cv.folds)) == fold)
        held.push_back(styles[i]);
    }
    std::vector<const DirectionRecording*> train;
    for (const DirectionRecording& r : data.mocap) {
      if (!Contains(held, r.group)) train.push_back(&r);
    }
    Result<direction::DirectionModel> model = TrainModel(RowsFor(train, real_train, o), o);
    if (!model.ok()) return out + "training failed: " + model.status().message() + "\n";
    std::string held_list;
    for (const std::string& h : held) held_list += " " + h;
    out += "fold " + std::to_string(fold + 1) + " holds out:" + held_list + "\n";
    for (const DirectionRecording& r : data.mocap) {
      if (!Contains(held, r.group)) continue;
      standalone[r.placement].Merge(ScoreStandalone(r, *model));
      standalone["all"].Merge(ScoreStandalone(r, *model));
    }
    std::vector<std::string> train_styles;
    for (const std::string& st : styles) {
      if (!Contains(held, st)) train_styles.push_back(st);
    }
    std::string selection_log;
    model->session_features = SelectSessionFeatures(
        SynthesiseSessions(o, train_styles, cv.session_seeds, 7000), *model, selection_log);
    std::string used;
    for (int f : model->session_features) used += " " + std::to_string(f);
    out += "  session features chosen on the training styles' sessions:" + used + "\n";
    for (const DirectionRecording& rec : SynthesiseSessions(o, held, cv.session_seeds, seed)) {
      const Scores s = ScoreSession(rec, *model);
      session[rec.placement].Merge(s);
      session["all"].Merge(s);
    }
    seed += 1000;
  }
  out += "\nStandalone, single mocap clips of held-out styles (per placement):\n";
  for (const auto& [k, s] : standalone) out += Line(k, s);
  out += "  confusion (windows, all):\n" + standalone["all"].windows.Format() + "\n";
  out +=
      "\nSession mode, synthetic sessions of held-out styles (warm-up not scored; unknown = "
      "wrong):\n";
  for (const auto& [k, s] : session) out += Line(k, s);
  out += "  confusion (steps, all):\n" + session["all"].steps.Format() + "\n";
  out += "\nReal forward walking, final model, standalone:\n";
  out += RealDataReport(data.real, final_model, o.real_train_groups, false);
  out += "\nTime-reversed real walking (truth: backward), final model, standalone:\n";
  out += RealDataReport(data.real, final_model, o.real_train_groups, true);
  return out;
}

std::string RealDataReport(const std::vector<DirectionRecording>& real,
                           const direction::DirectionModel& model,
                           const std::vector<std::string>& train_groups, bool reversed) {
  std::map<std::string, Scores> by;
  for (const DirectionRecording& r : real) {
    const std::string split = Contains(train_groups, r.group) ? "train-subj" : "held-out";
    const Scores s = reversed ? ScoreStandalone(Reversed(r), model) : ScoreStandalone(r, model);
    by[split + " " + r.source + "/" + r.placement].Merge(s);
    by[split + " all"].Merge(s);
    by["every recording"].Merge(s);
  }
  std::string out;
  for (const auto& [k, s] : by) out += Line(k, s);
  return out;
}

}  // namespace retrowalk::synth
