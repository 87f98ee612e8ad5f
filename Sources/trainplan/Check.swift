import ArgumentParser
import TrainPlanKit

extension TrainPlan {
    /// `trainplan check [PATH …]`: reads plans, applies the rubric and reports every problem.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check session plans against the format and a rubric; report findings as path:line:col.",
            discussion: """
                Curriculum criteria (module sequence, pre-match hours, post-match sessions) run when a folder \
                is checked, or with --curriculum; a plan checked alone is never failed for them.
                Exit status: 0 every plan passes, 1 a plan or the curriculum fails, 2 a file cannot be read \
                or parsed, 64 a usage error.
                """)

        @Argument(help: "Plan files or folders (searched for *.xml).")
        var paths: [String] = ["SessionPlans"]

        @OptionGroup var rubric: RubricOptions
        @OptionGroup var verdict: VerdictOptions

        @Flag(inversion: .prefixedNo, help: "Judge the plans as one curriculum (default: when a folder is given).")
        var curriculum: Bool?

        @Option(help: "Output format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: ReportFormat = .text

        @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
        var output: String?

        func run() throws {
            let review = try ReviewRunner.review(
                paths: paths, options: rubric, asCurriculum: curriculum ?? InputFiles.anyFolder(paths))
            try ReviewRunner.emit(format.render(review), to: output)
            ReviewRunner.summarize(review)
            let status = verdict.exitCode(for: review)
            if status != 0 { throw ExitCode(status) }
        }
    }
}

/// What `check` and the default job share: finding files, reviewing, summarising.
enum ReviewRunner {
    static func review(paths: [String], options: RubricOptions, asCurriculum: Bool) throws -> Review {
        let (catalog, verbs, rubric) = try options.load()
        let (files, emptyFolders) = InputFiles.xmlFiles(in: paths)
        for folder in emptyFolders {
            Console.error("\(folder): error: no session plans (*.xml) in this folder [no-plans]")
        }
        if files.isEmpty {
            Console.error("trainplan: nothing to check")
            throw ExitCode(2)
        }
        let report = PlanChecker.check(
            files: files, catalog: catalog, xpath: rubric.assertions.map(\.test), load: InputFiles.read)
        return Reviewer.review(report, rubric: rubric, catalog: catalog, verbs: verbs, asCurriculum: asCurriculum)
    }

    static func emit(_ text: String, to output: String?) throws {
        guard let output else {
            Console.output(text)
            return
        }
        do {
            try OutputFile.write(text, to: output)
        } catch {
            Console.error("trainplan: \(error)")
            throw ExitCode(2)
        }
    }

    /// Each plan's score and verdict, then one line of totals, on standard error.
    static func summarize(_ review: Review) {
        Console.error(ScoreTable.render(review), terminator: "")
        let plans = review.plans.count
        let passed = review.plans.count { $0.verdict == .pass }
        let errors = review.count(.error)
        let warnings = review.count(.warning)
        Console.error(
            "trainplan: checked \(plans) plan\(plans == 1 ? "" : "s"): \(passed) pass, \(plans - passed) fail; "
                + "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
    }
}
