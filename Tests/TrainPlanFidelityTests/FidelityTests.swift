import Foundation
import Testing
import TrainPlanCore
import TrainPlanFidelity
import TrainPlanFormats
import TrainPlanProject
import TrainPlanReview

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func path(_ relative: String) -> String { repositoryRoot.appendingPathComponent(relative).path }

/// The shipped project's term, plans and catalogs, as `trainplan fidelity` resolves logs against them.
func shippedInputs() throws -> FidelityInputs {
    let project = try Project.load(
        ProjectOptions(
            plans: [path("SessionPlans")], rubric: path("Rubrics/adult-learning.xml"),
            methods: path("Rubrics/methods.xml"), verbs: path("Rubrics/verbs.xml"), asCurriculum: true))
    let term = try #require(
        StaffingLoader.term(InputFiles.read(path("Rosters/spring-2027.xml")), file: "Rosters/spring-2027.xml").value)
    let roster = StaffingLoader.roster(InputFiles.read(path("Rosters/trainers.xml")), file: "Rosters/trainers.xml")
        .value
    var plans: [String: SessionPlan] = [:]
    var reviews: [String: PlanReview] = [:]
    for review in project.review.plans {
        if let plan = review.plan {
            plans[plan.id] = plan
            reviews[plan.id] = review
        }
    }
    return FidelityInputs(
        term: term, plans: plans, reviews: reviews, catalog: project.catalog, verbs: project.verbs,
        rubric: project.rubric, roster: roster)
}

/// The shipped logs, read as `trainplan fidelity` reads them, named by their path in the repository.
func shippedReport() throws -> FidelityReport {
    let folder = path("Records/deliveries")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".xml") }.sorted()
    var logs: [DeliveryLog] = []
    var findings: [Finding] = []
    for file in files {
        let read = DeliveryLogLoader.log(InputFiles.read(folder + "/" + file), file: "Records/deliveries/" + file)
        findings += read.findings
        if let log = read.value { logs.append(log) }
    }
    return FidelityReport.build(logs: logs, readFindings: findings, inputs: try shippedInputs())
}

/// The 1-based line of the first line of `file` (in the repository) that contains `text`.
func line(of text: String, in file: String) throws -> Int {
    let contents = try String(contentsOf: repositoryRoot.appendingPathComponent(file), encoding: .utf8)
    let lines = contents.split(separator: "\n", omittingEmptySubsequences: false)
    return try #require(lines.firstIndex { $0.contains(text) }) + 1
}

@Suite("Fidelity of the shipped spring term")
struct ShippedFidelityTests {
    @Test func everyShippedLogIsUsable() throws {
        let report = try shippedReport()
        #expect(report.findings.isEmpty, "\(report.findings.map { "\($0.location): \($0.message)" })")
        #expect(
            report.offerings.map(\.offering.id) == [
                "al-east-1", "al-west-1", "ow-east-1", "ys-east-1", "fm-east-1", "ow-west-1", "ys-west-1", "fm-west-1",
                "ow-east-2", "ys-east-2", "fm-east-2",
            ])
    }

    @Test func theDoseAsDeliveredCountsPlannedActivitiesUpToTheirPlannedMinutes() throws {
        let report = try shippedReport()
        let east = try #require(report.offerings.first { $0.offering.id == "al-east-1" })
        // The role-play (25 practice minutes) was skipped; the lengthened demonstration counts only
        // its planned 10 minutes, and the added mini-lecture nothing.
        #expect(east.planDelivered.plannedPractice == 25)
        #expect(east.planDelivered.deliveredPractice == 0)
        let west = try #require(report.offerings.first { $0.offering.id == "fm-west-1" })
        #expect(
            west.planDelivered
                == DeliveredMinutes(
                    planned: 60, delivered: 45, plannedPractice: 30, deliveredPractice: 15, plannedInteractive: 50,
                    deliveredInteractive: 35))
    }

    @Test func droppingTheRolePlayShowsTheLostPracticeAtTheLogsLine() throws {
        let report = try shippedReport()
        let row = try #require(report.offerings.first { $0.offering.id == "al-east-1" })
        // 25 of 80 learning minutes planned as role-play; none delivered.
        #expect(row.plannedPractice == 25.0 / 80.0)
        #expect(row.deliveredPractice == 0)
        #expect(FidelityReporter.practiceLine(row).hasPrefix("planned 31% practice, delivered 0%"))
        let practice = try #require(row.criteria.first { $0.delivered.id == "practice-share" })
        #expect(practice.planned.assessment.status == .met)
        #expect(practice.delivered.assessment.status == .notMet)
        #expect(practice.lostInDelivery)
        let finding = try #require(row.lostFindings.first { $0.id == "practice-share" })
        // At the log's line of the activity it names (the longest passive block as delivered).
        #expect(finding.location.file == "Records/deliveries/al-east-1.xml")
        #expect(
            finding.location.line
                == (try line(of: "<activity id=\"model\"", in: "Records/deliveries/al-east-1.xml")))
        #expect(finding.location.line == 15)
        #expect(finding.location.column == 3)
        // The skipped role-play is listed with its reason at its own log line.
        let skipped = try #require(row.activities.first { $0.id == "practice" })
        #expect(skipped.skipped && skipped.reason == .time && skipped.plannedMinutes == 25)
        #expect(
            skipped.location.line == (try line(of: "<activity id=\"practice\"", in: "Records/deliveries/al-east-1.xml"))
        )
        #expect(row.record.deliveredReview.verdict == .fail)
        #expect(row.record.plannedReview.verdict == .pass)
    }

    @Test func theReportSaysItInHTMLAndMarkdown() throws {
        let report = try shippedReport()
        let html = FidelityReporter.html(report)
        let markdown = FidelityReporter.markdown(report)
        #expect(html.contains("planned 31% practice, delivered 0%"))
        #expect(html.contains("<code>Records/deliveries/al-east-1.xml:15:3</code> warning:"))
        #expect(html.contains("[practice-share]"))
        #expect(markdown.contains("| al-east-1 | active-listening | mia | 90 → 85 | 31% → 0% |"))
        #expect(markdown.contains("`Records/deliveries/al-east-1.xml:15:3` warning: The plan has no practice"))
        #expect(!html.contains("http://") && !html.contains("https://"), "nothing from the internet")
        #expect(!html.contains("<script"))
    }

    @Test func twoObserversAgreementIsReported() throws {
        let report = try shippedReport()
        let agreement = try #require(report.agreements.first)
        #expect(report.agreements.count == 1)
        #expect(agreement.offering == "al-west-1" && agreement.observers == ["grace", "sofia"])
        #expect(agreement.count == 6)
        // scikit-learn 1.9.1, cohen_kappa_score([5,4,4,5,3,4], [5,4,3,5,4,4], labels=[1..5], weights=…).
        #expect(abs((agreement.linear ?? .nan) - 0.5384615384615384) < 1e-12)
        #expect(abs((agreement.quadratic ?? .nan) - 0.6470588235294117) < 1e-12)
        #expect(agreement.percent == 4.0 / 6.0)
        let html = FidelityReporter.html(report)
        #expect(html.contains("<td>grace and sofia</td><td class=\"num\">6</td><td class=\"num\">67%</td>"))
        #expect(html.contains("<td class=\"num\">0.54</td><td class=\"num\">0.65</td>"))
    }

    @Test func timeSamplesAreCountedByCategory() throws {
        let report = try shippedReport()
        let row = try #require(report.offerings.first { $0.offering.id == "al-west-1" })
        #expect(row.sampling.map(\.observer) == ["grace"], "sofia took no samples")
        let grace = try #require(row.sampling.first)
        // Marks 0, 2, …, 88; the triads (minutes 20-44) began four minutes late, after instructions.
        #expect(grace.total == 45)
        #expect(grace.counts.first { $0.category == "practice" }?.count == 11)
        #expect(grace.counts.first { $0.category == "presentation" }?.count == 7)
        #expect(grace.counts.reduce(0) { $0 + $1.count } == 45)
        #expect(FidelityReporter.html(report).contains("<h3>Time sampling by grace (45 marks, every 2 minutes)</h3>"))
    }

    @Test func sameInputsSameBytes() throws {
        let first = try shippedReport()
        let second = try shippedReport()
        #expect(FidelityReporter.html(first) == FidelityReporter.html(second))
        #expect(FidelityReporter.markdown(first) == FidelityReporter.markdown(second))
    }

    @Test func groupsByTrainerAndModule() throws {
        let report = try shippedReport()
        let mia = try #require(report.byTrainer.first { $0.id == "mia" })
        #expect(mia.offerings == 1 && mia.skipped == 1 && mia.added == 1 && mia.deliveredFails == 1)
        let communication = try #require(report.byModule.first { $0.id == "communication" })
        #expect(
            communication.offerings == 2 && communication.plannedMinutes == 180 && communication.deliveredMinutes == 175
        )
        #expect(report.skipReasons.map(\.reason) == [.time, .technology])
        // Over time: by the month each offering was delivered, in time order.
        #expect(report.byMonth.map(\.id) == ["2027-03", "2027-04"])
        #expect(report.byMonth.map(\.offerings).reduce(0, +) == report.offerings.count)
        let march = try #require(report.byMonth.first)
        #expect(march.deliveredFails == 1, "al-east-1, the session without its role-play, is in March")
        #expect(FidelityReporter.markdown(report).contains("## Over time (by month delivered)\n\n| | Offerings |"))
        #expect(FidelityReporter.html(report).contains("<h2>Over time (by month delivered)</h2>"))
    }
}

/// A log of al-east-1 with `body` as its content and `attributes` on the root.
func log(_ body: String, attributes: String = "offering=\"al-east-1\" trainers=\"mia\" attendance=\"9\"") -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <delivery-log \(attributes)>
    \(body)
    </delivery-log>
    """
}

let fullAgenda = """
      <activity id="welcome" minutes="10"/>
      <activity id="model" minutes="10"/>
      <activity id="practice" minutes="25"/>
      <break minutes="10"/>
      <activity id="debrief" minutes="15"/>
      <activity id="next-step" minutes="10"/>
      <activity id="close" minutes="10"/>
    """

/// Reads and resolves one log text: every finding, as the command prints them.
func findings(_ text: String, file: String = "bad.xml") throws -> [Finding] {
    let read = DeliveryLogLoader.log(.bytes(Array(text.utf8)), file: file)
    guard let value = read.value else { return read.findings }
    return read.findings + DeliveredSession.resolve(value, inputs: try shippedInputs()).1
}

@Suite("Bad delivery logs are findings at their place")
struct BadLogTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var id: String
        var line: Int
        var column: Int?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "malformed", text: log("<activity id=\"welcome\" minutes=\"10\">"), id: "xml-malformed", line: 4),
        Case(
            name: "doctype",
            text:
                "<?xml version=\"1.0\"?>\n<!DOCTYPE delivery-log [<!ENTITY x \"y\">]>\n<delivery-log offering=\"al-east-1\" trainers=\"mia\" attendance=\"1\"/>",
            id: "xml-doctype", line: 2),
        Case(
            name: "unknown offering",
            text: log(fullAgenda, attributes: "offering=\"al-east-9\" trainers=\"mia\" attendance=\"9\""),
            id: "unknown-offering", line: 2, column: 15),
        Case(
            name: "unknown activity",
            text: log(fullAgenda + "\n  <activity id=\"roleplay\" minutes=\"5\"/>"), id: "unknown-activity", line: 10,
            column: 13),
        Case(
            name: "negative minutes", text: log("<activity id=\"welcome\" minutes=\"-5\"/>"), id: "invalid-minutes",
            line: 3, column: 24),
        Case(
            name: "huge minutes", text: log("<activity id=\"welcome\" minutes=\"99999999999999999999999999\"/>"),
            id: "invalid-minutes", line: 3, column: 24),
        Case(
            name: "rating of 7", text: log("<activity id=\"welcome\" minutes=\"10\" adherence=\"7\"/>"),
            id: "invalid-number", line: 3, column: 37),
        Case(
            name: "huge attendance",
            text: log(fullAgenda, attributes: "offering=\"al-east-1\" trainers=\"mia\" attendance=\"100001\""),
            id: "invalid-number", line: 2, column: 51),
        Case(
            name: "unknown reason", text: log("<activity id=\"practice\" skipped=\"tired\"/>"), id: "invalid-value",
            line: 3, column: 25),
        Case(
            name: "minutes and skipped", text: log("<activity id=\"practice\" minutes=\"5\" skipped=\"time\"/>"),
            id: "invalid-value",
            line: 3, column: 1),
        Case(
            name: "sample off the grid", text: log(fullAgenda + "\n  <sample minute=\"3\" category=\"practice\"/>"),
            id: "invalid-number", line: 10, column: 11),
        Case(
            name: "unknown method added",
            text: log(fullAgenda + "\n  <added id=\"x\" method=\"lectur\" minutes=\"5\" reason=\"time\"/>"),
            id: "unknown-method", line: 10, column: 17),
        Case(
            name: "unknown trainer",
            text: log(fullAgenda, attributes: "offering=\"al-east-1\" trainers=\"mya\" attendance=\"9\""),
            id: "unknown-trainer", line: 2, column: 36),
        Case(
            name: "unknown observer",
            text: log(fullAgenda, attributes: "offering=\"al-east-1\" trainers=\"mia\" observer=\"grase\""),
            id: "unknown-trainer", line: 2, column: 51),
        Case(
            name: "wrong plan",
            text: log(
                fullAgenda, attributes: "offering=\"al-east-1\" plan=\"youth-safety\" trainers=\"mia\" attendance=\"9\""
            ),
            id: "wrong-plan", line: 2, column: 36),
        Case(
            name: "no attendance", text: log(fullAgenda, attributes: "offering=\"al-east-1\" trainers=\"mia\""),
            id: "missing-attribute", line: 2, column: 1),
        Case(name: "wrong root", text: "<session id=\"x\"/>", id: "wrong-document", line: 1),
    ]

    @Test(arguments: cases)
    func badInputIsAFindingAtItsPlace(_ entry: Case) throws {
        let found = try findings(entry.text)
        let match = found.first { $0.id == entry.id && $0.severity == .error }
        let finding = try #require(
            match, "\(entry.name): \(found.map { "\($0.location.line):\($0.location.column) \($0.id) \($0.message)" })")
        #expect(finding.location.file == "bad.xml")
        #expect(finding.location.line == entry.line, "\(entry.name): \(finding.message)")
        if let column = entry.column { #expect(finding.location.column == column, "\(entry.name): \(finding.message)") }
        // A log with an error is not used.
        let read = DeliveryLogLoader.log(.bytes(Array(entry.text.utf8)), file: "bad.xml")
        if let value = read.value {
            #expect(DeliveredSession.resolve(value, inputs: try shippedInputs()).0 == nil)
        }
    }

    @Test func aMissingFileIsUnreadable() {
        let read = DeliveryLogLoader.log(InputFiles.read("/nonexistent/log.xml"), file: "/nonexistent/log.xml")
        #expect(read.value == nil)
        #expect(read.isUnreadable)
        #expect(read.findings.map(\.id) == ["unreadable-file"])
    }

    @Test func anUnloggedActivityIsAWarningAndCountsAsNotDelivered() throws {
        let text = log(fullAgenda.replacingOccurrences(of: "  <activity id=\"practice\" minutes=\"25\"/>\n", with: ""))
        let read = DeliveryLogLoader.log(.bytes(Array(text.utf8)), file: "log.xml")
        let value = try #require(read.value)
        let (session, found) = DeliveredSession.resolve(value, inputs: try shippedInputs())
        #expect(found.map(\.id) == ["unlogged-activity"])
        #expect(found.first?.severity == .warning)
        #expect(session?.unlogged.map(\.id) == ["practice"])
        #expect(session?.delivered.activities.map(\.id).contains("practice") == false)
    }
}

@Suite("log new and observe")
struct TemplateTests {
    @Test func theTemplateFilledInReadsBackAsThePlan() throws {
        let inputs = try shippedInputs()
        let (offering, found) = try #require(inputs.offering("al-east-1"))
        let plan = try #require(found)
        let text = LogTemplate.text(offering: offering, plan: plan, trainers: ["mia"])
        #expect(text.contains("attendance=\"\""))
        // Unfilled, the log says what is missing.
        let unfilled = DeliveryLogLoader.log(.bytes(Array(text.utf8)), file: "new.xml")
        #expect(unfilled.findings.contains { $0.id == "invalid-number" && $0.message.contains("attendance") })
        let filled = text.replacingOccurrences(of: "attendance=\"\"", with: "attendance=\"12\"")
        let read = DeliveryLogLoader.log(.bytes(Array(filled.utf8)), file: "new.xml")
        #expect(read.findings.isEmpty, "\(read.findings.map(\.message))")
        let log = try #require(read.value)
        let (session, findings) = DeliveredSession.resolve(log, inputs: inputs)
        #expect(findings.isEmpty)
        let delivered = try #require(session)
        #expect(delivered.delivered.agendaMinutes == plan.agendaMinutes)
        #expect(delivered.delivered.activities.map(\.id) == plan.activities.map(\.id))
        #expect(delivered.deliveredReview.score == delivered.plannedReview.score)
        #expect(log.keyMessages.map(\.objective) == plan.objectives.map(\.id))
    }

    @Test func theChecklistHasEveryActivityObjectiveAndTheGrid() throws {
        let inputs = try shippedInputs()
        let plan = try #require(inputs.plans["active-listening"])
        let html = ObservationChecklist.html(plan, catalog: inputs.catalog, sampling: true)
        for activity in plan.activities { #expect(html.contains("<b>\(activity.id)</b>")) }
        for objective in plan.objectives { #expect(html.contains(objective.text)) }
        // Five boxes per activity, one per category per 2-minute mark, one per objective.
        let boxes = html.components(separatedBy: "☐").count - 1
        let marks = plan.durationMinutes / 2
        #expect(boxes == plan.activities.count * 5 + marks * inputs.catalog.categories.count + plan.objectives.count)
        #expect(
            html.contains("<td class=\"num\">88</td>") && !html.contains("<td class=\"num\">90</td><td class=\"cell\">")
        )
        let without = ObservationChecklist.html(plan, catalog: inputs.catalog, sampling: false)
        #expect(!without.contains("Time sampling"))
        #expect(!html.contains("http://") && !html.contains("https://"))
    }

    @Test func theChecklistEscapesEveryValue() throws {
        let inputs = try shippedInputs()
        var plan = try #require(inputs.plans["active-listening"])
        plan.title = "<script>alert(1)</script> & \"quotes\""
        let html = ObservationChecklist.html(plan, catalog: inputs.catalog, sampling: false)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"))
    }
}

@Suite("The fidelity report's golden files")
struct FidelityGoldenTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Compares with Fixtures/NAME; `RECORD_GOLDEN=1 swift test --filter FidelityGolden` rewrites it.
    func golden(_ name: String, _ text: String) throws {
        let url = Self.fixtures.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.fixtures, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let recorded = try String(contentsOf: url, encoding: .utf8)
        #expect(text == recorded, "\(name) differs from its golden file; RECORD_GOLDEN=1 rewrites it (review the diff)")
    }

    @Test func shippedTermHTML() throws {
        let html = FidelityReporter.html(try shippedReport())
        #expect(!html.contains(repositoryRoot.path), "no machine's path in the report")
        try golden("fidelity.html", html)
    }

    @Test func shippedTermMarkdown() throws {
        try golden("fidelity.md", FidelityReporter.markdown(try shippedReport()))
    }
}

@Suite("The fidelity report in Markdown, offering by offering")
struct FidelityMarkdownTests {
    @Test func eachOfferingHasItsActivitiesInTheOrderDeliveredLikeTheHTML() throws {
        let report = try shippedReport()
        let markdown = FidelityReporter.markdown(report)
        let html = FidelityReporter.html(report)
        let rows = [
            "| practice | role-play | practice | 25 | skipped | time | `Records/deliveries/al-east-1.xml:16:3` |",
            "| more-examples (added) | mini-lecture | presentation | – | 10 | participant-need | `Records/deliveries/al-east-1.xml:17:3` |",
            "| debrief | discussion | discussion | 15 | 20 | time | `Records/deliveries/al-east-1.xml:19:3` |",
        ]
        let places = try rows.map { try #require(markdown.range(of: $0)?.lowerBound, "\($0)") }
        #expect(
            places == places.sorted(), "the added activity sits where it was delivered, between practice and debrief")
        let htmlPlaces = try ["<tr><td>practice</td>", "<tr><td>more-examples (added)</td>", "<tr><td>debrief</td>"].map
        {
            try #require(html.range(of: $0)?.lowerBound)
        }
        #expect(htmlPlaces == htmlPlaces.sorted())
        #expect(markdown.contains("\n## al-west-1 — Active listening with your mentee\n"))
        #expect(
            markdown.contains(
                "| Activity | Method | Category | Planned | Delivered | Reason | Adherence (grace) | Adherence (sofia) | Log line |"
            ))
        #expect(markdown.contains("**Time sampling by grace** (45 marks, every 2 minutes)"))
        #expect(
            markdown.contains(
                "| practice-share | met: 31% of learning time is practice | **lost:** not met: 0% of learning time is practice |"
            ))
        #expect(FidelityReporter.markdown(report) == markdown)
    }

    @Test func notesAreEscapedInMarkdown() throws {
        let text = log(fullAgenda + "\n  <notes>&lt;script&gt;x&lt;/script&gt; a|b</notes>")
        let read = DeliveryLogLoader.log(.bytes(Array(text.utf8)), file: "Records/deliveries/al-east-1.xml")
        let value = try #require(read.value)
        let report = FidelityReport.build(logs: [value], readFindings: read.findings, inputs: try shippedInputs())
        let markdown = FidelityReporter.markdown(report)
        #expect(markdown.contains("Notes: &lt;script&gt;x&lt;/script&gt; a\\|b"))
        #expect(!markdown.contains("<script>"))
    }
}
