import TrainPlanCore
import TrainPlanFormats
import TrainPlanXML

/// Objectives per hour of learning time, a proxy for how much content is crammed in.
struct ObjectivesLoad: PlanCriterion {
    let id = "objectives-load"
    let name = "Objectives per hour"
    let summary = "At most three objectives per hour of learning time."
    let rationale = """
        Ongoing training should not stuff mentors with messages: too much content crowds out practice \
        and the relationship. Objectives per hour is a rough proxy for load and its limit is our convention.
        """
    let evidence = Evidence(.practitioner, "NMRC post-match training review: avoid overloading mentors")
    let defaultThreshold = Threshold.max(3)
    let defaultWeight = 1
    let defaultEssential = false

    func assess(_ context: PlanContext, threshold: Threshold) -> Assessment {
        let learning = context.learningMinutes
        guard learning > 0 else { return .notApplicable("the plan has no learning time") }
        let count = context.plan.objectives.count
        let perHour = Double(count) * 60 / Double(learning)
        let allowed = wholeNumber((threshold.maximum ?? 3) * Double(learning) / 60)
        return .measured(
            perHour, against: threshold, summary: "\(formatNumber(perHour)) objectives per hour",
            findings: [
                Finding(
                    id: id,
                    message:
                        "\(count) objectives in \(learning) learning minutes is \(formatNumber(perHour)) per hour (at most \(formatNumber(threshold.maximum ?? 3)) expected).",
                    hint:
                        "Keep the \(max(allowed, 1)) objectives that matter most and move the rest to another session.",
                    location: context.plan.objectivesLocation)
            ])
    }

    var examples: [CriterionExample] {
        [
            .passing("one objective in forty minutes", ExamplePlan.xml()),
            .failing(
                "five objectives in half an hour",
                ExamplePlan.mark(
                    ExamplePlan.xml(
                        objectives: [
                            #"<objective id="a">Demonstrate the skill.</objective>"#,
                            #"<objective id="b">Describe the policy.</objective>"#,
                            #"<objective id="c">List the contacts.</objective>"#,
                            #"<objective id="d">Explain the reasons.</objective>"#,
                            #"<objective id="e">Plan the next meeting.</objective>"#,
                        ],
                        agenda: [
                            #"<activity id="practice" method="role-play" minutes="25" objectives="a b c d e"/>"#,
                            #"<activity id="close" method="evaluation" minutes="5" objectives="a b c d e"/>"#,
                        ]), before: "<objectives>")),
        ]
    }
}
