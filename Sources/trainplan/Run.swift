import ArgumentParser
import Foundation
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanRecords
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

extension TrainPlan {
    /// `trainplan` with no subcommand: the whole job on a project folder.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Do the whole job in a project folder: review every plan, schedule the term, write out/.",
            discussion: """
                Reviews SessionPlans/ against Rubrics/ and writes out/review.html; when Rosters/trainers.xml and a \
                term (any other Rosters/*.xml) exist, schedules each term and writes out/assignments.xml and \
                out/coverage.md (out/<term file name>/ when there are several terms); the last run's assignments.xml there
                counts as the previous schedule, so that calendars update cleanly. With one term and delivery logs in \
                Records/deliveries/, writes out/fidelity.html and out/fidelity.md (trainplan fidelity). With \
                records (Records/records.sqlite, or before any import the example CSV files of Records/import/, \
                read into a temporary database), writes out/evaluation.html, .md and .json (trainplan evaluate).
                """)

        @OptionGroup var rubric: RubricOptions
        @OptionGroup var verdict: VerdictOptions

        @Option(help: "The folder of session plans.")
        var plans: String = "SessionPlans"

        @Option(help: "The folder outputs are written to.")
        var out: String = "out"

        @Option(help: "The folder of the roster and the terms.")
        var rosters: String = "Rosters"

        @Option(help: "The folder of delivery logs and observations (docs/fidelity.md).")
        var deliveries: String = "Records/deliveries"

        private var roster: String { rosters + "/trainers.xml" }

        func run() throws {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: plans, isDirectory: &isFolder), isFolder.boolValue else {
                Console.error(
                    """
                    trainplan: there is no \(plans.visible)/ folder here, so this is not a trainplan project folder.
                    A project folder holds SessionPlans/ (one XML file per session), and may hold Rubrics/ (the rubric, \
                    method catalog and verbs; built-in copies stand in for missing ones) and Rosters/ (trainers.xml \
                    and a term, to staff it).
                    Start one here with `trainplan init` (a small working example), run trainplan in your project \
                    folder, or name your plans with --plans FOLDER.
                    """)
                throw ExitCode(2)
            }
            let project = try rubric.loadProject(plans: [plans], asCurriculum: true)
            let review = project.review
            Console.output(TextReporter.render(review.findings))
            Console.output(ScoreTable.render(review))
            let report = out + "/review.html"
            try ReviewRunner.emit(HTMLReporter.render(review), to: report)
            Console.error("trainplan: wrote \(report)")
            ReviewRunner.summarize(review.totals)
            var status = verdict.exitCode(for: review.totals)
            if status != 0, let reason = verdict.reason(for: review.totals) { Console.error(reason) }
            let terms = InputFiles.xmlFiles(in: [rosters]).files.filter { $0 != roster }
            if InputFiles.exists(roster), !terms.isEmpty {
                for term in terms {
                    // The last run's schedule is the previous one, so that calendars update cleanly.
                    let folder =
                        terms.count == 1
                        ? out : out + "/" + ((term as NSString).lastPathComponent as NSString).deletingPathExtension
                    let last = folder + "/assignments.xml"
                    let previous = InputFiles.exists(last) ? last : nil
                    if let previous { Console.error("trainplan: keeping what can stay of \(previous)") }
                    let load = project.staffing(roster: roster, term: term, previous: previous)
                    let problem = try StaffingOptions.problem(load, term: term, roster: roster)
                    if load.usesPlansWithErrors { status = max(status, 1) }
                    let schedule = try StaffingRunner.schedule(problem)
                    Console.output("\n" + ScheduleReporter.text(schedule, problem: problem))
                    try StaffingRunner.write(schedule, problem: problem, to: folder)
                    if !schedule.gaps.isEmpty { status = max(status, 1) }
                }
            }
            // Delivery logs (issue 16): with one term and Records/deliveries/, out/fidelity.html too.
            if InputFiles.exists(deliveries), InputFiles.exists(roster), terms.count == 1 {
                let fidelity = try FidelityRunner.run(
                    project: project, term: terms[0], roster: roster, logs: deliveries, out: out, printFindings: false)
                status = max(status, fidelity)
            }
            try evaluate(project: project)
            if status != 0 { throw ExitCode(status) }
        }

        /// The evaluation of the records (issue 15): from Records/records.sqlite, or, when nothing
        /// is imported yet, from attendance.csv, matches.csv and surveys.csv of Records/import/
        /// read into a temporary database (Records/ is not changed).
        private func evaluate(project: Project) throws {
            let records = "Records"
            let imports = ["attendance", "matches", "surveys"].map { (kind: $0, file: records + "/import/\($0).csv") }
            let database: RecordsDatabase
            var temporary: String?
            defer { if let temporary { try? FileManager.default.removeItem(atPath: temporary) } }
            do {
                if let stored = try RecordsDatabase.openExisting(folder: records) {
                    database = stored
                } else if imports.allSatisfy({ InputFiles.exists($0.file) }) {
                    let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent(
                        "trainplan-records-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
                    temporary = folder
                    database = try RecordsDatabase.open(folder: folder)
                    for file in imports {
                        guard let kind = RecordKind(rawValue: file.kind) else { return }
                        do {
                            let bytes = try TrainPlan.Records.Import.read(file.file, limits: .standard)
                            _ = try database.importFile(kind, bytes: bytes, file: file.file)
                        } catch let failure as ImportFailure {
                            Console.output(failure.diagnostics.map { $0.description + "\n" }.joined())
                            Console.error(
                                "trainplan: \(file.file.visible) does not import (above); no evaluation written")
                            return
                        }
                    }
                    Console.error(
                        "trainplan: evaluating the example records of \(records)/import/ (nothing is imported; "
                            + "trainplan records import stores them)")
                } else {
                    return
                }
            } catch {
                Console.error("\(error)")
                return
            }
            let evaluation = try Evaluate.evaluation(
                database, project: project, instruments: InstrumentLoader.folder, rosters: rosters,
                study: records + "/study.csv", studyRequired: false, deliveries: deliveries, asOf: nil)
            for file in try Evaluate.write(evaluation, to: out) { Console.error("trainplan: wrote \(file.visible)") }
        }
    }
}
