import TrainPlanCore
public import TrainPlanFormats
import TrainPlanXML

/// A plan with the catalogs it is judged against, and the measures several criteria share.
public struct PlanContext: Sendable {
    public var plan: SessionPlan
    public var catalog: MethodCatalog
    public var verbs: VerbList

    /// What the catalog says of each activity, looked up once: criteria ask many times per
    /// plan, and copying a category out of the shared catalog each time cost more than judging.
    private struct Kind {
        /// The activity it describes (activities are stored in boxes; the box is the identity).
        var activity: ObjectIdentifier
        /// The category's position in the catalog, `nil` for a method missing from it.
        var category: Int?
        var isLearning: Bool
        var isInteractive: Bool
        var isPractice: Bool
    }

    private let kinds: [Kind]
    /// Each activity's position in `kinds`, on a plan long enough that searching would cost
    /// more than hashing (and grow with the square of its length: 60,000 activities).
    private let kindIndex: [ObjectIdentifier: Int]?

    public init(plan: SessionPlan, catalog: MethodCatalog, verbs: VerbList) {
        self.plan = plan
        self.catalog = catalog
        self.verbs = verbs
        var kinds: [Kind] = []
        var learning: [Activity] = []
        var interactive = 0
        var practice = 0
        for case .activity(let activity) in plan.agenda {
            let index = catalog.categoryIndex(ofMethod: activity.method)
            let category = index.map { catalog.categories[$0] }
            let kind = Kind(
                activity: activity.identity, category: index, isLearning: category?.isLearning ?? true,
                isInteractive: category?.isInteractive ?? false, isPractice: category?.isPractice ?? false)
            kinds.append(kind)
            guard kind.isLearning else { continue }
            learning.append(activity)
            if kind.isInteractive { interactive += activity.minutes }
            if kind.isPractice { practice += activity.minutes }
        }
        self.kinds = kinds
        kindIndex =
            kinds.count > 32
            ? Dictionary(kinds.enumerated().map { ($1.activity, $0) }, uniquingKeysWith: { first, _ in first }) : nil
        learningActivities = learning
        learningMinutes = learning.reduce(0) { $0 + $1.minutes }
        interactiveMinutes = interactive
        practiceMinutes = practice
    }

    private func kind(of activity: Activity) -> Kind? {
        let identity = activity.identity
        if let kindIndex { return kindIndex[identity].map { kinds[$0] } }
        return kinds.first { $0.activity == identity }
    }

    /// The position in the catalog of an activity's category: looked up in advance for the
    /// plan's own activities.
    private func categoryIndex(of activity: Activity) -> Int? {
        guard let kind = kind(of: activity) else { return catalog.categoryIndex(ofMethod: activity.method) }
        return kind.category
    }

    /// The category of an activity's method (`nil` for a method missing from the catalog).
    public func category(of activity: Activity) -> MethodCatalog.Category? {
        categoryIndex(of: activity).map { catalog.categories[$0] }
    }

    /// The id of an activity's category, or its method's id when the catalog lacks the method.
    public func categoryID(of activity: Activity) -> String {
        categoryIndex(of: activity).map { catalog.categories[$0].id } ?? activity.method
    }

    /// Whether an activity's method is in the catalog category `id`.
    public func isCategory(_ activity: Activity, _ id: String) -> Bool {
        categoryIndex(of: activity).map { catalog.categories[$0].id == id } ?? false
    }

    /// Whether an activity's minutes are learning time (not logistics).
    public func isLearning(_ activity: Activity) -> Bool {
        kind(of: activity)?.isLearning ?? (catalog.category(ofMethod: activity.method)?.isLearning ?? true)
    }

    /// Whether participants act during an activity.
    public func isInteractive(_ activity: Activity) -> Bool {
        kind(of: activity)?.isInteractive ?? (catalog.category(ofMethod: activity.method)?.isInteractive ?? false)
    }

    /// Whether participants rehearse the skill during an activity.
    public func isPractice(_ activity: Activity) -> Bool {
        kind(of: activity)?.isPractice ?? (catalog.category(ofMethod: activity.method)?.isPractice ?? false)
    }

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
