import TrainPlanCore
import TrainPlanFormats
import TrainPlanXML

/// Training continues after the match is made.
struct PostMatchPoints: CurriculumCriterion {
    let id = "post-match-points"
    let name = "Post-match sessions"
    let summary = "The curriculum has at least two post-match (ongoing) training sessions."
    let rationale = """
        Mentors meet new challenges months into a match; MENTOR's Elements recommend ongoing training \
        at several points, and programs that offer it report longer matches (correlational evidence).
        """
    let evidence = Evidence(.standard, "MENTOR Elements of Effective Practice: ongoing training and support")
    let defaultThreshold = Threshold.min(2)
    let defaultWeight = 1
    let defaultEssential = false

    func assess(_ plans: [CurriculumEntry], threshold: Threshold) -> Assessment {
        guard let firstPlan = plans.first else { return .notApplicable("no plans") }
        let postMatch = plans.filter { $0.stage == .postMatch }
        return .measured(
            Double(postMatch.count), against: threshold,
            summary: "\(postMatch.count) post-match session\(postMatch.count == 1 ? "" : "s")",
            findings: [
                Finding(
                    id: id,
                    message:
                        "The curriculum has \(postMatch.count) post-match session\(postMatch.count == 1 ? "" : "s") (at least \(formatNumber(threshold.minimum ?? 2)) expected).",
                    hint:
                        "Plan ongoing sessions for matched mentors, e.g. at three and six months: active listening, the ups and downs of a match.",
                    location: (postMatch.first ?? firstPlan).location)
            ])
    }

    var examples: [CriterionExample] {
        [
            .passing(
                "two post-match sessions", ExamplePlan.xml(id: "a"), ExamplePlan.xml(id: "b", module: "n")),
            .failing(
                "only one", ExamplePlan.xml(id: "a", stage: "pre-match"),
                CriterionExample.marker + ExamplePlan.xml(id: "b", module: "n")),
        ]
    }
}
