import ArgumentParser
import TrainPlanKit

extension TrainPlan {
    /// `trainplan` with no subcommand: the whole job on a project folder.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Do the whole job in a project folder: review every plan and write out/review.html.")

        @OptionGroup var rubric: RubricOptions
        @OptionGroup var verdict: VerdictOptions

        @Option(help: "The folder of session plans.")
        var plans: String = "SessionPlans"

        @Option(help: "The folder outputs are written to.")
        var out: String = "out"

        func run() throws {
            let review = try ReviewRunner.review(paths: [plans], options: rubric, asCurriculum: true)
            Console.output(TextReporter.render(review.findings))
            Console.output(ScoreTable.render(review))
            let report = out + "/review.html"
            try ReviewRunner.emit(HTMLReporter.render(review), to: report)
            Console.error("trainplan: wrote \(report)")
            let plans = review.plans.count
            let passed = review.plans.count { $0.verdict == .pass }
            Console.error("trainplan: \(plans) plans: \(passed) pass, \(plans - passed) fail")
            let status = verdict.exitCode(for: review)
            if status != 0 { throw ExitCode(status) }
        }
    }
}
