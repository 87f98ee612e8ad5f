import TrainPlanCore
import TrainPlanFormats
import TrainPlanXML

/// The session opens by engaging people and closes by consolidating.
struct OpenAndClose: PlanCriterion {
    let id = "open-and-close"
    let name = "Opening and closing"
    let summary =
        "Opens with an energizer or an overview of the objectives in the first 15%, and closes with reflection, planning or evaluation."
    let rationale = """
        Gagné's events of instruction start by gaining attention and stating the objectives, and end \
        by helping transfer to the job. An opener and a closing activity are the cheapest way to get both.
        """
    let evidence = Evidence(.standard, "Gagné, The Conditions of Learning: nine events of instruction")
    /// Both ends present.
    let defaultThreshold = Threshold.min(2)
    let defaultWeight = 1
    let defaultEssential = false
    /// The part of the session in which the opener must start.
    static let openingShare = 0.15
    static let openingCategories: Set<String> = ["energizer"]
    static let openingMethods: Set<String> = ["overview"]
    static let closingCategories: Set<String> = ["reflection", "planning", "assessment"]

    func assess(_ context: PlanContext, threshold: Threshold) -> Assessment {
        let plan = context.plan
        guard let first = plan.activities.first else { return .notApplicable("the agenda has no activities") }
        let starts = context.startMinutes
        let window = Double(plan.durationMinutes) * Self.openingShare
        let opens = zip(plan.agenda, starts).contains { item, start in
            guard case .activity(let activity) = item, Double(start) <= window + 1e-9 else { return false }
            return Self.openingMethods.contains(activity.method)
                || Self.openingCategories.contains(context.category(of: activity)?.id ?? "")
        }
        let last = plan.activities.last { context.isLearning($0) } ?? first
        let closes = Self.closingCategories.contains(context.category(of: last)?.id ?? "")
        var findings: [Finding] = []
        if !opens {
            findings.append(
                Finding(
                    id: id, message: "The session does not open with an energizer or an overview of its objectives.",
                    hint:
                        "Start with a 5-minute icebreaker tied to the topic, or an overview of the objectives, within the first \(Int(window)) minutes.",
                    location: first.location))
        }
        if !closes {
            findings.append(
                Finding(
                    id: id,
                    message:
                        "The session ends with the \(last.method) '\(last.id)' instead of reflection, planning or evaluation.",
                    hint:
                        "Close with 5–10 minutes of action planning, reflection or an exit card, so that participants take the skill to their next meeting.",
                    location: last.location))
        }
        let ends = (opens ? 1 : 0) + (closes ? 1 : 0)
        return .measured(
            Double(ends), against: threshold,
            summary: [opens ? "opens well" : "no opener", closes ? "closes well" : "no closing"].joined(
                separator: ", "),
            findings: findings)
    }

    var examples: [CriterionExample] {
        [
            .passing("icebreaker first, evaluation last", ExamplePlan.xml()),
            .passing(
                "welcome, then an overview",
                ExamplePlan.xml(agenda: [
                    #"<activity id="arrive" method="welcome" minutes="5"/>"#,
                    #"<activity id="goals" method="overview" minutes="5" objectives="skill"/>"#,
                    #"<activity id="practice" method="role-play" minutes="30" objectives="skill"/>"#,
                    #"<activity id="plan" method="action-planning" minutes="10" objectives="skill"/>"#,
                ])),
            .failing(
                "straight into a lecture",
                ExamplePlan.xml(agenda: [
                    #"⟦here⟧<activity id="input" method="mini-lecture" minutes="10" objectives="skill"/>"#,
                    #"<activity id="practice" method="role-play" minutes="25" objectives="skill"/>"#,
                    #"<activity id="close" method="evaluation" minutes="5" objectives="skill"/>"#,
                ])),
            .failing(
                "ends on questions",
                ExamplePlan.xml(agenda: [
                    #"<activity id="opener" method="icebreaker" minutes="5"/>"#,
                    #"<activity id="practice" method="role-play" minutes="25" objectives="skill"/>"#,
                    #"⟦here⟧<activity id="questions" method="q-and-a" minutes="10" objectives="skill"/>"#,
                ])),
        ]
    }
}
