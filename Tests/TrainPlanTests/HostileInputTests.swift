import Foundation
import Testing
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

/// Every format trainplan reads, with a valid minimal document to put hostile content around.
enum FormatUnderTest: String, CaseIterable, Sendable {
    case plan, rubric, methods, verbs, roster, term, assignments, deliveryLog

    var root: String {
        switch self {
        case .plan: "session"
        case .rubric: "rubric"
        case .methods: "methods"
        case .verbs: "verbs"
        case .roster: "roster"
        case .term: "term"
        case .assignments: "assignments"
        case .deliveryLog: "delivery-log"
        }
    }

    /// Attributes and content that make the root valid.
    var attributes: String {
        switch self {
        case .plan: " id=\"p\""
        case .rubric: " id=\"r\" pass=\"70\""
        case .methods, .verbs: ""
        case .roster: " timezone=\"America/Chicago\""
        case .term: " id=\"t\" timezone=\"America/Chicago\""
        case .assignments: " term=\"t\""
        case .deliveryLog: " offering=\"o\" trainers=\"a\" attendance=\"3\""
        }
    }

    var body: String {
        switch self {
        case .plan:
            """
            <title>T</title><module id="m" step="1"/><stage>post-match</stage><duration minutes="30"/>
            <delivery mode="in-person"/><objectives><objective id="o">Demonstrate it.</objective></objectives>
            <agenda><activity id="a" method="role-play" minutes="30" objectives="o"/></agenda>
            """
        case .rubric: "<title>R</title><criterion id=\"agenda-adds-up\"/>"
        case .methods: "<category id=\"c\"/><method id=\"m\" category=\"c\">M.</method>"
        case .verbs:
            ["remember", "understand", "apply", "analyze", "evaluate", "create"].map {
                "<level id=\"\($0)\"><verb>v\($0)</verb></level>"
            }.joined() + "<avoid><verb>know</verb></avoid>"
        case .roster: "<trainer id=\"a\" name=\"A\"><qualified module=\"m\"/></trainer>"
        case .term: "<offering id=\"o\" session=\"p\" start=\"2027-03-02T18:00\" location=\"East\"/>"
        case .assignments: "<assignment offering=\"o\" primary=\"a\"/>"
        case .deliveryLog: "<activity id=\"a\" minutes=\"30\"/>"
        }
    }

    /// Reads a document of this format and returns its findings.
    func read(_ bytes: [UInt8]) -> [Finding] {
        let text = SourceText.bytes(bytes)
        switch self {
        case .plan: return PlanChecker.checkPlan(text, file: "hostile.xml", catalog: shippedCatalog).findings
        case .rubric: return RubricLoader.rubric(text, file: "hostile.xml").findings
        case .methods: return CatalogLoader.methods(text, file: "hostile.xml").findings
        case .verbs: return CatalogLoader.verbs(text, file: "hostile.xml").findings
        case .roster: return StaffingLoader.roster(text, file: "hostile.xml").findings
        case .term: return StaffingLoader.term(text, file: "hostile.xml").findings
        case .assignments: return StaffingLoader.assignments(text, file: "hostile.xml").findings
        case .deliveryLog: return DeliveryLogLoader.log(text, file: "hostile.xml").findings
        }
    }

    /// A fixture with its root and body filled in for this format.
    func fill(_ template: [UInt8]) -> [UInt8] {
        var text = String(decoding: template, as: UTF8.self)
        let isUTF8 = String(validating: template, as: UTF8.self) != nil
        guard isUTF8 else {
            // Keep the invalid bytes: only replace ASCII placeholders byte by byte.
            return Array(
                String(decoding: template, as: UTF8.self).utf8.isEmpty
                    ? template : replaceBytes(template, "<ROOT>", "<\(root)\(attributes)>", "</ROOT>", "</\(root)>"))
        }
        text = text.replacingOccurrences(of: "<ROOT>", with: "<\(root)\(attributes)>")
        text = text.replacingOccurrences(of: "<ROOT ", with: "<\(root)\(attributes) ")
        text = text.replacingOccurrences(of: "<ROOT/>", with: "<\(root)\(attributes)/>")
        text = text.replacingOccurrences(of: "</ROOT>", with: "</\(root)>")
        text = text.replacingOccurrences(of: "DOCTYPE ROOT", with: "DOCTYPE \(root)")
        text = text.replacingOccurrences(of: "BODY", with: body)
        return Array(text.utf8)
    }
}

private func replaceBytes(_ bytes: [UInt8], _ pairs: String...) -> [UInt8] {
    var result = bytes
    for index in stride(from: 0, to: pairs.count, by: 2) {
        let target = Array(pairs[index].utf8)
        let replacement = Array(pairs[index + 1].utf8)
        var out: [UInt8] = []
        var position = 0
        while position < result.count {
            if position + target.count <= result.count, Array(result[position..<position + target.count]) == target {
                out += replacement
                position += target.count
            } else {
                out.append(result[position])
                position += 1
            }
        }
        result = out
    }
    return result
}

/// One hostile fixture and the finding it must produce (or none, for harmless variations).
struct HostileCase: CustomTestStringConvertible, Sendable {
    var fixture: String
    var format: FormatUnderTest
    /// The finding id expected first, or `nil` when the document must read without XML errors.
    var expected: String?
    var testDescription: String { "\(fixture) as \(format.rawValue)" }
}

let hostileFixtures: [(String, String?)] = [
    ("billion-laughs", "xml-doctype"), ("quadratic-blowup", "xml-doctype"), ("external-entity-file", "xml-doctype"),
    ("external-entity-http", "xml-doctype"), ("parameter-entity", "xml-doctype"), ("external-dtd", "xml-doctype"),
    ("xinclude", "unknown-element"), ("invalid-utf8", "xml-encoding"), ("lying-encoding", "xml-encoding"),
    ("empty", "xml-malformed"), ("bom", nil), ("crlf", nil),
]

let hostileCases: [HostileCase] = hostileFixtures.flatMap { fixture, expected in
    FormatUnderTest.allCases.map { HostileCase(fixture: fixture, format: $0, expected: expected) }
}

func hostileFixture(_ name: String) throws -> [UInt8] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Hostile/\(name).xml")
    return [UInt8](try Data(contentsOf: url))
}

/// Runs a read and fails the test when it takes more than a few seconds: a guard against
/// hangs and blow-ups, not a speed measurement.
func quickly<T>(_ body: () -> T, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> T {
    let start = ContinuousClock.now
    let result = body()
    let took = ContinuousClock.now - start
    #expect(took < .seconds(5), "took \(took)", sourceLocation: sourceLocation)
    return result
}

@Suite("Hostile and broken input in every format", .timeLimit(.minutes(2)))
struct HostileInputSuite {
    @Test(arguments: hostileCases)
    func fixture(_ testCase: HostileCase) throws {
        let bytes = testCase.format.fill(try hostileFixture(testCase.fixture))
        let findings = quickly { testCase.format.read(bytes) }
        let xmlErrors = findings.filter { $0.id.hasPrefix("xml-") }
        if let expected = testCase.expected {
            let finding = try #require(findings.first { $0.id == expected }, "\(findings)")
            #expect(finding.location.line >= 1 && finding.location.column >= 1)
            #expect(!finding.message.isEmpty && finding.hint?.isEmpty == false)
            #expect(!finding.message.contains("root:"), "nothing from /etc/passwd")
        } else {
            #expect(xmlErrors.isEmpty, "\(xmlErrors)")
            #expect(findings.allSatisfy { $0.severity != .error || !$0.isFatal }, "\(findings)")
        }
    }

    @Test(arguments: FormatUnderTest.allCases)
    func deepNesting(_ format: FormatUnderTest) throws {
        let depth = 100_000
        let text =
            "<\(format.root)\(format.attributes)>" + String(repeating: "<a>", count: depth)
            + String(repeating: "</a>", count: depth) + "</\(format.root)>"
        let findings = quickly { format.read(Array(text.utf8)) }
        #expect(findings.first?.id == "xml-malformed")
        #expect(findings.first?.message.contains("nested more than 256") == true)
    }

    @Test(arguments: FormatUnderTest.allCases)
    func fiftyMegabyteAttribute(_ format: FormatUnderTest) throws {
        let text = "<\(format.root)\(format.attributes) x=\"" + String(repeating: "a", count: 50 << 20) + "\"/>"
        let findings = quickly { format.read(Array(text.utf8)) }
        #expect(findings.map(\.id) == ["xml-too-large"])
    }

    @Test(arguments: FormatUnderTest.allCases)
    func fiftyThousandAttributes(_ format: FormatUnderTest) throws {
        let attributes = (0..<50_000).map { " a\($0)=\"1\"" }.joined()
        let findings = quickly { format.read(Array("<\(format.root)\(attributes)/>".utf8)) }
        #expect(findings.map(\.id) == ["xml-too-many-attributes"])
    }

    @Test func crlfLineEndsKeepLineNumbers() throws {
        let text = "<session id=\"p\">\r\n<title>T</title>\r\n<modul id=\"m\"/>\r\n</session>"
        let finding = try #require(FormatUnderTest.plan.read(Array(text.utf8)).first { $0.id == "unknown-element" })
        #expect(finding.location.line == 3)
        #expect(finding.location.column == 1)
    }

    @Test func idsWithSpaces() throws {
        let plan = FormatUnderTest.plan.read(Array(planXML(id: "my plan").utf8))
        #expect(plan.contains { $0.id == "invalid-id" && $0.message.contains("'my plan'") })
        let roster = FormatUnderTest.roster.read(
            Array(
                "<roster timezone=\"UTC\"><trainer id=\"ana ruiz\" name=\"A\"><qualified module=\"m\"/></trainer></roster>"
                    .utf8))
        #expect(roster.contains { $0.id == "invalid-id" && $0.hint?.contains("ana-ruiz") == true })
        let term = FormatUnderTest.term.read(
            Array(
                "<term id=\"t\" timezone=\"UTC\"><offering id=\"o 1\" session=\"p\" start=\"2027-03-02T18:00\" location=\"E\"/></term>"
                    .utf8))
        #expect(term.contains { $0.id == "invalid-id" })
    }

    @Test func impossibleTimesAndDates() throws {
        let roster = FormatUnderTest.roster.read(
            Array(
                """
                <roster timezone="America/Chicago"><trainer id="a" name="A"><qualified module="m"/>
                <available days="mon" from="18:00" to="24:00"/><away from="2027-02-30" to="2027-03-02"/></trainer></roster>
                """.utf8))
        #expect(roster.contains { $0.id == "invalid-time" })
        #expect(roster.contains { $0.id == "invalid-date" })
        let term = FormatUnderTest.term.read(
            Array(
                """
                <term id="t" timezone="America/Chicago">
                <offering id="a" session="p" start="2027-03-02T24:00" location="E"/>
                <offering id="b" session="p" start="2027-02-30T18:00" location="E"/>
                <offering id="c" session="p" start="2027-03-14T02:30" location="E"/>
                </term>
                """.utf8))
        #expect(term.filter { $0.id == "invalid-date" }.map(\.location.line) == [2, 3])
        #expect(term.filter { $0.id == "dst-gap" }.map(\.location.line) == [4])
    }

    @Test func timeZonesThatDoNotExist() {
        for format in [FormatUnderTest.roster, .term] {
            let text = format.fill(Array("<ROOT>BODY</ROOT>".utf8)).map { $0 }
            let broken = String(decoding: text, as: UTF8.self).replacingOccurrences(
                of: "America/Chicago", with: "Mars/Olympus_Mons")
            let findings = format.read(Array(broken.utf8))
            #expect(findings.contains { $0.id == "unknown-time-zone" }, "\(format)")
        }
    }

    @Test func referencesToNothing() throws {
        let rubric = FormatUnderTest.rubric.read(
            Array("<rubric id=\"r\" pass=\"70\"><title>R</title><criterion id=\"no-such-thing\"/></rubric>".utf8))
        #expect(rubric.contains { $0.id == "unknown-criterion" })
        let methods = FormatUnderTest.methods.read(
            Array("<methods><category id=\"c\"/><method id=\"m\" category=\"nope\">M.</method></methods>".utf8))
        #expect(methods.contains { $0.id == "unknown-category" })
        let plan = FormatUnderTest.plan.read(
            Array(
                planXML(
                    agenda: """
                        <activity id="talk" method="lecturing" minutes="10" objectives="nothing"/>
                            <activity id="try" method="role-play" minutes="20" objectives="one two"/>
                        """
                ).utf8))
        #expect(plan.contains { $0.id == "unknown-method" })
        #expect(plan.contains { $0.id == "unknown-objective" })
    }
}
