public import TrainPlanFormats

/// A role of an offering as the solver sees it: task number `offering * 2` for the primary and
/// `offering * 2 + 1` for the backup. The only place that knows the numbering.
struct StaffingTask: Hashable, Sendable {
    /// The offering's index in the resolved term.
    var offering: Int
    var role: Role

    init(offering: Int, role: Role) {
        self.offering = offering
        self.role = role
    }

    /// The task with this number in the solver's model.
    init(task: Int) {
        offering = task / 2
        role = task % 2 == 0 ? .primary : .backup
    }

    /// The task's number in the solver's model.
    var task: Int { offering * 2 + (role == .primary ? 0 : 1) }

    /// The primary task of an offering.
    static func primary(_ offering: Int) -> Int { StaffingTask(offering: offering, role: .primary).task }

    var isPrimary: Bool { role == .primary }
}

/// Why a trainer cannot take a role: the static rules (`StaffingProblem.ineligible`), or the
/// final schedule (`Scheduler.explain`). Printed in gap explanations and change notes.
public enum Exclusion: Hashable, Sendable, CustomStringConvertible {
    case notQualified(module: String)
    case away(reason: String)
    /// No availability window holds the whole offering: when it is, in the roster's local
    /// time (`sat 09:30–11:00`), and the windows it missed (`tue wed 17:00–21:30, sat 09:00–10:00`).
    case outsideAvailability(when: String, windows: String)
    case pinned(role: Role, to: String)
    /// Already holds the other role of this offering.
    case otherRoleOfThisOffering(Role)
    /// Holds a role of an offering that overlaps, or is too close to travel from.
    case busy(role: Role, offering: String, travelFrom: String?)
    case weeklyHours(limit: String)
    case notChosen
    /// May not observe sessions of the module (no `<observer>` for it in the roster).
    case notObserver(module: String)
    /// Already observes an offering that overlaps, or is too close to travel from.
    case observing(offering: String, travelFrom: String?)
    /// The observer is pinned to someone else.
    case observerPinned(to: String)

    public var description: String {
        switch self {
        case .notQualified(let module): "not qualified for \(module)"
        case .away(let reason): "away: \(reason)"
        case .outsideAvailability(let when, let windows): "outside availability (\(when); available \(windows))"
        case .pinned(let role, let pin): "the \(role.rawValue) is pinned to \(pin)"
        case .otherRoleOfThisOffering(let role): "is the \(role.rawValue) of this offering"
        case .busy(let role, let offering, nil): "busy: \(role.rawValue) of \(offering)"
        case .busy(let role, let offering, let place?):
            "busy: \(role.rawValue) of \(offering) (no time to travel from \(place))"
        case .weeklyHours(let limit): "weekly hours reached (\(limit) h)"
        case .notChosen: "free, but not chosen"
        case .notObserver(let module): "not an observer for \(module)"
        case .observing(let offering, nil): "busy: observes \(offering)"
        case .observing(let offering, let place?): "busy: observes \(offering) (no time to travel from \(place))"
        case .observerPinned(let pin): "the observer is pinned to \(pin)"
        }
    }

    /// Whether a change note says the trainer "is now …" (a new state of things, such as being
    /// outside availability after a move) rather than "is …" (unqualified, away).
    var readsAsNew: Bool {
        switch self {
        case .notQualified, .notObserver, .away: false
        default: true
        }
    }
}
