import Foundation
public import TrainPlanCore
public import TrainPlanFormats
import TrainPlanSolver

/// A term resolved against its roster and plans: every offering with its instants, module and
/// length, and for every trainer whether the static rules let them take it, and if not, why.
public struct StaffingProblem: Sendable {
    /// One offering, resolved.
    public struct ResolvedOffering: Sendable {
        public var offering: Offering
        public var plan: SessionPlan
        /// Minutes since 1970 UTC.
        public var start: Int
        public var end: Int
        public var week: Int
        public var place: Int
        public var module: String { plan.module.id }
        public var minutes: Int { end - start }
    }

    public var roster: Roster
    public var term: Term
    public var offerings: [ResolvedOffering]
    public var places: [String]
    public var previous: AssignmentSet?
    /// `ineligible[offering][trainer]`: why the trainer cannot take the offering at all, or `nil`.
    public var ineligible: [[Exclusion?]]
    package let termClock: ZonedClock
    let rosterClock: ZonedClock

    public var trainers: [Trainer] { roster.trainers }

    public func offeringIndex(_ id: String) -> Int? { offerings.firstIndex { $0.offering.id == id } }
    public func trainerIndex(_ id: String) -> Int? { roster.trainers.firstIndex { $0.id == id } }

    /// Resolves a term. Bad references are findings; the problem is `nil` when any is an error.
    public static func resolve(
        roster: Roster, term: Term, plans: [SessionPlan], previous: AssignmentSet?
    ) -> (problem: StaffingProblem?, findings: [Finding]) {
        var findings: [Finding] = []
        guard let termZone = TimeZone(identifier: term.timeZone), let rosterZone = TimeZone(identifier: roster.timeZone)
        else { return (nil, findings) }
        let termClock = ZonedClock(timeZone: termZone)
        let rosterClock = ZonedClock(timeZone: rosterZone)
        let planByID = Dictionary(plans.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let trainerIDs = roster.trainers.map(\.id)
        let modules = Set(plans.map(\.module.id))

        for trainer in roster.trainers {
            for (module, location) in zip(
                trainer.qualified + trainer.observes, trainer.qualifiedLocations + trainer.observesLocations)
            where !modules.contains(module) {
                findings.append(
                    Finding(
                        id: "unknown-module", severity: .warning,
                        message: "No session plan belongs to the module '\(module)'."
                            + DidYouMean.clause(for: module, among: modules.sorted()),
                        hint: "Check the spelling against the plans' <module id=\"…\">.", location: location))
            }
        }

        var places: [String] = []
        var resolved: [ResolvedOffering] = []
        for offering in term.offerings {
            guard let plan = planByID[offering.session] else {
                findings.append(
                    Finding(
                        id: "unknown-plan",
                        message:
                            "The offering '\(offering.id)' delivers '\(offering.session)', which is not a session plan."
                            + DidYouMean.clause(for: offering.session, among: planByID.keys.sorted()),
                        hint: "Use the id of a plan in the plans folder.", location: offering.sessionLocation))
                continue
            }
            for (role, pin, location) in [
                (Role.primary, offering.primary, offering.primaryLocation),
                (.backup, offering.backup, offering.backupLocation),
            ] {
                guard let pin, let location else { continue }
                guard let trainer = roster.trainer(pin) else {
                    findings.append(
                        Finding(
                            id: "unknown-trainer",
                            message:
                                "The \(role.rawValue) of '\(offering.id)' is pinned to '\(pin)', who is not on the roster."
                                + DidYouMean.clause(for: pin, among: trainerIDs),
                            hint: "Use a trainer id from the roster.", location: location))
                    continue
                }
                if !trainer.qualified.contains(plan.module.id) {
                    findings.append(
                        Finding(
                            id: "unqualified-pin",
                            message:
                                "The \(role.rawValue) of '\(offering.id)' is pinned to '\(pin)', who is not qualified for the module '\(plan.module.id)'.",
                            hint:
                                "Pin a qualified trainer, or add <qualified module=\"\(plan.module.id)\"/> to '\(pin)' in the roster.",
                            location: location))
                }
            }
            if let pin = offering.observer, let location = offering.observerLocation {
                if let trainer = roster.trainer(pin) {
                    if !trainer.mayObserve(plan.module.id) {
                        findings.append(
                            Finding(
                                id: "unqualified-pin",
                                message:
                                    "The observer of '\(offering.id)' is pinned to '\(pin)', who may not observe the module '\(plan.module.id)'.",
                                hint:
                                    "Pin an observer of the module, or add <observer module=\"\(plan.module.id)\"/> to '\(pin)' in the roster.",
                                location: location))
                    }
                    if pin == offering.primary || pin == offering.backup {
                        findings.append(
                            Finding(
                                id: "same-trainer-twice",
                                message:
                                    "'\(pin)' is pinned as the observer of '\(offering.id)' and as one of its trainers.",
                                hint: "An observer watches someone else deliver; pin another observer.",
                                location: location))
                    }
                } else {
                    findings.append(
                        Finding(
                            id: "unknown-trainer",
                            message:
                                "The observer of '\(offering.id)' is pinned to '\(pin)', who is not on the roster."
                                + DidYouMean.clause(for: pin, among: trainerIDs),
                            hint: "Use a trainer id from the roster.", location: location))
                }
            }
            if let primary = offering.primary, primary == offering.backup, let location = offering.backupLocation {
                findings.append(
                    Finding(
                        id: "same-trainer-twice",
                        message: "'\(primary)' is pinned as both primary and backup of '\(offering.id)'.",
                        hint: "A backup must be a second trainer; pin someone else or remove the pin.",
                        location: location))
            }
            guard case .success(let start) = termClock.minutes(offering.start) else { continue }
            if !places.contains(offering.place) { places.append(offering.place) }
            resolved.append(
                ResolvedOffering(
                    offering: offering, plan: plan, start: start, end: start + plan.durationMinutes,
                    week: termClock.isoWeek(start), place: places.firstIndex(of: offering.place) ?? 0))
        }

        if let previous {
            if previous.term != term.id, let location = previous.assignments.first?.location {
                findings.append(
                    Finding(
                        id: "previous-term", severity: .warning,
                        message: "The previous assignments are for the term '\(previous.term)', not '\(term.id)'.",
                        hint: "Pass the assignments.xml written for this term.", location: location))
            }
            for assignment in previous.assignments where !assignment.cancelled {
                for trainer in [assignment.primary, assignment.backup].compactMap({ $0 })
                where roster.trainer(trainer) == nil {
                    if let location = assignment.location {
                        findings.append(
                            Finding(
                                id: "unknown-trainer", severity: .warning,
                                message:
                                    "The previous assignment of '\(assignment.offering)' names '\(trainer)', who is no longer on the roster.",
                                hint: "The offering gets a new trainer.", location: location))
                    }
                }
            }
        }

        if term.observe > 0, !roster.trainers.contains(where: \.isObserver), let location = term.observeLocation {
            findings.append(
                Finding(
                    id: "no-observer", severity: .warning,
                    message:
                        "The term asks for an observer at \(formatNumber(term.observe * 100)) % of its offerings, but nobody on the roster observes.",
                    hint:
                        "Add <observer/> (every module) or <observer module=\"…\"/> to the trainers or staff who may observe sessions.",
                    location: location))
        }

        if roster.timeZone != term.timeZone {
            findings.append(
                Finding(
                    id: "time-zone-differs", severity: .warning,
                    message:
                        "The term's times are in \(term.timeZone), but the roster's availability and time off are in "
                        + "\(roster.timeZone): an offering is checked against each trainer's windows at its time in "
                        + "\(roster.timeZone).",
                    hint:
                        "If both mean the same local time, write the same timezone in the roster and the term; "
                        + "otherwise expect offerings to fall outside the trainers' windows.",
                    location: term.location))
        }

        // What an exclusion says is written once per trainer (their windows) and once per
        // offering (when it is), and shared by every pair: a term times a roster of strings
        // otherwise.
        let windows = roster.trainers.map(windowsText)
        var ineligible: [[Exclusion?]] = []
        ineligible.reserveCapacity(resolved.count)
        for offering in resolved {
            let first = rosterClock.local(offering.start)
            let last = rosterClock.local(offering.end)
            let when = whenText(first, last)
            ineligible.append(
                roster.trainers.indices.map { index in
                    reasonIneligible(
                        roster.trainers[index], offering, first: first, last: last, when: when, windows: windows[index])
                })
        }
        let problem = StaffingProblem(
            roster: roster, term: term, offerings: resolved, places: places, previous: previous, ineligible: ineligible,
            termClock: termClock, rosterClock: rosterClock)
        return (findings.contains { $0.severity == .error } ? nil : problem, findings)
    }

    /// Why the trainer cannot observe the offering at all (not an observer of its module, away,
    /// outside availability, pinned elsewhere), or `nil`: the static rules of an observer.
    public func observerIneligible(offering index: Int, trainer: Int) -> Exclusion? {
        let offering = offerings[index]
        let person = roster.trainers[trainer]
        if let pin = offering.offering.observer, pin != person.id { return .observerPinned(to: pin) }
        if !person.mayObserve(offering.module) { return .notObserver(module: offering.module) }
        switch ineligible[index][trainer] {
        case nil, .notQualified: break
        case let other?: return other
        }
        guard !person.qualified.contains(offering.module) else { return nil }
        // Not qualified to deliver: the time rules were not looked at for the role; look now.
        let first = rosterClock.local(offering.start)
        let last = rosterClock.local(offering.end)
        var deliverer = person
        deliverer.qualified = [offering.module]
        return Self.reasonIneligible(
            deliverer, offering, first: first, last: last, when: Self.whenText(first, last),
            windows: Self.windowsText(person))
    }

    /// When an offering is, in the roster's local time, as an exclusion says it
    /// (`sat 09:30–11:00`, or across midnight `sat 23:00 to sun 01:00`).
    private static func whenText(
        _ first: (date: LocalDate, weekday: Weekday, time: TimeOfDay),
        _ last: (date: LocalDate, weekday: Weekday, time: TimeOfDay)
    ) -> String {
        first.date == last.date
            ? "\(first.weekday.rawValue) \(first.time.description)–\(last.time.description)"
            : "\(first.weekday.rawValue) \(first.time.description) to \(last.weekday.rawValue) \(last.time.description)"
    }

    /// A trainer's availability windows as an exclusion lists them (`tue wed 17:00–21:30, sat 09:00–10:00`).
    private static func windowsText(_ trainer: Trainer) -> String {
        trainer.availability.map { window in
            "\(window.days.map(\.rawValue).joined(separator: " ")) \(window.from.description)–\(window.to.description)"
        }.joined(separator: ", ")
    }

    /// Why the trainer cannot take the offering at all, or `nil`; `when` and `windows` are what
    /// an `outsideAvailability` says (the offering's time, the trainer's windows).
    private static func reasonIneligible(
        _ trainer: Trainer, _ offering: ResolvedOffering,
        first: (date: LocalDate, weekday: Weekday, time: TimeOfDay),
        last: (date: LocalDate, weekday: Weekday, time: TimeOfDay), when: String, windows: String
    ) -> Exclusion? {
        if !trainer.qualified.contains(offering.module) { return .notQualified(module: offering.module) }
        if let away = trainer.away.first(where: { $0.from <= last.date && first.date <= $0.to }) {
            return .away(reason: away.reason)
        }
        if trainer.availability.isEmpty { return nil }
        let inside = trainer.availability.contains { window in
            first.date == last.date && window.days.contains(first.weekday) && window.from <= first.time
                && last.time <= window.to
        }
        if inside { return nil }
        return .outsideAvailability(when: when, windows: windows)
    }
}
