/// A plan with the catalogs it is judged against, and the measures several criteria share.
public struct PlanContext: Sendable {
    public var plan: SessionPlan
    public var catalog: MethodCatalog
    public var verbs: VerbList

    public init(plan: SessionPlan, catalog: MethodCatalog, verbs: VerbList) {
        self.plan = plan
        self.catalog = catalog
        self.verbs = verbs
    }

    /// The category of an activity's method (`nil` for a method missing from the catalog).
    public func category(of activity: Activity) -> MethodCatalog.Category? {
        catalog.category(ofMethod: activity.method)
    }

    /// Whether an activity's minutes are learning time (not logistics).
    public func isLearning(_ activity: Activity) -> Bool { category(of: activity)?.isLearning ?? true }

    /// Whether participants act during an activity.
    public func isInteractive(_ activity: Activity) -> Bool { category(of: activity)?.isInteractive ?? false }

    /// Whether participants rehearse the skill during an activity.
    public func isPractice(_ activity: Activity) -> Bool { category(of: activity)?.isPractice ?? false }

    /// The learning activities, in agenda order.
    public var learningActivities: [Activity] { plan.activities.filter(isLearning) }

    /// Minutes of learning time: activities that are not logistics, breaks excluded.
    public var learningMinutes: Int { learningActivities.reduce(0) { $0 + $1.minutes } }

    /// Minutes of learning time in which participants act.
    public var interactiveMinutes: Int {
        learningActivities.filter(isInteractive).reduce(0) { $0 + $1.minutes }
    }

    /// Minutes of learning time in which participants practise.
    public var practiceMinutes: Int { learningActivities.filter(isPractice).reduce(0) { $0 + $1.minutes } }

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
func percent(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded()))%" }
