import ArgumentParser
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

extension TrainPlan {
    /// `trainplan rules`: the rubric's criteria with thresholds, weights and evidence.
    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a rubric's criteria with their thresholds, weights and evidence.")

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, markdown
        }

        @OptionGroup var rubric: RubricOptions

        @Option(help: "Output format: text or markdown.")
        var format: Format = .text

        @Flag(help: "Also list every finding id trainplan can raise besides the rubric's lines.")
        var all = false

        func run() throws {
            let rubric = try rubric.loadCatalogs().rubric
            Console.output(format == .text ? RulesReporter.text(rubric) : RulesReporter.markdown(rubric))
            if all { Console.output(RulesReporter.findingIDs(markdown: format == .markdown)) }
        }
    }
}
