import Foundation
import Testing

/// A scratch copy of the repository's project folder (plans, rubrics, rosters, delivery logs).
func shippedProject() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trainplan-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
        at: folder.appendingPathComponent("Records"), withIntermediateDirectories: true)
    for name in ["SessionPlans", "Rubrics", "Rosters", "Records/deliveries"] {
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    return folder
}

func text(_ folder: URL, _ name: String) throws -> String {
    try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
}

@Suite("trainplan fidelity, log new and observe at the command line")
struct FidelityCommandTests {
    @Test func fidelityOnTheShippedTermReportsTheDroppedRolePlay() throws {
        let folder = try shippedProject()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try trainplan(["fidelity"], in: folder)
        #expect(run.status == 1, "a delivered session fails the rubric: \(run.standardError)")
        #expect(run.standardOutput.contains("al-east-1: planned 31% practice, delivered 0%"))
        #expect(
            run.standardOutput.contains(
                "Records/deliveries/al-east-1.xml:15:3: warning: The plan has no practice: participants never rehearse the skill. [practice-share]"
            ))
        #expect(
            run.standardError.contains("trainplan: wrote out/fidelity.html and out/fidelity.md: 11 delivered offerings")
        )
        let html = try text(folder, "out/fidelity.html")
        #expect(html.contains("planned 31% practice, delivered 0%"))
        let again = try trainplan(["fidelity"], in: folder)
        #expect(again.status == 1)
        #expect(try text(folder, "out/fidelity.html") == html, "same inputs, same bytes")
    }

    @Test func theDefaultJobWritesFidelityAndStillExitsOne() throws {
        let folder = try shippedProject()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try trainplan([], in: folder)
        #expect(run.status == 1)
        for output in ["out/review.html", "out/assignments.xml", "out/fidelity.html", "out/fidelity.md"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(output).path), "\(output)")
        }
        #expect(!run.standardOutput.contains("planned 31% practice"), "the default job's standard output is unchanged")
    }

    /// Issue 15, point 8: `swift run trainplan` on the shipped project writes out/evaluation.html
    /// from the example records, without importing them.
    @Test func theDefaultJobEvaluatesTheExampleRecordsWithoutImportingThem() throws {
        let folder = try shippedProject()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["Records/import", "Records/study.csv"] {
            try FileManager.default.copyItem(
                at: repositoryRoot.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let run = try trainplan([], in: folder)
        #expect(run.status == 1)
        #expect(run.standardError.contains("trainplan: evaluating the example records of Records/import/"))
        #expect(run.standardError.contains("trainplan: wrote out/evaluation.html"))
        let html = try text(folder, "out/evaluation.html")
        #expect(html.contains("<svg"), "the Kaplan–Meier curves")
        let markdown = try text(folder, "out/evaluation.md")
        #expect(markdown.contains("48 mentors"), "\(markdown.prefix(600))")
        #expect(
            !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Records/records.sqlite").path),
            "nothing is imported into the project")
        _ = try trainplan([], in: folder)
        #expect(try text(folder, "out/evaluation.md") == markdown, "same records, same bytes")
        // Once records are imported, the database is what is evaluated.
        for kind in ["attendance", "matches", "surveys"] {
            let imported = try trainplan(["records", "import", kind, "Records/import/\(kind).csv"], in: folder)
            #expect(imported.status == 0, "\(imported.standardError)")
        }
        let again = try trainplan([], in: folder)
        #expect(!again.standardError.contains("evaluating the example records"))
        #expect(again.standardError.contains("trainplan: wrote out/evaluation.html"))
        #expect(try text(folder, "out/evaluation.md") == markdown, "the same records give the same report")
    }

    @Test func aLogWithADoctypeIsRefusedWithItsPlace() throws {
        let folder = try shippedProject()
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        <?xml version="1.0"?>
        <!DOCTYPE delivery-log [<!ENTITY boom "boom">]>
        <delivery-log offering="al-east-1" trainers="mia" attendance="3">&boom;</delivery-log>
        """.write(to: folder.appendingPathComponent("Records/deliveries/zz-bad.xml"), atomically: true, encoding: .utf8)
        let run = try trainplan(["fidelity"], in: folder)
        #expect(run.status == 2)
        #expect(run.standardOutput.contains("Records/deliveries/zz-bad.xml:2:"), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("[xml-doctype]"))
        #expect(!run.standardOutput.contains("boomboom"))
    }

    @Test func aLogThatNamesAnUnknownActivityOrHugeMinutesFails() throws {
        let folder = try shippedProject()
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        <delivery-log offering="al-east-1" trainers="mia" attendance="3">
          <activity id="welcome" minutes="10"/>
          <activity id="rolepay" minutes="25"/>
          <activity id="model" minutes="99999999999999999999"/>
        </delivery-log>
        """.write(to: folder.appendingPathComponent("Records/deliveries/zz-bad.xml"), atomically: true, encoding: .utf8)
        let run = try trainplan(["fidelity"], in: folder)
        #expect(run.status == 1)
        #expect(
            run.standardOutput.contains(
                "Records/deliveries/zz-bad.xml:4:24: error: minutes=\"99999999999999999999\" on <activity> is out of range"
            ),
            "\(run.standardOutput)")
        // With an error the log is not used, so its references are not judged yet; alone, they are.
        try """
        <delivery-log offering="al-east-1" trainers="mia" attendance="3">
          <activity id="rolepay" minutes="25"/>
        </delivery-log>
        """.write(to: folder.appendingPathComponent("Records/deliveries/zz-bad.xml"), atomically: true, encoding: .utf8)
        let second = try trainplan(["fidelity"], in: folder)
        #expect(second.status == 1)
        #expect(
            second.standardOutput.contains(
                "Records/deliveries/zz-bad.xml:2:13: error: The plan 'active-listening' has no activity 'rolepay'. Did you mean 'role-play'?"
            )
                || second.standardOutput.contains(
                    "Records/deliveries/zz-bad.xml:2:13: error: The plan 'active-listening' has no activity 'rolepay'."),
            "\(second.standardOutput)")
        #expect(second.standardOutput.contains("[unknown-activity]"))
    }

    @Test func logNewWritesOnceAndNeverOverwrites() throws {
        let folder = try shippedProject()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try trainplan(["log", "new", "gs-east-1"], in: folder)
        #expect(first.status == 0, "\(first.standardError)")
        let written = try text(folder, "Records/deliveries/gs-east-1.xml")
        #expect(written.contains("offering=\"gs-east-1\" plan=\"goal-setting\""))
        // No out/assignments.xml here and no pinned primary: the trainer is left for the user to write.
        #expect(written.contains("trainers=\"\" attendance=\"\""))
        #expect(
            first.standardError.contains(
                "and trainers=\"…\": neither out/assignments.xml nor a pinned primary names who delivered it"))
        try written.replacingOccurrences(of: "trainers=\"\" attendance=\"\"", with: "trainers=\"ana\" attendance=\"5\"")
            .write(
                to: folder.appendingPathComponent("Records/deliveries/gs-east-1.xml"), atomically: true, encoding: .utf8
            )
        let filled = try text(folder, "Records/deliveries/gs-east-1.xml")
        let second = try trainplan(["log", "new", "gs-east-1"], in: folder)
        #expect(second.status == 1)
        #expect(second.standardError.contains("Records/deliveries/gs-east-1.xml already exists; it is left as it is"))
        #expect(try text(folder, "Records/deliveries/gs-east-1.xml") == filled)
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: folder.appendingPathComponent("Records/deliveries").path
        ).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "no temporary file is left behind: \(leftovers)")
        let unknown = try trainplan(["log", "new", "gs-east-9"], in: folder)
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("the term has no offering 'gs-east-9'"))
        // The filled-in template is a usable log.
        let fidelity = try trainplan(["fidelity"], in: folder)
        #expect(!fidelity.standardOutput.contains("gs-east-1.xml"), "\(fidelity.standardOutput)")
        #expect(fidelity.standardOutput.contains("gs-east-1: planned"))
    }

    @Test func logNewWritesTheScheduledObserversRecord() throws {
        let folder = try shippedProject()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Before a schedule names observers, the observer must be named.
        let unnamed = try trainplan(["log", "new", "gs-east-1", "--observation"], in: folder)
        #expect(unnamed.status == 1)
        #expect(unnamed.standardError.contains("nobody is scheduled to observe 'gs-east-1' in out/assignments.xml"))
        _ = try trainplan(["schedule", "--term", "Rosters/spring-2027.xml"], in: folder)
        let assignments = try text(folder, "out/assignments.xml")
        let line = try #require(
            assignments.split(separator: "\n").first { $0.contains("observer=\"") && $0.contains("primary=\"") })
        let offering = try #require(
            line.firstRange(of: "offering=\"").map { line[$0.upperBound...].prefix { $0 != "\"" } })
        let observer = try #require(
            line.firstRange(of: "observer=\"").map { line[$0.upperBound...].prefix { $0 != "\"" } })
        let run = try trainplan(["log", "new", String(offering), "--observation"], in: folder)
        #expect(run.status == 0, "\(run.standardError)")
        let path = "Records/deliveries/\(offering).observed-\(observer).xml"
        let written = try text(folder, path)
        #expect(written.contains("observer=\"\(observer)\">"))
        #expect(written.contains("adherence=\"\"/>"))
        #expect(!written.contains("attendance="))
        // Until the ratings are filled in, each is an error at its attribute.
        let fidelity = try trainplan(["fidelity"], in: folder)
        #expect(fidelity.status == 1)
        #expect(fidelity.standardOutput.contains("\(path):"), "\(fidelity.standardOutput)")
        #expect(fidelity.standardOutput.contains("adherence=\"\" on <activity> is not a whole number from 1 to 5."))
        // A name that is not an id never becomes a path.
        let bad = try trainplan(["log", "new", String(offering), "--observer", "../x"], in: folder)
        #expect(bad.status == 1)
        #expect(bad.standardError.contains("'../x' is not a roster id"))
    }

    @Test func observePrintsAChecklist() throws {
        let run = try trainplan(["observe", "SessionPlans/active-listening.xml"])
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("<!DOCTYPE html>"))
        #expect(run.standardOutput.contains("<b>practice</b>"))
        #expect(run.standardOutput.contains("Time sampling, every 2 minutes"))
        let without = try trainplan(["observe", "SessionPlans/active-listening.xml", "--no-sampling"])
        #expect(!without.standardOutput.contains("Time sampling"))
        let missing = try trainplan(["observe", "SessionPlans/nope.xml"])
        #expect(missing.status == 2)
        #expect(missing.standardOutput.contains("SessionPlans/nope.xml:1:1: error: The file cannot be read"))
    }
}
