import TrainPlanCore
import TrainPlanFormats
import TrainPlanXML

/// The agenda's minutes, breaks included, equal the planned duration.
struct AgendaAddsUp: PlanCriterion {
    let id = "agenda-adds-up"
    let name = "Agenda adds up"
    let summary = "The agenda's minutes, breaks included, equal the planned duration."
    let rationale = """
        A plan whose timings do not add up overruns or leaves dead time, and every other timing \
        criterion reads the agenda's minutes. This is arithmetic, not pedagogy.
        """
    let evidence = Evidence(.standard, "Session-planning practice: a timed agenda that fits the booked time")
    let defaultThreshold = Threshold.max(0)
    let defaultWeight = 2
    let defaultEssential = true

    func assess(_ context: PlanContext, threshold: Threshold) -> Assessment {
        let plan = context.plan
        let total = plan.agendaMinutes
        let difference = plan.durationMinutes - total
        let fix =
            difference > 0
            ? "Add \(difference) minutes to the agenda (a longer activity or a break)"
            : "Take \(-difference) minutes out of the agenda"
        return .measured(
            Double(abs(difference)), against: threshold,
            summary: "the agenda adds up to \(total) of \(plan.durationMinutes) minutes",
            findings: [
                Finding(
                    id: id,
                    message: "The agenda adds up to \(total) minutes, but the duration is \(plan.durationMinutes).",
                    hint: "\(fix), or set <duration minutes=\"\(total)\"/>.", location: plan.agendaLocation)
            ])
    }

    var examples: [CriterionExample] {
        [
            .passing("agenda equals duration", ExamplePlan.xml()),
            .failing(
                "ten minutes short",
                ExamplePlan.mark(ExamplePlan.xml(duration: 50), before: "<agenda>")),
        ]
    }
}
