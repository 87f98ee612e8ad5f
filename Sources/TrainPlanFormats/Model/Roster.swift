public import TrainPlanCore
import TrainPlanXML

/// The trainers a coordinator can call on: what each may deliver, when, and their time off.
public struct Roster: Hashable, Sendable {
    /// The IANA time zone that availability windows and away dates are written in.
    public var timeZone: String
    public var trainers: [Trainer]
    public var location: SourceLocation

    /// The trainer with this id.
    public func trainer(_ id: String) -> Trainer? { trainers.first { $0.id == id } }
}

/// One trainer.
public struct Trainer: Hashable, Sendable {
    /// A weekly window in which a trainer can deliver sessions.
    public struct Availability: Hashable, Sendable {
        public var days: [Weekday]
        public var from: TimeOfDay
        public var to: TimeOfDay
        public var location: SourceLocation
    }

    /// Days off, inclusive local dates.
    public struct Away: Hashable, Sendable {
        public var from: LocalDate
        public var to: LocalDate
        public var reason: String
        public var location: SourceLocation

        public init(from: LocalDate, to: LocalDate, reason: String, location: SourceLocation) {
            self.from = from
            self.to = to
            self.reason = reason
            self.location = location
        }
    }

    public var id: String
    public var name: String
    public var email: String?
    /// Hours per ISO week the trainer may be committed for, or `nil` for no limit.
    public var maxHoursPerWeek: Double?
    /// Module ids the trainer may deliver.
    public var qualified: [String]
    /// Where each qualification is written.
    public var qualifiedLocations: [SourceLocation]
    /// Modules the trainer may observe (`<observer module="…"/>`), checklist in hand.
    public var observes: [String] = []
    /// Where each of `observes` is written.
    public var observesLocations: [SourceLocation] = []
    /// `<observer/>` without a module: may observe sessions of every module.
    public var observesEveryModule = false
    /// No window means available at any time.
    public var availability: [Availability]
    public var away: [Away]
    public var location: SourceLocation

    /// Whether the trainer may observe a session of the module.
    public func mayObserve(_ module: String) -> Bool { observesEveryModule || observes.contains(module) }

    /// Whether the trainer is an observer at all.
    public var isObserver: Bool { observesEveryModule || !observes.isEmpty }
}

/// A term of scheduled offerings.
public struct Term: Hashable, Sendable {
    /// Whether a backup duty blocks the trainer's time.
    public enum BackupOverlap: String, Hashable, Sendable, CaseIterable {
        /// A backup duty blocks time like a primary one.
        case forbid
        /// One trainer may back up offerings that overlap each other.
        case allow
    }

    public var id: String
    /// The IANA time zone offerings' start times are written in.
    public var timeZone: String
    public var travelMinutes: Int
    public var backupOverlap: BackupOverlap
    /// The share of an hour of backup duty that counts toward weekly hours.
    public var backupLoad: Double
    /// The share of offerings, 0 to 1, that should have an observer (`observe="0.1"`); 0 asks
    /// for none (pinned observers still observe).
    public var observe: Double = 0
    /// Where `observe` is written, when it is.
    public var observeLocation: SourceLocation?
    public var offerings: [Offering]
    public var location: SourceLocation
}

/// One scheduled delivery of a session plan.
public struct Offering: Hashable, Sendable {
    public var id: String
    /// The id of the session plan delivered.
    public var session: String
    public var start: LocalDateTime
    /// The place, as people name it ("Eastside Library, Room B").
    public var place: String
    /// A pinned primary trainer.
    public var primary: String?
    /// A pinned backup trainer.
    public var backup: String?
    /// A pinned observer.
    public var observer: String?
    public var location: SourceLocation
    public var sessionLocation: SourceLocation
    public var startLocation: SourceLocation
    public var primaryLocation: SourceLocation?
    public var backupLocation: SourceLocation?
    public var observerLocation: SourceLocation?
}

/// The two roles of an offering.
public enum Role: String, Hashable, Sendable, CaseIterable, Codable {
    case primary, backup
}

/// The trainers of one offering, as written by `schedule` and read back with `--previous`.
public struct Assignment: Hashable, Sendable {
    public var offering: String
    public var primary: String?
    public var backup: String?
    /// Who observes the delivery with the checklist, if anyone.
    public var observer: String?
    /// Rises each time the offering's time, place, trainers or observer change (for calendars).
    public var sequence: Int
    /// When the offering's calendar event last changed, `YYYYMMDDTHHMMSSZ`.
    public var stamp: String?
    /// The offering was dropped from the term; its event is published as cancelled.
    public var cancelled: Bool
    /// Start and end of the offering in minutes since 1970 UTC, and its place and title,
    /// kept so that a cancelled offering can still be published.
    public var startMinutes: Int?
    public var endMinutes: Int?
    public var place: String?
    public var title: String?
    public var location: SourceLocation?

    public init(
        offering: String, primary: String?, backup: String?, observer: String? = nil, sequence: Int = 0,
        stamp: String? = nil,
        cancelled: Bool = false, startMinutes: Int? = nil, endMinutes: Int? = nil,
        place: String? = nil, title: String? = nil, location: SourceLocation? = nil
    ) {
        self.offering = offering
        self.primary = primary
        self.backup = backup
        self.observer = observer
        self.sequence = sequence
        self.stamp = stamp
        self.cancelled = cancelled
        self.startMinutes = startMinutes
        self.endMinutes = endMinutes
        self.place = place
        self.title = title
        self.location = location
    }

    /// The trainer in a role.
    public func trainer(_ role: Role) -> String? { role == .primary ? primary : backup }
}

/// A role that could not be staffed, and why each trainer could not take it.
public struct Gap: Hashable, Sendable {
    public var offering: String
    public var role: Role
    /// Every trainer of the roster with the reason they were ruled out.
    public var candidates: [(trainer: String, reason: String)]

    public init(offering: String, role: Role, candidates: [(trainer: String, reason: String)]) {
        self.offering = offering
        self.role = role
        self.candidates = candidates
    }

    public static func == (lhs: Gap, rhs: Gap) -> Bool {
        lhs.offering == rhs.offering && lhs.role == rhs.role
            && lhs.candidates.map(\.trainer) == rhs.candidates.map(\.trainer)
            && lhs.candidates.map(\.reason) == rhs.candidates.map(\.reason)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(offering)
        hasher.combine(role)
    }
}

/// A previous assignments file, read back with `--previous`.
public struct AssignmentSet: Hashable, Sendable {
    public var term: String
    public var assignments: [Assignment]

    public init(term: String, assignments: [Assignment]) {
        self.term = term
        self.assignments = assignments
    }

    public func assignment(_ offering: String) -> Assignment? { assignments.first { $0.offering == offering } }
}
