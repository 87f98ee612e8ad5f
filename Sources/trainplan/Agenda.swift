import ArgumentParser
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

extension TrainPlan {
    /// `trainplan agenda PLAN [--start HH:MM]`: the timed agenda of one plan, for print.
    struct Agenda: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the timed agenda of one plan (start and end of each block).")

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, markdown, html
        }

        @Argument(help: "The session plan.")
        var plan: String

        @Option(help: "The clock time the session starts, HH:MM.")
        var start: String = "00:00"

        @Option(help: "Output format: text, markdown or html (a page that prints well).")
        var format: Format = .text

        @Option(help: "The method catalog.")
        var methods: String = "Rubrics/methods.xml"

        @Option(name: .shortAndLong, help: "Write the agenda to this file instead of standard output.")
        var output: String?

        func validate() throws {
            guard Self.minutes(of: start) != nil else {
                throw ValidationError("--start must be a time of day as HH:MM, e.g. 18:00 (got '\(start)')")
            }
        }

        static func minutes(of clock: String) -> Int? {
            let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let hours = Int(parts[0]),
                let minutes = Int(parts[1]), (0..<24).contains(hours), (0..<60).contains(minutes)
            else { return nil }
            return hours * 60 + minutes
        }

        func run() throws {
            let catalogRead = CatalogLoader.methods(InputFiles.read(methods), file: methods)
            guard let catalog = catalogRead.value else {
                Console.error(TextReporter.render(catalogRead.findings), terminator: "")
                throw ExitCode(2)
            }
            let result = PlanChecker.checkPlan(InputFiles.read(plan), file: plan, catalog: catalog)
            let errors = result.findings.filter { $0.severity == .error }
            guard let decoded = result.plan, errors.isEmpty else {
                Console.output(TextReporter.render(result.findings))
                Console.error("trainplan: \(plan) has errors; fix them to print its agenda")
                throw ExitCode(result.isUnreadable ? 2 : 1)
            }
            let agenda = TimedAgenda(decoded, catalog: catalog, startOfDay: Self.minutes(of: start) ?? 0)
            let text =
                switch format {
                case .text: AgendaReporter.text(agenda)
                case .markdown: AgendaReporter.markdown(agenda)
                case .html: AgendaReporter.html(agenda, catalog: catalog)
                }
            try ReviewRunner.emit(text, to: output)
        }
    }
}
