import TrainPlanCore
import TrainPlanFormats
import TrainPlanXML

/// The session plans to measure more than whether people liked it.
struct EvaluationPlanned: PlanCriterion {
    let id = "evaluation-planned"
    let name = "Evaluation planned"
    let summary = "The plan measures at least reaction and learning (Kirkpatrick's first two levels)."
    let rationale = """
        "Did you like it" says little about whether mentors can do more. Kirkpatrick's levels ask for \
        a learning measure too; for mentors, self-efficacy before and after is a practical one.
        """
    let evidence = Evidence(.standard, "Kirkpatrick's four levels; MENTOR Elements: evaluate training")
    /// Both required levels present.
    let defaultThreshold = Threshold.min(2)
    let defaultWeight = 1
    let defaultEssential = false
    static let required: [SessionPlan.Measure.Level] = [.reaction, .learning]

    func assess(_ context: PlanContext, threshold: Threshold) -> Assessment {
        let levels = Set(context.plan.evaluation.map(\.level))
        let missing = Self.required.filter { !levels.contains($0) }
        let present = Self.required.count - missing.count
        let location = context.plan.evaluation.first?.location ?? context.plan.agendaLocation
        let examples: [SessionPlan.Measure.Level: String] = [
            .reaction: "<measure level=\"reaction\">Exit card</measure>",
            .learning: "<measure level=\"learning\">Self-efficacy items, before and after</measure>",
        ]
        return .measured(
            Double(present), against: threshold,
            summary: missing.isEmpty
                ? "reaction and learning measured" : "no \(missing.map(\.rawValue).joined(separator: " or ")) measure",
            findings: [
                Finding(
                    id: id,
                    message: context.plan.evaluation.isEmpty
                        ? "The plan has no <evaluation>."
                        : "The evaluation has no \(missing.map(\.rawValue).joined(separator: " or ")) measure.",
                    hint: "Add " + missing.compactMap { examples[$0] }.joined(separator: " and ")
                        + (context.plan.evaluation.isEmpty ? " inside an <evaluation> after the agenda." : "."),
                    location: location)
            ])
    }

    var examples: [CriterionExample] {
        [
            .passing("reaction and learning", ExamplePlan.xml()),
            .failing(
                "reaction only",
                ExamplePlan.xml(evaluation: [#"⟦here⟧<measure level="reaction">Exit card</measure>"#])),
            .failing("no evaluation", ExamplePlan.mark(ExamplePlan.xml(evaluation: nil), before: "<agenda>")),
        ]
    }
}
