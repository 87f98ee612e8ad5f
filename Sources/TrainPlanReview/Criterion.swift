public import TrainPlanCore
public import TrainPlanFormats
import TrainPlanXML

/// Whether a criterion looks at one plan or at the plans of a curriculum together.
public enum CriterionScope: String, Hashable, Sendable, Codable {
    case plan
    case curriculum
}

/// A small plan that shows a criterion at work: it either meets the criterion, or fails it
/// with a finding exactly where its marker `⟦here⟧` stands.
public struct CriterionExample: Hashable, Sendable {
    /// What the example shows.
    public var name: String
    /// The plans (one for a plan criterion), one of them carrying the marker when failing.
    public var plans: [String]
    /// Whether the criterion is met.
    public var passes: Bool

    public static func passing(_ name: String, _ plans: String...) -> CriterionExample {
        CriterionExample(name: name, plans: plans, passes: true)
    }

    public static func failing(_ name: String, _ plans: String...) -> CriterionExample {
        CriterionExample(name: name, plans: plans, passes: false)
    }

    /// The marker a failing example puts where its finding must point.
    public static let marker = "⟦here⟧"
}

/// What a criterion found.
public struct Assessment: Hashable, Sendable {
    public enum Status: String, Hashable, Sendable, Codable {
        case met
        case notMet = "not-met"
        /// The criterion does not apply (no learning time to divide, a plan checked alone).
        case notApplicable = "not-applicable"
    }

    public var status: Status
    /// The measured value, compared with the threshold.
    public var measured: Double?
    /// The measurement for a person: `62% of learning time is interactive`.
    public var summary: String
    /// Where the plan falls short and what to change; severity is set by the reviewer.
    public var findings: [Finding]

    public static func notApplicable(_ summary: String) -> Assessment {
        Assessment(status: .notApplicable, measured: nil, summary: summary, findings: [])
    }

    /// Met when the threshold holds for `measured`; the findings are kept only when not met.
    public static func measured(
        _ value: Double, against threshold: Threshold, summary: String, findings: @autoclosure () -> [Finding]
    ) -> Assessment {
        let holds = threshold.holds(for: value)
        return Assessment(
            status: holds ? .met : .notMet, measured: value, summary: summary, findings: holds ? [] : findings())
    }
}

/// A built-in check of the rubric: what it measures, why, how solid that is, and examples.
public protocol Criterion: Sendable {
    /// The stable identifier used in rubrics, findings and SARIF `ruleId`.
    var id: String { get }
    /// A short name for tables.
    var name: String { get }
    /// One line: what it measures.
    var summary: String { get }
    /// Why it matters, and how thin the evidence is where it is thin.
    var rationale: String { get }
    var evidence: Evidence { get }
    var defaultThreshold: Threshold { get }
    var defaultWeight: Int { get }
    var defaultEssential: Bool { get }
    var scope: CriterionScope { get }
    /// Plans that meet it and plans that fail it, with the place of the finding marked.
    var examples: [CriterionExample] { get }
}

/// A criterion judged on one plan.
public protocol PlanCriterion: Criterion {
    func assess(_ plan: PlanContext, threshold: Threshold) -> Assessment
}

/// A criterion judged on the plans of a curriculum together.
public protocol CurriculumCriterion: Criterion {
    func assess(_ plans: [CurriculumEntry], threshold: Threshold) -> Assessment
}

/// What the curriculum criteria need to know of a plan: a few fields, so that a review of
/// thousands of plans need not keep the plans themselves.
public struct CurriculumEntry: Hashable, Sendable {
    public var id: String
    public var module: SessionPlan.ModuleStep
    public var stage: SessionPlan.Stage
    public var delivery: SessionPlan.DeliveryMode
    public var durationMinutes: Int
    /// Where the plan's `session` element starts.
    public var location: SourceLocation

    public init(_ plan: SessionPlan) {
        id = plan.id
        module = plan.module
        stage = plan.stage
        delivery = plan.delivery
        durationMinutes = plan.durationMinutes
        location = plan.location
    }
}

extension PlanCriterion {
    public var scope: CriterionScope { .plan }
}

extension CurriculumCriterion {
    public var scope: CriterionScope { .curriculum }
}
