// The evidence every rule and number of the training engine rests on, as
// data: one row per claim of ../shared/docs/evidence.md with its source and
// how well it was checked. Rules elsewhere refer to rows by id, so the user
// always sees the source beside the rule it justifies, and a test can check
// that no rule cites a row that does not exist.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace retrowalk::training {

enum class Confidence {
  kChecked,    // read in the source's abstract or text
  kDerived,    // arithmetic on checked figures
  kUnchecked,  // needs confirming before it is relied on
  kConvention  // retrowalk's own coaching convention, not from a source
};

struct Evidence {
  std::string_view id;      // stable key, e.g. "trial.knee"
  std::string_view topic;   // what the row is about
  std::string_view claim;   // the rule or number, as the user reads it
  std::string_view source;  // citation
  Confidence confidence;
};

std::span<const Evidence> EvidenceTable();

// The row with this id. Ids are compile-time constants of this library; an
// unknown id is a programming error and aborts (tests cover every id used).
const Evidence& EvidenceFor(std::string_view id);
bool HasEvidence(std::string_view id);

std::string_view ConfidenceName(Confidence confidence);

// "Alghadir et al. 2019, BMC ... (checked)" — the source as shown to users.
std::string Cite(std::string_view id);

}  // namespace retrowalk::training
