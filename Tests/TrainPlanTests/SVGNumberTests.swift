import Foundation
import PropertyBased
import Testing
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanReview

/// SVG 1.1's number: `integer ([Ee] integer)? | [+-]? [0-9]* "." [0-9]+ ([Ee] integer)?`.
/// `255.` is not one: Chromium drew such blocks at 0.
func isSVGNumber(_ text: Substring) -> Bool {
    text.wholeMatch(of: /[+-]?([0-9]+|[0-9]*\.[0-9]+)([eE][+-]?[0-9]+)?/) != nil
}

/// Every numeric attribute of every `<svg>` in `html`, with the problems found.
func svgNumberProblems(_ html: String) -> [String] {
    var problems: [String] = []
    var svgCount = 0
    for svg in html.matches(of: /<svg[\s\S]*?<\/svg>/) {
        svgCount += 1
        for attribute in svg.output.matches(of: /\s(x|y|width|height|rx|font-size|x1|x2|y1|y2)="([^"]*)"/) {
            if !isSVGNumber(attribute.output.2) { problems.append("\(attribute.output.1)=\"\(attribute.output.2)\"") }
        }
        for viewBox in svg.output.matches(of: /viewBox="([^"]*)"/) {
            for part in viewBox.output.1.split(separator: " ") where !isSVGNumber(part) {
                problems.append("viewBox part \(part)")
            }
        }
    }
    if svgCount == 0 { problems.append("no <svg> at all") }
    return problems
}

@Suite("Every number in every SVG the tool writes")
struct SVGNumberTests {
    @Test func theGrammarItself() {
        for good in ["0", "255", "-3", "2.5", ".5", "1e3", "1.25E-2"] { #expect(isSVGNumber(good[...]), "\(good)") }
        for bad in ["255.", "", "1e", "--1", "1,5", "nan", "inf"] { #expect(!isSVGNumber(bad[...]), "\(bad)") }
    }

    @Test func theShippedReviewAndAgendas() throws {
        let review = try reviewShippedPlans()
        let problems = svgNumberProblems(HTMLReporter.render(review))
        #expect(problems.isEmpty, "review.html: \(problems.prefix(5))")
        for plan in review.plans {
            guard let decoded = plan.plan else { continue }
            let html = AgendaReporter.html(TimedAgenda(decoded, catalog: shippedCatalog), catalog: shippedCatalog)
            let problems = svgNumberProblems(html)
            #expect(problems.isEmpty, "\(plan.file) agenda: \(problems.prefix(5))")
        }
    }

    /// Durations that divide the timeline's width unevenly (7, 13, 37 minutes …).
    @Test func plansOfAnyLength() async {
        await propertyCheck(count: 200, input: Gen.int(in: 1...1_000_000)) { seed in
            var random = SplitMix64(seed: UInt64(seed))
            let lengths = (0..<Int.random(in: 1...9, using: &random)).map { _ in Int.random(in: 1...97, using: &random)
            }
            let agenda = lengths.enumerated().map { index, minutes in
                index % 4 == 3
                    ? "<break minutes=\"\(minutes)\"/>"
                    : "<activity id=\"a\(index)\" method=\"\(["lecture", "role-play", "discussion"][index % 3])\" minutes=\"\(minutes)\" objectives=\"one\"/>"
            }.joined()
            let total = lengths.reduce(0, +)
            let text = planXML(
                duration: "<duration minutes=\"\(total)\"/>",
                objectives: "<objective id=\"one\">Demonstrate the skill.</objective>", agenda: agenda)
            let result = PlanChecker.checkPlan(.bytes(Array(text.utf8)), file: "p.xml", catalog: shippedCatalog)
            guard let plan = result.plan else {
                Issue.record("seed \(seed): \(result.findings)")
                return
            }
            let html = AgendaReporter.html(TimedAgenda(plan, catalog: shippedCatalog), catalog: shippedCatalog)
            let problems = svgNumberProblems(html)
            #expect(problems.isEmpty, "seed \(seed), lengths \(lengths): \(problems.prefix(5))")
        }
    }
}
