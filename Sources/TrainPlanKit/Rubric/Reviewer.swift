import Foundation
import TrainPlanXML

/// Applies a rubric to checked plans: runs each criterion, scores each plan and gives verdicts.
public enum Reviewer {
    /// Reviews the plans of a check. Curriculum criteria run only when `asCurriculum` is set,
    /// so a plan checked on its own is never failed for what the rest of a curriculum lacks.
    public static func review(
        _ report: CheckReport, rubric: Rubric, catalog: MethodCatalog, verbs: VerbList, asCurriculum: Bool
    ) -> Review {
        // Each plan is judged on its own, so the plans are judged in parallel, in fixed slots.
        let slots = ResultSlots<PlanReview>(count: report.plans.count)
        DispatchQueue.concurrentPerform(iterations: report.plans.count) { index in
            slots[index] = review(report.plans[index], rubric: rubric, catalog: catalog, verbs: verbs)
        }
        let plans = slots.values
        let entries = plans.compactMap { review in review.results.isEmpty ? nil : review.plan.map(CurriculumEntry.init)
        }
        return Review(
            rubric: rubric, plans: plans,
            curriculum: asCurriculum ? curriculum(entries, rubric: rubric) : [],
            setFindings: report.setFindings, catalog: catalog)
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
        let files = files.sorted()
        let xpath = rubric.assertions.map(\.test)
        var totals = ReviewTotals()
        var entries: [CurriculumEntry] = []
        var firstUse: [String: SourceLocation] = [:]
        var start = 0
        while start < files.count {
            let batch = files[start..<min(start + max(batchSize, 1), files.count)]
            let slots = ResultSlots<PlanReview>(count: batch.count)
            DispatchQueue.concurrentPerform(iterations: batch.count) { offset in
                let file = batch[batch.startIndex + offset]
                let checked = PlanChecker.checkPlan(load(file), file: file, catalog: catalog, xpath: xpath)
                slots[offset] = review(checked, rubric: rubric, catalog: catalog, verbs: verbs)
            }
            for review in slots.values {
                var setFindings: [Finding] = []
                if let plan = review.plan {
                    if let earlier = firstUse[plan.id] {
                        setFindings.append(PlanChecker.duplicateSession(plan, earlier: earlier))
                    } else {
                        firstUse[plan.id] = plan.location
                    }
                    if !review.results.isEmpty { entries.append(CurriculumEntry(plan)) }
                }
                totals.add(review, setFindings: setFindings)
                each(review, setFindings)
            }
            start += batch.count
        }
        if asCurriculum { totals.curriculum = curriculum(entries, rubric: rubric) }
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

    private static func review(_ result: PlanResult, rubric: Rubric, catalog: MethodCatalog, verbs: VerbList)
        -> PlanReview
    {
        guard let plan = result.plan, !result.findings.contains(where: { $0.severity == .error }) else {
            return PlanReview(
                file: result.file, plan: result.plan, checkFindings: result.findings, results: [], score: nil,
                verdict: .fail)
        }
        let context = PlanContext(plan: plan, catalog: catalog, verbs: verbs)
        let results = rubric.entries.compactMap { entry in
            assess(entry, on: context, xpathValues: result.xpathValues, rubric: rubric)
        }
        let score = Self.score(results)
        let essentialsHold = !results.contains { $0.essential && $0.assessment.status == .notMet }
        return PlanReview(
            file: result.file, plan: plan, checkFindings: result.findings, results: results, score: score,
            verdict: essentialsHold && score >= rubric.pass - 1e-9 ? .pass : .fail)
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
        _ entry: Rubric.Entry, on context: PlanContext, xpathValues: [String: XPathValue], rubric: Rubric
    ) -> CriterionResult? {
        switch entry {
        case .criterion(let setting):
            guard let criterion = planCriterion(withID: setting.id) else { return nil }
            return result(criterion, setting, criterion.assess(context, threshold: setting.threshold))
        case .assertion(let assertion):
            let value = xpathValues[assertion.test.source]
            let holds = value?.booleanValue
            let finding = Finding(
                id: assertion.id,
                message: holds == nil
                    ? "The rule '\(assertion.id)' could not be evaluated: \(value.map { "\($0)" } ?? "no value")."
                    : "The plan does not meet the rule '\(assertion.id)': \(assertion.description)",
                hint: assertion.hint ?? "See the rule '\(assertion.id)' in \(rubric.file ?? "the rubric").",
                location: context.plan.location)
            let assessment = Assessment(
                status: holds == true ? .met : .notMet, measured: holds == true ? 1 : 0,
                summary: holds == true ? "holds" : "does not hold", findings: holds == true ? [] : [finding])
            return CriterionResult(
                id: assertion.id, name: assertion.id, summary: assertion.description, weight: assertion.weight,
                essential: assertion.essential, threshold: nil, evidence: assertion.evidence, scope: .plan,
                isCustom: true, assessment: withSeverity(assessment, essential: assertion.essential))
        }
    }

    private static func result(
        _ criterion: any Criterion, _ setting: Rubric.CriterionSetting, _ assessment: Assessment
    ) -> CriterionResult {
        CriterionResult(
            id: criterion.id, name: criterion.name, summary: criterion.summary, weight: setting.weight,
            essential: setting.essential, threshold: setting.threshold, evidence: setting.evidence,
            scope: criterion.scope, isCustom: false,
            assessment: withSeverity(assessment, essential: setting.essential))
    }

    /// An essential line that fails is an error; any other is a warning.
    private static func withSeverity(_ assessment: Assessment, essential: Bool) -> Assessment {
        var assessment = assessment
        assessment.findings = assessment.findings.map {
            var finding = $0
            finding.severity = essential ? .error : .warning
            return finding
        }
        return assessment
    }
}
