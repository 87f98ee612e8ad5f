import TrainPlanCore
import TrainPlanFormats
import TrainPlanXML

/// Every learning activity serves an objective.
struct ActivitiesAligned: PlanCriterion {
    let id = "activities-aligned"
    let name = "Activities aligned"
    let summary = "Every learning activity (energizers and logistics aside) serves at least one objective."
    let rationale = """
        An activity that serves no objective is either a hidden objective or time that could go to \
        practice. Quality Matters' alignment standard asks that each activity support an objective.
        """
    let evidence = Evidence(.standard, "Quality Matters standard 5: activities support the objectives")
    let defaultThreshold = Threshold.min(1)
    let defaultWeight = 2
    let defaultEssential = false

    func assess(_ context: PlanContext, threshold: Threshold) -> Assessment {
        let candidates = context.learningActivities.filter { !context.isCategory($0, "energizer") }
        guard !candidates.isEmpty else { return .notApplicable("the plan has no learning activities") }
        let stray = candidates.filter(\.objectives.isEmpty)
        let findings = stray.map { activity in
            let ids = context.plan.objectives.map(\.id).joined(separator: " ")
            return
                Finding(
                    id: id, message: "The \(activity.method) '\(activity.id)' serves no objective.",
                    hint:
                        "Name the objectives it serves (objectives=\"\(ids)\" lists them all), or give its minutes to practice.",
                    location: activity.location)
        }
        let share = Double(candidates.count - stray.count) / Double(candidates.count)
        return .measured(
            share, against: threshold,
            summary: "\(candidates.count - stray.count) of \(candidates.count) learning activities serve an objective",
            findings: findings)
    }

    var examples: [CriterionExample] {
        [
            .passing("each activity names its objective", ExamplePlan.xml()),
            .failing(
                "a video for its own sake",
                ExamplePlan.xml(agenda: [
                    #"<activity id="opener" method="icebreaker" minutes="5"/>"#,
                    #"⟦here⟧<activity id="film" method="video" minutes="10"/>"#,
                    #"<activity id="practice" method="role-play" minutes="20" objectives="skill"/>"#,
                    #"<activity id="close" method="evaluation" minutes="5" objectives="skill"/>"#,
                ])),
        ]
    }
}
