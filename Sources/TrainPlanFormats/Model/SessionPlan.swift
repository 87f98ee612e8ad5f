public import TrainPlanCore
import TrainPlanXML

/// One training session as its trainer planned it: what it teaches, to whom, and its timed agenda.
public struct SessionPlan: Hashable, Sendable {
    /// Where a session sits in the mentoring relationship.
    public enum Stage: String, Hashable, Sendable, CaseIterable, Codable {
        case preMatch = "pre-match"
        case postMatch = "post-match"
        case other
    }

    /// How a session is delivered.
    public enum DeliveryMode: String, Hashable, Sendable, CaseIterable, Codable {
        case inPerson = "in-person"
        case virtual
        case hybrid
    }

    /// The curriculum module a session belongs to, and its position in it.
    public struct ModuleStep: Hashable, Sendable {
        public var id: String
        public var step: Int
        public var location: SourceLocation
    }

    /// Who the session is for.
    public struct Audience: Hashable, Sendable {
        public var minimum: Int?
        public var maximum: Int?
        public var description: String
        public var location: SourceLocation
    }

    /// An evaluation measure, by Kirkpatrick level.
    public struct Measure: Hashable, Sendable {
        public enum Level: String, Hashable, Sendable, CaseIterable, Codable {
            case reaction, learning, behavior, results
        }
        public var level: Level
        public var description: String
        public var location: SourceLocation
    }

    /// The plan's id, unique among the plans checked together.
    public var id: String
    /// The plan's own revision label.
    public var version: String?
    public var title: String
    public var module: ModuleStep
    public var stage: Stage
    /// The planned length in minutes.
    public var durationMinutes: Int
    /// Where `duration` is written.
    public var durationLocation: SourceLocation
    public var delivery: DeliveryMode
    public var audience: Audience?
    public var objectives: [Objective]
    /// Where `objectives` is written.
    public var objectivesLocation: SourceLocation
    public var agenda: [AgendaItem]
    /// Where `agenda` is written.
    public var agendaLocation: SourceLocation
    public var evaluation: [Measure]
    /// Where the `session` element starts.
    public var location: SourceLocation

    /// The file the plan was read from.
    public var file: String { location.file }

    /// The activities of the agenda, without breaks.
    public var activities: [Activity] {
        agenda.compactMap {
            if case .activity(let activity) = $0 { activity } else { nil }
        }
    }

    /// Agenda minutes, breaks included.
    public var agendaMinutes: Int { agenda.reduce(0) { $0 + $1.minutes } }
}

/// What participants will be able to do after the session.
public struct Objective: Hashable, Sendable {
    public var id: String
    /// The Bloom level written on the objective, overriding the one read from its verb.
    public var level: BloomLevel?
    /// The text, starting with its verb.
    public var text: String
    public var location: SourceLocation
}

/// One block of an agenda.
public enum AgendaItem: Hashable, Sendable {
    case activity(Activity)
    case pause(Break)

    /// The block's length.
    public var minutes: Int {
        switch self {
        case .activity(let activity): activity.minutes
        case .pause(let pause): pause.minutes
        }
    }

    /// Where the block is written.
    public var location: SourceLocation {
        switch self {
        case .activity(let activity): activity.location
        case .pause(let pause): pause.location
        }
    }
}

/// A break in the agenda: part of the duration, not learning time.
public struct Break: Hashable, Sendable {
    public var minutes: Int
    public var location: SourceLocation

    public init(minutes: Int, location: SourceLocation) {
        self.minutes = minutes
        self.location = location
    }
}

/// An agenda block delivered with one method.
///
/// A value like the plan's other parts, stored in one shared box: criteria pass activities
/// around in lists many times per plan, and copying a dozen strings each time cost more than
/// judging them.
public struct Activity: Hashable, Sendable {
    /// How participants are grouped during an activity.
    public enum Grouping: String, Hashable, Sendable, CaseIterable, Codable {
        case individual, pairs, triads
        case smallGroups = "small-groups"
        case wholeGroup = "whole-group"
    }

    private final class Storage: Sendable {
        let id: String
        let method: String
        let methodLocation: SourceLocation
        let minutes: Int
        let grouping: Grouping
        let objectives: [String]
        let objectivesLocation: SourceLocation
        let title: String?
        let description: String?
        let materials: [String]
        let notes: String?
        let location: SourceLocation

        init(
            id: String, method: String, methodLocation: SourceLocation, minutes: Int, grouping: Grouping,
            objectives: [String], objectivesLocation: SourceLocation, title: String?, description: String?,
            materials: [String], notes: String?, location: SourceLocation
        ) {
            self.id = id
            self.method = method
            self.methodLocation = methodLocation
            self.minutes = minutes
            self.grouping = grouping
            self.objectives = objectives
            self.objectivesLocation = objectivesLocation
            self.title = title
            self.description = description
            self.materials = materials
            self.notes = notes
            self.location = location
        }
    }

    private let storage: Storage

    public init(
        id: String, method: String, methodLocation: SourceLocation, minutes: Int, grouping: Grouping,
        objectives: [String], objectivesLocation: SourceLocation, title: String?, description: String?,
        materials: [String], notes: String?, location: SourceLocation
    ) {
        storage = Storage(
            id: id, method: method, methodLocation: methodLocation, minutes: minutes, grouping: grouping,
            objectives: objectives, objectivesLocation: objectivesLocation, title: title, description: description,
            materials: materials, notes: notes, location: location)
    }

    /// The activity's box: the same for every copy of this activity, distinct from any other.
    package var identity: ObjectIdentifier { ObjectIdentifier(storage) }

    public var id: String { storage.id }
    /// A method id from the catalog.
    public var method: String { storage.method }
    /// Where the `method` attribute is written.
    public var methodLocation: SourceLocation { storage.methodLocation }
    public var minutes: Int { storage.minutes }
    public var grouping: Grouping { storage.grouping }
    /// Ids of the objectives this activity serves.
    public var objectives: [String] { storage.objectives }
    /// Where the `objectives` attribute is written (the element when absent).
    public var objectivesLocation: SourceLocation { storage.objectivesLocation }
    public var title: String? { storage.title }
    public var description: String? { storage.description }
    public var materials: [String] { storage.materials }
    public var notes: String? { storage.notes }
    public var location: SourceLocation { storage.location }

    public static func == (lhs: Activity, rhs: Activity) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.id == rhs.id && lhs.method == rhs.method && lhs.methodLocation == rhs.methodLocation
                && lhs.minutes == rhs.minutes && lhs.grouping == rhs.grouping && lhs.objectives == rhs.objectives
                && lhs.objectivesLocation == rhs.objectivesLocation && lhs.title == rhs.title
                && lhs.description == rhs.description && lhs.materials == rhs.materials && lhs.notes == rhs.notes
                && lhs.location == rhs.location)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(method)
        hasher.combine(minutes)
        hasher.combine(location)
    }
}

/// Bloom's six levels of cognitive skill, lowest first.
public enum BloomLevel: String, Hashable, Sendable, CaseIterable, Codable, Comparable {
    case remember, understand, apply, analyze, evaluate, create

    /// 1 for `remember` up to 6 for `create`.
    public var rank: Int { (Self.allCases.firstIndex(of: self) ?? 0) + 1 }

    public static func < (lhs: BloomLevel, rhs: BloomLevel) -> Bool { lhs.rank < rhs.rank }
}
