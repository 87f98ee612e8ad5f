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

/// Builds the subscription feeds of a schedule: one per trainer (primary and backup duties,
/// the role in the summary), one per location, one for the whole term.
public enum CalendarFeeds {
    public static let productID = "-//trainplan//trainplan 0.1.0//EN"

    /// Every feed of a versioned schedule (see `CalendarVersioning.apply`).
    public static func feeds(_ schedule: Schedule, problem: StaffingProblem) -> [CalendarFeed] {
        let all = (schedule.assignments + schedule.cancelled).sorted {
            ($0.startMinutes ?? 0, $0.offering) < ($1.startMinutes ?? 0, $1.offering)
        }
        var feeds: [CalendarFeed] = []
        for trainer in problem.trainers {
            let duties = all.filter { $0.primary == trainer.id || $0.backup == trainer.id }
            feeds.append(
                feed(
                    "trainer-\(trainer.id).ics", name: "\(trainer.name): \(problem.term.id) training duties",
                    events: duties.map {
                        event($0, problem: problem, perspective: $0.primary == trainer.id ? .primary : .backup)
                    }, problem: problem))
        }
        var places: [String] = []
        for assignment in all { if let place = assignment.place, !places.contains(place) { places.append(place) } }
        for place in places {
            feeds.append(
                feed(
                    "location-\(slug(place)).ics", name: "\(place): \(problem.term.id) trainings",
                    events: all.filter { $0.place == place }.map { event($0, problem: problem, perspective: nil) },
                    problem: problem))
        }
        feeds.append(
            feed(
                "term-\(problem.term.id).ics", name: "\(problem.term.id): all trainings",
                events: all.map { event($0, problem: problem, perspective: nil) }, problem: problem))
        return feeds
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

    static func event(_ assignment: Assignment, problem: StaffingProblem, perspective: Role?)
        -> ICalendarWriter.Component
    {
        let title = assignment.title ?? assignment.offering
        let summary: String
        switch perspective {
        case .backup: summary = "Backup: \(title)"
        default: summary = assignment.cancelled ? "Cancelled: \(title)" : title
        }
        var properties: [ICalendarWriter.Property] = [
            .init("UID", .text(uid(term: problem.term.id, offering: assignment.offering))),
            .init("DTSTAMP", .raw(assignment.stamp ?? CalendarVersioning.utcStamp(seconds: 0))),
            .init("SEQUENCE", .raw(String(assignment.sequence))),
            .init("DTSTART", .raw(CalendarVersioning.stamp(minutesSince1970: assignment.startMinutes ?? 0))),
            .init("DTEND", .raw(CalendarVersioning.stamp(minutesSince1970: assignment.endMinutes ?? 0))),
            .init("SUMMARY", .text(perspective == .backup && assignment.cancelled ? "Cancelled: \(summary)" : summary)),
        ]
        if let place = assignment.place { properties.append(.init("LOCATION", .text(place))) }
        properties.append(
            .init("DESCRIPTION", .text(description(assignment, problem: problem, perspective: perspective))))
        properties.append(.init("STATUS", .raw(assignment.cancelled ? "CANCELLED" : "CONFIRMED")))
        properties.append(.init("TRANSP", .raw("OPAQUE")))
        return ICalendarWriter.Component("VEVENT", properties: properties)
    }

    static func description(_ assignment: Assignment, problem: StaffingProblem, perspective: Role?) -> String {
        func person(_ id: String?) -> String {
            guard let id else { return "nobody yet" }
            guard let trainer = problem.roster.trainer(id) else { return id }
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
        case nil: lines.append("Primary: \(person(assignment.primary)). Backup: \(person(assignment.backup)).")
        }
        if let place = assignment.place { lines.append("Where: \(place)") }
        guard !assignment.cancelled,
            let offering = problem.offerings.first(where: { $0.offering.id == assignment.offering })
        else { return lines.joined(separator: "\n") }
        let plan = offering.plan
        lines.append("")
        lines.append("Objectives:")
        for objective in plan.objectives { lines.append("- \(objective.text)") }
        lines.append("")
        lines.append("Agenda:")
        let start = problem.termClock.local(offering.start).time.minutes
        let agenda = TimedAgenda(plan, catalog: MethodCatalog(categories: [], methods: []), startOfDay: start)
        for block in agenda.blocks {
            let what: String
            switch block.item {
            case .pause: what = "Break"
            case .activity(let activity): what = "\(activity.method): \(activity.title ?? activity.id)"
            }
            lines.append("\(agenda.clock(block.start))–\(agenda.clock(block.end)) \(what)")
        }
        return lines.joined(separator: "\n")
    }

    /// A file-name-safe form of a place name.
    static func slug(_ text: String) -> String {
        let words = text.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        return words.isEmpty ? "place" : words.joined(separator: "-")
    }
}
