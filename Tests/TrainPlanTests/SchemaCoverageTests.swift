import Foundation
import PropertyBased
import Testing
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

/// The decoder and the reference checks catch everything the session-plan schema does: a plan
/// without an error of theirs is valid against the schema. (`check` relies on this to validate
/// against the schema only the plans they reject.)
@Suite("The decoder covers the schema")
struct SchemaCoverageTests {
    /// Shipped plans with random edits: text, elements and attributes put in, values changed,
    /// lines dropped. Whenever the checks without the schema find no error, the schema finds none.
    @Test func mutatedPlansTheChecksAcceptAreValid() async throws {
        let sources = try FileManager.default.contentsOfDirectory(
            atPath: repositoryRoot.appendingPathComponent("SessionPlans").path
        ).filter { $0.hasSuffix(".xml") }.sorted().map { name -> String in
            guard case .bytes(let bytes) = repositoryFile("SessionPlans/\(name)") else { return "" }
            return String(decoding: bytes, as: UTF8.self)
        }
        let schemaErrors = Counter()
        await propertyCheck(count: 1_000, input: Gen.int(in: 0...1_000_000)) { seed in
            var random = SplitMix64(seed: UInt64(seed))
            var text = sources[Int.random(in: 0..<sources.count, using: &random)]
            for _ in 0..<Int.random(in: 1...3, using: &random) { text = Self.mutate(text, using: &random) }
            let bytes = SourceText.bytes(Array(text.utf8))
            let schema = DocumentReader.read(bytes, file: "plan.xml", schema: .sessionPlan).findings
                .filter { $0.id == "schema" }
            let checked = PlanChecker.checkPlan(bytes, file: "plan.xml", catalog: shippedCatalog)
            let others = checked.findings.filter { $0.severity == .error && $0.id != "schema" }
            if !schema.isEmpty { schemaErrors.increment() }
            #expect(
                !others.isEmpty || schema.isEmpty,
                "seed \(seed): only the schema finds \(schema.map(\.message))\n\(text)")
        }
        #expect(schemaErrors.value > 40, "the edits should often break the schema, or the test proves little")
    }

    static let snippets = [
        "x", "<title>t</title>", "<notes/>", "<notes>n</notes>", "<materials/>",
        "<materials><item>i</item></materials>",
        "<evaluation/>", "<measure level=\"reaction\">r</measure>", "<item>i</item>", "<break minutes=\"5\"/>",
        "<foo/>", "<activity id=\"a\" method=\"lecture\" minutes=\"5\"/>",
        "<objective id=\"q\">Explain it.</objective>",
        "<audience>all</audience>", "<description>d</description>", "<stage>other</stage>",
        "<module id=\"m\" step=\"1\"/>",
        "<x:y xmlns:x=\"urn:x\"/>", "<![CDATA[c]]>", "<!-- c -->", "&amp;",
    ]

    static let attributes = [
        " a=\"1\"", " minutes=\"0\"", " minutes=\"+5\"", " minutes=\" 5 \"", " id=\"Bad Id\"", " id=\"ok-id\"",
        " level=\"apply\"", " level=\"results\"", " grouping=\"pairs\"", " grouping=\"solo\"",
        " objectives=\"one two\"",
        " step=\"0\"", " step=\"2\"", " mode=\"online\"", " mode=\"virtual\"", " version=\"2\"", " min=\"3\"",
        " max=\"x\"", " method=\"lecture\"", " xml:lang=\"en\"",
        " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"",
        " xmlns:q=\"urn:q\" q:a=\"1\"",
    ]

    static let values = ["", " 5", "05", "-1", "1.5", "abc", "a b", "ü", "role-play", "9999999999", "pre-match", "A"]

    /// One random edit: put a snippet after a tag, an attribute into a start tag, change an
    /// attribute's value, or drop a line.
    static func mutate(_ text: String, using random: inout SplitMix64) -> String {
        var bytes = Array(text.utf8)
        let tagEnds = bytes.indices.filter { bytes[$0] == UInt8(ascii: ">") }
        let startTags = bytes.indices.filter {
            bytes[$0] == UInt8(ascii: "<") && $0 + 1 < bytes.count && (0x61...0x7A).contains(bytes[$0 + 1])
        }
        let quotes = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\"") }
        switch Int.random(in: 0..<4, using: &random) {
        case 0 where !tagEnds.isEmpty:
            let at = tagEnds[Int.random(in: 0..<tagEnds.count, using: &random)] + 1
            bytes.insert(contentsOf: Array(snippets[Int.random(in: 0..<snippets.count, using: &random)].utf8), at: at)
        case 1 where !startTags.isEmpty:
            var at = startTags[Int.random(in: 0..<startTags.count, using: &random)] + 1
            while at < bytes.count, ![0x20, 0x3E, 0x2F, 0x0A].contains(bytes[at]) { at += 1 }
            bytes.insert(
                contentsOf: Array(attributes[Int.random(in: 0..<attributes.count, using: &random)].utf8), at: at)
        case 2 where quotes.count >= 2:
            let pair = Int.random(in: 0..<(quotes.count / 2), using: &random) * 2
            let (open, close) = (quotes[pair], quotes[pair + 1])
            guard open + 1 <= close else { break }
            bytes.replaceSubrange(
                (open + 1)..<close, with: Array(values[Int.random(in: 0..<values.count, using: &random)].utf8))
        default:
            var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            if lines.count > 3 { lines.remove(at: Int.random(in: 2..<lines.count, using: &random)) }
            return lines.joined(separator: "\n")
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
