// Energy estimates as JSON and as a few lines of text, for `retrowalk energy`.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "training/energy.h"

namespace retrowalk::app {

nlohmann::json EnergyToJson(const training::EnergyInput& input,
                            const training::EnergyEstimate& estimate);
std::string EnergyToText(const training::EnergyInput& input,
                         const training::EnergyEstimate& estimate);

}  // namespace retrowalk::app
