public import TrainPlanCore
import TrainPlanXML

/// The methods a plan's activities may use, each in one category that says how its minutes count.
public struct MethodCatalog: Hashable, Sendable {
    /// A kind of method.
    public struct Category: Hashable, Sendable {
        public var id: String
        /// Participants act, not only listen.
        public var isInteractive: Bool
        /// Participants rehearse the skill itself.
        public var isPractice: Bool
        /// The minutes count as learning time (false for welcome and housekeeping).
        public var isLearning: Bool
        public var description: String
        public var location: SourceLocation
    }

    /// One method.
    public struct Method: Hashable, Sendable {
        public var id: String
        public var category: String
        /// A one-line description for trainers.
        public var description: String
        public var location: SourceLocation
    }

    public var categories: [Category]
    public var methods: [Method]

    private var methodIndex: [String: Int]
    private var categoryIndex: [String: Int]

    /// Creates a catalog; later duplicates of an id are ignored.
    public init(categories: [Category], methods: [Method]) {
        self.categories = categories
        self.methods = methods
        methodIndex = [:]
        categoryIndex = [:]
        for (index, method) in methods.enumerated() where methodIndex[method.id] == nil {
            methodIndex[method.id] = index
        }
        for (index, category) in categories.enumerated() where categoryIndex[category.id] == nil {
            categoryIndex[category.id] = index
        }
    }

    /// The method with this id.
    public func method(_ id: String) -> Method? {
        methodIndex[id].map { methods[$0] }
    }

    /// The category with this id.
    public func category(_ id: String) -> Category? {
        categoryIndex[id].map { categories[$0] }
    }

    /// The position in `categories` of the category of the method with this id.
    public func categoryIndex(ofMethod id: String) -> Int? {
        guard let method = methodIndex[id] else { return nil }
        return categoryIndex[methods[method].category]
    }

    /// The category of the method with this id.
    public func category(ofMethod id: String) -> Category? {
        method(id).flatMap { category($0.category) }
    }
}
