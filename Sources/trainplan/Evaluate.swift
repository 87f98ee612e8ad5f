import ArgumentParser
import Foundation
import TrainPlanCore
import TrainPlanEvaluation
import TrainPlanFidelity
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanRecords
import TrainPlanReview

extension TrainPlan {
    /// `trainplan evaluate`: the evaluation report of the records (docs/evaluation.md).
    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate the trainings from the records: dose, match length, survey change, studies.",
            discussion: """
                Reads Records/records.sqlite, the instruments of Rubrics/instruments/, the session plans, the \
                rubric's curriculum thresholds and the terms of Rosters/, and writes out/evaluation.html, \
                out/evaluation.md and out/evaluation.json (together or not at all; the same records give the same \
                bytes). A study file (Records/study.csv, from trainplan study assign) adds the comparison of its arms.
                Exit status: 0 written, 1 the records do not fit the instruments (an unknown instrument or item), \
                2 an input cannot be read (no records, an instrument with errors, outside a project folder), \
                64 a usage error (a date that is not a date).
                """)

        @Option(
            name: .customLong("as-of"),
            help: "The day open matches are censored at, YYYY-MM-DD (default: the latest date in the records).")
        var asOf: String?

        @Option(name: .shortAndLong, help: "The folder the report is written to.")
        var output: String = "out"

        @Option(help: "The folder of the survey instruments.")
        var instruments: String = InstrumentLoader.folder

        @Option(help: "The folder of the terms (every *.xml but trainers.xml).")
        var rosters: String = "Rosters"

        @Option(help: "The study file (default: study.csv in the records folder, when it exists).")
        var study: String?

        @Option(help: "The folder of delivery logs (docs/fidelity.md): the dose as delivered, when it exists.")
        var deliveries: String = "Records/deliveries"

        @OptionGroup var location: RecordsFolderOptions
        @OptionGroup var rubricOptions: RubricOptions

        func validate() throws {
            if let asOf, CivilDate(asOf) == nil {
                throw ValidationError(
                    "--as-of '\(asOf.visible)' is not a date: write YYYY-MM-DD, a day of the calendar (e.g. 2027-12-31)"
                )
            }
        }

        func run() throws {
            let folder = try location.folder()
            guard let database = try location.open(create: false) else {
                Console.error(
                    """
                    trainplan: there are no records to evaluate: \((folder as NSString).appendingPathComponent(RecordsDatabase.fileName).visible) does not exist.
                    Import them first: trainplan records import attendance|matches|surveys FILE.csv (docs/evaluation.md).
                    """)
                throw ExitCode(2)
            }
            let project = try rubricOptions.loadProject(plans: ["SessionPlans"])
            let evaluation = try Self.evaluation(
                database, project: project, instruments: instruments, rosters: rosters,
                study: study ?? (folder as NSString).appendingPathComponent("study.csv"), studyRequired: study != nil,
                deliveries: deliveries, asOf: asOf)
            let files = try Self.write(evaluation, to: output)
            for statement in evaluation.statements { Console.output("- \(statement.text)\n") }
            for file in files { Console.error("trainplan: wrote \(file.visible)") }
        }

        /// The evaluation of the records in `database` against the project's plans and rubric,
        /// the instruments, the terms of `rosters`, the study file and the delivery logs; exits 2
        /// when an input cannot be read, 1 when the records do not fit the instruments.
        static func evaluation(
            _ database: RecordsDatabase, project: Project, instruments folder: String, rosters: String, study: String,
            studyRequired: Bool, deliveries: String, asOf: String?
        ) throws -> Evaluation {
            let instruments = try loadInstruments(folder)
            let offerings = try loadOfferings(rosters)
            let delivered = try loadDeliveries(deliveries, project: project, rosters: rosters)
            let studyAssignment = try loadStudy(study, required: studyRequired)
            let input: EvaluationInput
            do {
                let surveys = try database.surveys()
                input = EvaluationInput(
                    attendance: try database.attendance(), matches: try database.matches(),
                    surveys: surveys.responses, instruments: instruments,
                    plans: project.decodedPlans.map {
                        TrainingPlan(
                            id: $0.id, stage: $0.stage, delivery: $0.delivery, durationMinutes: $0.durationMinutes)
                    },
                    offerings: offerings,
                    requirement: DoseRequirement(rubric: project.rubric, defaults: builtInCriterionDefaults),
                    asOf: asOf.flatMap(CivilDate.init), study: studyAssignment, deliveries: delivered)
            } catch {
                Console.error(error.description)
                throw ExitCode(2)
            }
            do {
                return try Evaluator.evaluate(input)
            } catch {
                Console.error("trainplan: error: \(error.description.visible)\n    hint: \(error.hint.visible)")
                throw ExitCode(1)
            }
        }

        /// Writes out/evaluation.html, .md and .json together (or none); returns their paths.
        static func write(_ evaluation: Evaluation, to output: String) throws -> [String] {
            let files = [
                (path: output + "/evaluation.html", text: EvaluationHTML.render(evaluation)),
                (path: output + "/evaluation.md", text: EvaluationMarkdown.render(evaluation)),
                (path: output + "/evaluation.json", text: EvaluationJSON.render(evaluation)),
            ]
            do {
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                try OutputFile.writeAll(files)
            } catch {
                Console.error("trainplan: \(error)")
                throw ExitCode(2)
            }
            return files.map(\.path)
        }

        /// Every instrument of the folder; prints the findings of any with problems and exits 2.
        static func loadInstruments(_ folder: String) throws -> [Instrument] {
            guard InputFiles.exists(folder) else { return [] }
            var instruments: [Instrument] = []
            var findings: [Finding] = []
            for file in InputFiles.xmlFiles(in: [folder]).files {
                let loaded = InstrumentLoader.instrument(InputFiles.read(file), file: file)
                findings += loaded.findings
                if let value = loaded.value {
                    let expected = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
                    if value.id != expected {
                        findings.append(
                            Finding(
                                id: "file-name", severity: .warning,
                                message:
                                    "The instrument's id is '\(value.id)', but its file is named '\(expected).xml'.",
                                hint: "Name the file \(value.id).xml: surveys find an instrument by its file name.",
                                location: value.location))
                    }
                    instruments.append(value)
                }
            }
            if !findings.isEmpty { Console.output(TextReporter.render(Finding.sortedForOutput(findings))) }
            if findings.contains(where: { $0.severity == .error }) {
                Console.error("trainplan: the instruments have errors (above); nothing was written")
                throw ExitCode(2)
            }
            return instruments
        }

        /// The offerings of every term in the folder (their plan and day).
        static func loadOfferings(_ folder: String) throws -> [TrainingOffering] {
            guard InputFiles.exists(folder) else { return [] }
            var offerings: [TrainingOffering] = []
            for file in InputFiles.xmlFiles(in: [folder]).files
            where (file as NSString).lastPathComponent != "trainers.xml" {
                let loaded = StaffingLoader.term(InputFiles.read(file), file: file)
                guard let term = loaded.value else {
                    Console.output(TextReporter.render(loaded.findings))
                    Console.error("trainplan: the term \(file.visible) cannot be read (above); nothing was written")
                    throw ExitCode(2)
                }
                offerings += term.offerings.map {
                    TrainingOffering(id: $0.id, plan: $0.session, date: String($0.start.description.prefix(10)))
                }
            }
            return offerings
        }

        /// Each logged offering's dose as delivered, from the delivery logs of the one term in
        /// `rosters`; nil when there is no such folder (or several terms, said on standard error).
        /// A log with errors is left out, so its offering counts as having no log.
        static func loadDeliveries(_ folder: String, project: Project, rosters: String) throws -> [DeliveredOffering]? {
            guard InputFiles.exists(folder) else { return nil }
            let roster = rosters + "/trainers.xml"
            let terms = InputFiles.xmlFiles(in: [rosters]).files.filter { $0 != roster }
            guard terms.count == 1 else {
                Console.error(
                    "trainplan: the dose as delivered needs one term in \(rosters.visible)/ (there are \(terms.count)); "
                        + "the delivery logs are left out")
                return nil
            }
            let inputs = try FidelityRunner.inputs(project: project, term: terms[0], roster: roster)
            let read = FidelityRunner.readLogs(folder)
            let report = FidelityReport.build(logs: read.logs, readFindings: read.findings, inputs: inputs)
            let failing = Set(report.findings.filter { $0.severity == .error }.map(\.location.file))
            if !failing.isEmpty {
                Console.error(
                    "trainplan: \(failing.count) delivery log\(failing.count == 1 ? " has" : "s have") errors and "
                        + "\(failing.count == 1 ? "is" : "are") left out of the dose as delivered: "
                        + "\(failing.sorted().joined(separator: ", ").visible) (trainplan fidelity names them)")
            }
            return report.offerings.map { row in
                DeliveredOffering(
                    offering: row.offering.id, log: row.record.log.file, attendance: row.record.log.attendance,
                    minutes: row.planDelivered)
            }
        }

        /// The study file, when there is one (or when named, which then must exist).
        static func loadStudy(_ path: String, required: Bool) throws -> StudyAssignment? {
            guard InputFiles.exists(path) else {
                if required {
                    Console.error("trainplan: the study file \(path.visible) does not exist")
                    throw ExitCode(2)
                }
                return nil
            }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else {
                Console.error("trainplan: the study file \(path.visible) cannot be read as UTF-8")
                throw ExitCode(2)
            }
            switch StudyFile.parse(text) {
            case .success(let study): return study
            case .failure(let error):
                for problem in error.problems {
                    Console.output("\(path.visible):\(problem.line):1: error: \(problem.message.visible)\n")
                }
                throw ExitCode(2)
            }
        }
    }
}
