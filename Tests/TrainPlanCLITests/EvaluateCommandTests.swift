import Foundation
import Testing

/// A copy of the example project (plans, rubrics, instruments, terms, the records' CSV files and
/// the study file, the delivery logs), without a database.
private func exampleProject() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trainplan-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
        at: folder.appendingPathComponent("Records"), withIntermediateDirectories: true)
    for name in ["SessionPlans", "Rubrics", "Rosters", "Records/import", "Records/study.csv", "Records/deliveries"] {
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    return folder
}

private func importExample(_ folder: URL) throws {
    for kind in ["attendance", "matches", "surveys"] {
        let run = try trainplan(["records", "import", kind, "Records/import/\(kind).csv"], in: folder)
        #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
    }
}

@Suite("trainplan evaluate and study, as a user runs them", .serialized)
struct EvaluateCommandTests {
    @Test func theExampleEvaluatesTwiceToTheSameBytes() throws {
        let folder = try exampleProject()
        try importExample(folder)
        let run = try trainplan(["evaluate"], in: folder)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("- Of 48 matches, "))
        #expect(
            run.standardOutput.contains("In the study 'spring-2027-circle', mentors were assigned to arms at random"))
        #expect(run.standardError.contains("trainplan: wrote out/evaluation.html"))
        var first: [Data] = []
        for name in ["html", "md", "json"] {
            first.append(try Data(contentsOf: folder.appendingPathComponent("out/evaluation.\(name)")))
        }
        #expect(try trainplan(["evaluate"], in: folder).status == 0)
        for (index, name) in ["html", "md", "json"].enumerated() {
            #expect(try Data(contentsOf: folder.appendingPathComponent("out/evaluation.\(name)")) == first[index])
        }
        let html = String(decoding: first[0], as: UTF8.self)
        #expect(html.contains("<svg") && !html.contains("<script") && !html.contains("src="))
        let asOf = try trainplan(["evaluate", "--as-of", "2027-12-31", "--output", "dec"], in: folder)
        #expect(asOf.status == 0)
        let json = try String(contentsOf: folder.appendingPathComponent("dec/evaluation.json"), encoding: .utf8)
        #expect(json.contains("\"asOf\" : \"2027-12-31\""))
    }

    @Test func theShippedLogsGiveTheDoseAsDeliveredAndAMissingLogStaysMissing() throws {
        let folder = try exampleProject()
        try importExample(folder)
        let run = try trainplan(["evaluate"], in: folder)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(
            run.standardOutput.contains(
                "- 36 of 48 mentors with pre-match training have a delivery log for every pre-match session attended; 12 mentors have sessions without a log and are left out of the comparison (missing, not counted as fully delivered)."
            ))
        let markdown = try String(contentsOf: folder.appendingPathComponent("out/evaluation.md"), encoding: .utf8)
        #expect(
            markdown.contains(
                "| fm-west-1 | first-meetings | 2027-03-16 | 11 | `Records/deliveries/fm-west-1.xml` | 13 | 45 of 60 min (75 %) | 15 of 30 min (50 %) | 35 of 50 min (70 %) |"
            ))
        #expect(
            markdown.contains(
                "| ow-west-2 | orientation-welcome | 2027-04-24 | 10 | **none** |  | no log | no log | no log |"))
        let html = try String(contentsOf: folder.appendingPathComponent("out/evaluation.html"), encoding: .utf8)
        #expect(html.contains("aria-label=\"Kaplan–Meier curves by delivered fidelity\""))
        #expect(html.contains("<h4>Change by delivered fidelity</h4>"))

        // A log with an error is left out: its offering has no log, and its mentors are missing.
        let log = folder.appendingPathComponent("Records/deliveries/fm-west-1.xml")
        let text = try String(contentsOf: log, encoding: .utf8).replacingOccurrences(
            of: #"<activity id="worries""#, with: #"<activity id="worry""#)
        try Data(text.utf8).write(to: log)
        let broken = try trainplan(["evaluate"], in: folder)
        #expect(broken.status == 0, "\(broken.standardError)")
        #expect(
            broken.standardError.contains(
                "trainplan: 1 delivery log has errors and is left out of the dose as delivered: Records/deliveries/fm-west-1.xml (trainplan fidelity names them)"
            ))
        let after = try String(contentsOf: folder.appendingPathComponent("out/evaluation.md"), encoding: .utf8)
        #expect(
            after.contains("| fm-west-1 | first-meetings | 2027-03-16 | 11 | **none** |  | no log | no log | no log |"))
    }

    @Test func theRequirementIsTheRubricsCurriculumThresholds() throws {
        let folder = try exampleProject()
        try importExample(folder)
        let rubric = folder.appendingPathComponent("Rubrics/adult-learning.xml")
        let text = try String(contentsOf: rubric, encoding: .utf8).replacingOccurrences(
            of: #"<criterion id="pre-match-hours" weight="2" min="120">"#,
            with: #"<criterion id="pre-match-hours" weight="2" min="200">"#)
        try Data(text.utf8).write(to: rubric)
        let run = try trainplan(["evaluate"], in: folder)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("(200 minutes of in-person pre-match training and 2 post-match sessions)"))
        let json = try String(contentsOf: folder.appendingPathComponent("out/evaluation.json"), encoding: .utf8)
        #expect(json.contains("\"preMatchMinutes\" : 200"))
    }

    @Test func noDatabaseExits2AndSaysHowToImport() throws {
        let folder = try exampleProject()
        let run = try trainplan(["evaluate"], in: folder)
        #expect(run.status == 2)
        #expect(run.standardError.contains("there are no records to evaluate: Records/records.sqlite does not exist"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    @Test func aDateThatIsNotADateIsAUsageError() throws {
        let folder = try exampleProject()
        for date in ["2027-02-30", "31/12/2027", "soon"] {
            let run = try trainplan(["evaluate", "--as-of", date], in: folder)
            #expect(run.status == 64, "\(date)")
            #expect(
                run.standardError.contains("--as-of '\(date)' is not a date: write YYYY-MM-DD"), "\(run.standardError)")
        }
    }

    @Test func anUnknownInstrumentOrItemExits1AndWritesNothing() throws {
        let folder = try exampleProject()
        try importExample(folder)
        try Data("respondent,instrument,wave,date,q1\nm-e01,other-scale,pre,2027-03-06,3\n".utf8).write(
            to: folder.appendingPathComponent("other.csv"))
        #expect(try trainplan(["records", "import", "surveys", "other.csv"], in: folder).status == 0)
        let unknown = try trainplan(["evaluate"], in: folder)
        #expect(unknown.status == 1)
        #expect(
            unknown.standardError.contains(
                "1 survey response uses the instrument 'other-scale', but there is no Rubrics/instruments/other-scale.xml"
            ), "\(unknown.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))

        let second = try exampleProject()
        try importExample(second)
        try Data("respondent,instrument,wave,date,c1,c9\nm-x01,mentor-confidence,pre,2027-03-06,3,4\n".utf8).write(
            to: second.appendingPathComponent("extra.csv"))
        #expect(try trainplan(["records", "import", "surveys", "extra.csv"], in: second).status == 0)
        let item = try trainplan(["evaluate"], in: second)
        #expect(item.status == 1)
        #expect(
            item.standardError.contains("answers the item 'c9', which the instrument 'mentor-confidence' does not have")
        )
        #expect(item.standardError.contains("hint: Add <item id=\"c9\"> to Rubrics/instruments/mentor-confidence.xml"))
    }

    @Test func aBadInstrumentFileIsReportedAtItsLineAndExits2() throws {
        let folder = try exampleProject()
        try importExample(folder)
        let path = folder.appendingPathComponent("Rubrics/instruments/mentor-confidence.xml")
        let text = try String(contentsOf: path, encoding: .utf8).replacingOccurrences(
            of: #"items="c1 c2 c5""#, with: #"items="c1 c2 c7""#)
        try Data(text.utf8).write(to: path)
        let run = try trainplan(["evaluate"], in: folder)
        #expect(run.status == 2)
        #expect(
            run.standardOutput.contains(
                "Rubrics/instruments/mentor-confidence.xml:29:33: error: The subscale 'relationship' names the item 'c7'"
            ),
            "\(run.standardOutput)")
    }

    @Test func studyAssignReproducesTheShippedStudyFileAndNeverRedraws() throws {
        let folder = try exampleProject()
        let arguments = [
            "study", "assign", "--id", "spring-2027-circle", "--mentors", "Records/import/mentors.csv", "--arms",
            "standard,mentor-circle", "--seed", "2027", "--on", "2027-03-01",
        ]
        let again = try trainplan(arguments, in: folder)
        #expect(again.status == 1, "the shipped study file is there")
        #expect(again.standardError.contains("a study is assigned once, before its outcomes, and never redrawn"))
        let fresh = try trainplan(arguments + ["--output", "fresh.csv"], in: folder)
        #expect(fresh.status == 0, "\(fresh.standardError)")
        #expect(fresh.standardOutput == "standard: 24 mentors\nmentor-circle: 24 mentors\n")
        #expect(
            try Data(contentsOf: folder.appendingPathComponent("fresh.csv"))
                == Data(contentsOf: repositoryRoot.appendingPathComponent("Records/study.csv")))
        try importExample(folder)
        let late = try trainplan(arguments + ["--output", "late.csv"], in: folder)
        #expect(late.status == 1)
        #expect(late.standardError.contains("the records already hold outcomes"))
        #expect(try trainplan(arguments.dropLast(2) + ["--on", "2027-3-1"], in: folder).status == 64)
    }
}
