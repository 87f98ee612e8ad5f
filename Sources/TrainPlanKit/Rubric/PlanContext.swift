/// A plan with the catalogs it is judged against, and the measures several criteria share.
public struct PlanContext: Sendable {
    public var plan: SessionPlan
    public var catalog: MethodCatalog
    public var verbs: VerbList

    /// Each activity's category, looked up once: criteria ask for it many times.
    private let categories: [(id: String, category: MethodCatalog.Category?)]

    public init(plan: SessionPlan, catalog: MethodCatalog, verbs: VerbList) {
        self.plan = plan
        self.catalog = catalog
        self.verbs = verbs
        let activities = plan.activities
        let categories = activities.map { ($0.id, catalog.category(ofMethod: $0.method)) }
        self.categories = categories
        var learning: [Activity] = []
        var interactive = 0
        var practice = 0
        for (activity, entry) in zip(activities, categories) where entry.1?.isLearning ?? true {
            learning.append(activity)
            if entry.1?.isInteractive ?? false { interactive += activity.minutes }
            if entry.1?.isPractice ?? false { practice += activity.minutes }
        }
        learningActivities = learning
        learningMinutes = learning.reduce(0) { $0 + $1.minutes }
        interactiveMinutes = interactive
        practiceMinutes = practice
    }

    /// The category of an activity's method (`nil` for a method missing from the catalog).
    public func category(of activity: Activity) -> MethodCatalog.Category? {
        for entry in categories where entry.id == activity.id { return entry.category }
        return catalog.category(ofMethod: activity.method)
    }

    /// Whether an activity's minutes are learning time (not logistics).
    public func isLearning(_ activity: Activity) -> Bool { category(of: activity)?.isLearning ?? true }

    /// Whether participants act during an activity.
    public func isInteractive(_ activity: Activity) -> Bool { category(of: activity)?.isInteractive ?? false }

    /// Whether participants rehearse the skill during an activity.
    public func isPractice(_ activity: Activity) -> Bool { category(of: activity)?.isPractice ?? false }

    /// The learning activities, in agenda order.
    public let learningActivities: [Activity]

    /// Minutes of learning time: activities that are not logistics, breaks excluded.
    public let learningMinutes: Int

    /// Minutes of learning time in which participants act.
    public let interactiveMinutes: Int

    /// Minutes of learning time in which participants practise.
    public let practiceMinutes: Int

    /// The minute at which each agenda item starts, from 0.
    public var startMinutes: [Int] {
        var start = 0
        return plan.agenda.map { item in
            defer { start += item.minutes }
            return start
        }
    }

    /// A name for an activity in a message: its title, or its id.
    public func label(_ activity: Activity) -> String {
        "the \(activity.minutes)-minute \(activity.method) '\(activity.title ?? activity.id)'"
    }
}

/// `62%` from a fraction.
func percent(_ fraction: Double) -> String { "\(wholeNumber((fraction * 100).rounded()))%" }
