public import TrainPlanCore
public import TrainPlanFormats

// The registry of built-in criteria. It sits apart from the `Criterion` protocol so that the
// protocol, the criteria and the registry point one way: criteria implement the protocol, the
// registry lists the criteria, and the rubric reader (in TrainPlanFormats) learns their ids and
// defaults from `CriterionDefaults` values handed to it, never from this file.

/// Every built-in criterion, in the order reports list them.
public let allCriteria: [any Criterion] = [
    AgendaAddsUp(), InteractiveShare(), PracticeShare(), PractisesTheSkill(), MethodVariety(), PassiveStretch(),
    BreakSpacing(),
    ObjectivesMeasurable(), ObjectivesPracticed(), ObjectivesLoad(), ActivitiesAligned(), OpenAndClose(),
    EvaluationPlanned(), CurriculumSequence(), PreMatchHours(), PostMatchPoints(),
]

/// The built-in criterion with this id.
public func criterion(withID id: String) -> (any Criterion)? {
    criteriaByID[id]
}

/// The built-in plan criterion with this id: looked up for every line of the rubric on every
/// plan, so the dynamic cast is done once, here.
func planCriterion(withID id: String) -> (any PlanCriterion)? {
    planCriteriaByID[id]
}

/// Looked up for every line of the rubric on every plan: once per id, not a scan each time.
private let criteriaByID: [String: any Criterion] = Dictionary(
    allCriteria.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

private let planCriteriaByID: [String: any PlanCriterion] = criteriaByID.compactMapValues {
    $0 as? any PlanCriterion
}

extension Criterion {
    /// What the rubric reader needs of this criterion.
    public var defaults: CriterionDefaults {
        CriterionDefaults(
            id: id, threshold: defaultThreshold, weight: defaultWeight, essential: defaultEssential,
            evidence: evidence)
    }
}

/// The built-in criteria as the rubric reader sees them.
public let builtInCriterionDefaults: [CriterionDefaults] = allCriteria.map(\.defaults)

extension RubricLoader {
    /// Reads and checks a rubric file's text against the built-in criteria.
    public static func rubric(_ text: SourceText, file: String) -> Loaded<Rubric> {
        rubric(text, file: file, criteria: builtInCriterionDefaults)
    }
}
