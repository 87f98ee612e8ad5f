import ArgumentParser
import Foundation
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

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
            let asCurriculum = curriculum ?? InputFiles.anyFolder(paths)
            let totals: ReviewTotals
            if let render = format.findingsRenderer {
                // Text and GitHub annotations are written plan by plan, so that checking
                // thousands of plans does not hold them all.
                totals = try ReviewRunner.stream(
                    paths: paths, options: rubric, asCurriculum: asCurriculum, render: render, to: output)
            } else {
                let review = try ReviewRunner.review(paths: paths, options: rubric, asCurriculum: asCurriculum)
                try ReviewRunner.emit(format.render(review), to: output)
                Console.error(ScoreTable.render(review), terminator: "")
                totals = review.totals
            }
            ReviewRunner.summarize(totals)
            let status = verdict.exitCode(for: totals)
            if status != 0, let reason = verdict.reason(for: totals) { Console.error(reason) }
            if status != 0 { throw ExitCode(status) }
        }
    }
}

/// What `check` and the default job share: finding files, reviewing, summarising.
enum ReviewRunner {
    static func review(paths: [String], options: RubricOptions, asCurriculum: Bool) throws -> Review {
        try options.loadProject(plans: paths, asCurriculum: asCurriculum).review
    }

    /// Reviews plan by plan, writing each plan's findings as soon as its batch is judged, then
    /// the curriculum's; the score table follows on standard error.
    static func stream(
        paths: [String], options: RubricOptions, asCurriculum: Bool, render: @escaping @Sendable ([Finding]) -> String,
        to output: String?
    ) throws -> ReviewTotals {
        let catalogs = try options.loadCatalogs()
        let (catalog, verbs, rubric) = (catalogs.catalog, catalogs.verbs, catalogs.rubric)
        let files = try inputFiles(paths)
        // The report file is opened before the plans are read: none of them may be it.
        if output != nil {
            InputFiles.protect(files + [options.methods, options.verbs] + (options.rubric.map { [$0] } ?? []))
        }
        let staged: StagedFile?
        do {
            staged = try output.map { try StagedFile(for: $0) }
        } catch {
            Console.error("trainplan: \(error)")
            throw ExitCode(2)
        }
        var pending = ""
        var failure: (any Error)?
        func flush() {
            guard !pending.isEmpty, failure == nil else { return }
            do {
                if let staged { try staged.write(pending) } else { Console.output(pending) }
            } catch {
                failure = error
            }
            pending = ""
        }
        let width = ScoreTable.width(files)
        // Progress on the terminal when the findings go elsewhere (a file, a pipe).
        let showProgress = Console.isTerminal && (output != nil || isatty(STDOUT_FILENO) == 0)
        var done = 0
        var table = ""
        // Each plan's lines are written on the core that judged it; a plan that shares its
        // session id with an earlier file gets its findings written again with that one.
        let totals = Reviewer.stream(
            files: files, rubric: rubric, catalog: catalog, verbs: verbs, asCurriculum: asCurriculum,
            load: InputFiles.read,
            prepare: { review in (findings: render(review.findings), line: ScoreTable.line(review, width: width)) },
            each: { review, prepared, setFindings in
                pending +=
                    setFindings.isEmpty
                    ? prepared.findings : render(Finding.sortedForOutput(review.findings + setFindings))
                table += prepared.line
                if pending.utf8.count > 1 << 16 { flush() }
                done += 1
                if showProgress, done % 500 == 0 {
                    Console.progress("trainplan: checked \(done) of \(files.count) plans")
                }
            })
        if showProgress { Console.progress(nil) }
        pending += render(Finding.sortedForOutput(totals.curriculum.flatMap(\.assessment.findings)))
        flush()
        do {
            if let failure { throw failure }
            try staged?.moveIntoPlace()
        } catch {
            Console.error("trainplan: \(error)")
            throw ExitCode(2)
        }
        Console.error(table + ScoreTable.curriculum(totals.curriculum), terminator: "")
        return totals
    }

    /// The plan files named by `paths`; exits 2 when there are none.
    private static func inputFiles(_ paths: [String]) throws -> [String] {
        let (files, emptyFolders) = InputFiles.xmlFiles(in: paths)
        for folder in emptyFolders {
            Console.error(Project.emptyFolderMessage(folder))
        }
        if files.isEmpty {
            Console.error("trainplan: nothing to check")
            throw ExitCode(2)
        }
        return files
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

    /// One line of totals on standard error.
    static func summarize(_ totals: ReviewTotals) {
        let plans = totals.plans
        let errors = totals.count(.error)
        let warnings = totals.count(.warning)
        let unreadable = totals.unreadable > 0 ? ", \(totals.unreadable) cannot be read" : ""
        Console.error(
            "trainplan: checked \(plans) plan\(plans == 1 ? "" : "s"): \(totals.passed) pass, "
                + "\(plans - totals.passed - totals.unreadable) fail\(unreadable); "
                + "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
    }
}
