import TrainPlanCore
import TrainPlanFormats
import TrainPlanXML

/// Interactive minutes as a share of learning time.
struct InteractiveShare: PlanCriterion {
    let id = "interactive-share"
    let name = "Interactive share"
    let summary = "At least half of the learning time has participants acting, not only listening."
    let rationale = """
        Adults learn by doing and discussing, and MENTOR's Elements ask that ongoing mentor training \
        have an interactive component. The 50% line is a practitioners' convention (NMRC's review of \
        post-match training, Pike's 70/30 talk ratio in reverse), not a research finding.
        """
    let evidence = Evidence(.practitioner, "NMRC post-match training review; MENTOR Elements; Pike 90/20/8")
    let defaultThreshold = Threshold.min(0.5)
    let defaultWeight = 3
    let defaultEssential = false

    func assess(_ context: PlanContext, threshold: Threshold) -> Assessment {
        let learning = context.learningMinutes
        guard learning > 0 else { return .notApplicable("the plan has no learning time") }
        let interactive = context.interactiveMinutes
        let share = Double(interactive) / Double(learning)
        return .measured(
            share, against: threshold, summary: "\(percent(share)) of learning time is interactive",
            findings: [finding(context, share: share, threshold: threshold)])
    }

    private func finding(_ context: PlanContext, share: Double, threshold: Threshold) -> Finding {
        let learning = context.learningMinutes
        let needed = wholeNumber(
            (threshold.minimum ?? 0) * Double(learning) - Double(context.interactiveMinutes) + 0.999)
        let passive = context.learningActivities.filter { !context.isInteractive($0) }.max { $0.minutes < $1.minutes }
        return Finding(
            id: id,
            message:
                "Only \(percent(share)) of the \(learning) learning minutes are interactive (at least \(percent(threshold.minimum ?? 0)) expected).",
            hint: passive.map {
                needed <= $0.minutes
                    ? "Turn about \(max(needed, 1)) minutes of \(context.label($0)) into discussion or practice, e.g. a pair-share after about 10 minutes."
                    : "Turn \(context.label($0)) into discussion or practice, and about \(needed - $0.minutes) more minutes of presentation or media."
            } ?? "Add discussion, practice or reflection activities.",
            location: passive?.location ?? context.plan.agendaLocation)
    }

    var examples: [CriterionExample] {
        [
            .passing("practice-heavy plan", ExamplePlan.xml()),
            .failing(
                "a long lecture",
                ExamplePlan.xml(agenda: [
                    #"<activity id="opener" method="icebreaker" minutes="5"/>"#,
                    #"⟦here⟧<activity id="input" method="lecture" minutes="40" objectives="skill"/>"#,
                    #"<activity id="practice" method="role-play" minutes="10" objectives="skill"/>"#,
                    #"<activity id="close" method="evaluation" minutes="5" objectives="skill"/>"#,
                ])),
        ]
    }
}
