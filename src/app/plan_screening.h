// The screening answers a walker gives before a first plan: read from a
// JSON file ({"unstable_angina": false, ...}, see docs/training.md) or
// asked on a terminal, and evaluated by training::EvaluateScreening.
#pragma once

#include <iosfwd>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "training/screening.h"

namespace retrowalk::app {

Result<std::map<std::string, bool>> ScreeningAnswersFromJson(const nlohmann::json& json,
                                                             std::string_view file);
Result<std::map<std::string, bool>> ReadScreeningFile(const std::string& path);

// Asks every question that applies to `setting` on `out`, reading y/n lines
// from `in`; re-asks on anything else. Fails if input ends.
Result<std::map<std::string, bool>> AskScreening(std::istream& in, std::ostream& out,
                                                 training::Setting setting);

// {"unstable_angina": false, ...}: a template answer file with every id, and
// the question text and source beside it in `questions`.
nlohmann::json ScreeningQuestionsJson();

}  // namespace retrowalk::app
