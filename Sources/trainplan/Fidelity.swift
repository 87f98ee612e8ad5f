import ArgumentParser
import Foundation
import TrainPlanCore
import TrainPlanFidelity
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview

extension TrainPlan {
    /// `trainplan fidelity`: planned against delivered, from the delivery logs and observations.
    struct Fidelity: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report how each logged offering was delivered against its plan (out/fidelity.html and .md).",
            discussion: """
                Reads every delivery log and observation in Records/deliveries/ (docs/fidelity.md), checks each \
                against the term and its plan, reviews each delivered session with the plan's rubric, and writes \
                OUT/fidelity.html and OUT/fidelity.md. Exit status: 0 every log is usable and every delivered \
                session passes the rubric, 1 a log has an error or a delivered session fails, 2 a log cannot be \
                read or parsed.
                """)

        @OptionGroup var rubric: RubricOptions

        @Option(help: "The folder of delivery logs and observations.")
        var logs: String = "Records/deliveries"

        @Option(help: "The term (default: the one term in Rosters/ besides trainers.xml).")
        var term: String?

        @Option(help: "The roster; the trainers and observers a log names are checked on it when it exists.")
        var roster: String = "Rosters/trainers.xml"

        @Option(help: "The folder of session plans.")
        var plans: String = "SessionPlans"

        @Option(help: "The folder the reports are written to.")
        var out: String = "out"

        func run() throws {
            let project = try rubric.loadProject(plans: [plans], asCurriculum: true)
            let status = try FidelityRunner.run(
                project: project, term: term, roster: roster, logs: logs, out: out, printFindings: true)
            if status != 0 { throw ExitCode(status) }
        }
    }
}

/// What `fidelity` and the default job share: reading the term and the logs, building and
/// writing the report.
enum FidelityRunner {
    /// The term of a project: the given file, or the one term file in Rosters/.
    static func termPath(_ given: String?, roster: String) throws -> String {
        if let given { return given }
        let folder = (roster as NSString).deletingLastPathComponent
        let terms = InputFiles.xmlFiles(in: [folder.isEmpty ? "." : folder]).files.filter { $0 != roster }
        guard terms.count == 1, let only = terms.first else {
            Console.error(
                terms.isEmpty
                    ? "trainplan: no term in \(folder)/; name one with --term FILE"
                    : "trainplan: \(terms.count) terms in \(folder)/; name one with --term FILE")
            throw ExitCode(64)
        }
        return only
    }

    /// The term, the plans and the catalogs for resolving logs; exits 2 when the term cannot be used.
    static func inputs(project: Project, term given: String?, roster: String) throws -> FidelityInputs {
        let path = try termPath(given, roster: roster)
        let termRead = StaffingLoader.term(InputFiles.read(path), file: path)
        guard let term = termRead.value else {
            Console.error(TextReporter.render(termRead.findings), terminator: "")
            Console.error("trainplan: the term \(path) cannot be used; fix it first")
            throw ExitCode(2)
        }
        let rosterValue =
            InputFiles.exists(roster) ? StaffingLoader.roster(InputFiles.read(roster), file: roster).value : nil
        return FidelityInputs(
            term: term, review: project.review, catalog: project.catalog, verbs: project.verbs,
            rubric: project.rubric, roster: rosterValue)
    }

    /// Reads every log of the folder (none when it does not exist).
    static func readLogs(_ folder: String) -> (logs: [DeliveryLog], findings: [Finding], unreadable: Bool) {
        var logs: [DeliveryLog] = []
        var findings: [Finding] = []
        var unreadable = false
        let files = InputFiles.exists(folder) ? InputFiles.xmlFiles(in: [folder]).files : []
        for file in files {
            let read = DeliveryLogLoader.log(InputFiles.read(file), file: file)
            findings += read.findings
            if read.isUnreadable { unreadable = true }
            if let log = read.value { logs.append(log) }
        }
        return (logs, findings, unreadable)
    }

    /// Builds the report, writes OUT/fidelity.html and OUT/fidelity.md together, and returns the
    /// exit status (0, 1 or 2). The logs' own findings are always printed; with `printFindings`,
    /// each offering's planned and delivered shares and what was lost in delivery too.
    static func run(
        project: Project, term: String?, roster: String, logs folder: String, out: String, printFindings: Bool = true
    ) throws -> Int32 {
        let inputs = try inputs(project: project, term: term, roster: roster)
        let read = readLogs(folder)
        let report = FidelityReport.build(logs: read.logs, readFindings: read.findings, inputs: inputs)
        Console.output(TextReporter.render(report.findings))
        if printFindings {
            for row in report.offerings {
                Console.output("\(row.offering.id): \(FidelityReporter.practiceLine(row))\n")
                for finding in row.lostFindings {
                    Console.output(TextReporter.render([finding]))
                }
            }
        }
        let html = out + "/fidelity.html"
        let markdown = out + "/fidelity.md"
        do {
            try OutputFile.writeAll([
                (html, FidelityReporter.html(report)), (markdown, FidelityReporter.markdown(report)),
            ])
        } catch {
            Console.error("trainplan: \(error)")
            return 2
        }
        let fails = report.offerings.filter { $0.record.deliveredReview.verdict == .fail }.count
        Console.error(
            "trainplan: wrote \(html) and \(markdown): \(report.offerings.count) delivered offering"
                + "\(report.offerings.count == 1 ? "" : "s"), \(fails) failing the rubric as delivered, "
                + "\(report.agreements.count) observer pair\(report.agreements.count == 1 ? "" : "s")")
        if read.unreadable { return 2 }
        return report.hasErrors || fails > 0 ? 1 : 0
    }
}
