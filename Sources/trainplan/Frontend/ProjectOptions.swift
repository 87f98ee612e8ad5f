import ArgumentParser
import TrainPlanCore
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview

/// Where the method catalog, the verb list and the rubric are read from.
struct RubricOptions: ParsableArguments {
    @Option(
        help:
            "The rubric (default: \(ProjectOptions.defaultRubric), or the built-in defaults when that file is absent)."
    )
    var rubric: String?

    @Option(help: "The method catalog.")
    var methods: String = "Rubrics/methods.xml"

    @Option(help: "The measurable verbs.")
    var verbs: String = "Rubrics/verbs.xml"

    /// The project options these flags give, for the plans at `plans`.
    func projectOptions(plans: [String], asCurriculum: Bool? = nil) -> ProjectOptions {
        ProjectOptions(plans: plans, rubric: rubric, methods: methods, verbs: verbs, asCurriculum: asCurriculum)
    }

    /// Loads the project: the catalogs, the rubric and every plan, checked and reviewed. On
    /// failure prints why and exits 2. Outside a project folder (no `Rubrics/`), the built-in
    /// copies stand in for the defaults.
    func loadProject(plans: [String], asCurriculum: Bool? = nil) throws -> Project {
        let project: Project
        do {
            project = try Project.load(projectOptions(plans: plans, asCurriculum: asCurriculum))
        } catch {
            Self.printFailure(error)
            throw ExitCode(2)
        }
        Self.printCatalogNotes(project.notes, findings: project.catalogFindings)
        for folder in project.emptyFolders {
            Console.error(Project.emptyFolderMessage(folder))
        }
        return project
    }

    /// Loads only the catalogs and the rubric (for the streamed check); exits 2 on failure.
    func loadCatalogs() throws -> ProjectCatalogs {
        do {
            let catalogs = try Project.loadCatalogs(projectOptions(plans: []))
            Self.printCatalogNotes(catalogs.notes, findings: catalogs.findings)
            return catalogs
        } catch {
            Self.printFailure(error)
            throw ExitCode(2)
        }
    }

    private static func printCatalogNotes(_ notes: [String], findings: [Finding]) {
        for note in notes { Console.error(note) }
        if !findings.isEmpty { Console.error(TextReporter.render(findings), terminator: "") }
    }

    static func printFailure(_ error: ProjectError) {
        for note in error.notes { Console.error(note) }
        if !error.findings.isEmpty { Console.error(TextReporter.render(error.findings), terminator: "") }
        Console.error(error.message)
    }
}

/// What decides the exit status of a review.
struct VerdictOptions: ParsableArguments {
    @Option(name: .customLong("fail-under"), help: "Fail (exit 1) when any plan scores below this percentage.")
    var failUnder: Double?

    @Flag(help: "Treat warnings as failures (exit 1).")
    var strict = false

    func validate() throws {
        if let failUnder, !(0...100).contains(failUnder) {
            throw ValidationError("--fail-under is a percentage from 0 to 100 (got \(formatNumber(failUnder)))")
        }
    }

    /// 2 when an input cannot be read, 1 when a plan or the curriculum fails, else 0.
    func exitCode(for totals: ReviewTotals) -> Int32 {
        if totals.hasUnreadableInput { return 2 }
        if totals.passed < totals.plans || totals.curriculumFails { return 1 }
        if let failUnder, let lowest = totals.lowestScore, lowest < failUnder { return 1 }
        if strict, totals.count(.warning) > 0 { return 1 }
        return 0
    }

    /// Why the exit status is 1 when every plan passes: the line printed after the summary.
    func reason(for totals: ReviewTotals) -> String? {
        guard !totals.hasUnreadableInput, totals.passed == totals.plans else { return nil }
        if totals.curriculumFails { return "trainplan: exit 1: the curriculum fails (see the curriculum lines above)" }
        if let failUnder, let lowest = totals.lowestScore, lowest < failUnder {
            return
                "trainplan: exit 1: the lowest score is \(formatNumber(lowest))%, under --fail-under \(formatNumber(failUnder))"
        }
        let warnings = totals.count(.warning)
        if strict, warnings > 0 {
            return
                "trainplan: exit 1: --strict, and there \(warnings == 1 ? "is 1 warning" : "are \(warnings) warnings")"
        }
        return nil
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
