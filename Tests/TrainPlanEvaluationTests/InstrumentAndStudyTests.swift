import Foundation
import Testing
import TrainPlanCore
import TrainPlanEvaluation
import TrainPlanFormats
import TrainPlanRecords

private func load(_ text: String) -> Loaded<Instrument> {
    InstrumentLoader.instrument(.bytes(Array(text.utf8)), file: "bad.xml")
}

private func instrument(
    scale: String = #"<scale min="1" max="5"><label value="1">no</label></scale>"#,
    items: String = #"<item id="a">A</item><item id="b" reverse="true">B</item>"#,
    subscales: String = "", scoring: String = #"<scoring rule="mean-of-answered" min-answered="2"/>"#
) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <instrument id="x">
      <title>X</title>
      <source licence="CC0-1.0">Invented.</source>
      \(scale)
      <items>\(items)</items>
      \(subscales)
      \(scoring)
    </instrument>
    """
}

@Suite("Instruments (Rubrics/instruments/)")
struct InstrumentTests {
    @Test func theShippedInstrumentLoadsWithoutFindings() throws {
        let path = "Rubrics/instruments/mentor-confidence.xml"
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent(path))
        let loaded = InstrumentLoader.instrument(.bytes([UInt8](data)), file: path)
        #expect(loaded.findings.isEmpty, "\(loaded.findings)")
        let value = try #require(loaded.value)
        #expect(value.items.map(\.id) == ["c1", "c2", "c3", "c4", "c5", "c6"])
        #expect(value.items.filter(\.reversed).map(\.id) == ["c5", "c6"])
        #expect(value.subscales.map(\.items) == [["c1", "c2", "c5"], ["c3", "c4", "c6"]])
        #expect(value.minimumAnswered == 4)
        #expect(value.scale.minimum == 1 && value.scale.maximum == 5 && value.scale.labels.count == 5)
        #expect(value.source.licence == "CC0-1.0")
    }

    @Test func aValidMinimalInstrumentLoads() {
        let loaded = load(instrument())
        #expect(loaded.findings.isEmpty, "\(loaded.findings)")
        #expect(loaded.value?.items.map(\.reversed) == [false, true])
    }

    @Test func aSubscaleNamingAnUnknownItemIsFoundAtItsAttribute() throws {
        let loaded = load(
            instrument(subscales: #"<subscales><subscale id="s" items="a c" min-answered="1">S</subscale></subscales>"#)
        )
        #expect(loaded.value == nil)
        let finding = try #require(loaded.findings.first { $0.id == "instrument-unknown-item" })
        #expect(finding.location.file == "bad.xml")
        #expect(finding.location.line == 7)
        #expect(finding.location.column > 1)
        #expect(
            finding.message
                == "The subscale 's' names the item 'c', which the instrument does not have. Did you mean 'a'?")
    }

    @Test func badScalesScoringAndDuplicatesAreFindings() {
        let backwards = load(instrument(scale: #"<scale min="5" max="1"/>"#))
        #expect(backwards.findings.map(\.id).contains("instrument-scale"))
        #expect(backwards.findings.first { $0.id == "instrument-scale" }?.location.line == 5)
        let label = load(instrument(scale: #"<scale min="1" max="5"><label value="7">x</label></scale>"#))
        #expect(label.findings.map(\.id).contains("instrument-scale"))
        let scoring = load(instrument(scoring: #"<scoring rule="mean-of-answered" min-answered="3"/>"#))
        #expect(scoring.findings.first { $0.id == "instrument-min-answered" }?.location.line == 8)
        let rule = load(instrument(scoring: #"<scoring rule="sum" min-answered="1"/>"#))
        #expect(rule.findings.map(\.id).contains("invalid-value"))
        #expect(rule.value == nil)
        let twice = load(instrument(items: #"<item id="a">A</item><item id="a">B</item>"#))
        #expect(twice.findings.map(\.id).contains("duplicate-id"))
        let noLicence = load(instrument().replacingOccurrences(of: #" licence="CC0-1.0""#, with: ""))
        #expect(noLicence.findings.contains { $0.id == "missing-attribute" && $0.location.line == 4 })
        #expect(noLicence.value == nil)
    }

    @Test func aDoctypeAndEntitiesAreRefused() {
        let text = instrument().replacingOccurrences(
            of: "<instrument", with: "<!DOCTYPE instrument [<!ENTITY e \"boom\">]>\n<instrument")
        let loaded = load(text.replacingOccurrences(of: "Invented.", with: "&e;"))
        #expect(loaded.value == nil)
        #expect(loaded.findings.contains { $0.id == "xml-doctype" })
    }
}

@Suite("trainplan study: seeded, stratified randomisation")
struct StudyTests {
    let mentors: [(mentor: String, stratum: String)] =
        (1...9).map { ("m-e\($0)", "East") } + (1...6).map { ("m-w\($0)", "West") }

    @Test func theSameSeedGivesTheSameAssignmentAndEachStratumIsBalanced() {
        let first = StudyAssignment.randomise(
            id: "s", mentors: mentors, arms: ["standard", "booster"], seed: 7, assignedOn: "2027-03-01",
            strata: "site")
        let again = StudyAssignment.randomise(
            id: "s", mentors: mentors.reversed(), arms: ["standard", "booster"], seed: 7, assignedOn: "2027-03-01",
            strata: "site")
        #expect(first == again, "the order of the mentors file does not matter")
        for stratum in ["East", "West"] {
            let rows = first.rows.filter { $0.stratum == stratum }
            let counts = ["standard", "booster"].map { arm in rows.filter { $0.arm == arm }.count }
            #expect(abs(counts[0] - counts[1]) <= 1, "\(stratum): \(counts)")
        }
        let others = (1...20).map { seed in
            StudyAssignment.randomise(
                id: "s", mentors: mentors, arms: ["standard", "booster"], seed: UInt64(seed),
                assignedOn: "2027-03-01", strata: "site"
            ).rows.map(\.arm)
        }
        #expect(Set(others).count > 10, "different seeds give different assignments")
    }

    @Test func theStudyFileRoundTripsAndBadRowsAreFoundByLine() throws {
        let study = StudyAssignment.randomise(
            id: "s", mentors: mentors, arms: ["standard", "booster"], seed: 7, assignedOn: "2027-03-01",
            strata: "site, by match")
        let text = StudyFile.render(study)
        #expect(try StudyFile.parse(text).get() == study)
        var lines = text.split(separator: "\n").map(String.init)
        lines[3] = lines[3].components(separatedBy: ",").dropLast().joined(separator: ",") + ",other"
        switch StudyFile.parse(lines.joined(separator: "\n")) {
        case .success: Issue.record("an arm that is not the study's must be refused")
        case .failure(let error):
            #expect(error.problems.map(\.line) == [4])
            #expect(error.problems.first?.message.contains("The arm 'other' is not one of the study's arms") == true)
        }
    }

    @Test func bothArmsImprovingAlikeIsNotCreditedToTheVariant() throws {
        let instrument = try shippedInstrument()
        let study = StudyAssignment.randomise(
            id: "s", mentors: (0..<20).map { (String(format: "m-%02d", $0), "East") }, arms: ["standard", "booster"],
            seed: 3, assignedOn: "2027-02-01", strata: "site")
        var surveys: [SurveyResponse] = []
        for (index, row) in study.rows.enumerated() {
            // Every mentor rises by 1 or 2 points whatever their arm.
            let base = 2 + index % 2
            let rise = 1 + index % 3 / 2
            func answers(_ value: Int) -> [SurveyAnswer] {
                (1...6).map { SurveyAnswer(item: "c\($0)", value: String($0 > 4 ? 6 - value : value)) }
            }
            surveys.append(
                SurveyResponse(
                    respondent: row.mentor, instrument: "mentor-confidence", wave: "pre", date: "2027-03-01",
                    answers: answers(base)))
            surveys.append(
                SurveyResponse(
                    respondent: row.mentor, instrument: "mentor-confidence", wave: "post", date: "2027-09-01",
                    answers: answers(base + rise)))
        }
        let evaluation = try Evaluator.evaluate(input(surveys: surveys, instruments: [instrument], study: study))
        let change = try #require(evaluation.study?.change.first)
        #expect(change.groups.map(\.label) == ["standard", "booster"], "the comparison arm first")
        for group in change.groups { #expect((group.lower ?? 0) > 0, "\(group.label) improves") }
        let comparison = try #require(change.comparison)
        #expect((comparison.lower ?? 1) < 0 && (comparison.upper ?? -1) > 0)
        func meanRise(_ arm: String) -> Double {
            let rises: [Double] = study.rows.indices.filter { study.rows[$0].arm == arm }.map { Double(1 + $0 % 3 / 2) }
            return rises.reduce(0, +) / Double(rises.count)
        }
        let expected: Double = meanRise("booster") - meanRise("standard")
        #expect(abs((comparison.difference ?? .nan) - expected) < 1e-12)
        let text = try #require(evaluation.statements.first { $0.topic == "study" }?.text)
        #expect(
            text.contains(
                "the interval includes no difference, so the change within the arms cannot be credited to the variant"))
        #expect(text.contains("a pre–post report of either arm alone would have credited it to the training"))
    }
}
