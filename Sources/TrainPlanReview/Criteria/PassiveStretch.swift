import TrainPlanCore
import TrainPlanFormats
import TrainPlanXML

/// The longest run of minutes in which participants only listen or watch.
struct PassiveStretch: PlanCriterion {
    let id = "passive-stretch"
    let name = "Passive stretch"
    let summary = "No run of listening or watching lasts longer than 20 minutes without participants doing something."
    let rationale = """
        Long passive stretches lose people. The number comes from Pike's 90/20/8 (change the activity \
        at least every 20 minutes); the often-quoted 10-to-20-minute attention span is not supported \
        by research (Bradbury 2016), so treat the threshold as a rule of thumb.
        """
    let evidence = Evidence(.practitioner, "Pike 90/20/8: change the activity at least every 20 minutes")
    let defaultThreshold = Threshold.max(20)
    let defaultWeight = 3
    let defaultEssential = false

    func assess(_ context: PlanContext, threshold: Threshold) -> Assessment {
        var longest: [Activity] = []
        var current: [Activity] = []
        func close() {
            if current.reduce(0, { $0 + $1.minutes }) > longest.reduce(0, { $0 + $1.minutes }) { longest = current }
            current = []
        }
        for item in context.plan.agenda {
            switch item {
            case .pause: close()
            case .activity(let activity):
                // Logistics (sign-in, housekeeping) is not learning time: it neither adds to a
                // passive stretch nor ends one.
                if !context.isLearning(activity) { continue }
                if context.isInteractive(activity) { close() } else { current.append(activity) }
            }
        }
        close()
        let minutes = longest.reduce(0) { $0 + $1.minutes }
        guard let first = longest.first else {
            return .measured(0, against: threshold, summary: "no passive stretch", findings: [])
        }
        let limit = wholeNumber(threshold.maximum ?? 20)
        let splitAfter = min(15, max(limit - 5, 5))
        var hint: String
        if let long = longest.first(where: { $0.minutes > limit }) {
            hint =
                "Split \(context.label(long)) with a pair-share or a question to the group after about \(splitAfter) minutes"
            hint += longest.count > 1 ? ", and put an interactive activity between the passive blocks." : "."
        } else {
            hint =
                "Put a short interactive activity (a pair-share, a quick scenario) between \(context.label(first)) "
                + "and the \(longest.count == 2 ? "block" : "blocks") after it."
        }
        return .measured(
            Double(minutes), against: threshold, summary: "longest passive stretch \(minutes) minutes",
            findings: [
                Finding(
                    id: id,
                    message:
                        "Participants listen or watch for \(minutes) minutes in a row (at most \(limit) expected).",
                    hint: hint, location: first.location)
            ])
    }

    var examples: [CriterionExample] {
        [
            .passing("short inputs between activities", ExamplePlan.xml()),
            .failing(
                "a 35-minute lecture",
                ExamplePlan.xml(agenda: [
                    #"<activity id="opener" method="icebreaker" minutes="5"/>"#,
                    #"⟦here⟧<activity id="input" method="lecture" minutes="35" objectives="skill"/>"#,
                    #"<activity id="practice" method="role-play" minutes="35" objectives="skill"/>"#,
                    #"<activity id="close" method="evaluation" minutes="5" objectives="skill"/>"#,
                ])),
            .failing(
                "a video straight after a lecture",
                ExamplePlan.xml(agenda: [
                    #"<activity id="opener" method="icebreaker" minutes="5"/>"#,
                    #"⟦here⟧<activity id="input" method="mini-lecture" minutes="15" objectives="skill"/>"#,
                    #"<activity id="film" method="video" minutes="15" objectives="skill"/>"#,
                    #"<activity id="practice" method="role-play" minutes="30" objectives="skill"/>"#,
                    #"<activity id="close" method="evaluation" minutes="5" objectives="skill"/>"#,
                ])),
        ]
    }
}
