import TrainPlanCore
import TrainPlanFormats
import TrainPlanXML

/// The longest stretch of the agenda without a break.
struct BreakSpacing: PlanCriterion {
    let id = "break-spacing"
    let name = "Break spacing"
    let summary = "There is a break at least every 90 minutes."
    let rationale = """
        Fatigue and full bladders end learning. Pike's 90/20/8 puts a break at least every 90 \
        minutes; it is a trainers' rule of thumb, widely followed, not an experimental result.
        """
    let evidence = Evidence(.practitioner, "Pike 90/20/8: no segment longer than 90 minutes")
    let defaultThreshold = Threshold.max(90)
    let defaultWeight = 2
    let defaultEssential = false

    func assess(_ context: PlanContext, threshold: Threshold) -> Assessment {
        let limit = wholeNumber(threshold.maximum ?? 90)
        var longest = 0
        var running = 0
        var crossing: (activity: Activity, after: Int)?
        for item in context.plan.agenda {
            switch item {
            case .pause:
                running = 0
            case .activity(let activity):
                if running + activity.minutes > limit, running <= limit, crossing == nil {
                    crossing = (activity, running)
                }
                running += activity.minutes
                longest = max(longest, running)
            }
        }
        let at = crossing?.activity
        return .measured(
            Double(longest), against: threshold, summary: "longest stretch without a break \(longest) minutes",
            findings: [
                Finding(
                    id: id, message: "The plan runs \(longest) minutes without a break (at most \(limit) expected).",
                    hint: at.map {
                        "Add a 10-minute <break/> before \(context.label($0)), about \(crossing?.after ?? 0) minutes in."
                    } ?? "Add a 10-minute break.", location: at?.location ?? context.plan.agendaLocation)
            ])
    }

    var examples: [CriterionExample] {
        [
            .passing("a forty-minute session", ExamplePlan.xml()),
            .passing(
                "two hours with a break in the middle",
                ExamplePlan.xml(agenda: [
                    #"<activity id="opener" method="icebreaker" minutes="10"/>"#,
                    #"<activity id="input" method="mini-lecture" minutes="15" objectives="skill"/>"#,
                    #"<activity id="practice" method="role-play" minutes="30" objectives="skill"/>"#,
                    #"<break minutes="10"/>"#,
                    #"<activity id="cases" method="case-study" minutes="45" objectives="skill"/>"#,
                    #"<activity id="close" method="evaluation" minutes="10" objectives="skill"/>"#,
                ])),
            .failing(
                "two hours straight",
                ExamplePlan.xml(agenda: [
                    #"<activity id="opener" method="icebreaker" minutes="10"/>"#,
                    #"<activity id="input" method="mini-lecture" minutes="15" objectives="skill"/>"#,
                    #"<activity id="practice" method="role-play" minutes="30" objectives="skill"/>"#,
                    #"⟦here⟧<activity id="cases" method="case-study" minutes="55" objectives="skill"/>"#,
                    #"<activity id="close" method="evaluation" minutes="10" objectives="skill"/>"#,
                ])),
        ]
    }
}
