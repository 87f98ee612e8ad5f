import Foundation
import Testing

/// Issue #9's "what a new user hits": each as it was met, run as the user ran it.
@Suite("What a new user hits", .serialized)
struct NewUserTests {
    @Test func failUnderSaysWhyAndTakesOnlyPercentages() throws {
        let folder = try shippedProjectFolder()
        let run = try trainplan(
            [
                "check", "SessionPlans/active-listening.xml", "SessionPlans/orientation-welcome.xml", "--fail-under",
                "97",
            ],
            in: folder)
        #expect(run.status == 1)
        #expect(run.standardError.contains("2 pass, 0 fail"))
        #expect(
            run.standardError.contains("trainplan: exit 1: the lowest score is 96.2%, under --fail-under 97"),
            "\(run.standardError)")
        let strict = try trainplan(["check", "SessionPlans/orientation-welcome.xml", "--strict"], in: folder)
        #expect(strict.status == 1)
        #expect(strict.standardError.contains("trainplan: exit 1: --strict, and there is 1 warning"))
        for bad in ["150", "-1"] {
            let refused = try trainplan(["check", "--fail-under=\(bad)"], in: folder)
            #expect(refused.status == 64, "--fail-under \(bad)")
            #expect(refused.standardError.contains("--fail-under is a percentage from 0 to 100"))
        }
    }

    @Test func aFileThatCannotBeReadIsNotCountedAsAFailure() throws {
        let folder = try project([
            "ok.xml": validPlan, "amp.xml": "<session id=\"x\">\n<title>A & B</title></session>\n",
        ])
        let run = try trainplan(["check", "SessionPlans"], in: folder)
        #expect(run.status == 2)
        #expect(run.standardError.contains("checked 2 plans: 1 pass, 0 fail, 1 cannot be read"), "\(run.standardError)")
        // libxml2's own words, "XmlParseEntityRef: no name", are not what a trainer reads.
        #expect(
            run.standardOutput.contains(
                "SessionPlans/amp.xml:2:11: error: A bare '&': in XML an ampersand starts an entity such as &amp;. [xml-malformed]"
            ), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("hint: Write & as &amp;"))
        #expect(!run.standardOutput.contains("XmlParseEntityRef"))
    }

    @Test func aLatin1FileIsAnEncodingProblem() throws {
        let folder = try project([:])
        let bytes =
            Array("<?xml version=\"1.0\"?>\n<session id=\"x\"><title>caf".utf8) + [0xE9]
            + Array("</title></session>\n".utf8)
        try Data(bytes).write(to: folder.appendingPathComponent("SessionPlans/latin.xml"))
        let run = try trainplan(["check", "SessionPlans"], in: folder)
        #expect(run.status == 2)
        #expect(
            run.standardOutput.contains("SessionPlans/latin.xml:2:27: error: The text is not valid UTF-8 here"),
            "\(run.standardOutput)")
        #expect(run.standardOutput.contains("[xml-encoding]"))
    }

    @Test func aBadIdIsExplainedOnceWithoutSchemaJargon() throws {
        let plan = validPlan.replacingOccurrences(of: "<session id=\"ok\">", with: "<session\n  id=\"Sample Plan\">")
        let folder = try project(["ok.xml": plan])
        let run = try trainplan(["check", "SessionPlans"], in: folder)
        #expect(run.status == 1)
        #expect(run.standardOutput.contains("SessionPlans/ok.xml:2:3: error: 'Sample Plan' is not a valid id"))
        #expect(!run.standardOutput.contains("[facet 'pattern']"), "\(run.standardOutput)")
    }

    @Test func outsideAProjectFolderItSaysHowToStartOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trainplan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let run = try trainplan([], in: folder)
        #expect(run.status == 2)
        #expect(run.standardError.contains("there is no SessionPlans/ folder here, so this is not a trainplan project"))
        #expect(run.standardError.contains("`trainplan init`"))
        #expect(!run.standardOutput.contains("no such file"), "no plan is counted as failed")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path), "no out/ is left")
    }

    @Test func initWritesAWorkingProjectAndNeverOverwrites() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trainplan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let made = try trainplan(["init"], in: folder)
        #expect(made.status == 0, "\(made.standardError)")
        for path in [
            "SessionPlans/active-listening.xml", "Rubrics/adult-learning.xml", "Rosters/trainers.xml",
            "Rosters/autumn-2027.xml", "Schemas/session-plan.xsd",
        ] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path), "\(path)")
        }
        let job = try trainplan([], in: folder)
        #expect(job.status == 0, "the example passes and is fully staffed: \(job.standardError)")
        #expect(job.standardError.contains("checked 4 plans: 4 pass, 0 fail"))
        #expect(job.standardError.contains("7 of 7 offerings fully staffed"))
        // A second init (or one over a real project) writes nothing.
        let plan = folder.appendingPathComponent("SessionPlans/active-listening.xml")
        try "edited".write(to: plan, atomically: true, encoding: .utf8)
        let again = try trainplan(["init"], in: folder)
        #expect(again.status == 1)
        #expect(again.standardError.contains("nothing was written"))
        #expect(try String(contentsOf: plan, encoding: .utf8) == "edited")
        let sub = try trainplan(["init", "starter"], in: folder)
        #expect(sub.status == 0)
        #expect(
            FileManager.default.fileExists(atPath: folder.appendingPathComponent("starter/Rosters/trainers.xml").path))
    }

    /// Issue #9: two runs of `schedule --out DIR` wrote different DTSTAMPs.
    @Test func schedulingTwiceIntoOneFolderWritesTheSameBytes() throws {
        let folder = try shippedProjectFolder()
        let arguments = ["schedule", "--term", "Rosters/spring-2027.xml", "--out", "o"]
        _ = try trainplan(arguments, in: folder)
        let first = try Data(contentsOf: folder.appendingPathComponent("o/assignments.xml"))
        let feed = try Data(contentsOf: folder.appendingPathComponent("o/calendars/trainer-ana.ics"))
        Thread.sleep(forTimeInterval: 1.1)
        let again = try trainplan(arguments, in: folder)
        #expect(again.standardError.contains("keeping what can stay of o/assignments.xml"))
        #expect(try Data(contentsOf: folder.appendingPathComponent("o/assignments.xml")) == first)
        #expect(try Data(contentsOf: folder.appendingPathComponent("o/calendars/trainer-ana.ics")) == feed)
        Thread.sleep(forTimeInterval: 1.1)
        _ = try trainplan(arguments + ["--fresh"], in: folder)
        let fresh = try Data(contentsOf: folder.appendingPathComponent("o/assignments.xml"))
        #expect(fresh != first, "--fresh stamps anew")
    }

    /// Issue #9: a term in another time zone than the roster unstaffed everything in silence.
    @Test func aTimeZoneMismatchIsSaidAndTheMissedWindowsNamed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trainplan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = try trainplan(["init"], in: folder)
        let path = folder.appendingPathComponent("Rosters/autumn-2027.xml")
        try String(contentsOf: path, encoding: .utf8)
            .replacingOccurrences(of: "timezone=\"America/Chicago\"", with: "timezone=\"Europe/London\"")
            .write(to: path, atomically: true, encoding: .utf8)
        let run = try trainplan(["schedule", "--term", "Rosters/autumn-2027.xml"], in: folder)
        #expect(run.status == 1)
        #expect(
            run.standardOutput.contains(
                "Rosters/autumn-2027.xml:7:1: warning: The term's times are in Europe/London, but the roster's availability"
            ), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("[time-zone-differs]"))
        #expect(
            run.standardOutput.contains(
                "  chloe     outside availability (sat 03:30–05:00; available sat 08:30–14:00)"),
            "\(run.standardOutput)")
    }

    /// Issue #9: assignments.xml held raw minute counts and there was no printable view.
    @Test func theScheduleIsReadable() throws {
        let folder = try shippedProjectFolder()
        _ = try trainplan(["schedule", "--term", "Rosters/spring-2027.xml"], in: folder)
        let out = folder.appendingPathComponent("out")
        let assignments = try String(contentsOf: out.appendingPathComponent("assignments.xml"), encoding: .utf8)
        #expect(assignments.contains("start=\"2027-03-02T18:00-06:00\" end=\"2027-03-02T19:30-06:00\""))
        #expect(assignments.contains("-05:00\""), "after the spring change the offset is CDT")
        let csv = try String(contentsOf: out.appendingPathComponent("schedule.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("offering,date,weekday,start,end,place,session,title,primary,backup,observer\r\n"))
        #expect(csv.contains("al-west-1,2027-03-02,tue,18:00,19:30,Westside Community Center,active-listening,"))
        let html = try String(contentsOf: out.appendingPathComponent("schedule.html"), encoding: .utf8)
        #expect(html.contains("<h2>Week of 2027-03-02</h2>"))
        #expect(html.contains("<section class=\"trainer\"><h2>Ana Ruiz (ana)</h2>"))
        #expect(!html.contains("<script") && !html.contains("http"), "self-contained")
        let coverage = try String(contentsOf: out.appendingPathComponent("coverage.md"), encoding: .utf8)
        #expect(coverage.contains("| Busiest week (h, counted) | Weekly limit (h) |"), "like with like")
        // A file written by an older version, with minute counts, still reads as the previous schedule.
        let old = assignments.replacing(/start="[^"]*" end="[^"]*"/) { _ in "start=\"30067200\" end=\"30067290\"" }
        try old.write(to: out.appendingPathComponent("old.xml"), atomically: true, encoding: .utf8)
        let again = try trainplan(
            ["schedule", "--term", "Rosters/spring-2027.xml", "--previous", "out/old.xml", "--out", "o2"], in: folder)
        #expect(again.status == 1, "\(again.standardOutput)")
        #expect(!again.standardOutput.contains("error:"), "\(again.standardOutput)")
    }

    /// Issue #9: long runs were silent. Progress goes to standard error on a terminal only.
    @Test func progressOnATerminalOnly() throws {
        let folder = try shippedProjectFolder()
        let quiet = try trainplan(["schedule", "--term", "Rosters/spring-2027.xml"], in: folder)
        #expect(!quiet.standardError.contains("\r"), "no progress in a pipe")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            Issue.record("SKIPPED the terminal half: /usr/bin/script (util-linux) is missing")
            return
        }
        // script(1) runs the command on a pseudo-terminal and copies what it prints.
        let run = try shell(
            "script -qec '\"$TRAINPLAN\" schedule --term Rosters/spring-2027.xml --out o3 >/dev/null' /dev/null > tty.txt",
            in: folder)
        #expect(run.status == 0 || run.status == 1)
        let seen = try String(contentsOf: folder.appendingPathComponent("tty.txt"), encoding: .utf8)
        #expect(seen.contains("trainplan: scheduling 40 offerings: peak reduction done"), "\(seen)")
    }

    @Test func aBrokenTermIsNamedAndNoPreviousIsBlamed() throws {
        let folder = try shippedProjectFolder()
        try "<term id=\"t\"".write(
            to: folder.appendingPathComponent("Rosters/spring-2027.xml"), atomically: true, encoding: .utf8)
        let run = try trainplan(["schedule", "--term", "Rosters/spring-2027.xml"], in: folder)
        #expect(run.status == 2)
        #expect(run.standardError.contains("trainplan: the term Rosters/spring-2027.xml cannot be used"))
        #expect(!run.standardError.contains("previous"), "\(run.standardError)")
    }
}
