import TrainPlanCore
import TrainPlanFormats
import TrainPlanXML

/// Distinct kinds of method, with no kind dominating.
struct MethodVariety: PlanCriterion {
    let id = "method-variety"
    let name = "Method variety"
    let summary = "The learning time uses several kinds of method, and no kind takes more than half of it."
    let rationale = """
        Varied methods hold attention and reach participants who learn differently; adult-learning \
        guides agree on it. Counting categories and the 50% cap are conventions, not research results.
        """
    let evidence = Evidence(.practitioner, "Knowles, The Adult Learner; Pike, Creative Training Techniques")
    let defaultThreshold = Threshold.min(3)
    let defaultWeight = 2
    let defaultEssential = false
    /// The largest share of learning time one category may take.
    static let dominantShare = 0.5

    func assess(_ context: PlanContext, threshold: Threshold) -> Assessment {
        let learning = context.learningMinutes
        guard learning > 0 else { return .notApplicable("the plan has no learning time") }
        var minutes: [String: Int] = [:]
        for activity in context.learningActivities {
            minutes[context.categoryID(of: activity), default: 0] += activity.minutes
        }
        let kinds = minutes.keys.sorted()
        let top = minutes.max { ($0.value, $1.key) < ($1.value, $0.key) }
        let topShare = Double(top?.value ?? 0) / Double(learning)
        let count = Double(kinds.count)
        let summary = "\(kinds.count) kinds of method (\(kinds.joined(separator: ", ")))"
        if !threshold.holds(for: count) {
            return Assessment(
                status: .notMet, measured: count, summary: summary,
                findings: [
                    Finding(
                        id: id,
                        message:
                            "The plan uses \(kinds.count) kind\(kinds.count == 1 ? "" : "s") of method (\(kinds.joined(separator: ", "))); at least \(formatNumber(threshold.minimum ?? 0)) expected.",
                        hint:
                            "Add a different kind of activity: practice (role-play, case study), reflection (journaling) or discussion (pair-share).",
                        location: context.plan.agendaLocation)
                ])
        }
        if let top, topShare > Self.dominantShare + 1e-9 {
            let longest = context.learningActivities.filter { context.categoryID(of: $0) == top.key }
                .max { $0.minutes < $1.minutes }
            return Assessment(
                status: .notMet, measured: count, summary: summary + "; \(top.key) takes \(percent(topShare))",
                findings: [
                    Finding(
                        id: id,
                        message:
                            "The \(top.key) category takes \(percent(topShare)) of the learning time (at most 50% expected).",
                        hint: longest.map { "Replace part of \(context.label($0)) with another kind of activity." },
                        location: longest?.location ?? context.plan.agendaLocation)
                ])
        }
        return Assessment(status: .met, measured: count, summary: summary, findings: [])
    }

    var examples: [CriterionExample] {
        [
            .passing("energizer, presentation, practice, assessment", ExamplePlan.xml()),
            .failing(
                "lecture and questions only",
                ExamplePlan.mark(
                    ExamplePlan.xml(agenda: [
                        #"<activity id="input" method="lecture" minutes="20" objectives="skill"/>"#,
                        #"<activity id="questions" method="q-and-a" minutes="10" objectives="skill"/>"#,
                    ]), before: "<agenda>")),
            .failing(
                "practice takes most of the time",
                ExamplePlan.xml(agenda: [
                    #"<activity id="opener" method="icebreaker" minutes="5"/>"#,
                    #"<activity id="p1" method="role-play" minutes="20" objectives="skill"/>"#,
                    #"⟦here⟧<activity id="p2" method="case-study" minutes="25" objectives="skill"/>"#,
                    #"<activity id="close" method="evaluation" minutes="5" objectives="skill"/>"#,
                ])),
        ]
    }
}
