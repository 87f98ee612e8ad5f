import Foundation
import Testing

/// Issue #9's inputs, each as it was found: one attribute of a shipped file set to a value
/// that used to crash the tool (exit 132) or slip through. Every run must end with exit 1 or
/// 2 and a `file:line:column` line at the attribute.
@Suite("Hostile files, as an attacker writes them", .serialized)
struct HostileFileTests {
    struct Edit: Sendable, CustomTestStringConvertible {
        var file: String
        /// The text replaced (its first occurrence) and what replaces it.
        var original: String
        var replacement: String
        /// The attribute whose position the finding must name.
        var attribute: String
        var findingID: String
        /// The commands run on the edited project.
        var commands: [[String]]

        var testDescription: String { "\(attribute)=… in \(file)" }
    }

    static let check = ["check", "SessionPlans"]
    static let schedule = ["schedule", "--term", "Rosters/spring-2027.xml"]

    static let edits: [Edit] = [
        Edit(
            file: "SessionPlans/active-listening.xml", original: "method=\"icebreaker\" minutes=\"10\"",
            replacement: "method=\"icebreaker\" minutes=\"9223372036854775807\"", attribute: "minutes",
            findingID: "invalid-minutes",
            commands: [
                check, check + ["--format", "json"], check + ["--format", "sarif"], check + ["--format", "html"],
                check + ["--format", "markdown"], check + ["--format", "github"],
                ["agenda", "SessionPlans/active-listening.xml"], [],
            ]),
        Edit(
            file: "SessionPlans/active-listening.xml", original: "<break minutes=\"10\"/>",
            replacement: "<break minutes=\"9223372036854775807\"/>", attribute: "minutes",
            findingID: "invalid-minutes", commands: [check, ["agenda", "SessionPlans/active-listening.xml"]]),
        Edit(
            file: "SessionPlans/active-listening.xml", original: "<duration minutes=\"90\"/>",
            replacement: "<duration minutes=\"153722867280912930\"/>", attribute: "minutes",
            findingID: "invalid-minutes", commands: [check, schedule]),
        Edit(
            file: "SessionPlans/active-listening.xml", original: "<duration minutes=\"90\"/>",
            replacement: "<duration minutes=\"1441\"/>", attribute: "minutes", findingID: "invalid-minutes",
            commands: [check]),
        Edit(
            file: "Rosters/trainers.xml", original: "max-hours-per-week=\"6\"",
            replacement: "max-hours-per-week=\"99999999999999999999\"", attribute: "max-hours-per-week",
            findingID: "invalid-number", commands: [schedule, ["coverage", "--term", "Rosters/spring-2027.xml"], []]),
        Edit(
            file: "Rosters/spring-2027.xml", original: "travel-minutes=\"30\"",
            replacement: "travel-minutes=\"9223372036854775807\"", attribute: "travel-minutes",
            findingID: "invalid-minutes", commands: [schedule, []]),
    ]

    @Test(arguments: edits)
    func aHugeNumberIsAFindingAtItsAttribute(_ edit: Edit) throws {
        let folder = try shippedProjectFolder()
        let path = folder.appendingPathComponent(edit.file)
        let text = try String(contentsOf: path, encoding: .utf8)
        let range = try #require(text.range(of: edit.original), "the shipped file changed")
        let edited = text.replacingCharacters(in: range, with: edit.replacement)
        try edited.write(to: path, atomically: true, encoding: .utf8)
        let expected = try #require(position(of: edit.replacement, attribute: edit.attribute, in: edited))
        for command in edit.commands {
            let run = try trainplan(command, in: folder)
            let said = run.standardOutput + run.standardError
            #expect(run.status == 1 || run.status == 2, "trainplan \(command): exit \(run.status)\n\(said)")
            let format = command.firstIndex(of: "--format").map { command[$0 + 1] } ?? "text"
            let pointer =
                switch format {
                case "text" where command.first == "schedule" && edit.file.hasPrefix("SessionPlans/"):
                    // The offerings that use the plan say what stops it being read.
                    said.contains("\(edit.file):\(expected.line):\(expected.column): minutes=")
                case "text":
                    said.contains("\(edit.file):\(expected.line):\(expected.column): error:")
                        && said.contains("[\(edit.findingID)]")
                case "github":
                    said.contains(
                        "::error file=\(edit.file),line=\(expected.line),col=\(expected.column),title=\(edit.findingID)::"
                    )
                default:
                    said.contains(edit.findingID) && said.contains("\(expected.line)")
                }
            #expect(
                pointer,
                "trainplan \(command) should point at \(edit.file):\(expected.line):\(expected.column)\n\(said)")
        }
    }

    @Test func aPreviousScheduleWithHugeNumbersIsRefusedWhereItSaysSo() throws {
        let folder = try shippedProjectFolder()
        #expect(try trainplan(Self.schedule, in: folder).status == 1)
        let path = folder.appendingPathComponent("out/assignments.xml")
        var text = try String(contentsOf: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "sequence=\"0\"", with: "sequence=\"9223372036854775807\"")
        text = text.replacingOccurrences(
            of: "</assignments>",
            with:
                "  <assignment offering=\"gone\" primary=\"ana\" start=\"9223372036854775807\" end=\"-5\" stamp=\"20270101T000000Z&#13;&#10;X-INJECTED:yes\"/>\n</assignments>"
        )
        try text.write(to: path, atomically: true, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let sequenceLine = try #require(lines.firstIndex { $0.contains("sequence=\"9223372036854775807\"") }) + 1
        let goneLine = try #require(lines.firstIndex { $0.contains("offering=\"gone\"") }) + 1
        let run = try trainplan(Self.schedule + ["--previous", "out/assignments.xml", "--out", "out2"], in: folder)
        let said = run.standardOutput + run.standardError
        #expect(run.status == 1 || run.status == 2, "exit \(run.status)\n\(said)")
        #expect(said.contains("out/assignments.xml:\(sequenceLine):"), "\(said)")
        #expect(said.contains("out/assignments.xml:\(goneLine):"), "\(said)")
        #expect(!said.contains("\nX-INJECTED") && !said.contains("\r"), "the forged line is never echoed raw")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out2/assignments.xml").path))
    }

    @Test func aTermBefore1970OrAfter9999IsAnError() throws {
        let folder = try shippedProjectFolder()
        let path = folder.appendingPathComponent("Rosters/spring-2027.xml")
        let text = try String(contentsOf: path, encoding: .utf8)
        try text.replacingOccurrences(of: "2027-03-13T09:00", with: "1969-03-13T09:00")
            .write(to: path, atomically: true, encoding: .utf8)
        let run = try trainplan(Self.schedule, in: folder)
        #expect(run.status == 1)
        #expect(run.standardOutput.contains("[invalid-date]"), "\(run.standardOutput)")
    }

    @Test func aFullDiskOnStandardOutputOrErrorExitsTwo() throws {
        for redirect in ["> /dev/full", "2> /dev/full", "> /dev/full 2> /dev/full"] {
            for format in ["text", "json"] {
                let run = try shell("\"$TRAINPLAN\" check SessionPlans --format \(format) \(redirect)")
                #expect(run.status == 2, "check --format \(format) \(redirect): exit \(run.status)")
                if !redirect.contains("2>") {
                    #expect(run.standardError.contains("trainplan: cannot write to standard output: No space left"))
                }
            }
        }
    }

    @Test func anOutputNamedThroughALinkToStandardOutputIsWrittenInPlace() throws {
        let folder = try shippedProjectFolder()
        let report = folder.appendingPathComponent("report.txt").path
        for target in ["/dev/stdout", "/proc/self/fd/1"] {
            let run = try shell("\"$TRAINPLAN\" check SessionPlans --output \(target) > '\(report)'", in: folder)
            #expect(run.status == 1, "\(run.standardError)")
            let text = try String(contentsOfFile: report, encoding: .utf8)
            #expect(text.contains("[rehearses-a-conversation]"), "the report went through the link")
            var status = stat()
            #expect(lstat("/dev/stdout", &status) == 0 && status.st_mode & S_IFMT == S_IFLNK, "/dev/stdout is a link")
        }
        let strays = try FileManager.default.contentsOfDirectory(atPath: "/dev").filter { $0.hasPrefix(".stdout") }
        #expect(strays.isEmpty, "no temporary file in /dev: \(strays)")

        // A link inside the project: the file it points to is replaced, the link stays.
        let real = folder.appendingPathComponent("real.txt").path
        try "old".write(toFile: real, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("link.txt").path, withDestinationPath: real)
        _ = try trainplan(["check", "SessionPlans", "--output", "link.txt"], in: folder)
        let link = try FileManager.default.destinationOfSymbolicLink(
            atPath: folder.appendingPathComponent("link.txt").path)
        #expect(link == real)
        #expect(try String(contentsOfFile: real, encoding: .utf8).contains("[rehearses-a-conversation]"))
    }

    @Test func anOutputNeverReplacesAnInput() throws {
        let folder = try shippedProjectFolder()
        let plan = "SessionPlans/active-listening.xml"
        let before = try Data(contentsOf: folder.appendingPathComponent(plan))
        for format in ["text", "json", "html"] {
            let run = try trainplan(["check", plan, "--format", format, "--output", plan], in: folder)
            #expect(run.status == 2, "--format \(format): exit \(run.status)")
            #expect(run.standardError.contains("cannot write \(plan): it is one of the inputs"), "\(run.standardError)")
        }
        let folderRun = try trainplan(["check", "SessionPlans", "--output", "Rubrics/methods.xml"], in: folder)
        #expect(folderRun.status == 2)
        #expect(try Data(contentsOf: folder.appendingPathComponent(plan)) == before, "the plan is untouched")
        let methods = try String(contentsOf: folder.appendingPathComponent("Rubrics/methods.xml"), encoding: .utf8)
        #expect(methods.hasPrefix("<?xml"), "the catalog is untouched")
    }

    @Test func echoedValuesCannotForgeLines() throws {
        let folder = try shippedProjectFolder()
        let path = folder.appendingPathComponent("Rubrics/verbs.xml")
        let text = try String(contentsOf: path, encoding: .utf8)
        // A level id with a line end and a GitHub Actions command after it.
        let range = try #require(text.range(of: "<level id=\"remember\""))
        try text.replacingCharacters(
            in: range, with: "<level id=\"x&#10;::error file=README.md,line=1::forged\""
        )
        .write(to: path, atomically: true, encoding: .utf8)
        for format in ["text", "github"] {
            let run = try trainplan(["check", "SessionPlans", "--format", format], in: folder)
            let said = run.standardOutput + run.standardError
            #expect(run.status == 2, "\(format): exit \(run.status)")
            let lines = said.split(separator: "\n")
            #expect(!lines.contains { $0.hasPrefix("::error file=README.md") }, "\(format): a forged command\n\(said)")
            #expect(said.contains("'x\\n::error file=README.md,line=1::forged'"), "\(format): \(said)")
        }
        // File names with a line end or a terminal escape sequence in them.
        let plan = validPlan.replacingOccurrences(of: "\"ok\"", with: "\"a\"")
        let named = try project(["a\nb.xml": plan, "a\u{1B}[2Jc.xml": plan])
        let run = try trainplan(["check", "SessionPlans"], in: named)
        #expect(run.standardOutput.contains("SessionPlans/a\\nb.xml:1:1: warning:"), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("SessionPlans/a\\u{1B}[2Jc.xml:1:1: warning:"), "\(run.standardOutput)")
        #expect(!(run.standardOutput + run.standardError).contains("\u{1B}"), "a raw escape reaches the terminal")
    }

    @Test func aLinkedSubfolderIsFollowedAndALoopEnds() throws {
        let folder = try shippedProjectFolder()
        let extra = folder.appendingPathComponent("Extra")
        try FileManager.default.createDirectory(at: extra, withIntermediateDirectories: true)
        try validPlan.replacingOccurrences(of: "\"ok\"", with: "\"extra\"")
            .write(to: extra.appendingPathComponent("extra.xml"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("SessionPlans/linked").path, withDestinationPath: extra.path)
        // A link back up the tree.
        try FileManager.default.createSymbolicLink(
            atPath: extra.appendingPathComponent("up").path,
            withDestinationPath: folder.appendingPathComponent("SessionPlans").path)
        let run = try trainplan(["check", "SessionPlans"], in: folder)
        #expect(run.standardError.contains("checked 13 plans"), "\(run.standardError)")
    }

    /// The schedule's outputs of `folder/out` are whole: `.current` names a generation with
    /// all three, and nothing else is left beside it.
    func expectOneWholeGeneration(_ out: URL, _ comment: String) throws {
        let manager = FileManager.default
        let live = try manager.destinationOfSymbolicLink(atPath: out.appendingPathComponent(".current").path)
        for name in ["assignments.xml", "coverage.md", "calendars/term-spring-2027.ics"] {
            #expect(
                manager.fileExists(atPath: out.appendingPathComponent("\(live)/\(name)").path), "\(comment): \(name)")
        }
        let assignments = try String(contentsOf: out.appendingPathComponent("assignments.xml"), encoding: .utf8)
        #expect(assignments.hasSuffix("</assignments>\n"), "\(comment): assignments.xml is whole")
        let term = try String(contentsOf: out.appendingPathComponent("calendars/term-spring-2027.ics"), encoding: .utf8)
        let stamps = Set(assignments.matches(of: /stamp="([0-9TZ]+)"/).map { String($0.output.1) })
        for stamp in term.matches(of: /DTSTAMP:([0-9TZ]+)/).map({ String($0.output.1) }) {
            #expect(stamps.contains(stamp), "\(comment): the calendar and assignments.xml are of one run")
        }
    }

    /// Issue #9: 50 of 50 kills during the renames left new calendars beside the old
    /// assignments.xml, and 14,281 temporary files.
    @Test func aKilledScheduleRunLeavesTheLastWholeSetAndTheNextRunCleansUp() throws {
        let folder = try shippedProjectFolder()
        let out = folder.appendingPathComponent("out")
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var binary = products.appendingPathComponent("trainplan")
        if !FileManager.default.fileExists(atPath: binary.path) {
            binary = repositoryRoot.appendingPathComponent(".build/debug/trainplan")
        }
        #expect(try trainplan(["schedule", "--term", "Rosters/spring-2027.xml", "--fresh"], in: folder).status == 1)
        var random = SystemRandomNumberGenerator()
        for round in 0..<30 {
            for signal in [SIGKILL, SIGTERM, SIGINT]
            where round % 3 == [SIGKILL, SIGTERM, SIGINT].firstIndex(of: signal) {
                let generations = { () throws -> Set<String> in
                    Set(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".run-") })
                }
                let before = try generations()
                let process = Process()
                process.executableURL = binary
                process.arguments = ["schedule", "--term", "Rosters/spring-2027.xml", "--fresh"]
                process.currentDirectoryURL = folder
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                usleep(UInt32.random(in: 20_000...400_000, using: &random))
                kill(process.processIdentifier, signal)
                process.waitUntilExit()
                try expectOneWholeGeneration(out, "after signal \(signal) in round \(round)")
                if signal != SIGKILL {
                    // What a SIGKILL left stays until a run gets as far as publishing; a run
                    // ended by SIGTERM or SIGINT leaves no generation of its own but the live one.
                    let live = try FileManager.default.destinationOfSymbolicLink(
                        atPath: out.appendingPathComponent(".current").path)
                    let added = try generations().subtracting(before).subtracting([live])
                    #expect(added.isEmpty, "signal \(signal) removes the unfinished generation: \(added)")
                }
            }
        }
        #expect(try trainplan(["schedule", "--term", "Rosters/spring-2027.xml"], in: folder).status == 1)
        try expectOneWholeGeneration(out, "after a normal run")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names.filter { $0.hasPrefix(".") }.count == 2, "only .current and its generation: \(names)")
        #expect(
            Set(names.filter { !$0.hasPrefix(".") }) == [
                "assignments.xml", "calendars", "coverage.md", "schedule.html", "schedule.csv",
            ])
    }

    /// Issue #9: a trainer who left kept her old feed; places no longer used kept theirs.
    @Test func theOutputFolderHoldsExactlyThisRunsFiles() throws {
        let folder = try shippedProjectFolder()
        let arguments = ["schedule", "--term", "Rosters/spring-2027.xml"]
        _ = try trainplan(arguments, in: folder)
        let calendars = folder.appendingPathComponent("out/calendars")
        #expect(FileManager.default.fileExists(atPath: calendars.appendingPathComponent("trainer-ana.ics").path))
        let roster = folder.appendingPathComponent("Rosters/trainers.xml")
        let text = try String(contentsOf: roster, encoding: .utf8)
        try text.replacing(#/\n  <trainer id="ana"[\s\S]*?<\/trainer>/#, with: "")
            .write(to: roster, atomically: true, encoding: .utf8)
        let term = folder.appendingPathComponent("Rosters/spring-2027.xml")
        try String(contentsOf: term, encoding: .utf8).replacingOccurrences(of: "Online (video call)", with: "Zoom")
            .replacingOccurrences(of: " primary=\"ana\"", with: "").replacingOccurrences(
                of: " backup=\"ana\"", with: ""
            )
            .write(to: term, atomically: true, encoding: .utf8)
        let second = try trainplan(arguments, in: folder)
        #expect(second.status <= 1, "\(second.standardOutput)")
        let last = try String(contentsOf: calendars.appendingPathComponent("trainer-ana.ics"), encoding: .utf8)
        let statuses = last.matches(of: /STATUS:([A-Z]+)/).map { String($0.output.1) }
        #expect(!statuses.isEmpty && statuses.allSatisfy { $0 == "CANCELLED" }, "ana's last feed cancels every duty")
        let names = try FileManager.default.contentsOfDirectory(atPath: calendars.path)
        #expect(!names.contains("location-online-video-call.ics"), "a place no longer used has no feed: \(names)")
        _ = try trainplan(arguments, in: folder)
        #expect(
            !FileManager.default.fileExists(atPath: calendars.appendingPathComponent("trainer-ana.ics").path),
            "then none")
    }

    /// A rubric whose custom rule is `test`, in a copy of the shipped project (plans in
    /// `SessionPlans`, plus `extra` plans in `Extra/`).
    func rubricProject(test: String, extra: [String: String] = [:]) throws -> URL {
        let folder = try shippedProjectFolder()
        let path = folder.appendingPathComponent("Rubrics/adult-learning.xml")
        let text = try String(contentsOf: path, encoding: .utf8)
        let original =
            "test=\"count(//activity[@method='role-play' or @method='simulation' or @method='skill-practice']) &gt; 0\""
        let escaped = test.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        let range = try #require(text.range(of: original), "the shipped rubric changed")
        try text.replacingCharacters(in: range, with: "test=\"\(escaped)\"").write(
            to: path, atomically: true, encoding: .utf8)
        if !extra.isEmpty {
            let folderURL = folder.appendingPathComponent("Extra")
            try FileManager.default.createDirectory(at: folderURL, withIntermediateDirectories: true)
            for (name, plan) in extra {
                try plan.write(to: folderURL.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
        }
        return folder
    }

    /// The line of the shipped rubric's custom rule.
    var assertLine: Int {
        let text =
            (try? String(
                contentsOf: repositoryRoot.appendingPathComponent("Rubrics/adult-learning.xml"), encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.contains("<assert id=\"rehearses-a-conversation\"") } ?? -1) + 1
    }

    /// The shipped plan `active-listening` with `count` more one-minute activities and `padding`
    /// bytes of description.
    func largePlan(activities count: Int = 0, padding: Int = 0) throws -> String {
        var plan = try String(
            contentsOf: repositoryRoot.appendingPathComponent("SessionPlans/active-listening.xml"), encoding: .utf8)
        let many = (0..<count).map { "<activity id=\"a\($0)\" method=\"lecture\" minutes=\"1\"/>" }.joined()
        plan = plan.replacingOccurrences(of: "<agenda>", with: "<agenda>" + many)
        return plan.replacingOccurrences(
            of: "Rotate roles every eight minutes", with: "Rotate " + String(repeating: "x", count: padding))
    }

    @Test(arguments: ["namespace::*", "//namespace::*", "count(//namespace::*) > 100"])
    func namespaceNodesDoNotCrash(_ test: String) throws {
        let folder = try rubricProject(test: test)
        let run = try trainplan(["check", "SessionPlans"], in: folder)
        #expect(run.status == 1, "exit \(run.status)\n\(run.standardError)")
    }

    @Test func aRuleTooLongOrTooDeepIsRefusedAtItsLine() throws {
        for test in [
            String(repeating: "(", count: 60_000) + "1" + String(repeating: ")", count: 60_000),
            String(repeating: "(", count: 40) + "1" + String(repeating: ")", count: 40),
        ] {
            let folder = try rubricProject(test: test)
            let run = try trainplan(["check", "SessionPlans"], in: folder)
            #expect(run.status == 2, "exit \(run.status)")
            #expect(
                run.standardError.contains(
                    "Rubrics/adult-learning.xml:\(assertLine + 1):11: error: The rule 'rehearses-a-conversation' has an XPath expression that does not compile: it"
                ), "\(run.standardError)")
            #expect(run.standardError.contains("[invalid-xpath]"))
        }
    }

    @Test func aRuleThatRunsTooLongIsAFindingAtItsLine() throws {
        // Six nested counts over every element: about 10^15 steps on the shipped plans.
        let nested = "count(//*[count(//*[count(//*[count(//*[count(//*[count(//*) > 0]) > 0]) > 0]) > 0]) > 0]) > 0"
        let folder = try rubricProject(test: nested)
        let run = try trainplan(["check", "SessionPlans"], in: folder)
        #expect(run.status == 1, "exit \(run.status)")
        #expect(
            run.standardOutput.contains(
                "Rubrics/adult-learning.xml:\(assertLine):3: warning: The rule 'rehearses-a-conversation' could not be evaluated on SessionPlans/active-listening.xml: it takes more than 2000000 steps on this plan"
            ),
            "\(run.standardOutput)")
    }

    @Test func aRuleThatBuildsAHugeStringIsStopped() throws {
        let concat = "string-length(concat(" + Array(repeating: "/", count: 480).joined(separator: ",") + ")) > 0"
        let folder = try rubricProject(test: concat, extra: ["active-listening.xml": try largePlan(padding: 4_100_000)])
        let run = try trainplan(["check", "Extra"], in: folder)
        #expect(run.status == 0, "a rule that cannot be evaluated is a warning: exit \(run.status)")
        #expect(
            run.standardOutput.contains(
                "could not be evaluated on Extra/active-listening.xml: it builds a string of more than 1048576 bytes"),
            "\(run.standardOutput)")
    }

    @Test func aRuleThatComparesHugeStringsOnALongPlanIsStopped() throws {
        let folder = try rubricProject(
            test: "count(//*[string(/) = string(/)]) > 0",
            extra: ["active-listening.xml": try largePlan(activities: 60_000)])
        let run = try trainplan(["check", "Extra"], in: folder)
        #expect(run.status == 1, "exit \(run.status)\n\(run.standardError)")
        #expect(
            run.standardOutput.contains("could not be evaluated on Extra/active-listening.xml: it "),
            "\(run.standardOutput.prefix(2000))")
    }

    /// The line and column (1-based) of `attribute` inside the first occurrence of `snippet`.
    func position(of snippet: String, attribute: String, in text: String) -> (line: Int, column: Int)? {
        var line = 1
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let range = raw.range(of: snippet), let name = raw[range].range(of: "\(attribute)=\"") {
                return (line, raw.distance(from: raw.startIndex, to: name.lowerBound) + 1)
            }
            line += 1
        }
        return nil
    }
}

/// A scratch project with the shipped plans, rubrics and rosters.
func shippedProjectFolder() throws -> URL {
    let folder = try project([:])
    try FileManager.default.removeItem(at: folder.appendingPathComponent("SessionPlans"))
    for name in ["SessionPlans", "Rosters"] {
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    return folder
}

/// Runs a shell command line in `folder` with `$TRAINPLAN` set to the built binary.
func shell(_ command: String, in folder: URL? = nil) throws -> Invocation {
    let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    var binary = products.appendingPathComponent("trainplan")
    if !FileManager.default.fileExists(atPath: binary.path) {
        binary = repositoryRoot.appendingPathComponent(".build/debug/trainplan")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    process.environment = ProcessInfo.processInfo.environment.merging(["TRAINPLAN": binary.path]) { $1 }
    process.currentDirectoryURL = try folder ?? shippedProjectFolder()
    let error = Pipe()
    process.standardError = error
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Invocation(
        status: process.terminationStatus, standardOutput: "", standardError: String(decoding: errorData, as: UTF8.self)
    )
}
