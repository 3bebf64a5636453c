#include "app/plan_screening.h"

#include <istream>
#include <ostream>

#include "app/plan_json_io.h"
#include "training/evidence.h"

namespace retrowalk::app {

using nlohmann::json;

Result<std::map<std::string, bool>> ScreeningAnswersFromJson(const json& value,
                                                             std::string_view file) {
  if (!value.is_object())
    return Status::InvalidInput(std::string(file) +
                                ": expected a JSON object of question ids to true/false");
  std::map<std::string, bool> answers;
  for (const auto& [key, v] : value.items()) {
    if (!v.is_boolean())
      return Status::InvalidInput(std::string(file) + "." + key + ": expected true or false");
    answers[key] = v.get<bool>();
  }
  return answers;
}

Result<std::map<std::string, bool>> ReadScreeningFile(const std::string& path) {
  auto j = ReadJsonFile(path);
  if (!j.ok()) return j.status();
  return ScreeningAnswersFromJson(*j, path);
}

Result<std::map<std::string, bool>> AskScreening(std::istream& in, std::ostream& out,
                                                 training::Setting setting) {
  std::map<std::string, bool> answers;
  out << "Before your first plan, a few safety questions (" << training::Cite("safety.exclusions")
      << "):\n";
  for (const training::ScreeningQuestion& q : training::ScreeningQuestions()) {
    if (q.treadmill_only && setting != training::Setting::kTreadmill) continue;
    while (true) {
      out << "  " << q.text << " [y/n] " << std::flush;
      std::string line;
      if (!std::getline(in, line))
        return Status::InvalidInput("screening: input ended before every question was answered");
      if (line == "y" || line == "yes" || line == "Y") {
        answers[std::string(q.id)] = true;
        break;
      }
      if (line == "n" || line == "no" || line == "N") {
        answers[std::string(q.id)] = false;
        break;
      }
      out << "  Please answer y or n.\n";
    }
  }
  return answers;
}

json ScreeningQuestionsJson() {
  json answers = json::object();
  json questions = json::array();
  for (const training::ScreeningQuestion& q : training::ScreeningQuestions()) {
    answers[std::string(q.id)] = !q.flagged_answer;
    questions.push_back(
        {{"id", q.id},
         {"question", q.text},
         {"flagged_answer", q.flagged_answer},
         {"effect", q.effect == training::ScreeningEffect::kWarn     ? "warn"
                    : q.effect == training::ScreeningEffect::kRefuse ? "refuse"
                                                                     : "refuse treadmill"},
         {"treadmill_only", q.treadmill_only},
         {"source", training::Cite(q.evidence_id)}});
  }
  return {{"answers_template", answers}, {"questions", questions}};
}

}  // namespace retrowalk::app
