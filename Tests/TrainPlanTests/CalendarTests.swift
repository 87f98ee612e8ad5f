import Foundation
import Testing
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

/// Every way a calendar file breaks the rules of RFC 5545 that trainplan promises to keep.
/// Written for the tests, apart from the serializer.
func strictICalendarProblems(_ text: String) -> [String] {
    var problems: [String] = []
    let bytes = Array(text.utf8)
    // Line ends: CRLF everywhere, the last line included.
    var physical: [[UInt8]] = []
    var current: [UInt8] = []
    var index = 0
    while index < bytes.count {
        let byte = bytes[index]
        if byte == 0x0D {
            if index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                physical.append(current)
                current = []
                index += 2
                continue
            }
            problems.append("a bare CR")
        } else if byte == 0x0A {
            problems.append("a bare LF")
        }
        current.append(byte)
        index += 1
    }
    if !current.isEmpty { problems.append("the last line has no CRLF") }
    for (number, line) in physical.enumerated() {
        if line.count > 75 { problems.append("line \(number + 1) has \(line.count) octets") }
        if String(validating: line, as: UTF8.self) == nil {
            problems.append("line \(number + 1) splits a UTF-8 sequence")
        }
    }
    // Unfold.
    var lines: [String] = []
    for line in physical {
        let string = String(decoding: line, as: UTF8.self)
        if string.hasPrefix(" ") || string.hasPrefix("\t"), !lines.isEmpty {
            lines[lines.count - 1] += string.dropFirst()
        } else {
            lines.append(string)
        }
    }
    guard lines.first == "BEGIN:VCALENDAR", lines.last == "END:VCALENDAR" else {
        return problems + ["not one VCALENDAR"]
    }
    func split(_ line: String) -> (name: String, parameters: [String], value: String) {
        var inQuotes = false
        for (offset, character) in line.enumerated() {
            if character == "\"" { inQuotes.toggle() }
            if character == ":", !inQuotes {
                let head = String(line.prefix(offset))
                let parts = head.split(separator: ";").map(String.init)
                return (parts.first ?? "", Array(parts.dropFirst()), String(line.dropFirst(offset + 1)))
            }
        }
        return (line, [], "")
    }
    let textProperties: Set = ["SUMMARY", "LOCATION", "DESCRIPTION", "NAME", "X-WR-CALNAME", "UID", "COMMENT"]
    var depth: [String] = []
    var calendarProperties: [String] = []
    var event: [(name: String, parameters: [String], value: String)] = []
    var uids = Set<String>()
    var timeZones = Set<String>()
    var tzids: [String] = []
    for line in lines {
        let property = split(line)
        if property.name == "BEGIN" {
            depth.append(property.value)
            if property.value == "VEVENT" { event = [] }
            continue
        }
        if property.name == "END" {
            if depth.last != property.value {
                problems.append("END:\(property.value) does not close \(depth.last ?? "-")")
            }
            if property.value == "VEVENT" {
                let names = event.map(\.name)
                for required in ["UID", "DTSTAMP", "DTSTART"] where names.count(where: { $0 == required }) != 1 {
                    problems.append("an event has \(names.count(where: { $0 == required })) \(required)")
                }
                if names.contains("DTEND") && names.contains("DURATION") {
                    problems.append("an event has DTEND and DURATION")
                }
                if !names.contains("DTEND") { problems.append("an event has no DTEND") }
                if let uid = event.first(where: { $0.name == "UID" })?.value, !uids.insert(uid).inserted {
                    problems.append("UID \(uid) appears twice")
                }
                for stamp in event where stamp.name == "DTSTAMP" && stamp.value.wholeMatch(of: /\d{8}T\d{6}Z/) == nil {
                    problems.append("DTSTAMP \(stamp.value) is not UTC")
                }
                for time in event where time.name == "DTSTART" || time.name == "DTEND" {
                    if let tzid = time.parameters.first(where: { $0.hasPrefix("TZID=") }) {
                        tzids.append(String(tzid.dropFirst(5)))
                        if time.value.wholeMatch(of: /\d{8}T\d{6}/) == nil {
                            problems.append("\(time.name) \(time.value)")
                        }
                    } else if time.value.wholeMatch(of: /\d{8}T\d{6}Z/) == nil {
                        problems.append("\(time.name) \(time.value) is neither UTC nor zoned")
                    }
                }
            }
            depth.removeLast()
            continue
        }
        if depth == ["VCALENDAR"] { calendarProperties.append(property.name) }
        if depth.last == "VEVENT" { event.append(property) }
        if depth.last == "VTIMEZONE", property.name == "TZID" { timeZones.insert(property.value) }
        if property.name == "METHOD" || property.name == "ATTENDEE" {
            problems.append("a feed carries \(property.name)")
        }
        if textProperties.contains(property.name) {
            var escaped = false
            for character in property.value {
                if escaped {
                    if !"\\;,nN".contains(character) {
                        problems.append("\(property.name) has the escape \\\(character)")
                    }
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == ";" || character == "," {
                    problems.append("\(property.name) has an unescaped \(character)")
                }
            }
        } else if property.value.contains("\\") {
            problems.append("\(property.name) is not TEXT but has a backslash")
        }
    }
    if calendarProperties.count(where: { $0 == "PRODID" }) != 1 { problems.append("PRODID is not there once") }
    if calendarProperties.count(where: { $0 == "VERSION" }) != 1 { problems.append("VERSION is not there once") }
    if !lines.contains("VERSION:2.0") { problems.append("VERSION is not 2.0") }
    if let firstEvent = lines.firstIndex(of: "BEGIN:VEVENT") {
        for name in ["PRODID", "VERSION"] where !lines[..<firstEvent].contains(where: { $0.hasPrefix(name + ":") }) {
            problems.append("\(name) comes after a component")
        }
    }
    for tzid in tzids where !timeZones.contains(tzid) { problems.append("TZID \(tzid) has no VTIMEZONE") }
    return problems
}

@Suite("Calendar serialization")
struct ICalendarWriterTests {
    @Test func foldsAt75OctetsWithoutSplittingUTF8() {
        let long = "DESCRIPTION:" + String(repeating: "é", count: 100)
        let folded = ICalendarWriter.fold(long)
        for line in folded.split(separator: "\r\n", omittingEmptySubsequences: true) {
            #expect(line.utf8.count <= 75)
            #expect(String(validating: Array(line.utf8), as: UTF8.self) != nil)
        }
        #expect(folded.hasSuffix("\r\n"))
        let unfolded = folded.replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\r\n", with: "")
        #expect(unfolded == long)
    }

    @Test func escapesTextOnly() {
        #expect(ICalendarWriter.escapeText("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne")
        let calendar = ICalendarWriter.Component(
            "VCALENDAR",
            properties: [
                .init("PRODID", .raw("-//x//y//EN")), .init("VERSION", .raw("2.0")),
                .init("NAME", .text("Room B, east; \"new\"")),
            ])
        let text = ICalendarWriter.serialize(calendar)
        #expect(text.contains("NAME:Room B\\, east\\; \"new\"\r\n"))
        #expect(text.contains("PRODID:-//x//y//EN\r\n"))
        #expect(strictICalendarProblems(text).isEmpty, "\(strictICalendarProblems(text))")
    }

    @Test func stampsAreUTC() {
        #expect(CalendarVersioning.utcStamp(seconds: 0) == "19700101T000000Z")
        // Checked against GNU date: date -u -d @1803600000 +%Y%m%dT%H%M%SZ
        #expect(CalendarVersioning.utcStamp(seconds: 1_803_600_000) == "20270226T000000Z")
        #expect(CalendarVersioning.utcStamp(seconds: 1_700_000_000) == "20231114T221320Z")
        #expect(CalendarVersioning.utcStamp(seconds: 951_782_400) == "20000229T000000Z")
    }

    @Test func theCheckerCatchesBrokenFeeds() {
        let good = "BEGIN:VCALENDAR\r\nPRODID:x\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
        #expect(strictICalendarProblems(good).isEmpty)
        #expect(!strictICalendarProblems(good.replacingOccurrences(of: "\r\n", with: "\n")).isEmpty)
        #expect(!strictICalendarProblems(good + "X").isEmpty)
        let event =
            "BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20270101T000000\r\nDTSTART:20270101T000000Z\r\nSUMMARY:a,b\r\nEND:VEVENT\r\n"
        let problems = strictICalendarProblems(
            good.replacingOccurrences(of: "END:VCALENDAR", with: event + "METHOD:PUBLISH\r\nEND:VCALENDAR"))
        #expect(problems.contains("DTSTAMP 20270101T000000 is not UTC"))
        #expect(problems.contains("SUMMARY has an unescaped ,"))
        #expect(problems.contains("an event has no DTEND"))
        #expect(problems.contains("a feed carries METHOD"))
    }
}

/// The shipped term scheduled and versioned, as `trainplan schedule` would write it.
func shippedFeeds(previous: AssignmentSet? = nil, now: String, editTerm: (String) -> String = { $0 }) throws
    -> (schedule: Schedule, feeds: [CalendarFeed])
{
    var problem = try shippedStaffing(previous: previous)
    if case .bytes(let bytes) = repositoryFile("Rosters/spring-2027.xml") {
        let edited = editTerm(String(decoding: bytes, as: UTF8.self))
        let term = try #require(StaffingLoader.term(.bytes(Array(edited.utf8)), file: "Rosters/spring-2027.xml").value)
        problem = try #require(
            StaffingProblem.resolve(
                roster: problem.roster, term: term, plans: problem.offerings.map(\.plan) + extraPlans(problem),
                previous: previous
            ).problem)
    }
    let schedule = CalendarVersioning.apply(Scheduler.schedule(problem), previous: previous, now: now)
    return (schedule, CalendarFeeds.feeds(schedule, problem: problem))
}

/// Plans no offering uses yet (so that an edited term may use them).
func extraPlans(_ problem: StaffingProblem) -> [SessionPlan] { [] }

@Suite("Calendar feeds of the shipped term")
struct CalendarFeedTests {
    @Test func everyFeedPassesTheStrictChecker() throws {
        let (schedule, feeds) = try shippedFeeds(now: "20270201T120000Z")
        #expect(feeds.count == 13 + 3 + 1, "13 people on the roster (12 trainers, 1 observer), 3 places, the term")
        for feed in feeds {
            #expect(
                strictICalendarProblems(feed.text).isEmpty, "\(feed.fileName): \(strictICalendarProblems(feed.text))")
            #expect(feed.text.contains("X-WR-CALNAME:") && feed.text.contains("\r\nNAME:"))
        }
        let term = try #require(feeds.first { $0.fileName == "term-spring-2027.ics" })
        #expect(term.eventCount == schedule.assignments.count)
        let ana = try #require(feeds.first { $0.fileName == "trainer-ana.ics" })
        #expect(ana.text.contains("SUMMARY:Backup: "))
        #expect(ana.text.contains("UID:spring-2027-al-west-1@trainplan"))
        try expectGolden(ana.text, "calendar-trainer-ana.ics")
        try expectGolden(term.text, "calendar-term.ics")
    }

    @Test func eventsCarryObjectivesAgendaAndTheOtherTrainer() throws {
        let (_, feeds) = try shippedFeeds(now: "20270201T120000Z")
        let ana = try #require(feeds.first { $0.fileName == "trainer-ana.ics" })
        let unfolded = ana.text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("You are the primary trainer. Backup: Lena Fischer (lena@example.org)."))
        #expect(unfolded.contains("Objectives:\\n- Demonstrate reflective listening"))
        #expect(unfolded.contains("18:20–18:45 role-play: Speaker\\, listener\\, observer"))
        #expect(
            unfolded.contains(
                "You are the backup: keep the time free in case Tom Walsh (tom@example.org) cannot lead it."))
    }

    /// Issue #9: an agenda on a daylight-saving day showed naive clock times (a 01:30 start
    /// on 2027-03-14 ran "to 03:00" but ends 04:00 CDT).
    @Test func agendaTimesFollowTheClockOnADaylightSavingDay() throws {
        let (_, feeds) = try shippedFeeds(now: "20270201T120000Z") {
            $0.replacingOccurrences(of: "start=\"2027-03-02T18:00\"", with: "start=\"2027-03-14T01:30\"")
        }
        let term = try #require(feeds.first { $0.fileName == "term-spring-2027.ics" })
        let unfolded = term.text.replacingOccurrences(of: "\r\n ", with: "")
        let event = try #require(
            unfolded.components(separatedBy: "BEGIN:VEVENT").first { $0.contains("UID:spring-2027-al-east-1@") })
        #expect(event.contains("DTSTART:20270314T073000Z"))
        #expect(event.contains("DTEND:20270314T090000Z"), "90 minutes later")
        #expect(event.contains("01:30–"), "the first block starts at 01:30 CST")
        #expect(event.contains("–04:00 "), "the last block ends at 04:00 CDT: \(event)")
        #expect(!event.contains("–03:00 "), "no clock time that does not exist that night")
    }

    /// Issue #9: `Room B`, `room-b` and `ROOM  B!` (or `東京` and `Москва`) all wrote one file.
    @Test func placeFeedsHaveUniqueStableNames() throws {
        let places = ["Room B", "room-b", "ROOM  B!", "東京", "Москва", "Eastside Library, Room B", "!!!"]
        var index = 0
        let (_, feeds) = try shippedFeeds(now: "20270201T120000Z") { term in
            term.replacing(/location="[^"]*"/) { _ in
                defer { index += 1 }
                return "location=\"\(places[index % places.count])\""
            }
        }
        let names = feeds.map(\.fileName).filter { $0.hasPrefix("location-") }
        #expect(names.count == places.count, "one feed per place: \(names)")
        #expect(Set(names).count == names.count, "no two feeds share a file: \(names.sorted())")
        #expect(
            names.contains("location-eastside-library-room-b.ics"), "a name no other place shares is kept as it was")
        #expect(names.contains("location-東京.ics") && names.contains("location-москва.ics"), "\(names.sorted())")
        #expect(names.contains("location-place.ics"), "a name of punctuation only")
        let again = try shippedFeeds(now: "20270301T120000Z") { term in
            var second = 0
            return term.replacing(/location="[^"]*"/) { _ in
                defer { second += 1 }
                return "location=\"\(places[second % places.count])\""
            }
        }
        #expect(Set(again.feeds.map(\.fileName)) == Set(feeds.map(\.fileName)), "the same names every run")
    }

    @Test func rerunningWithThePreviousScheduleWritesTheSameBytes() throws {
        let first = try shippedFeeds(now: "20270201T120000Z")
        let previous = AssignmentSet(term: "spring-2027", assignments: first.schedule.assignments)
        let second = try shippedFeeds(previous: previous, now: "20270215T090000Z")
        #expect(first.feeds.map(\.text) == second.feeds.map(\.text))
        #expect(AssignmentsWriter.render(first.schedule) == AssignmentsWriter.render(second.schedule))
    }

    @Test func changingOneOfferingsTimeChangesExactlyThatEvent() throws {
        let first = try shippedFeeds(now: "20270201T120000Z")
        let previous = AssignmentSet(term: "spring-2027", assignments: first.schedule.assignments)
        let second = try shippedFeeds(previous: previous, now: "20270215T090000Z") {
            $0.replacingOccurrences(of: "start=\"2027-05-11T18:00\"", with: "start=\"2027-05-11T18:30\"")
        }
        let moved = try #require(second.schedule.assignments.first { $0.offering == "al-east-2" })
        let before = try #require(first.schedule.assignments.first { $0.offering == "al-east-2" })
        #expect(moved.primary == before.primary && moved.backup == before.backup, "the same trainers can still do it")
        #expect(moved.sequence == before.sequence + 1)
        #expect(moved.stamp == "20270215T090000Z")
        for (old, new) in zip(first.feeds, second.feeds) {
            let oldEvents = events(old.text)
            let newEvents = events(new.text)
            #expect(oldEvents.count == newEvents.count, "\(new.fileName)")
            for (a, b) in zip(oldEvents, newEvents) where a != b {
                #expect(b.contains("UID:spring-2027-al-east-2@trainplan"), "\(new.fileName): another event changed")
                #expect(b.contains("SEQUENCE:1\r\n"))
            }
        }
    }

    @Test func droppedOfferingsArePublishedAsCancelled() throws {
        let first = try shippedFeeds(now: "20270201T120000Z")
        let previous = AssignmentSet(term: "spring-2027", assignments: first.schedule.assignments)
        let second = try shippedFeeds(previous: previous, now: "20270215T090000Z") {
            $0.replacingOccurrences(
                of:
                    "  <offering id=\"mc-online-2\" session=\"mentor-circle\" start=\"2027-05-18T19:00\"\n            location=\"Online (video call)\"/>\n",
                with: "")
        }
        #expect(second.schedule.assignments.count == 39)
        let cancelled = try #require(second.schedule.cancelled.first)
        #expect(cancelled.offering == "mc-online-2")
        #expect(cancelled.sequence == 1)
        let term = try #require(second.feeds.first { $0.fileName == "term-spring-2027.ics" })
        let event = try #require(events(term.text).first { $0.contains("UID:spring-2027-mc-online-2@trainplan") })
        #expect(event.contains("STATUS:CANCELLED\r\n"))
        #expect(event.contains("SEQUENCE:1\r\n"))
        #expect(strictICalendarProblems(term.text).isEmpty)
        // A third run keeps publishing it cancelled, unchanged.
        let third = try shippedFeeds(
            previous: AssignmentSet(
                term: "spring-2027", assignments: second.schedule.assignments + second.schedule.cancelled),
            now: "20270301T090000Z"
        ) {
            $0.replacingOccurrences(
                of:
                    "  <offering id=\"mc-online-2\" session=\"mentor-circle\" start=\"2027-05-18T19:00\"\n            location=\"Online (video call)\"/>\n",
                with: "")
        }
        #expect(third.feeds.map(\.text) == second.feeds.map(\.text))
    }
}

/// The VEVENT blocks of a feed, as text.
func events(_ text: String) -> [String] {
    text.components(separatedBy: "BEGIN:VEVENT\r\n").dropFirst().map { $0.components(separatedBy: "END:VEVENT\r\n")[0] }
}

/// Whether python3 can import a module (for the tests that use Python readers).
func pythonHas(_ module: String) -> Bool {
    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    probe.arguments = ["python3", "-c", "import \(module)"]
    probe.standardOutput = FileHandle.nullDevice
    probe.standardError = FileHandle.nullDevice
    guard (try? probe.run()) != nil else { return false }
    probe.waitUntilExit()
    return probe.terminationStatus == 0
}

@Suite("Calendar feeds read by Python's icalendar")
struct IndependentReaderTests {
    @Test(
        .enabled(
            if: pythonHas("icalendar"), "SKIPPED LOUDLY: python3 with icalendar is not installed (.ci/run installs it)")
    )
    func everyFeedParses() throws {
        let (_, feeds) = try shippedFeeds(now: "20270201T120000Z")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for feed in feeds {
            try feed.text.write(to: folder.appendingPathComponent(feed.fileName), atomically: true, encoding: .utf8)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", repositoryRoot.appendingPathComponent("Tests/tools/check_calendars.py").path, folder.path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains("17 feeds"))
    }
}
