import TrainPlanCore
import TrainPlanFormats
import TrainPlanXML

/// Every objective starts with a verb someone could observe.
struct ObjectivesMeasurable: PlanCriterion {
    let id = "objectives-measurable"
    let name = "Measurable objectives"
    let summary = "Every objective starts with a measurable verb, and none with a verb to avoid (understand, know, …)."
    let rationale = """
        An objective that names a state of mind (understand, know, be aware of) cannot be checked, so \
        nobody can tell whether the session reached it. Quality Matters makes measurable objectives \
        its first standard; Bloom's revised taxonomy supplies the verbs.
        """
    let evidence = Evidence(.standard, "Quality Matters standard 2; Anderson & Krathwohl 2001 (revised Bloom)")
    let defaultThreshold = Threshold.min(1)
    let defaultWeight = 2
    let defaultEssential = false

    /// An observable verb to put in place of each avoided one.
    static let replacements: [String: String] = [
        "understand": "Explain", "know": "State", "learn": "Demonstrate", "appreciate": "Describe the value of",
        "be aware of": "Identify", "become aware of": "Identify", "be familiar with": "Describe",
        "become familiar with": "Describe", "realize": "Recognize", "realise": "Recognise", "believe": "Explain why",
        "grasp": "Explain", "comprehend": "Explain", "value": "Describe the value of", "feel": "Describe",
        "internalize": "Apply", "think about": "Reflect on", "gain knowledge of": "Describe",
        "gain an understanding of": "Explain", "be exposed to": "Identify",
    ]

    func assess(_ context: PlanContext, threshold: Threshold) -> Assessment {
        let objectives = context.plan.objectives
        guard !objectives.isEmpty else { return .notApplicable("the plan has no objectives") }
        var findings: [Finding] = []
        for objective in objectives {
            if let avoided = context.verbs.avoidedOpening(of: objective.text) {
                let replacement = Self.replacements[avoided] ?? "Describe"
                let rest = objective.text.dropFirst(min(objective.text.count, avoided.count))
                    .drop(while: \.isWhitespace)
                findings.append(
                    Finding(
                        id: id,
                        message:
                            "The objective '\(objective.id)' starts with '\(avoided)', which cannot be observed or measured.",
                        hint: "Start with what participants will do: \"\(replacement) \(rest)\"",
                        location: objective.location))
            } else if objective.level == nil, context.verbs.level(of: objective.text) == nil {
                let verb = VerbList.openingVerb(of: objective.text) ?? ""
                findings.append(
                    Finding(
                        id: id,
                        message: "The objective '\(objective.id)' does not start with a measurable verb ('\(verb)').",
                        hint:
                            "Start with a verb from Rubrics/verbs.xml (Describe, Demonstrate, Plan, …), or give its Bloom level with level=\"…\".",
                        location: objective.location))
            }
        }
        let measurable = objectives.count - findings.count
        let share = Double(measurable) / Double(objectives.count)
        return .measured(
            share, against: threshold, summary: "\(measurable) of \(objectives.count) objectives measurable",
            findings: findings)
    }

    var examples: [CriterionExample] {
        [
            .passing("starts with Demonstrate", ExamplePlan.xml()),
            .failing(
                "starts with Understand",
                ExamplePlan.xml(objectives: [
                    #"⟦here⟧<objective id="skill">Understand how active listening works.</objective>"#
                ])),
            .failing(
                "starts with Be aware of",
                ExamplePlan.xml(objectives: [
                    #"⟦here⟧<objective id="skill">Be aware of the resources staff offer.</objective>"#
                ])),
        ]
    }
}
