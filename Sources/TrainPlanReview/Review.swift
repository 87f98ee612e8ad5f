public import TrainPlanCore
public import TrainPlanFormats
import TrainPlanXML

/// Whether a plan passes its rubric.
public enum Verdict: String, Hashable, Sendable, Codable {
    case pass
    case fail
}

/// A rubric line as its results show it: what is judged, with the rubric's weight, threshold
/// and evidence. Made once per review and shared by every plan's result, so that judging a
/// plan does not copy the rubric's strings a dozen times.
public final class RubricLine: Hashable, Sendable {
    public let id: String
    public let name: String
    /// What the criterion measures, in one line.
    public let summary: String
    public let weight: Int
    public let essential: Bool
    /// `nil` for a custom XPath rule, which has no threshold.
    public let threshold: Threshold?
    public let evidence: Evidence?
    public let scope: CriterionScope
    public let isCustom: Bool

    public init(
        id: String, name: String, summary: String, weight: Int, essential: Bool, threshold: Threshold?,
        evidence: Evidence?, scope: CriterionScope, isCustom: Bool
    ) {
        self.id = id
        self.name = name
        self.summary = summary
        self.weight = weight
        self.essential = essential
        self.threshold = threshold
        self.evidence = evidence
        self.scope = scope
        self.isCustom = isCustom
    }

    /// The line of a built-in criterion as a rubric sets it.
    convenience init(_ criterion: any Criterion, _ setting: Rubric.CriterionSetting) {
        self.init(
            id: criterion.id, name: criterion.name, summary: criterion.summary, weight: setting.weight,
            essential: setting.essential, threshold: setting.threshold, evidence: setting.evidence,
            scope: criterion.scope, isCustom: false)
    }

    /// The line of a custom rule.
    convenience init(_ assertion: Rubric.Assertion) {
        self.init(
            id: assertion.id, name: assertion.id, summary: assertion.description, weight: assertion.weight,
            essential: assertion.essential, threshold: nil, evidence: assertion.evidence, scope: .plan,
            isCustom: true)
    }

    public static func == (lhs: RubricLine, rhs: RubricLine) -> Bool {
        lhs === rhs
            || (lhs.id == rhs.id && lhs.name == rhs.name && lhs.summary == rhs.summary && lhs.weight == rhs.weight
                && lhs.essential == rhs.essential && lhs.threshold == rhs.threshold && lhs.evidence == rhs.evidence
                && lhs.scope == rhs.scope && lhs.isCustom == rhs.isCustom)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(weight)
        hasher.combine(essential)
    }
}

/// One rubric line judged on one plan (or on the curriculum).
public struct CriterionResult: Hashable, Sendable {
    /// The rubric line judged.
    public var line: RubricLine
    public var assessment: Assessment

    public init(line: RubricLine, assessment: Assessment) {
        self.line = line
        self.assessment = assessment
    }

    public var id: String { line.id }
    public var name: String { line.name }
    /// What the criterion measures, in one line.
    public var summary: String { line.summary }
    public var weight: Int { line.weight }
    public var essential: Bool { line.essential }
    /// `nil` for a custom XPath rule, which has no threshold.
    public var threshold: Threshold? { line.threshold }
    public var evidence: Evidence? { line.evidence }
    public var scope: CriterionScope { line.scope }
    public var isCustom: Bool { line.isCustom }

    /// Whether the line counts toward the score (it applies to the plan).
    public var isScored: Bool { assessment.status != .notApplicable }
}

/// One plan after the format checks and the rubric.
public struct PlanReview: Sendable {
    public var file: String
    public var plan: SessionPlan?
    /// Findings of the format and reference checks.
    public var checkFindings: [Finding]
    /// The rubric's lines, in rubric order; empty when the plan could not be scored.
    public var results: [CriterionResult]
    /// The weighted score in percent, or `nil` when the plan has errors that stop scoring.
    public var score: Double?
    public var verdict: Verdict

    /// Every finding about this plan, sorted by place.
    public var findings: [Finding] {
        Finding.sortedForOutput(checkFindings + results.flatMap(\.assessment.findings))
    }

    /// Whether the file could not be read or parsed at all.
    public var isUnreadable: Bool { checkFindings.contains(where: \.isFatal) }
}

/// The rubric applied to a set of plans: per-plan scores and verdicts, and the curriculum.
public struct Review: Sendable {
    public var rubric: Rubric
    public var plans: [PlanReview]
    /// The curriculum criteria, when the plans were reviewed as one curriculum.
    public var curriculum: [CriterionResult]
    /// Findings about the set (a session id used twice).
    public var setFindings: [Finding]
    /// The method catalog the plans were judged against, for drawing agendas by category.
    public var catalog: MethodCatalog?

    public init(
        rubric: Rubric, plans: [PlanReview], curriculum: [CriterionResult], setFindings: [Finding],
        catalog: MethodCatalog?
    ) {
        self.rubric = rubric
        self.plans = plans
        self.curriculum = curriculum
        self.setFindings = setFindings
        self.catalog = catalog
    }

    /// Every finding, sorted by file, line and column.
    public var findings: [Finding] {
        Finding.sortedForOutput(
            plans.flatMap(\.findings) + curriculum.flatMap(\.assessment.findings) + setFindings)
    }

    /// Whether any input could not be read or parsed.
    public var hasUnreadableInput: Bool { plans.contains(where: \.isUnreadable) }

    /// Whether an essential curriculum criterion is not met, or the set has an error.
    public var curriculumFails: Bool {
        curriculum.contains { $0.essential && $0.assessment.status == .notMet }
            || setFindings.contains { $0.severity == .error }
    }
}

/// What a review amounts to without its plans: counts, verdicts and the curriculum. Enough
/// for the summary line and the exit status of a streamed review.
public struct ReviewTotals: Sendable {
    public var plans = 0
    public var passed = 0
    public var errors = 0
    public var warnings = 0
    /// Whether any input could not be read or parsed.
    public var hasUnreadableInput = false
    /// Plans whose file could not be read or parsed (counted apart from the plans that fail).
    public var unreadable = 0
    /// The lowest score, an unscored plan counting as 0; `nil` without plans.
    public var lowestScore: Double?
    /// Whether a finding about the set of plans is an error.
    public var setHasError = false
    /// The curriculum criteria, when the plans were reviewed as one curriculum.
    public var curriculum: [CriterionResult] = []

    public init() {}

    /// Adds one plan's review and the set findings that point into it.
    public mutating func add(_ review: PlanReview, setFindings: [Finding]) {
        plans += 1
        if review.verdict == .pass { passed += 1 }
        for finding in review.checkFindings { count(finding) }
        for result in review.results { for finding in result.assessment.findings { count(finding) } }
        for finding in setFindings { count(finding) }
        setHasError = setHasError || setFindings.contains { $0.severity == .error }
        hasUnreadableInput = hasUnreadableInput || review.isUnreadable
        if review.isUnreadable { unreadable += 1 }
        lowestScore = min(lowestScore ?? .infinity, review.score ?? 0)
    }

    /// Adds set findings that point into no reviewed plan.
    public mutating func add(setFindings: [Finding]) {
        for finding in setFindings { count(finding) }
        setHasError = setHasError || setFindings.contains { $0.severity == .error }
    }

    private mutating func count(_ finding: Finding) {
        switch finding.severity {
        case .error: errors += 1
        case .warning: warnings += 1
        default: break
        }
    }

    /// Errors and warnings of the curriculum criteria included.
    public func count(_ severity: Severity) -> Int {
        (severity == .error ? errors : severity == .warning ? warnings : 0)
            + curriculum.reduce(0) { $0 + $1.assessment.findings.count { $0.severity == severity } }
    }

    /// Whether an essential curriculum criterion is not met, or the set has an error.
    public var curriculumFails: Bool {
        curriculum.contains { $0.essential && $0.assessment.status == .notMet } || setHasError
    }
}

extension Review {
    /// The same counts as a streamed review of the same plans.
    /// Findings are counted here and nowhere else (`ReviewTotals`).
    public var totals: ReviewTotals {
        var byFile = Dictionary(grouping: setFindings, by: \.location.file)
        var totals = ReviewTotals()
        for plan in plans { totals.add(plan, setFindings: byFile.removeValue(forKey: plan.file) ?? []) }
        for file in byFile.keys.sorted() { totals.add(setFindings: byFile[file] ?? []) }
        totals.curriculum = curriculum
        return totals
    }
}
