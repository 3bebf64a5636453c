// models/direction.json and the compiled-in default model
// (src/gait/direction/default_model.cc), both written by
// `retrowalk train direction` from the same DirectionModel.
#pragma once

#include <string>

#include "core/result.h"
#include "gait/direction/model.h"

namespace retrowalk::synth {

std::string ModelToJson(const direction::DirectionModel& model, const std::string& provenance);
Result<direction::DirectionModel> ModelFromJson(const std::string& text, const std::string& source);
Result<direction::DirectionModel> LoadModel(const std::string& path);
// C++ source defining DefaultDirectionModel() with these numbers.
std::string ModelToCxx(const direction::DirectionModel& model, const std::string& provenance);

}  // namespace retrowalk::synth
