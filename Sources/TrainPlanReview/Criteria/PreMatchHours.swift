import TrainPlanCore
import TrainPlanFormats
import TrainPlanXML

/// Enough in-person training before mentors meet their mentee.
struct PreMatchHours: CurriculumCriterion {
    let id = "pre-match-hours"
    let name = "Pre-match hours"
    let summary = "The curriculum has at least two hours (120 minutes) of in-person pre-match training."
    let rationale = """
        MENTOR's Elements of Effective Practice set at least two hours of in-person pre-match training \
        as a benchmark; matches whose mentors had less training close earlier (Herrera et al. 2000, \
        correlational).
        """
    let evidence = Evidence(.standard, "MENTOR Elements of Effective Practice, 4th ed., Standard 3")
    let defaultThreshold = Threshold.min(120)
    let defaultWeight = 2
    let defaultEssential = false

    func assess(_ plans: [CurriculumEntry], threshold: Threshold) -> Assessment {
        guard let firstPlan = plans.first else { return .notApplicable("no plans") }
        let preMatch = plans.filter { $0.stage == .preMatch }
        let inPerson = preMatch.filter { $0.delivery == .inPerson }
        let minutes = inPerson.reduce(0) { $0 + $1.durationMinutes }
        let needed = wholeNumber(threshold.minimum ?? 120) - minutes
        return .measured(
            Double(minutes), against: threshold, summary: "\(minutes) minutes of in-person pre-match training",
            findings: [
                Finding(
                    id: id,
                    message:
                        "The curriculum has \(minutes) minutes of in-person pre-match training (at least \(formatNumber(threshold.minimum ?? 120)) expected).",
                    hint:
                        "Add \(max(needed, 1)) minutes of in-person pre-match sessions (e.g. on safety and the first meetings), or deliver a virtual one in person.",
                    location: (preMatch.first ?? firstPlan).location)
            ])
    }

    var examples: [CriterionExample] {
        [
            .passing(
                "two 60-minute sessions in person",
                ExamplePlan.xml(id: "a", stage: "pre-match", duration: nil, agenda: doubled),
                ExamplePlan.xml(id: "b", step: 2, stage: "pre-match", agenda: doubled)),
            .failing(
                "one hour in person, one online",
                CriterionExample.marker + ExamplePlan.xml(id: "a", stage: "pre-match", agenda: doubled),
                ExamplePlan.xml(id: "b", step: 2, stage: "pre-match", delivery: "virtual", agenda: doubled)),
        ]
    }

    /// The default example agenda at twice the length: 80 minutes.
    private var doubled: [String] {
        [
            #"<activity id="opener" method="icebreaker" minutes="10"/>"#,
            #"<activity id="input" method="mini-lecture" minutes="15" objectives="skill"/>"#,
            #"<activity id="practice" method="role-play" minutes="35" objectives="skill"/>"#,
            #"<activity id="close" method="evaluation" minutes="10" objectives="skill"/>"#,
        ]
    }
}
