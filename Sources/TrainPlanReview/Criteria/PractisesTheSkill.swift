import TrainPlanCore
import TrainPlanFormats
import TrainPlanXML

/// Some practice at all: the floor under `practice-share`, essential by default.
struct PractisesTheSkill: PlanCriterion {
    let id = "practises-the-skill"
    let name = "Practises the skill"
    let summary = "Participants practise at least once: some of the learning time is practice."
    let rationale = """
        The practice this tool's guidance insists on — "offer opportunities to practice new skills" — is \
        not optional: a session in which mentors never rehearse fails, whatever else it does well. It is \
        essential and carries no weight of its own, so it decides the verdict without moving the score; \
        how much practice is enough is `practice-share`'s question.
        """
    let evidence = Evidence(
        .strong, "Taylor, Russ-Eft & Chan 2005 (behaviour-modelling training); MENTOR Elements of Effective Practice")
    let defaultThreshold = Threshold.min(1)
    let defaultWeight = 0
    let defaultEssential = true

    func assess(_ context: PlanContext, threshold: Threshold) -> Assessment {
        guard context.learningMinutes > 0 else { return .notApplicable("the plan has no learning time") }
        let practice = context.practiceMinutes
        let longest = context.learningActivities.filter { !context.isInteractive($0) }.max { $0.minutes < $1.minutes }
        let objective = context.plan.objectives.first.map { " for '\($0.id)'" } ?? ""
        return .measured(
            Double(practice), against: threshold, summary: "\(practice) minutes of practice",
            findings: [
                Finding(
                    id: id,
                    message: practice == 0
                        ? "Participants never practise: the plan has no practice at all."
                        : "The plan has only \(practice) minutes of practice.",
                    hint: "Add a role-play, case study or scenario\(objective)"
                        + (longest.map { ", e.g. in place of part of \(context.label($0))." } ?? "."),
                    location: longest?.location ?? context.plan.agendaLocation)
            ])
    }

    var examples: [CriterionExample] {
        [
            .passing("twenty minutes of role-play", ExamplePlan.xml()),
            .failing(
                "a talk, a discussion and a quiz",
                ExamplePlan.xml(agenda: [
                    #"<activity id="opener" method="icebreaker" minutes="5"/>"#,
                    #"⟦here⟧<activity id="input" method="mini-lecture" minutes="10" objectives="skill"/>"#,
                    #"<activity id="talk" method="discussion" minutes="20" objectives="skill"/>"#,
                    #"<activity id="close" method="evaluation" minutes="5" objectives="skill"/>"#,
                ])),
        ]
    }
}
