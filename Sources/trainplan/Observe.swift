import ArgumentParser
import TrainPlanCore
import TrainPlanFidelity
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview

extension TrainPlan {
    /// `trainplan observe PLAN`: the printable observation checklist of a plan.
    struct Observe: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print an observation checklist for a plan (HTML): adherence 1-5 per activity, key messages.",
            discussion: """
                A self-contained page to print: every activity with a 1-5 adherence scale, the plan's objectives \
                to tick, and a 2-minute time-sampling grid with the method categories as columns (--no-sampling \
                leaves it out). Record what you saw as an observation (docs/fidelity.md).
                """)

        @Argument(help: "The session plan.")
        var plan: String

        @Option(help: "The method catalog.")
        var methods: String = "Rubrics/methods.xml"

        @Flag(inversion: .prefixedNo, help: "Include the 2-minute time-sampling grid.")
        var sampling = true

        @Option(name: .shortAndLong, help: "Write the checklist to this file instead of standard output.")
        var output: String?

        func run() throws {
            let catalogRead = CatalogLoader.methods(InputFiles.read(methods), file: methods)
            guard let catalog = catalogRead.value else {
                Console.error(TextReporter.render(catalogRead.findings), terminator: "")
                throw ExitCode(2)
            }
            let result = PlanChecker.checkPlan(InputFiles.read(plan), file: plan, catalog: catalog)
            guard let decoded = result.plan, !result.findings.contains(where: { $0.severity == .error }) else {
                Console.output(TextReporter.render(result.findings))
                Console.error("trainplan: \(plan) has errors; fix them to print its checklist")
                throw ExitCode(result.isUnreadable ? 2 : 1)
            }
            try ReviewRunner.emit(ObservationChecklist.html(decoded, catalog: catalog, sampling: sampling), to: output)
        }
    }
}
