#include "training/evidence.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

#include "training/ladder.h"
#include "training/progression.h"
#include "training/screening.h"
#include "training/types.h"

namespace retrowalk::training {
namespace {

TEST(EvidenceTest, IdsAreUniqueAndEveryRowHasAClaimAndASource) {
  std::set<std::string_view> ids;
  for (const Evidence& e : EvidenceTable()) {
    EXPECT_TRUE(ids.insert(e.id).second) << "duplicate id " << e.id;
    EXPECT_FALSE(e.claim.empty()) << e.id;
    EXPECT_FALSE(e.source.empty()) << e.id;
  }
}

TEST(EvidenceTest, EveryRuleCitesARowThatExists) {
  for (const Stage& s : Ladder()) EXPECT_TRUE(HasEvidence(s.evidence_id)) << s.evidence_id;
  for (Goal g : {Goal::kKnee, Goal::kBalance, Goal::kBack, Goal::kCardio, Goal::kGeneral}) {
    const GoalProfile& p = ProfileFor(g);
    EXPECT_TRUE(HasEvidence(p.dose_evidence_id)) << Name(g);
    EXPECT_TRUE(HasEvidence(p.frequency_evidence_id)) << Name(g);
    for (int stage = 0; stage < static_cast<int>(Ladder().size()); ++stage)
      EXPECT_TRUE(HasEvidence(StageEvidence(g, stage)));
  }
  for (const ProgressionRule& r : ProgressionRules()) EXPECT_TRUE(HasEvidence(r.evidence_id));
  for (const ScreeningQuestion& q : ScreeningQuestions()) EXPECT_TRUE(HasEvidence(q.evidence_id));
  for (const CitedText& c : FormCues()) EXPECT_TRUE(HasEvidence(c.evidence_id));
  for (const CitedText& c : StopRules()) EXPECT_TRUE(HasEvidence(c.evidence_id));
}

TEST(EvidenceTest, CiteShowsSourceAndConfidence) {
  EXPECT_EQ(Cite("trial.knee"),
            "Alghadir et al. 2019, BMC Musculoskeletal Disorders 20:159 (checked)");
  EXPECT_NE(Cite("trial.balance").find("(unchecked)"), std::string::npos);
  EXPECT_NE(Cite("energy.acsm_backward").find("(derived)"), std::string::npos);
  EXPECT_NE(Cite("rule.missed_week").find("convention"), std::string::npos);
}

TEST(EvidenceTest, CoversEveryTableOfTheEvidenceFile) {
  // One row per claim of evidence.md: practice (6), trials (7), energy (9),
  // intensity (1), gait and screening (6), safety (4), plus our conventions.
  for (std::string_view id : {"practice.where",
                              "practice.beginner_dose",
                              "practice.treadmill_speed",
                              "practice.build_up",
                              "practice.form",
                              "practice.stop",
                              "trial.knee",
                              "trial.knee_unloading",
                              "trial.hamstring",
                              "trial.back",
                              "trial.balance",
                              "trial.stroke",
                              "trial.cardio",
                              "energy.backward_level",
                              "energy.backward_uphill",
                              "energy.forward",
                              "energy.ratio",
                              "energy.acsm",
                              "energy.acsm_backward",
                              "energy.hooper",
                              "energy.practice",
                              "energy.kcal",
                              "intensity.bands",
                              "gait.laufer",
                              "gait.masumoto",
                              "gait.walk_run",
                              "gait.healthy_speed",
                              "gait.fall_screen",
                              "gait.3mbwt",
                              "safety.exclusions",
                              "safety.treadmill_test",
                              "safety.treadmill_manual",
                              "safety.not_medical"})
    EXPECT_TRUE(HasEvidence(id)) << id;
}

}  // namespace
}  // namespace retrowalk::training
