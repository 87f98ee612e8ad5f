import Foundation
import Testing

/// Runs the built `trainplan` binary as a user would and captures what it says.
struct Invocation {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func trainplan(_ arguments: [String], in folder: URL = repositoryRoot, tool: String = "trainplan") throws -> Invocation
{
    // The test bundle sits beside the products it depends on, the binaries among them.
    let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    var binary = products.appendingPathComponent(tool)
    if !FileManager.default.fileExists(atPath: binary.path) {
        binary = repositoryRoot.appendingPathComponent(".build/debug/\(tool)")
    }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Invocation(
        status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
        standardError: String(decoding: errorData, as: UTF8.self))
}

/// A scratch folder with the shipped Rubrics/ and the given plan files.
func project(_ plans: [String: String]) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trainplan-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
        at: folder.appendingPathComponent("SessionPlans"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
        at: repositoryRoot.appendingPathComponent("Rubrics"), to: folder.appendingPathComponent("Rubrics"))
    for (name, text) in plans {
        try text.write(to: folder.appendingPathComponent("SessionPlans/\(name)"), atomically: true, encoding: .utf8)
    }
    return folder
}

/// A plan that meets every criterion of the shipped rubric.
let validPlan = """
    <session id="ok">
      <title>Sample</title>
      <module id="m" step="1"/>
      <stage>post-match</stage>
      <duration minutes="30"/>
      <delivery mode="in-person"/>
      <objectives><objective id="one">Demonstrate the skill.</objective></objectives>
      <agenda>
        <activity id="opener" method="icebreaker" minutes="5"/>
        <activity id="show" method="mini-lecture" minutes="5" objectives="one"/>
        <activity id="try" method="role-play" minutes="15" objectives="one"/>
        <activity id="close" method="evaluation" minutes="5" objectives="one"/>
      </agenda>
      <evaluation><measure level="reaction">Card</measure><measure level="learning">Items</measure></evaluation>
    </session>
    """

@Suite("trainplan check, as a user runs it", .serialized)
struct CheckCommandTests {
    @Test func shippedPlansGetScoresAndTheWeakOnesFail() throws {
        let run = try trainplan(["check"])
        #expect(run.status == 1, "\(run.standardError)")
        #expect(run.standardError.contains("checked 12 plans: 9 pass, 3 fail"), "\(run.standardError)")
        let scoreLine = run.standardError.split(separator: "\n").first {
            $0.hasPrefix("SessionPlans/health-topics.xml ")
        }
        #expect(scoreLine?.contains("88.5%  fail  objectives-measurable") == true, "\(scoreLine ?? "")")
        #expect(
            run.standardOutput.contains(
                "SessionPlans/health-topics.xml:12:5: error: The objective 'puberty' starts with 'understand'"))
    }

    @Test func aGoodPlanCheckedAloneExitsZero() throws {
        let run = try trainplan(["check", "SessionPlans/active-listening.xml"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.isEmpty)
        #expect(!run.standardError.contains("curriculum:"), "a plan checked alone is not judged as a curriculum")
    }

    @Test func defaultJobWritesTheReviewAndPrintsScores() throws {
        let folder = try project([:])
        try FileManager.default.removeItem(at: folder.appendingPathComponent("SessionPlans"))
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("SessionPlans"), to: folder.appendingPathComponent("SessionPlans")
        )
        let run = try trainplan([], in: folder)
        #expect(run.status == 1, "three shipped plans are weak on purpose: \(run.standardError)")
        #expect(run.standardOutput.contains("SessionPlans/active-listening.xml         100%  pass"))
        #expect(run.standardOutput.contains("curriculum: pre-match-hours: met (240 minutes"))
        let html = try String(contentsOf: folder.appendingPathComponent("out/review.html"), encoding: .utf8)
        #expect(html.contains("9 of 12 plans pass"))
    }

    @Test func strictAndFailUnder() throws {
        let warned = validPlan.replacingOccurrences(of: "<measure level=\"learning\">Items</measure>", with: "")
        let folder = try project(["ok.xml": warned])
        #expect(try trainplan(["check"], in: folder).status == 0)
        #expect(try trainplan(["check", "--strict"], in: folder).status == 1)
        #expect(try trainplan(["check", "--fail-under", "99"], in: folder).status == 1)
        #expect(try trainplan(["check", "--fail-under", "90"], in: folder).status == 0)
    }

    @Test func rulesListsEveryCriterionWithItsEvidence() throws {
        let run = try trainplan(["rules"])
        #expect(run.status == 0)
        for id in ["agenda-adds-up", "passive-stretch", "curriculum-sequence", "rehearses-a-conversation"] {
            #expect(run.standardOutput.contains(id))
        }
        #expect(run.standardOutput.contains("passive-stretch           max 20      weight 3  essential  [plan]"))
        #expect(run.standardOutput.contains("evidence (practitioner): Pike 90/20/8"))
    }

    @Test func agendaPrintsClockTimes() throws {
        let run = try trainplan(["agenda", "SessionPlans/active-listening.xml", "--start", "18:00"])
        #expect(run.status == 0)
        #expect(
            run.standardOutput.contains("18:20–18:45   25′  role-play        triads        Speaker, listener, observer")
        )
        #expect(try trainplan(["agenda", "SessionPlans/active-listening.xml", "--start", "7pm"]).status == 64)
        let html = try trainplan(["agenda", "SessionPlans/active-listening.xml", "--format", "html"])
        #expect(html.standardOutput.contains("<svg class=\"timeline\""))
    }

    @Test func badRubricIsReportedAtItsLine() throws {
        let folder = try project(["ok.xml": validPlan])
        try """
        <rubric id="r" pass="70">
          <title>R</title>
          <assert id="x" test="count(//activity[">Broken.</assert>
        </rubric>
        """.write(to: folder.appendingPathComponent("Rubrics/adult-learning.xml"), atomically: true, encoding: .utf8)
        let run = try trainplan(["check"], in: folder)
        #expect(run.status == 2)
        #expect(run.standardError.contains("Rubrics/adult-learning.xml:3:18: error:"), "\(run.standardError)")
        #expect(run.standardError.contains("[invalid-xpath]"))
    }

    @Test func aPlanWithAnErrorExitsOneWithACompilerStyleLine() throws {
        let broken = validPlan.replacingOccurrences(of: "method=\"role-play\"", with: "method=\"roleplay\"")
        let folder = try project(["ok.xml": broken])
        let run = try trainplan(["check"], in: folder)
        #expect(run.status == 1)
        #expect(
            run.standardOutput.hasPrefix(
                "SessionPlans/ok.xml:11:24: error: The method 'roleplay' is not in the method catalog. Did you mean 'role-play'? [unknown-method]\n    hint: Write method=\"role-play\".\n"
            ), "\(run.standardOutput)")
        #expect(run.standardError.contains("1 error"))
    }

    @Test func findingsAreSortedByFileAndLine() throws {
        let broken = validPlan.replacingOccurrences(of: "minutes=\"15\" objectives", with: "minutes=\"-3\" objectives")
            .replacingOccurrences(of: "<stage>post-match", with: "<stage>postmatch")
        let folder = try project(["b.xml": broken, "a.xml": broken])
        let run = try trainplan(["check", "SessionPlans"], in: folder)
        let locations = run.standardOutput.split(separator: "\n").filter { !$0.hasPrefix(" ") }
            .map { $0.split(separator: ":").prefix(2).joined(separator: ":") }
        #expect(
            locations == [
                "SessionPlans/a.xml:4", "SessionPlans/a.xml:11", "SessionPlans/b.xml:4", "SessionPlans/b.xml:11",
            ], "\(run.standardOutput)")
    }

    @Test func malformedAndMissingFilesExitTwo() throws {
        let folder = try project(["bad.xml": "<session id=\"x\"><title></session>"])
        let malformed = try trainplan(["check"], in: folder)
        #expect(malformed.status == 2)
        #expect(malformed.standardOutput.contains("SessionPlans/bad.xml:1:34: error:"), "\(malformed.standardOutput)")
        let missing = try trainplan(["check", "nowhere.xml"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.standardOutput.contains("nowhere.xml:1:1: error: The file cannot be read: no such file."))
    }

    @Test func hostileFilesAreRefusedWithoutLibxml2Noise() throws {
        let folder = try project([
            "laughs.xml":
                "<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]><session>&b;</session>",
            "passwd.xml": "<!DOCTYPE s [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><session>&x;</session>",
            "empty.xml": "",
        ])
        let run = try trainplan(["check"], in: folder)
        #expect(run.status == 2)
        #expect(!run.standardOutput.contains("root:"))
        #expect(run.standardOutput.contains("laughs.xml:1:1: error: DOCTYPE declarations are not allowed"))
        #expect(run.standardOutput.contains("empty.xml:1:1: error: The file is empty."))
        // Everything on standard error is trainplan's own summary: libxml2 printed nothing.
        #expect(
            run.standardError.split(separator: "\n").allSatisfy {
                $0.hasPrefix("trainplan: ") || $0.hasPrefix("SessionPlans/") || $0.hasPrefix("curriculum: ")
            }, "\(run.standardError)")
    }

    @Test func jsonOutputParses() throws {
        let broken = validPlan.replacingOccurrences(
            of: "<duration minutes=\"30\"/>", with: "<duration minutes=\"45\"/>")
        let folder = try project(["ok.xml": broken])
        let run = try trainplan(["check", "--format", "json", "--no-curriculum"], in: folder)
        #expect(run.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any]
        let findings = try #require(object?["findings"] as? [[String: Any]])
        #expect(findings.count == 1)
        #expect(findings.first?["id"] as? String == "agenda-adds-up")
        #expect(findings.first?["line"] as? Int == 8)
        let plans = try #require(object?["plans"] as? [[String: Any]])
        #expect(plans.first?["verdict"] as? String == "fail")
    }

    @Test func usageErrorsExitSixtyFour() throws {
        #expect(try trainplan(["check", "--format", "pdf"]).status == 64)
        #expect(try trainplan(["check", "--no-such-flag"]).status == 64)
    }

    @Test func outputFileIsWrittenWhole() throws {
        let folder = try project(["ok.xml": validPlan])
        let run = try trainplan(["check", "--format", "sarif", "--output", "out/check.json"], in: folder)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.isEmpty)
        let written = try String(contentsOf: folder.appendingPathComponent("out/check.json"), encoding: .utf8)
        #expect(written.hasSuffix("}\n"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path)
        #expect(leftovers == ["check.json"])
    }

    /// Text is written plan by plan; to a file it still appears whole, with the same bytes.
    @Test func streamedTextToAFileEqualsStandardOutput() throws {
        let folder = try project([
            "ok.xml": validPlan, "weak.xml": validPlan.replacingOccurrences(of: "role-play", with: "lecture"),
        ])
        let printed = try trainplan(["check", "SessionPlans"], in: folder)
        let written = try trainplan(["check", "SessionPlans", "--output", "out/check.txt"], in: folder)
        #expect(written.status == printed.status)
        #expect(written.standardOutput.isEmpty)
        #expect(!printed.standardOutput.isEmpty)
        let text = try String(contentsOf: folder.appendingPathComponent("out/check.txt"), encoding: .utf8)
        #expect(text == printed.standardOutput)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path) == [
                "check.txt"
            ])
        // Blocked output: nothing written, exit 2.
        let blocked = try trainplan(["check", "SessionPlans", "--output", "out/check.txt/x"], in: folder)
        #expect(blocked.status == 2)
        #expect(blocked.standardError.contains("cannot write out/check.txt/x"), "\(blocked.standardError)")
    }

    /// An output that is a device is written, never replaced: `--output /dev/null` run as
    /// root must not turn /dev/null into a file. (Tested through a link to /dev/null, so that
    /// a failure replaces the link, not the device.)
    @Test func anOutputThatIsADeviceIsWrittenInPlace() throws {
        let folder = try project(["ok.xml": validPlan])
        let link = folder.appendingPathComponent("sink").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/null")
        for format in ["text", "json"] {
            let run = try trainplan(["check", "SessionPlans", "--format", format, "--output", "sink"], in: folder)
            #expect(run.status == 0, "\(run.standardError)")
            #expect(run.standardOutput.isEmpty)
            let type = try FileManager.default.attributesOfItem(atPath: link)[.type] as? FileAttributeType
            #expect(type == .typeSymbolicLink, "the link to /dev/null was replaced (\(format))")
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
                "Rubrics", "SessionPlans", "sink",
            ])
    }

    @Test func sameInputsGiveIdenticalBytes() throws {
        let first = try trainplan(["check", "--format", "json"])
        let second = try trainplan(["check", "--format", "json"])
        #expect(first.standardOutput == second.standardOutput)
        #expect(!first.standardOutput.isEmpty)
    }
}

@Suite("trainplan schedule and coverage, trainplan-bench smptsp", .serialized)
struct StaffingCommandTests {
    /// A scratch project with the shipped plans, rubrics and rosters.
    func shippedProject() throws -> URL { try shippedProjectFolder() }

    @Test func scheduleWritesAssignmentsAndExplainsGaps() throws {
        let folder = try shippedProject()
        let run = try trainplan(["schedule", "--term", "Rosters/spring-2027.xml"], in: folder)
        #expect(run.status == 1, "three backups cannot be staffed: \(run.standardError)")
        #expect(run.standardOutput.contains("ch-west-1 has no backup:"))
        #expect(run.standardOutput.contains("  grace     away: Conference"))
        // The eleven people without the module share one line; assignments.xml keeps each.
        #expect(
            run.standardOutput.contains(
                "ch-west-1 has no backup:\n  11 trainers  not qualified for culture: ana, raj, mia, ben, omar, sofia, "
                    + "tom, wei, nadia, sam, joy\n  lena      is the primary of this offering\n"))
        let assignments = try String(contentsOf: folder.appendingPathComponent("out/assignments.xml"), encoding: .utf8)
        #expect(assignments.contains("<assignment offering=\"al-west-1\" primary=\"ana\""))
        #expect(assignments.contains("<unstaffed offering=\"ch-west-1\" role=\"backup\">"))
        #expect(assignments.contains("<candidate trainer=\"nadia\">not qualified for culture</candidate>"))
        let coverage = try String(contentsOf: folder.appendingPathComponent("out/coverage.md"), encoding: .utf8)
        #expect(coverage.contains("| youth-development | sam | **single point of failure** |"))

        // Re-planning from its own output changes nothing and writes the same bytes.
        let again = try trainplan(
            ["schedule", "--term", "Rosters/spring-2027.xml", "--previous", "out/assignments.xml", "--out", "out2"],
            in: folder)
        #expect(again.status == 1)
        #expect(!again.standardOutput.contains("Changes since the previous schedule"))
        let second = try String(contentsOf: folder.appendingPathComponent("out2/assignments.xml"), encoding: .utf8)
        #expect(second == assignments)
    }

    @Test func badTermsSayWhere() throws {
        let folder = try shippedProject()
        let path = folder.appendingPathComponent("Rosters/spring-2027.xml")
        let text = try String(contentsOf: path, encoding: .utf8)
        try text.replacingOccurrences(of: "2027-03-13T09:00", with: "2027-03-14T02:30")
            .write(to: path, atomically: true, encoding: .utf8)
        let run = try trainplan(["schedule", "--term", "Rosters/spring-2027.xml"], in: folder)
        #expect(run.status == 1)
        #expect(run.standardOutput.contains("Rosters/spring-2027.xml:"))
        #expect(run.standardOutput.contains("[dst-gap]"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/assignments.xml").path))
        let missing = try trainplan(["schedule", "--term", "Rosters/nope.xml"], in: folder)
        #expect(missing.status == 2)
        #expect(try trainplan(["schedule"], in: folder).status == 64)
    }

    @Test func coverageWithoutATermListsModules() throws {
        let folder = try shippedProject()
        let run = try trainplan(["coverage"], in: folder)
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("youth-development: sam  ← single point of failure"))
    }

    @Test func theDefaultJobTakesTheCatalogFlagsToEveryStage() throws {
        let folder = try shippedProject()
        let methods = folder.appendingPathComponent("Rubrics/methods.xml")
        try FileManager.default.moveItem(at: methods, to: folder.appendingPathComponent("good-methods.xml"))
        try "<methods><broken></methods>".write(to: methods, atomically: true, encoding: .utf8)
        let broken = try trainplan([], in: folder)
        #expect(broken.status == 2, "a broken catalog stops the job: \(broken.standardError)")
        let run = try trainplan(["--methods", "good-methods.xml"], in: folder)
        #expect(run.status == 1, "three weak plans and three gaps, as with the shipped catalog: \(run.standardError)")
        #expect(!run.standardError.contains("cannot be used"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/assignments.xml").path))
        let schedule = try trainplan(
            ["schedule", "--term", "Rosters/spring-2027.xml", "--methods", "good-methods.xml"], in: folder)
        #expect(schedule.status == 1)
        #expect(schedule.standardOutput.contains("ch-west-1 has no backup:"))
    }

    @Test func aPlanWithAnErrorIsStaffedWithAWarning() throws {
        let folder = try shippedProject()
        let plan = folder.appendingPathComponent("SessionPlans/active-listening.xml")
        let text = try String(contentsOf: plan, encoding: .utf8)
        try text.replacingOccurrences(of: "method=\"demonstration\"", with: "method=\"demonstraton\"")
            .write(to: plan, atomically: true, encoding: .utf8)
        let run = try trainplan(["schedule", "--term", "Rosters/spring-2027.xml"], in: folder)
        #expect(run.status == 1)
        #expect(
            run.standardOutput.contains(
                "warning: The offering 'al-west-1' uses the plan 'active-listening', which has errors: "
                    + "SessionPlans/active-listening.xml:19:"))
        #expect(run.standardOutput.contains("[plan-has-errors]"))
        let assignments = try String(contentsOf: folder.appendingPathComponent("out/assignments.xml"), encoding: .utf8)
        #expect(assignments.contains("<assignment offering=\"al-west-1\" primary=\"ana\""), "still staffed")
    }

    @Test func smptspPrintsWorkers() throws {
        let folder = try project([:])
        let file = folder.appendingPathComponent("tiny.dat")
        try "Type = 1\nJobs = 3\n0 10\n11 20\n5 15\nQualifications = 2\n3: 0 1 2\n3: 0 1 2\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let run = try trainplan(["smptsp", "tiny.dat", "--assignment"], in: folder, tool: "trainplan-bench")
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("workers: 2\n"))
        #expect(run.standardOutput.contains("\nbound: 2 (max-overlap 2)\n"))
        #expect(run.standardOutput.split(separator: "\n").count == 5)
        try "Type = 1\nJobs = 3\n0 10\n".write(to: file, atomically: true, encoding: .utf8)
        let bad = try trainplan(["smptsp", "tiny.dat"], in: folder, tool: "trainplan-bench")
        #expect(bad.status == 2)
        #expect(bad.standardError.hasPrefix("tiny.dat:"))
    }

    @Test("an instance without a solution is said to be one (exit 1), not an internal error")
    func smptspWithoutASolution() throws {
        let folder = try project([:])
        let file = folder.appendingPathComponent("none.dat")
        // Three jobs at once, two workers.
        try "Type = 1\nJobs = 3\n0 10\n0 10\n0 10\nQualifications = 2\n3: 0 1 2\n3: 0 1 2\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let overlap = try trainplan(["smptsp", "none.dat"], in: folder, tool: "trainplan-bench")
        #expect(overlap.status == 1)
        #expect(
            overlap.standardError.contains("no solution: 3 jobs overlap at one moment and there are only 2 workers"))
        // Two jobs at once that only the first of two workers may do.
        try "Type = 1\nJobs = 3\n0 10\n5 15\n20 30\nQualifications = 2\n2: 0 1\n1: 2\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let qualified = try trainplan(["smptsp", "none.dat"], in: folder, tool: "trainplan-bench")
        #expect(qualified.status == 1)
        // The all-different filtering proves it: no search, no "may have no solution".
        #expect(
            qualified.standardError.contains(
                "no solution: at some moment the jobs running cannot all have different qualified workers"))
        #expect(!qualified.standardError.contains("internal error"))
    }

    @Test(
        "a tight instance of the weak-bound family is covered: the construction leaves a job, the cover rounds place it"
    )
    func smptspTightInstanceIsCovered() throws {
        let folder = try project([:])
        let generated = try trainplan(
            ["smptsp-generate", "--jobs", "100", "--workers", "22", "--seed", "3"], in: folder, tool: "trainplan-bench")
        #expect(generated.status == 0)
        try generated.standardOutput.write(
            to: folder.appendingPathComponent("tight.dat"), atomically: true, encoding: .utf8)
        let run = try trainplan(["smptsp", "tight.dat"], in: folder, tool: "trainplan-bench")
        // 21 jobs overlap at one moment, so 21 workers is optimal (CP-SAT's 60 s finds 21 too).
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.hasPrefix("workers: 21\n"))
    }
}

@Suite("Hostile files and failing writes, as a user meets them", .serialized)
struct HostileCommandTests {
    @Test func aFolderWithNoPlans() throws {
        let folder = try project([:])
        let run = try trainplan(["check"], in: folder)
        #expect(run.status == 2)
        #expect(run.standardError.contains("SessionPlans: error: no session plans (*.xml) in this folder [no-plans]"))
    }

    @Test func aFileThatCannotBeReadDoesNotHang() throws {
        let folder = try project(["ok.xml": validPlan])
        let fifo = folder.appendingPathComponent("SessionPlans/pipe.xml").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let run = try trainplan(["check"], in: folder)
        #expect(run.status == 2)
        #expect(
            run.standardOutput.contains(
                "SessionPlans/pipe.xml:1:1: error: The file cannot be read: it is not a regular file."))
    }

    @Test func anOutputThatCannotBeWrittenLeavesNothingHalfDone() throws {
        let folder = try project(["ok.xml": validPlan])
        // A file stands where the output folder should be.
        try "keep me".write(to: folder.appendingPathComponent("out"), atomically: true, encoding: .utf8)
        let run = try trainplan(["check", "--format", "json", "--output", "out/check.json"], in: folder)
        #expect(run.status == 2)
        #expect(run.standardError.contains("cannot write out/check.json"))
        #expect(try String(contentsOf: folder.appendingPathComponent("out"), encoding: .utf8) == "keep me")
    }

    /// The tool cannot start at all under a 40 KB file-size limit when it is built with
    /// ThreadSanitizer (whose runtime needs about 505 KB), so under `--sanitize=thread` this
    /// test is skipped, and says so; the plain `swift test` run carries it.
    @Test(
        .enabled("skipped: this build cannot start under `ulimit -f 40` (a sanitizer's runtime)") {
            try shell("ulimit -f 40; exec \"$TRAINPLAN\" --version").status == 0
        })
    func aScheduleWriteThatFailsPartWayKeepsThePreviousOutputs() throws {
        let folder = try project([:])
        try FileManager.default.removeItem(at: folder.appendingPathComponent("SessionPlans"))
        for name in ["SessionPlans", "Rosters"] {
            try FileManager.default.copyItem(
                at: repositoryRoot.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let first = try trainplan(["schedule", "--term", "Rosters/spring-2027.xml"], in: folder)
        #expect(first.status == 1)
        let assignments = folder.appendingPathComponent("out/assignments.xml")
        let before = try String(contentsOf: assignments, encoding: .utf8)
        // Change the term, then let no file grow past 20 KB (the term's feed is larger), so
        // that writing fails part way.
        let term = folder.appendingPathComponent("Rosters/spring-2027.xml")
        try String(contentsOf: term, encoding: .utf8).replacingOccurrences(
            of: "2027-05-11T18:00", with: "2027-05-11T18:30"
        )
        .write(to: term, atomically: true, encoding: .utf8)
        let live = try FileManager.default.destinationOfSymbolicLink(
            atPath: folder.appendingPathComponent("out/.current").path)
        let second = try shell(
            "trap '' XFSZ; ulimit -f 40; exec \"$TRAINPLAN\" schedule --term Rosters/spring-2027.xml "
                + "--previous out/assignments.xml", in: folder)
        #expect(second.status == 2, "\(second.standardError)")
        #expect(second.standardError.contains("cannot write out/.run-"), "\(second.standardError)")
        #expect(try String(contentsOf: assignments, encoding: .utf8) == before, "the previous assignments are intact")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path)
            .filter { $0.hasPrefix(".") }.sorted()
        #expect(leftovers == [".current", live], "no unfinished generation or temporary file is left: \(leftovers)")
    }
}
