import ArgumentParser
import TrainPlanKit

extension TrainPlan {
    /// `trainplan` with no subcommand: the whole job on a project folder.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Do the whole job in a project folder: check every plan in SessionPlans/.")

        @OptionGroup var catalogs: CatalogOptions

        @Option(help: "The folder of session plans.")
        var plans: String = "SessionPlans"

        func run() throws {
            let (catalog, _) = try catalogs.load()
            let report = try CheckRunner.check(paths: [plans], catalog: catalog)
            Console.output(TextReporter.render(report.findings))
            CheckRunner.summarize(report)
            try CheckRunner.exit(for: report)
        }
    }
}
