// Sidecar labels: OUT.labels.csv beside OUT.csv, one annotation per row.
//
//   start_s,end_s,label
//   12.340,12.340,step
//   10.000,55.500,walking_bout
//
// Instants have start_s == end_s. The label is the rest of the line after the
// second comma, so it may itself contain commas.
#pragma once

#include <string>
#include <vector>

#include "core/recording.h"
#include "core/result.h"

namespace retrowalk {

Status WriteLabelsCsv(const std::vector<Annotation>& annotations, const std::string& path);
Result<std::vector<Annotation>> ReadLabelsCsv(const std::string& path);

// "walk.csv" -> "walk.labels.csv" (any other name: append ".labels.csv").
std::string LabelsPathFor(const std::string& recording_path);

}  // namespace retrowalk
