// Readers for the public research data sets in ../shared/data, with their
// ground truth as annotations (see docs/formats.md):
//  - Oxford step counter (Salvi et al., EMBC 2018): a folder with
//    accelerometer.csv and stepcounter.csv; a step is a 0->1 change of a foot
//    switch. Times are rebased to the first accelerometer sample.
//  - IPOL gait (Voisard et al., IPOL 2023): <s>-<t>_{lb,lf,rf}.txt with the
//    footsteps in <s>-<t>.json beside it; one step per footstep at its heel
//    strike (end index), time = PacketCounter / frequency.
//  - Mobilise-D example (converted): *_lowerback_imu.csv (g, deg/s) with the
//    INDIP reference (*_ref_INDIP_initial_contacts.csv) beside it.
#pragma once

#include <string>

#include "core/recording.h"
#include "core/result.h"

namespace retrowalk {

// `folder` is the recording's folder (the one holding accelerometer.csv).
Result<Recording> ReadOxfordStep(const std::string& folder);
Result<Recording> ReadIpolGait(const std::string& txt_path);
Result<Recording> ReadMobiliseD(const std::string& csv_path);

}  // namespace retrowalk
