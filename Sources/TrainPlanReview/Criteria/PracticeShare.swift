import TrainPlanCore
import TrainPlanFormats
import TrainPlanXML

/// Practice minutes as a share of learning time.
struct PracticeShare: PlanCriterion {
    let id = "practice-share"
    let name = "Practice share"
    let summary = "At least a quarter of the learning time is spent practising the skill."
    let rationale = """
        Rehearsal with feedback is among the best-supported drivers of skills that carry over to the \
        job (meta-analyses of behaviour-modelling training). The 25% figure is our convention for a \
        session that teaches a skill.
        """
    let evidence = Evidence(.strong, "Taylor, Russ-Eft & Chan 2005; Arthur et al. 2003 (training effectiveness)")
    let defaultThreshold = Threshold.min(0.25)
    let defaultWeight = 3
    let defaultEssential = false

    func assess(_ context: PlanContext, threshold: Threshold) -> Assessment {
        let learning = context.learningMinutes
        guard learning > 0 else { return .notApplicable("the plan has no learning time") }
        let practice = context.practiceMinutes
        let share = Double(practice) / Double(learning)
        return .measured(
            share, against: threshold, summary: "\(percent(share)) of learning time is practice",
            findings: [finding(context, share: share, threshold: threshold)])
    }

    private func finding(_ context: PlanContext, share: Double, threshold: Threshold) -> Finding {
        let learning = context.learningMinutes
        let practice = context.practiceMinutes
        let needed = max(1, wholeNumber((threshold.minimum ?? 0) * Double(learning) - Double(practice) + 0.999))
        let longest = context.learningActivities.filter { !context.isInteractive($0) }.max { $0.minutes < $1.minutes }
        let objective = context.plan.objectives.first.map { " for '\($0.id)'" } ?? ""
        return Finding(
            id: id,
            message: practice == 0
                ? "The plan has no practice: participants never rehearse the skill."
                : "Only \(practice) of \(learning) learning minutes (\(percent(share))) are practice.",
            hint: "Add about \(needed) minutes of practice\(objective) (a role-play, case study or scenario)"
                + (longest.map { ", e.g. in place of \(needed < $0.minutes ? "part of " : "")\(context.label($0))." }
                    ?? "."),
            location: longest?.location ?? context.plan.agendaLocation)
    }

    var examples: [CriterionExample] {
        [
            .passing("twenty minutes of role-play in forty", ExamplePlan.xml()),
            .failing(
                "talk and discussion only",
                ExamplePlan.xml(agenda: [
                    #"<activity id="opener" method="icebreaker" minutes="5"/>"#,
                    #"⟦here⟧<activity id="input" method="mini-lecture" minutes="10" objectives="skill"/>"#,
                    #"<activity id="talk" method="discussion" minutes="20" objectives="skill"/>"#,
                    #"<activity id="close" method="evaluation" minutes="5" objectives="skill"/>"#,
                ])),
        ]
    }
}
