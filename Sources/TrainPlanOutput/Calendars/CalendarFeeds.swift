import Dispatch
import TrainPlanCore
import TrainPlanFormats
import TrainPlanReview
public import TrainPlanStaffing
import TrainPlanXML

/// One calendar file to publish.
public struct CalendarFeed: Sendable {
    /// The file name under `calendars/` (`trainer-ana.ics`).
    public var fileName: String
    /// The calendar's display name.
    public var name: String
    /// The file's text: CRLF line ends, folded, escaped.
    public var text: String
    /// How many events it holds (cancelled ones included).
    public var eventCount: Int
}

/// Builds the subscription feeds of a schedule: one per trainer (primary, backup and observing
/// duties, the role in the summary), one per location, one for the whole term.
public enum CalendarFeeds {
    /// Whose calendar an event is in: a trainer in a role, an observer, or everyone's (`nil`).
    enum Perspective: Hashable {
        case primary, backup, observer

        init(_ role: Role) { self = role == .primary ? .primary : .backup }
    }

    public static let productID = "-//trainplan//trainplan 0.1.0//EN"

    /// Every feed of a versioned schedule (see `CalendarVersioning.apply`).
    public static func feeds(_ schedule: Schedule, problem: StaffingProblem) -> [CalendarFeed] {
        let all = (schedule.assignments + schedule.cancelled).sorted {
            ($0.startMinutes ?? 0, $0.offering) < ($1.startMinutes ?? 0, $1.offering)
        }
        let context = Context(problem)
        var duties: [String: [Assignment]] = [:]
        for assignment in all {
            for trainer in Set([assignment.primary, assignment.backup, assignment.observer].compactMap { $0 }) {
                duties[trainer, default: []].append(assignment)
            }
        }
        // The events are made in order (their texts are cached in the context); the feeds,
        // most of the work, are serialised on every core.
        var parts: [(file: String, name: String, events: [ICalendarWriter.Component])] = []
        for trainer in problem.trainers {
            parts.append(
                (
                    "trainer-\(trainer.id).ics", "\(trainer.name): \(problem.term.id) training duties",
                    (duties[trainer.id] ?? []).map {
                        event(
                            $0, context: context,
                            perspective: $0.primary == trainer.id
                                ? .primary : $0.backup == trainer.id ? .backup : .observer)
                    }
                ))
        }
        // A trainer who left the roster gets one last feed, every duty of theirs in the
        // previous schedule published as cancelled (with the offering's new sequence); the
        // next run's previous schedule no longer names them, so then there is none.
        let versions = Dictionary(all.map { ($0.offering, $0) }, uniquingKeysWith: { first, _ in first })
        let onRoster = Set(problem.trainers.map(\.id))
        var departed: [String: [(Assignment, Perspective)]] = [:]
        for old in problem.previous?.assignments ?? [] where !old.cancelled {
            for (role, id) in [(Perspective.primary, old.primary), (.backup, old.backup), (.observer, old.observer)] {
                guard let id, !onRoster.contains(id), CalendarFeeds.isFileSafe(id) else { continue }
                var last = versions[old.offering] ?? old
                last.cancelled = true
                departed[id, default: []].append((last, role))
            }
        }
        for id in departed.keys.sorted() {
            parts.append(
                (
                    "trainer-\(id).ics", "\(id): \(problem.term.id) training duties (no longer on the roster)",
                    (departed[id] ?? []).map { event($0.0, context: context, perspective: $0.1) }
                ))
        }
        var places: [String] = []
        for assignment in all { if let place = assignment.place, !places.contains(place) { places.append(place) } }
        let placeFiles = fileNames(places)
        for place in places {
            parts.append(
                (
                    "location-\(placeFiles[place] ?? slug(place)).ics", "\(place): \(problem.term.id) trainings",
                    all.filter { $0.place == place }.map { event($0, context: context, perspective: nil) }
                ))
        }
        parts.append(
            (
                "term-\(problem.term.id).ics", "\(problem.term.id): all trainings",
                all.map { event($0, context: context, perspective: nil) }
            ))
        let feeds = ResultSlots<CalendarFeed>(count: parts.count)
        let made = parts
        DispatchQueue.concurrentPerform(iterations: made.count) { index in
            let part = made[index]
            feeds[index] = feed(part.file, name: part.name, events: part.events, problem: problem)
        }
        return feeds.values
    }

    static func feed(_ file: String, name: String, events: [ICalendarWriter.Component], problem: StaffingProblem)
        -> CalendarFeed
    {
        let calendar = ICalendarWriter.Component(
            "VCALENDAR",
            properties: [
                .init("PRODID", .raw(productID)),
                .init("VERSION", .raw("2.0")),
                .init("CALSCALE", .raw("GREGORIAN")),
                .init("NAME", .text(name)),
                .init("X-WR-CALNAME", .text(name)),
                .init("X-WR-TIMEZONE", .raw(problem.term.timeZone)),
                .init("REFRESH-INTERVAL", .raw("PT6H"), parameters: [("VALUE", "DURATION")]),
                .init("X-PUBLISHED-TTL", .raw("PT6H")),
            ], components: events)
        return CalendarFeed(
            fileName: file, name: name, text: ICalendarWriter.serialize(calendar), eventCount: events.count)
    }

    /// The UID of an offering's event: from the term and offering ids alone, so it never changes.
    public static func uid(term: String, offering: String) -> String { "\(term)-\(offering)@trainplan" }

    /// What every event of an offering shares, computed once per offering, not once per feed.
    final class Context {
        let problem: StaffingProblem
        private let offeringIndex: [String: Int]
        private let trainerIndex: [String: Int]
        private var details: [String: String] = [:]

        init(_ problem: StaffingProblem) {
            self.problem = problem
            offeringIndex = Dictionary(
                problem.offerings.enumerated().map { ($1.offering.id, $0) }, uniquingKeysWith: { first, _ in first })
            trainerIndex = Dictionary(
                problem.trainers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        }

        func trainer(_ id: String) -> Trainer? { trainerIndex[id].map { problem.trainers[$0] } }

        /// The objectives and timed agenda of an offering, or `nil` when it is not in the term.
        func details(_ offering: String) -> String? {
            if let known = details[offering] { return known }
            guard let index = offeringIndex[offering] else { return nil }
            let resolved = problem.offerings[index]
            let plan = resolved.plan
            var lines = ["", "Objectives:"]
            for objective in plan.objectives { lines.append("- \(objective.text)") }
            lines.append("")
            lines.append("Agenda:")
            let agenda = TimedAgenda(plan, catalog: MethodCatalog(categories: [], methods: []))
            // Each block's clock time from its instant: on a daylight-saving day the clock jumps
            // within the session (01:30 + 90 minutes is 04:00 CDT, not 03:00).
            func clock(_ minute: Int) -> String { problem.termClock.local(resolved.start + minute).time.description }
            for block in agenda.blocks {
                let what: String
                switch block.item {
                case .pause: what = "Break"
                case .activity(let activity): what = "\(activity.method): \(activity.title ?? activity.id)"
                }
                lines.append("\(clock(block.start))–\(clock(block.end)) \(what)")
            }
            let text = lines.joined(separator: "\n")
            details[offering] = text
            return text
        }
    }

    static func event(_ assignment: Assignment, context: Context, perspective: Perspective?)
        -> ICalendarWriter.Component
    {
        let problem = context.problem
        let title = assignment.title ?? assignment.offering
        let summary: String
        switch perspective {
        case .backup: summary = "Backup: \(title)"
        case .observer: summary = "Observe: \(title)"
        default: summary = assignment.cancelled ? "Cancelled: \(title)" : title
        }
        var properties: [ICalendarWriter.Property] = [
            .init("UID", .text(uid(term: problem.term.id, offering: assignment.offering))),
            .init("DTSTAMP", .raw(assignment.stamp ?? CalendarVersioning.utcStamp(seconds: 0))),
            .init("SEQUENCE", .raw(String(assignment.sequence))),
            .init("DTSTART", .raw(CalendarVersioning.stamp(minutesSince1970: assignment.startMinutes ?? 0))),
            .init("DTEND", .raw(CalendarVersioning.stamp(minutesSince1970: assignment.endMinutes ?? 0))),
            .init(
                "SUMMARY",
                .text(
                    perspective != nil && perspective != .primary && assignment.cancelled
                        ? "Cancelled: \(summary)" : summary)),
        ]
        if let place = assignment.place { properties.append(.init("LOCATION", .text(place))) }
        properties.append(
            .init("DESCRIPTION", .text(description(assignment, context: context, perspective: perspective))))
        properties.append(.init("STATUS", .raw(assignment.cancelled ? "CANCELLED" : "CONFIRMED")))
        properties.append(.init("TRANSP", .raw("OPAQUE")))
        return ICalendarWriter.Component("VEVENT", properties: properties)
    }

    static func description(_ assignment: Assignment, context: Context, perspective: Perspective?) -> String {
        func person(_ id: String?) -> String {
            guard let id else { return "nobody yet" }
            guard let trainer = context.trainer(id) else { return id }
            return trainer.email.map { "\(trainer.name) (\($0))" } ?? trainer.name
        }
        var lines: [String] = []
        if assignment.cancelled {
            lines.append("This offering was dropped from the term; it will not take place.")
        }
        switch perspective {
        case .primary: lines.append("You are the primary trainer. Backup: \(person(assignment.backup)).")
        case .backup:
            lines.append("You are the backup: keep the time free in case \(person(assignment.primary)) cannot lead it.")
        case .observer:
            lines.append(
                "You observe this session with its checklist (trainplan observe): "
                    + "primary \(person(assignment.primary)), backup \(person(assignment.backup)).")
        case nil: lines.append("Primary: \(person(assignment.primary)). Backup: \(person(assignment.backup)).")
        }
        if perspective != .observer, let observer = assignment.observer {
            lines.append("Observer: \(person(observer)).")
        }
        if let place = assignment.place { lines.append("Where: \(place)") }
        if !assignment.cancelled, let details = context.details(assignment.offering) { lines.append(details) }
        return lines.joined(separator: "\n")
    }

    /// Whether an id read back from a previous schedule can name a file (a slug).
    static func isFileSafe(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 64
            && id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// A file-name-safe form of a place name: its letters and digits (any script) in lower
    /// case, joined by hyphens (`Eastside Library, Room B` → `eastside-library-room-b`,
    /// `Москва` → `москва`).
    static func slug(_ text: String) -> String {
        let words = text.lowercased().split { !($0.isLetter || $0.isNumber) }
        let slug = words.joined(separator: "-")
        // Keep a file name short: at most 60 UTF-8 bytes, cut at a character.
        var cut = ""
        for character in slug where cut.utf8.count + character.utf8.count <= 60 { cut.append(character) }
        return cut.isEmpty ? "place" : cut
    }

    /// Each place's file-name part: its slug, unique among the places of the schedule. Places
    /// whose names differ only in case or punctuation (`Room B`, `room-b`, `ROOM  B!`) share a
    /// slug, so each of them gets the slug and a hash of its exact name instead, which stays
    /// the same from run to run.
    static func fileNames(_ places: [String]) -> [String: String] {
        let bySlug = Dictionary(grouping: places, by: slug)
        var names: [String: String] = [:]
        for (slug, group) in bySlug {
            for place in group {
                names[place] = group.count == 1 ? slug : "\(slug)-\(stableHash(place))"
            }
        }
        return names
    }

    /// 8 hex digits of the FNV-1a hash of the name's UTF-8 bytes: the same on every machine.
    static func stableHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let short = UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
        let hex = String(short, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
