import Foundation
public import TrainPlanCore
import TrainPlanXML

/// Reads rosters, terms and assignments files, with a finding at the exact place of every
/// problem in them.
public enum StaffingLoader {
    /// Reads a roster (`Rosters/trainers.xml`).
    public static func roster(_ text: SourceText, file: String) -> Loaded<Roster> {
        load(text, file: file, schema: .roster, decode: decodeRoster)
    }

    /// Reads a term (`Rosters/spring-2027.xml`).
    public static func term(_ text: SourceText, file: String) -> Loaded<Term> {
        load(text, file: file, schema: .term, decode: decodeTerm)
    }

    /// Reads an assignments file written by `trainplan schedule`.
    public static func assignments(_ text: SourceText, file: String) -> Loaded<AssignmentSet> {
        load(text, file: file, schema: .assignments, decode: decodeAssignments)
    }

    private static func load<Value: Sendable>(
        _ text: SourceText, file: String, schema: BundledSchema,
        decode: (XMLElement, inout ElementReader) -> Value?
    ) -> Loaded<Value> {
        DocumentReader.load(text, file: file, schema: schema, keepsValueWithErrors: false) { root in
            var reader = ElementReader(file: file)
            let value = decode(root, &reader)
            return (value, reader.findings)
        }
    }

    private static func expectRoot(_ root: XMLElement, _ name: String, _ what: String, reader: inout ElementReader)
        -> Bool
    {
        guard root.name == name, root.namespaceURI == nil else {
            reader.report(
                "wrong-document", "This is a <\(root.name)> document, not \(what) (<\(name)>).", at: root.position)
            return false
        }
        return true
    }

    // MARK: Roster

    private static func decodeRoster(_ root: XMLElement, reader: inout ElementReader) -> Roster? {
        guard expectRoot(root, "roster", "a roster", reader: &reader) else { return nil }
        reader.checkShape(
            root, attributes: ["timezone"], required: ["timezone"], children: ["trainer"], repeatable: ["trainer"])
        let zone = timeZone("timezone", of: root, reader: &reader)
        var trainers: [Trainer] = []
        var seen: [String: Int] = [:]
        for element in root.children(named: "trainer") {
            reader.checkShape(
                element, attributes: ["id", "name", "email", "max-hours-per-week"], required: ["id", "name"],
                children: ["qualified", "observer", "available", "away"],
                repeatable: ["qualified", "observer", "available", "away"])
            guard let id = reader.slug("id", of: element), let name = element.attribute("name")?.value else { continue }
            if let line = seen[id] {
                reader.report(
                    "duplicate-id", "The trainer id '\(id)' is used twice; the first is at line \(line).",
                    hint: "Give each trainer their own id.", at: element.position)
                continue
            }
            seen[id] = element.position.line
            var hours: Double?
            if let attribute = element.attribute("max-hours-per-week") {
                if let value = Double(attribute.value.trimmingSpaces), NumberRanges.weeklyHours.contains(value) {
                    hours = value
                } else {
                    reader.report(
                        "invalid-number",
                        "max-hours-per-week=\"\(attribute.value)\" is not a number of hours from 0 to 168 (a week).",
                        hint: "Write the weekly limit in hours, e.g. max-hours-per-week=\"6\".", at: attribute.position)
                }
            }
            var qualified: [String] = []
            var qualifiedLocations: [SourceLocation] = []
            for qualification in element.children(named: "qualified") {
                reader.checkShape(qualification, attributes: ["module"], required: ["module"])
                if let module = reader.slug("module", of: qualification) {
                    qualified.append(module)
                    qualifiedLocations.append(
                        reader.location(qualification.attribute("module")?.position ?? qualification.position))
                }
            }
            var observes: [String] = []
            var observesLocations: [SourceLocation] = []
            var observesEveryModule = false
            for observer in element.children(named: "observer") {
                reader.checkShape(observer, attributes: ["module"])
                guard observer.attribute("module") != nil else {
                    observesEveryModule = true
                    continue
                }
                if let module = reader.slug("module", of: observer) {
                    observes.append(module)
                    observesLocations.append(
                        reader.location(observer.attribute("module")?.position ?? observer.position))
                }
            }
            if element.children(named: "qualified").isEmpty && element.children(named: "observer").isEmpty {
                reader.report(
                    "missing-element", "The trainer '\(id)' is qualified for no module.",
                    hint:
                        "Add <qualified module=\"…\"/> for each module they may deliver (or <observer/> if they only observe).",
                    at: element.position,
                    severity: .warning)
            }
            var availability: [Trainer.Availability] = []
            for window in element.children(named: "available") {
                reader.checkShape(window, attributes: ["days", "from", "to"], required: ["days", "from", "to"])
                guard let days = weekdays(window, reader: &reader),
                    let from = clock("from", of: window, reader: &reader),
                    let to = clock("to", of: window, reader: &reader)
                else { continue }
                if to <= from {
                    reader.report(
                        "invalid-range",
                        "The window ends at \(to.description), not after it starts (\(from.description)).",
                        hint: "Write from=\"…\" earlier than to=\"…\" on the same day.",
                        at: window.attribute("to")?.position ?? window.position)
                    continue
                }
                availability.append(
                    Trainer.Availability(days: days, from: from, to: to, location: reader.location(window)))
            }
            var away: [Trainer.Away] = []
            for period in element.children(named: "away") {
                reader.checkShape(period, attributes: ["from", "to"], required: ["from", "to"], allowsText: true)
                guard let from = date("from", of: period, reader: &reader),
                    let to = date("to", of: period, reader: &reader)
                else { continue }
                if to < from {
                    reader.report(
                        "invalid-range",
                        "The time off ends (\(to.description)) before it starts (\(from.description)).",
                        hint: "Swap the dates, or fix the one that is wrong.",
                        at: period.attribute("to")?.position ?? period.position)
                    continue
                }
                let reason = period.normalizedText
                away.append(
                    Trainer.Away(
                        from: from, to: to, reason: reason.isEmpty ? "time off" : reason,
                        location: reader.location(period)))
            }
            trainers.append(
                Trainer(
                    id: id, name: name, email: element.attribute("email")?.value, maxHoursPerWeek: hours,
                    qualified: qualified, qualifiedLocations: qualifiedLocations, observes: observes,
                    observesLocations: observesLocations, observesEveryModule: observesEveryModule,
                    availability: availability,
                    away: away,
                    location: reader.location(element)))
        }
        guard let zone else { return nil }
        return Roster(timeZone: zone, trainers: trainers, location: reader.location(root))
    }

    // MARK: Term

    private static func decodeTerm(_ root: XMLElement, reader: inout ElementReader) -> Term? {
        guard expectRoot(root, "term", "a term", reader: &reader) else { return nil }
        reader.checkShape(
            root, attributes: ["id", "timezone", "travel-minutes", "backup-overlap", "backup-load", "observe"],
            required: ["id", "timezone"], children: ["offering"], repeatable: ["offering"])
        let id = reader.slug("id", of: root)
        let zone = timeZone("timezone", of: root, reader: &reader)
        let travel = reader.wholeNumber("travel-minutes", of: root, in: NumberRanges.travelMinutes) ?? 0
        var overlap = Term.BackupOverlap.forbid
        if let attribute = root.attribute("backup-overlap") {
            overlap =
                reader.choice(
                    attribute.value, as: Term.BackupOverlap.self, what: "backup-overlap", at: attribute.position)
                ?? .forbid
        }
        var load = 0.25
        if let attribute = root.attribute("backup-load") {
            if let value = Double(attribute.value.trimmingSpaces), (0...1).contains(value) {
                load = value
            } else {
                reader.report(
                    "invalid-number", "backup-load=\"\(attribute.value)\" is not a share between 0 and 1.",
                    hint: "Write the share of an hour of backup duty that counts, e.g. backup-load=\"0.25\".",
                    at: attribute.position)
            }
        }
        var observe = 0.0
        let observeAttribute = root.attribute("observe")
        if let attribute = observeAttribute {
            if let value = Double(attribute.value.trimmingSpaces), (0...1).contains(value) {
                observe = value
            } else {
                reader.report(
                    "invalid-number", "observe=\"\(attribute.value)\" is not a share of offerings between 0 and 1.",
                    hint: "Write the share of offerings to observe, e.g. observe=\"0.1\" for one in ten.",
                    at: attribute.position)
            }
        }
        let clock = zone.flatMap { TimeZone(identifier: $0) }.map(ZonedClock.init)
        var offerings: [Offering] = []
        var seen: [String: Int] = [:]
        for element in root.children(named: "offering") {
            reader.checkShape(
                element, attributes: ["id", "session", "start", "location", "primary", "backup", "observer"],
                required: ["id", "session", "start", "location"])
            guard let offeringID = reader.slug("id", of: element), let session = element.attribute("session"),
                let startAttribute = element.attribute("start"), let place = element.attribute("location")
            else { continue }
            if let line = seen[offeringID] {
                reader.report(
                    "duplicate-id", "The offering id '\(offeringID)' is used twice; the first is at line \(line).",
                    hint: "Give each offering its own id.", at: element.position)
                continue
            }
            seen[offeringID] = element.position.line
            guard let start = LocalDateTime(startAttribute.value.trimmingSpaces) else {
                reader.report(
                    "invalid-date",
                    "start=\"\(startAttribute.value)\" is not a date and time that exists (from 1970 to 9999).",
                    hint:
                        "Write the local start as YYYY-MM-DDTHH:MM, e.g. 2027-03-02T18:00 (times run 00:00 to 23:59).",
                    at: startAttribute.position)
                continue
            }
            if let clock, case .failure = clock.minutes(start) {
                reader.report(
                    "dst-gap",
                    "\(start.description) does not exist in \(clock.timeZone.identifier): the clocks skip that hour when daylight saving time starts.",
                    hint: "Start an hour later (or earlier); no one can meet at a time the clocks skip.",
                    at: startAttribute.position)
                continue
            }
            let primary = element.attribute("primary")
            let backup = element.attribute("backup")
            let observer = element.attribute("observer")
            offerings.append(
                Offering(
                    id: offeringID, session: session.value.trimmingSpaces, start: start,
                    place: place.value.split(whereSeparator: \.isWhitespace).joined(separator: " "),
                    primary: primary?.value.trimmingSpaces, backup: backup?.value.trimmingSpaces,
                    observer: observer?.value.trimmingSpaces,
                    location: reader.location(element), sessionLocation: reader.location(session.position),
                    startLocation: reader.location(startAttribute.position),
                    primaryLocation: primary.map { reader.location($0.position) },
                    backupLocation: backup.map { reader.location($0.position) },
                    observerLocation: observer.map { reader.location($0.position) }))
        }
        guard let id, let zone else { return nil }
        return Term(
            id: id, timeZone: zone, travelMinutes: travel, backupOverlap: overlap, backupLoad: load,
            observe: observe, observeLocation: observeAttribute.map { reader.location($0.position) },
            offerings: offerings,
            location: reader.location(root))
    }

    // MARK: Assignments

    private static func decodeAssignments(_ root: XMLElement, reader: inout ElementReader) -> AssignmentSet? {
        guard expectRoot(root, "assignments", "an assignments file", reader: &reader) else { return nil }
        reader.checkShape(
            root, attributes: ["term"], required: ["term"], children: ["assignment", "unstaffed", "unobserved"],
            repeatable: ["assignment", "unstaffed", "unobserved"])
        guard let term = reader.slug("term", of: root) else { return nil }
        var assignments: [Assignment] = []
        for element in root.children(named: "assignment") {
            reader.checkShape(
                element,
                attributes: [
                    "offering", "primary", "backup", "observer", "sequence", "stamp", "cancelled", "start", "end",
                    "place",
                    "title",
                ], required: ["offering"])
            guard let offering = reader.slug("offering", of: element) else { continue }
            let sequence = reader.wholeNumber("sequence", of: element, in: NumberRanges.sequence)
            let start = Self.time("start", of: element, reader: &reader)
            let end = Self.time("end", of: element, reader: &reader)
            if let start, let end, end < start, let at = element.attribute("end")?.position {
                reader.report(
                    "invalid-value", "The assignment of '\(offering)' ends (\(end)) before it starts (\(start)).",
                    hint: "Write the schedule again with `trainplan schedule`, or delete the file.", at: at)
            }
            let stamp = element.attribute("stamp")
            if let stamp, !Self.isStamp(stamp.value) {
                reader.report(
                    "invalid-value", "stamp=\"\(stamp.value)\" is not a UTC time such as 20270301T120000Z.",
                    hint: "Write the schedule again with `trainplan schedule`, or delete the file.", at: stamp.position)
            }
            assignments.append(
                Assignment(
                    offering: offering, primary: element.attribute("primary")?.value,
                    backup: element.attribute("backup")?.value, observer: element.attribute("observer")?.value,
                    sequence: sequence ?? 0,
                    stamp: stamp.flatMap { Self.isStamp($0.value) ? $0.value : nil },
                    cancelled: reader.flag("cancelled", of: element) ?? false,
                    startMinutes: start, endMinutes: end,
                    place: element.attribute("place")?.value, title: element.attribute("title")?.value,
                    location: reader.location(element)))
        }
        for element in root.children(named: "unstaffed") {
            reader.checkShape(
                element, attributes: ["offering", "role"], required: ["offering", "role"], children: ["candidate"],
                repeatable: ["candidate"])
            for candidate in element.children(named: "candidate") {
                reader.checkShape(candidate, attributes: ["trainer"], required: ["trainer"], allowsText: true)
            }
        }
        for element in root.children(named: "unobserved") {
            reader.checkShape(
                element, attributes: ["need", "subject", "asked", "observed"], required: ["need"],
                children: ["candidate"], repeatable: ["candidate"])
            for candidate in element.children(named: "candidate") {
                reader.checkShape(
                    candidate, attributes: ["offering", "trainer"], required: ["trainer"], allowsText: true)
            }
        }
        return AssignmentSet(term: term, assignments: assignments)
    }

    // MARK: Values

    /// A time in `assignments.xml`: ISO local time with its offset (`2027-03-02T18:00-06:00`),
    /// or, in files of older versions, minutes since 1970.
    private static func time(_ name: String, of element: XMLElement, reader: inout ElementReader) -> Int? {
        guard let attribute = element.attribute(name) else { return nil }
        let value = attribute.value.trimmingSpaces
        if let minutes = ISOTime.minutes(value) { return minutes }
        if value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 || $0 == 0x2D }) {
            return reader.wholeNumber(name, of: element, in: NumberRanges.epochMinutes)
        }
        reader.report(
            "invalid-date",
            "\(name)=\"\(attribute.value)\" is not a time such as 2027-03-02T18:00-06:00 (from 1970 to 9999).",
            hint: "Write the schedule again with `trainplan schedule`, or delete the file.", at: attribute.position)
        return nil
    }

    /// `20270301T120000Z`: a DTSTAMP as RFC 5545 writes a UTC time, with a real month, day,
    /// hour, minute and second.
    static func isStamp(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return false }
        let digits = bytes[0..<8] + bytes[9..<15]
        guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return false }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(bytes[$1] - UInt8(ascii: "0")) } }
        return NumberRanges.year.contains(number(0..<4)) && (1...12).contains(number(4..<6))
            && (1...31).contains(number(6..<8)) && number(9..<11) < 24 && number(11..<13) < 60 && number(13..<15) < 61
    }

    private static func timeZone(_ name: String, of element: XMLElement, reader: inout ElementReader) -> String? {
        guard let attribute = element.attribute(name) else { return nil }
        let identifier = attribute.value.trimmingSpaces
        if TimeZone(identifier: identifier) != nil, identifier.contains("/") || identifier == "UTC" {
            return identifier
        }
        reader.report(
            "unknown-time-zone",
            "'\(identifier)' is not an IANA time zone."
                + DidYouMean.clause(for: identifier, among: TimeZone.knownTimeZoneIdentifiers),
            hint: "Write the zone as Region/City, e.g. timezone=\"America/Chicago\" or \"Europe/Berlin\".",
            at: attribute.position)
        return nil
    }

    private static func clock(_ name: String, of element: XMLElement, reader: inout ElementReader) -> TimeOfDay? {
        guard let attribute = element.attribute(name) else { return nil }
        if let value = TimeOfDay(attribute.value.trimmingSpaces) { return value }
        reader.report(
            "invalid-time", "\(name)=\"\(attribute.value)\" is not a time of day.",
            hint: attribute.value.trimmingSpaces == "24:00"
                ? "Write 23:59 for the end of the day." : "Write HH:MM from 00:00 to 23:59, e.g. 18:30.",
            at: attribute.position)
        return nil
    }

    private static func date(_ name: String, of element: XMLElement, reader: inout ElementReader) -> LocalDate? {
        guard let attribute = element.attribute(name) else { return nil }
        if let value = LocalDate(attribute.value.trimmingSpaces) { return value }
        reader.report(
            "invalid-date", "\(name)=\"\(attribute.value)\" is not a date that exists (from 1970 to 9999).",
            hint: "Write YYYY-MM-DD, e.g. 2027-03-08.", at: attribute.position)
        return nil
    }

    private static func weekdays(_ element: XMLElement, reader: inout ElementReader) -> [Weekday]? {
        guard let attribute = element.attribute("days") else { return nil }
        var days: [Weekday] = []
        for word in attribute.value.split(whereSeparator: \.isWhitespace) {
            guard let day = reader.choice(String(word), as: Weekday.self, what: "day", at: attribute.position) else {
                return nil
            }
            days.append(day)
        }
        if days.isEmpty {
            reader.report(
                "missing-text", "The window names no days.", hint: "Write days=\"mon wed\" or similar.",
                at: attribute.position)
            return nil
        }
        return days
    }
}
