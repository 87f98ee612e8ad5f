import ArgumentParser
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

/// Where the method catalog, the verb list and the rubric are read from.
struct RubricOptions: ParsableArguments {
    static let defaultRubric = "Rubrics/adult-learning.xml"

    @Option(help: "The rubric (default: \(defaultRubric), or the built-in defaults when that file is absent).")
    var rubric: String?

    @Option(help: "The method catalog.")
    var methods: String = "Rubrics/methods.xml"

    @Option(help: "The measurable verbs.")
    var verbs: String = "Rubrics/verbs.xml"

    /// Reads the catalogs and the rubric; on failure prints their findings and exits 2.
    /// Outside a project folder (no `Rubrics/`), the built-in copies stand in for the defaults.
    func load() throws -> (catalog: MethodCatalog, verbs: VerbList, rubric: Rubric) {
        let methodsRead = CatalogLoader.methods(Self.text(methods, default: .methods), file: methods)
        let verbsRead = CatalogLoader.verbs(Self.text(verbs, default: .verbs), file: verbs)
        let rubricPath = rubric ?? Self.defaultRubric
        let rubricRead = RubricLoader.rubric(Self.text(rubricPath, default: .rubric), file: rubricPath)
        let findings = methodsRead.findings + verbsRead.findings + rubricRead.findings
        guard let catalog = methodsRead.catalog, let verbList = verbsRead.verbs, let loaded = rubricRead.rubric,
            !findings.contains(where: { $0.severity == .error })
        else {
            Console.error(TextReporter.render(Finding.sortedForOutput(findings)), terminator: "")
            Console.error(
                "trainplan: the method catalog, verb list or rubric cannot be used; "
                    + "fix them, or pass --methods, --verbs and --rubric.")
            throw ExitCode(2)
        }
        if !findings.isEmpty { Console.error(TextReporter.render(findings), terminator: "") }
        return (catalog, verbList, loaded)
    }

    /// The file's text; a default path that does not exist falls back to the built-in copy.
    private static func text(_ path: String, default fallback: BundledDefaults) -> SourceText {
        if path == fallback.projectPath, !InputFiles.exists(path) {
            Console.error("trainplan: note: no \(path) here; using the built-in copy")
            return fallback.text
        }
        return InputFiles.read(path)
    }
}

/// What decides the exit status of a review.
struct VerdictOptions: ParsableArguments {
    @Option(name: .customLong("fail-under"), help: "Fail (exit 1) when any plan scores below this percentage.")
    var failUnder: Double?

    @Flag(help: "Treat warnings as failures (exit 1).")
    var strict = false

    /// 2 when an input cannot be read, 1 when a plan or the curriculum fails, else 0.
    func exitCode(for totals: ReviewTotals) -> Int32 {
        if totals.hasUnreadableInput { return 2 }
        if totals.passed < totals.plans || totals.curriculumFails { return 1 }
        if let failUnder, let lowest = totals.lowestScore, lowest < failUnder { return 1 }
        if strict, totals.count(.warning) > 0 { return 1 }
        return 0
    }
}

/// The report formats.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif, markdown, html, github

    func render(_ review: Review) -> String {
        switch self {
        case .text: TextReporter.render(review.findings)
        case .json: JSONReporter.render(review)
        case .sarif: SARIFReporter.render(review)
        case .markdown: MarkdownReporter.render(review)
        case .html: HTMLReporter.render(review)
        case .github: GitHubReporter.render(review.findings)
        }
    }

    /// How the formats that are a list of findings render them; `nil` for whole reports.
    var findingsRenderer: (@Sendable ([Finding]) -> String)? {
        switch self {
        case .text: TextReporter.render
        case .github: GitHubReporter.render
        case .json, .sarif, .markdown, .html: nil
        }
    }
}
