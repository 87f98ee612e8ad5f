import TrainPlanCore
import TrainPlanFormats
import TrainPlanXML

/// Each module's sessions are numbered 1, 2, … with no gap and no duplicate.
struct CurriculumSequence: CurriculumCriterion {
    let id = "curriculum-sequence"
    let name = "Curriculum sequence"
    let summary = "Across the plans checked together, each module's steps run 1..n with no gap or duplicate."
    let rationale = """
        Curriculum fidelity: the sessions of a module are delivered in order, each building on the \
        last. A gap or two plans claiming the same step means the curriculum on file is not the one taught.
        """
    let evidence = Evidence(.standard, "MENTOR Elements of Effective Practice: deliver training as designed")
    let defaultThreshold = Threshold.max(0)
    let defaultWeight = 3
    let defaultEssential = true

    func assess(_ plans: [CurriculumEntry], threshold: Threshold) -> Assessment {
        guard !plans.isEmpty else { return .notApplicable("no plans") }
        let byModule = Dictionary(grouping: plans, by: \.module.id)
        var findings: [Finding] = []
        for module in byModule.keys.sorted() {
            let sessions = (byModule[module] ?? []).sorted {
                ($0.module.step, $0.location) < ($1.module.step, $1.location)
            }
            var seen: [Int: CurriculumEntry] = [:]
            for session in sessions {
                if let first = seen[session.module.step] {
                    findings.append(
                        Finding(
                            id: id,
                            message:
                                "Module '\(module)' has two sessions at step \(session.module.step): '\(first.id)' and '\(session.id)'.",
                            hint: "Number the module's sessions 1, 2, 3, … in the order they are taught.",
                            location: session.module.location))
                } else {
                    seen[session.module.step] = session
                }
            }
            var previous = 0
            for step in seen.keys.sorted() {
                if step != previous + 1, let session = seen[step] {
                    let missing =
                        previous + 1 == step - 1 ? "step \(previous + 1) is" : "steps \(previous + 1)–\(step - 1) are"
                    findings.append(
                        Finding(
                            id: id,
                            message:
                                "Module '\(module)' goes from step \(previous) to step \(step): \(missing) missing.",
                            hint: previous == 0
                                ? "Number the module's first session step=\"1\", or add the sessions before it."
                                : "Add the missing session, or renumber '\(session.id)' as step \(previous + 1).",
                            location: session.module.location))
                }
                previous = step
            }
        }
        return .measured(
            Double(findings.count), against: threshold,
            summary: findings.isEmpty
                ? "every module's steps run in order"
                : "\(findings.count) sequence problem\(findings.count == 1 ? "" : "s")",
            findings: findings)
    }

    var examples: [CriterionExample] {
        [
            .passing("steps 1 and 2", ExamplePlan.xml(id: "a", step: 1), ExamplePlan.xml(id: "b", step: 2)),
            .failing(
                "step 2 missing",
                ExamplePlan.xml(id: "a", step: 1),
                ExamplePlan.mark(ExamplePlan.xml(id: "c", step: 3), before: "<module")),
            .failing(
                "two plans at step 1",
                ExamplePlan.xml(id: "a", step: 1),
                ExamplePlan.mark(ExamplePlan.xml(id: "b", step: 1), before: "<module")),
        ]
    }
}
