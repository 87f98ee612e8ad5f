import TrainPlanCore
import TrainPlanFormats
import TrainPlanXML

/// Every objective is practised or assessed in the session itself.
struct ObjectivesPracticed: PlanCriterion {
    let id = "objectives-practiced"
    let name = "Objectives practised"
    let summary = "Every objective is served by at least one practice or assessment activity."
    let rationale = """
        An objective that is only talked about is not learned as a skill. Quality Matters asks that \
        activities and assessments line up with each objective; here that means some activity where \
        participants practise it or show it.
        """
    let evidence = Evidence(
        .standard, "Quality Matters standards 3 and 5: alignment of objectives, activities and assessment")
    let defaultThreshold = Threshold.min(1)
    let defaultWeight = 3
    let defaultEssential = false

    func assess(_ context: PlanContext, threshold: Threshold) -> Assessment {
        let objectives = context.plan.objectives
        guard !objectives.isEmpty else { return .notApplicable("the plan has no objectives") }
        let practising = context.plan.activities.filter {
            context.isPractice($0) || context.isCategory($0, "assessment")
        }
        let served = Set(practising.flatMap(\.objectives))
        let unpractised = objectives.filter { !served.contains($0.id) }
        let findings = unpractised.map { objective in
            Finding(
                id: id, message: "The objective '\(objective.id)' is never practised or assessed.",
                hint: practising.first(where: context.isPractice).map {
                    "Add '\(objective.id)' to objectives=\"…\" of the \($0.method) '\($0.id)' if it practises it, or plan a role-play, scenario or quiz for it."
                } ?? "Plan a role-play, scenario or quiz in which participants do what '\(objective.id)' describes.",
                location: objective.location)
        }
        let share = Double(objectives.count - unpractised.count) / Double(objectives.count)
        return .measured(
            share, against: threshold,
            summary: "\(objectives.count - unpractised.count) of \(objectives.count) objectives practised or assessed",
            findings: findings)
    }

    var examples: [CriterionExample] {
        [
            .passing("role-play serves the objective", ExamplePlan.xml()),
            .failing(
                "an objective only lectured about",
                ExamplePlan.xml(
                    objectives: [
                        #"<objective id="skill">Demonstrate the skill in a short conversation.</objective>"#,
                        #"⟦here⟧<objective id="policy">Describe the program's policy.</objective>"#,
                    ],
                    agenda: [
                        #"<activity id="opener" method="icebreaker" minutes="5"/>"#,
                        #"<activity id="input" method="mini-lecture" minutes="10" objectives="skill policy"/>"#,
                        #"<activity id="practice" method="role-play" minutes="20" objectives="skill"/>"#,
                        #"<activity id="close" method="evaluation" minutes="5" objectives="skill"/>"#,
                    ])),
        ]
    }
}
