import Foundation
import Testing
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview

/// The workspace's form value and its canonical layout.
struct PlanDocumentTests {
    static let shippedPlans: [String] = {
        let folders = ["SessionPlans", "Sources/TrainPlanProject/Starter/SessionPlans"]
        return folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(
                atPath: repositoryRoot.appendingPathComponent(folder).path)) ?? [])
                .filter { $0.hasSuffix(".xml") }.sorted().map { "\(folder)/\($0)" }
        }
    }()

    @Test("every shipped plan is in the canonical layout: opened and written back, byte for byte")
    func shippedPlansRoundTrip() throws {
        #expect(Self.shippedPlans.count == 16)
        for path in Self.shippedPlans {
            guard case .bytes(let bytes) = repositoryFile(path) else {
                Issue.record("\(path) unreadable")
                continue
            }
            let document = try PlanDocument.read(bytes).get()
            #expect(document.xml() == String(decoding: bytes, as: UTF8.self), "\(path)")
        }
    }

    @Test("each line of the written file knows the field it belongs to")
    func partsFollowTheLines() throws {
        guard case .bytes(let bytes) = repositoryFile("SessionPlans/active-listening.xml") else {
            Issue.record("unreadable")
            return
        }
        let (text, parts) = try PlanDocument.read(bytes).get().written()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(parts.count == lines.count)  // index 0 unused; the final newline ends the last line
        #expect(lines[15].contains("<activity id=\"welcome\""))
        #expect(parts[16] == .block(0))
        #expect(parts[12] == .objective(0))
        #expect(parts[8] == .duration)
        #expect(lines[27].contains("<break minutes=\"10\"/>"))
        #expect(parts[28] == .block(3))
    }

    @Test("values are escaped; what XML cannot hold reaches the checker as a finding, not a broken file")
    func hostileValuesAreEscaped() throws {
        var document = PlanDocument(
            id: "x", title: "Tom & Jerry <3 \"quotes\"", module: "m", step: "1", duration: "-5",
            objectives: [.init(id: "o", text: "Name\u{1} three things.")],
            agenda: [.init(id: "a", method: "lecture", minutes: "-5", title: "a\"b")])
        document.version = "1\" evil=\"2"
        let text = document.xml()
        #expect(text.contains("<title>Tom &amp; Jerry &lt;3 \"quotes\"</title>"))
        #expect(text.contains("version=\"1&quot; evil=&quot;2\""))
        #expect(text.contains("Name&#1; three things."))
        let result = PlanChecker.checkPlan(.bytes(Array(text.utf8)), file: "SessionPlans/x.xml", catalog: testCatalog)
        #expect(result.plan == nil)
        #expect(result.findings.contains { $0.id == "xml-malformed" && $0.location.line == 11 })
        // Read back, a well-formed written file gives the same document.
        document.objectives[0].text = "Name three things."
        let again = try PlanDocument.read(Array(document.xml().utf8)).get()
        #expect(again == document)
    }
}

/// The editor's check: the same findings as `check`, each beside the part of the form it is about.
struct PlanEditingTests {
    static func shippedProject() throws -> Project {
        let root = repositoryRoot.path
        return try Project.load(
            ProjectOptions(
                plans: [root + "/SessionPlans"], rubric: root + "/Rubrics/adult-learning.xml",
                methods: root + "/Rubrics/methods.xml", verbs: root + "/Rubrics/verbs.xml"))
    }

    @Test("an unchanged shipped plan gets exactly the findings check gives it")
    func unchangedPlanMatchesCheck() throws {
        let project = try Self.shippedProject()
        for review in project.review.plans {
            guard case .bytes(let bytes) = project.readFile(review.file) else { continue }
            let document = try PlanDocument.read(bytes).get()
            let edited = PlanEditing.check(document, file: review.file, in: project)
            let fromCheck = (review.findings + project.review.setFindings.filter { $0.location.file == review.file })
                .map { "\($0.location.line):\($0.location.column) \($0.id) \($0.message)" }
            #expect(edited.findings.map { "\($0.line):\($0.column) \($0.id) \($0.message)" } == fromCheck)
            #expect(edited.score == review.score)
            #expect(edited.verdict == review.verdict.rawValue)
        }
    }

    @Test("a block's minutes changed: the finding is at that block; fixed, it goes")
    func findingFollowsTheBlock() throws {
        let project = try Self.shippedProject()
        let file = repositoryRoot.path + "/SessionPlans/active-listening.xml"
        guard case .bytes(let bytes) = project.readFile(file) else {
            Issue.record("unreadable")
            return
        }
        var document = try PlanDocument.read(bytes).get()
        #expect(PlanEditing.check(document, file: file, in: project).findings.isEmpty)
        document.agenda[2].minutes = "-5"
        let broken = PlanEditing.check(document, file: file, in: project)
        #expect(!broken.savable)
        let atBlock = broken.findings.filter { $0.part == "block-2" }
        #expect(atBlock.contains { $0.severity == "error" && $0.line == 23 })
        document.agenda[2].minutes = "40"
        let long = PlanEditing.check(document, file: file, in: project)
        #expect(long.savable)
        #expect(long.findings.map(\.id) == ["agenda-adds-up"])
        #expect(long.findings.first?.part == "agenda" && long.findings.first?.line == 15)
        document.agenda[2].minutes = "25"
        #expect(PlanEditing.check(document, file: file, in: project).findings.isEmpty)
    }
}

/// The shipped active-listening plan with another title, checked, reviewed alone and rendered.
func shippedReview(title: String, rendered render: (Review) -> String) throws -> String {
    let project = try PlanEditingTests.shippedProject()
    let file = repositoryRoot.path + "/SessionPlans/active-listening.xml"
    guard case .bytes(let bytes) = project.readFile(file) else { throw CocoaError(.fileReadUnknown) }
    var document = try PlanDocument.read(bytes).get()
    document.title = title
    let result = PlanChecker.checkPlan(.bytes(Array(document.xml().utf8)), file: file, catalog: project.catalog)
    let review = Reviewer.review(result, rubric: project.rubric, catalog: project.catalog, verbs: project.verbs)
    return render(
        Review(rubric: project.rubric, plans: [review], curriculum: [], setFindings: [], catalog: project.catalog))
}

/// HTML escaping by bytes: a quote with a combining mark after it is one Character, which a
/// Character-by-Character escape let through raw.
@Test("a quote followed by a combining mark is escaped in the review page")
func combiningMarksDoNotHideAQuote() throws {
    let page = try shippedReview(title: "Listen\"\u{301} onmouseover=alert(1) <b>", rendered: HTMLReporter.render)
    let escaped = "Listen&quot;\u{301} onmouseover=alert(1) &lt;b&gt;"
    let raw = "Listen\"\u{301}"
    #expect(page.contains(escaped))
    #expect(!page.contains(raw))
}

/// CRLF is one Character, which neither "\r" nor "\n" matches: escaped by bytes, a message with
/// one cannot start a second workflow command.
@Test("a CRLF in a finding cannot forge a GitHub workflow command")
func crlfCannotForgeAnAnnotation() {
    let message = "broken\r\n::error file=README.md,line=1::forged"
    let forged = Finding(
        id: "xml-malformed", message: message,
        location: SourceLocation(file: "SessionPlans/a\r\nb.xml", line: 3, column: 1))
    let output = GitHubReporter.render([forged])
    let expected =
        "::error file=SessionPlans/a%0D%0Ab.xml,line=3,col=1,title=xml-malformed::"
        + "broken%0D%0A::error file=README.md,line=1::forged\n"
    #expect(output == expected)
}

/// A pipe with a combining mark after it is one Character; escaped by bytes, it cannot split a
/// row of the Markdown report's table.
@Test("a pipe followed by a combining mark is escaped in a Markdown table cell")
func combiningMarksDoNotSplitATableRow() throws {
    let page = try shippedReview(title: "Listen|\u{301} well", rendered: MarkdownReporter.render)
    let escaped = "Listen\\|\u{301} well"
    #expect(page.contains(escaped))
}
