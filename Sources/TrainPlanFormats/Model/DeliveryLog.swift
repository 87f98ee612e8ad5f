public import TrainPlanCore

/// What was delivered of one offering's plan (`Records/deliveries/*.xml`): written by a trainer
/// after the session, or by an observer during it (then with `observer` and ratings).
public struct DeliveryLog: Hashable, Sendable {
    /// Why an activity was skipped, changed in length or added (docs/fidelity.md).
    public enum Reason: String, Hashable, Sendable, CaseIterable, Codable {
        case time
        case groupSize = "group-size"
        case materials
        case technology
        case participantNeed = "participant-need"
        case trainerChoice = "trainer-choice"
        case other
    }

    /// One block of the session as delivered, in the order it was delivered.
    public enum Block: Hashable, Sendable {
        /// A planned activity, by the plan's id.
        case planned(PlannedActivity)
        /// An activity that was not in the plan.
        case added(AddedActivity)
        /// A break of this many minutes.
        case pause(minutes: Int, location: SourceLocation)

        /// Where the block is written in the log.
        public var location: SourceLocation {
            switch self {
            case .planned(let activity): activity.location
            case .added(let activity): activity.location
            case .pause(_, let location): location
            }
        }
    }

    /// A planned activity as delivered: its minutes, or skipped with a reason.
    public struct PlannedActivity: Hashable, Sendable {
        public var id: String
        /// Minutes actually spent; `nil` when skipped.
        public var minutes: Int?
        /// Why it was skipped, when it was.
        public var skipped: Reason?
        /// Why its length differs from the plan.
        public var reason: Reason?
        /// An observer's rating of adherence, 1 to 5.
        public var adherence: Int?
        public var location: SourceLocation
        public var idLocation: SourceLocation

        public init(
            id: String, minutes: Int?, skipped: Reason?, reason: Reason?, adherence: Int?, location: SourceLocation,
            idLocation: SourceLocation
        ) {
            self.id = id
            self.minutes = minutes
            self.skipped = skipped
            self.reason = reason
            self.adherence = adherence
            self.location = location
            self.idLocation = idLocation
        }
    }

    /// An activity delivered that the plan did not have.
    public struct AddedActivity: Hashable, Sendable {
        public var id: String
        public var method: String
        public var minutes: Int
        public var reason: Reason
        public var location: SourceLocation
        public var methodLocation: SourceLocation
    }

    /// A key message (one of the plan's objectives): delivered or not.
    public struct KeyMessage: Hashable, Sendable {
        public var objective: String
        public var delivered: Bool
        public var location: SourceLocation
    }

    /// One time sample: what most participants were doing at this minute, as a method category.
    public struct Sample: Hashable, Sendable {
        public var minute: Int
        public var category: String
        public var location: SourceLocation
    }

    public var offering: String
    public var offeringLocation: SourceLocation
    /// The plan named in the log, checked against the term's.
    public var plan: String?
    public var planLocation: SourceLocation?
    public var date: LocalDate?
    public var trainers: [String]
    public var trainersLocation: SourceLocation
    public var attendance: Int?
    /// The observer's id: set in an observation, `nil` in a trainer's log.
    public var observer: String?
    /// Where the observer is named (its attribute), when the log is an observation.
    public var observerLocation: SourceLocation?
    public var blocks: [Block]
    public var keyMessages: [KeyMessage]
    public var samples: [Sample]
    public var notes: String
    public var location: SourceLocation

    /// The file the log was read from.
    public var file: String { location.file }

    /// Whether this is an observation (it names an observer).
    public var isObservation: Bool { observer != nil }

    /// The planned activities the log accounts for, in the order delivered.
    public var plannedActivities: [PlannedActivity] {
        blocks.compactMap { if case .planned(let activity) = $0 { activity } else { nil } }
    }

    /// The added activities, in the order delivered.
    public var addedActivities: [AddedActivity] {
        blocks.compactMap { if case .added(let activity) = $0 { activity } else { nil } }
    }
}

extension NumberRanges {
    /// An attendance count in a delivery log.
    public static let attendance = 0...100_000
    /// An observer's adherence rating.
    public static let adherence = 1...5
    /// The minute of a time sample, from the session's start.
    public static let sampleMinute = 0...1_440
}
