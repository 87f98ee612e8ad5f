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
}

/// An agenda block delivered with one method.
public struct Activity: Hashable, Sendable {
    /// How participants are grouped during an activity.
    public enum Grouping: String, Hashable, Sendable, CaseIterable, Codable {
        case individual, pairs, triads
        case smallGroups = "small-groups"
        case wholeGroup = "whole-group"
    }

    public var id: String
    /// A method id from the catalog.
    public var method: String
    /// Where the `method` attribute is written.
    public var methodLocation: SourceLocation
    public var minutes: Int
    public var grouping: Grouping
    /// Ids of the objectives this activity serves.
    public var objectives: [String]
    /// Where the `objectives` attribute is written (the element when absent).
    public var objectivesLocation: SourceLocation
    public var title: String?
    public var description: String?
    public var materials: [String]
    public var notes: String?
    public var location: SourceLocation
}

/// Bloom's six levels of cognitive skill, lowest first.
public enum BloomLevel: String, Hashable, Sendable, CaseIterable, Codable, Comparable {
    case remember, understand, apply, analyze, evaluate, create

    /// 1 for `remember` up to 6 for `create`.
    public var rank: Int { (Self.allCases.firstIndex(of: self) ?? 0) + 1 }

    public static func < (lhs: BloomLevel, rhs: BloomLevel) -> Bool { lhs.rank < rhs.rank }
}
