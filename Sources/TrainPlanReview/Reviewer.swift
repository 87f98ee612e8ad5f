import Foundation
public import TrainPlanCore
public import TrainPlanFormats
import TrainPlanXML

/// Applies a rubric to checked plans: runs each criterion, scores each plan and gives verdicts.
public enum Reviewer {
    /// Reviews the plans of a check: the collected form of the stream below (the same
    /// pipeline, keeping every plan). Curriculum criteria run only when `asCurriculum` is set,
    /// so a plan checked on its own is never failed for what the rest of a curriculum lacks.
    /// The set findings are found again from the plans, in path order, as the stream finds
    /// them.
    public static func review(
        _ report: CheckReport, rubric: Rubric, catalog: MethodCatalog, verbs: VerbList, asCurriculum: Bool
    ) -> Review {
        // In path order, the order of the stream and of every report; kept in the report's.
        let order = report.plans.indices.sorted { (report.plans[$0].file, $0) < (report.plans[$1].file, $1) }
        var plans = [PlanReview?](repeating: nil, count: order.count)
        var setFindings: [Finding] = []
        let totals = run(
            count: order.count, batchSize: max(order.count, 1), steps: Steps(rubric), catalog: catalog, verbs: verbs,
            asCurriculum: asCurriculum, keepPlans: true, check: { report.plans[order[$0]] }, prepare: { _ in () },
            each: { index, review, _, found in
                plans[order[index]] = review
                setFindings += found
            })
        return Review(
            rubric: rubric, plans: plans.compactMap { $0 }, curriculum: totals.curriculum, setFindings: setFindings,
            catalog: catalog)
    }

    /// Reviews one checked plan against the rubric: what `review` does for each plan, for a
    /// caller that keeps the reviews of the other plans (the project, when one file changed).
    public static func review(_ result: PlanResult, rubric: Rubric, catalog: MethodCatalog, verbs: VerbList)
        -> PlanReview
    {
        review(result, steps: Steps(rubric), catalog: catalog, verbs: verbs)
    }

    /// A whole review from plans reviewed one by one: the set findings given, and the
    /// curriculum criteria judged on the plans that could be scored.
    public static func assemble(
        _ plans: [PlanReview], setFindings: [Finding], rubric: Rubric, catalog: MethodCatalog, asCurriculum: Bool
    ) -> Review {
        let entries = plans.compactMap { review in review.results.isEmpty ? nil : review.plan.map(CurriculumEntry.init)
        }
        return Review(
            rubric: rubric, plans: plans,
            curriculum: asCurriculum ? curriculum(entries, rubric: rubric) : [],
            setFindings: setFindings, catalog: catalog)
    }

    /// Reads, checks and reviews plan files in batches and hands each plan's review to `each`
    /// in path order, with the set findings that point into it (a session id already used by
    /// an earlier file). A batch is read and judged on every core; once handed on, its plans
    /// are let go, so memory does not grow with the number of files.
    ///
    /// The files are taken in path order, the order every report lists them in.
    public static func stream(
        files: [String], rubric: Rubric, catalog: MethodCatalog, verbs: VerbList, asCurriculum: Bool,
        batchSize: Int = 256, load: @Sendable (String) -> SourceText,
        each: (_ review: PlanReview, _ setFindings: [Finding]) -> Void
    ) -> ReviewTotals {
        stream(
            files: files, rubric: rubric, catalog: catalog, verbs: verbs, asCurriculum: asCurriculum,
            batchSize: batchSize, load: load, prepare: { _ in () },
            each: { review, _, setFindings in each(review, setFindings) })
    }

    /// Streams as above, and also runs `prepare` on each review on the core that judged it
    /// (rendering its lines of a report, say), handing the result to `each` with the review.
    ///
    /// The review handed to `each` no longer holds the plan itself (`plan` is `nil`): the plan
    /// is let go on the core that read it, and the findings, score and verdict are all kept.
    public static func stream<Prepared: Sendable>(
        files: [String], rubric: Rubric, catalog: MethodCatalog, verbs: VerbList, asCurriculum: Bool,
        batchSize: Int = 256, load: @Sendable (String) -> SourceText,
        prepare: @Sendable (PlanReview) -> Prepared,
        each: (_ review: PlanReview, _ prepared: Prepared, _ setFindings: [Finding]) -> Void
    ) -> ReviewTotals {
        let files = files.sorted()
        let xpath = rubric.assertions.map(\.test)
        return run(
            count: files.count, batchSize: batchSize, steps: Steps(rubric), catalog: catalog, verbs: verbs,
            asCurriculum: asCurriculum, keepPlans: false,
            check: { PlanChecker.checkPlan(load(files[$0]), file: files[$0], catalog: catalog, xpath: xpath) },
            prepare: prepare, each: { _, review, prepared, setFindings in each(review, prepared, setFindings) })
    }

    /// The one review pipeline. Plans `0..<count` are checked (`check`) and judged in batches
    /// on every core; then, in index order on the calling thread, the duplicate session ids
    /// are found, the totals counted and each review handed to `each` with the set findings
    /// that point into it; last, the curriculum is judged. Without `keepPlans`, a review's plan
    /// is let go on the core that judged it.
    private static func run<Prepared: Sendable>(
        count: Int, batchSize: Int, steps: Steps, catalog: MethodCatalog, verbs: VerbList, asCurriculum: Bool,
        keepPlans: Bool, check: @Sendable (Int) -> PlanResult, prepare: @Sendable (PlanReview) -> Prepared,
        each: (_ index: Int, _ review: PlanReview, _ prepared: Prepared, _ setFindings: [Finding]) -> Void
    ) -> ReviewTotals {
        var totals = ReviewTotals()
        var entries: [CurriculumEntry] = []
        var sessions = PlanChecker.SessionIDs()
        var start = 0
        while start < count {
            let batch = start..<min(start + max(batchSize, 1), count)
            let slots = ResultSlots<Judged<Prepared>>(count: batch.count)
            DispatchQueue.concurrentPerform(iterations: batch.count) { offset in
                var review = review(check(batch.lowerBound + offset), steps: steps, catalog: catalog, verbs: verbs)
                let prepared = prepare(review)
                let session = review.plan.map { ($0.id, $0.location) }
                let entry = review.results.isEmpty ? nil : review.plan.map(CurriculumEntry.init)
                if !keepPlans { review.plan = nil }
                slots[offset] = Judged(review: review, prepared: prepared, session: session, entry: entry)
            }
            for (offset, judged) in slots.values.enumerated() {
                let setFindings = judged.session.flatMap { sessions.visit($0.id, at: $0.location) }.map { [$0] } ?? []
                if let entry = judged.entry { entries.append(entry) }
                totals.add(judged.review, setFindings: setFindings)
                each(batch.lowerBound + offset, judged.review, judged.prepared, setFindings)
            }
            start = batch.upperBound
        }
        if asCurriculum { totals.curriculum = curriculum(entries, rubric: steps.rubric) }
        return totals
    }

    /// The rubric's curriculum criteria judged on the plans that could be scored.
    private static func curriculum(_ entries: [CurriculumEntry], rubric: Rubric) -> [CriterionResult] {
        var results: [CriterionResult] = []
        for case .criterion(let setting) in rubric.entries {
            guard let criterion = criterion(withID: setting.id) as? any CurriculumCriterion else { continue }
            results.append(result(criterion, setting, criterion.assess(entries, threshold: setting.threshold)))
        }
        return results
    }

    private static func review(_ result: PlanResult, steps: Steps, catalog: MethodCatalog, verbs: VerbList)
        -> PlanReview
    {
        guard let plan = result.plan, !result.findings.contains(where: { $0.severity == .error }) else {
            return PlanReview(
                file: result.file, plan: result.plan, checkFindings: result.findings, results: [], score: nil,
                verdict: .fail)
        }
        let context = PlanContext(plan: plan, catalog: catalog, verbs: verbs)
        var results: [CriterionResult] = []
        results.reserveCapacity(steps.steps.count)
        for step in steps.steps {
            results.append(assess(step, on: context, xpathValues: result.xpathValues, rubricFile: steps.rubricFile))
        }
        let score = Self.score(results)
        let essentialsHold = !results.contains { $0.essential && $0.assessment.status == .notMet }
        return PlanReview(
            file: result.file, plan: plan, checkFindings: result.findings, results: results, score: score,
            verdict: essentialsHold && score >= steps.pass - 1e-9 ? .pass : .fail)
    }

    /// The weighted share of the scored lines that are met, in percent (100 when none is scored).
    static func score(_ results: [CriterionResult]) -> Double {
        var total = 0
        var met = 0
        for result in results where result.isScored {
            total += result.weight
            if result.assessment.status == .met { met += result.weight }
        }
        guard total > 0 else { return 100 }
        return (Double(met) * 100 / Double(total) * 10).rounded() / 10
    }

    private static func assess(
        _ step: Step, on context: PlanContext, xpathValues: [String: XPathValue], rubricFile: String?
    ) -> CriterionResult {
        switch step.rule {
        case .criterion(let criterion, let threshold):
            let assessment = criterion.assess(context, threshold: threshold)
            let essential = step.line.essential
            return CriterionResult(line: step.line, assessment: withSeverity(assessment, essential: essential))
        case .assertion(let assertion):
            let value = xpathValues[assertion.test.source]
            let holds = value?.booleanValue
            var reason = "no value"
            if case .failure(let message) = value { reason = message }
            // A rule that cannot be evaluated is the rule's problem: the finding is at the
            // rule's line, naming the plan.
            let finding =
                holds == nil
                ? Finding(
                    id: assertion.id,
                    message: "The rule '\(assertion.id)' could not be evaluated on \(context.plan.file): \(reason).",
                    hint: "Simplify the rule's XPath expression (docs/security.md gives the limits).",
                    location: assertion.location ?? context.plan.location)
                : Finding(
                    id: assertion.id,
                    message: "The plan does not meet the rule '\(assertion.id)': \(assertion.description)",
                    hint: assertion.hint ?? "See the rule '\(assertion.id)' in \(rubricFile ?? "the rubric").",
                    location: context.plan.location)
            let assessment = Assessment(
                status: holds == true ? .met : .notMet, measured: holds == true ? 1 : 0,
                summary: holds == true ? "holds" : "does not hold", findings: holds == true ? [] : [finding])
            return CriterionResult(
                line: step.line, assessment: withSeverity(assessment, essential: assertion.essential))
        }
    }

    private static func result(
        _ criterion: any Criterion, _ setting: Rubric.CriterionSetting, _ assessment: Assessment
    ) -> CriterionResult {
        CriterionResult(
            line: RubricLine(criterion, setting), assessment: withSeverity(assessment, essential: setting.essential))
    }

    /// An essential line that fails is an error; any other is a warning.
    private static func withSeverity(_ assessment: Assessment, essential: Bool) -> Assessment {
        if assessment.findings.isEmpty { return assessment }
        var assessment = assessment
        assessment.findings = assessment.findings.map {
            var finding = $0
            finding.severity = essential ? .error : .warning
            return finding
        }
        return assessment
    }
}

/// What the serial part of a streamed review needs of a judged plan.
private struct Judged<Prepared: Sendable>: Sendable {
    var review: PlanReview
    var prepared: Prepared
    /// The plan's session id and where it is written, when it could be decoded.
    var session: (id: String, location: SourceLocation)?
    /// The plan as the curriculum criteria see it, when it could be scored.
    var entry: CurriculumEntry?
}

/// The plan lines of a rubric, made ready once per review: the criteria found and cast, and
/// each line's shared `RubricLine`.
private final class Steps: Sendable {
    let rubric: Rubric
    let steps: [Step]
    let pass: Double
    let rubricFile: String?

    init(_ rubric: Rubric) {
        self.rubric = rubric
        pass = rubric.pass
        rubricFile = rubric.file
        steps = rubric.entries.compactMap { entry in
            switch entry {
            case .criterion(let setting):
                guard let criterion = planCriterion(withID: setting.id) else { return nil }
                return Step(line: RubricLine(criterion, setting), rule: .criterion(criterion, setting.threshold))
            case .assertion(let assertion):
                return Step(line: RubricLine(assertion), rule: .assertion(assertion))
            }
        }
    }
}

/// One plan line of a rubric.
private struct Step: Sendable {
    enum Rule: Sendable {
        case criterion(any PlanCriterion, Threshold)
        case assertion(Rubric.Assertion)
    }

    let line: RubricLine
    let rule: Rule
}
