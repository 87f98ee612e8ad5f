import ArgumentParser
import TrainPlanKit

extension TrainPlan {
    /// `trainplan check [PATH …]`: reads plans and reports every problem, compiler-style.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check session plans and report problems as path:line:col findings.",
            discussion: "Exit status: 0 no errors, 1 a plan has errors, 2 a file cannot be read or parsed.")

        @Argument(help: "Plan files or folders (searched for *.xml).")
        var paths: [String] = ["SessionPlans"]

        @OptionGroup var catalogs: CatalogOptions

        @Option(help: "Output format: \(CheckFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: CheckFormat = .text

        @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
        var output: String?

        func run() throws {
            let (catalog, _) = try catalogs.load()
            let report = try CheckRunner.check(paths: paths, catalog: catalog)
            let rendered =
                switch format {
                case .text: TextReporter.render(report.findings)
                case .json: JSONReporter.render(report)
                }
            try CheckRunner.emit(rendered, to: output)
            CheckRunner.summarize(report)
            try CheckRunner.exit(for: report)
        }
    }
}

/// What `check` and the default job share: finding files, checking, summarising, exit status.
enum CheckRunner {
    static func check(paths: [String], catalog: MethodCatalog) throws -> CheckReport {
        let (files, emptyFolders) = InputFiles.xmlFiles(in: paths)
        for folder in emptyFolders {
            Console.error("\(folder): error: no session plans (*.xml) in this folder [no-plans]")
        }
        if files.isEmpty {
            Console.error("trainplan: nothing to check")
            throw ExitCode(2)
        }
        return PlanChecker.check(files: files, catalog: catalog, load: InputFiles.read)
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

    static func summarize(_ report: CheckReport) {
        let plans = report.plans.count
        let failing = report.plans.count { $0.findings.contains { $0.severity == .error } }
        let errors = report.count(.error)
        let warnings = report.count(.warning)
        Console.error(
            "trainplan: checked \(plans) plan\(plans == 1 ? "" : "s"): \(plans - failing) without errors; "
                + "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
    }

    static func exit(for report: CheckReport) throws {
        if report.hasUnreadableInput { throw ExitCode(2) }
        if report.count(.error) > 0 { throw ExitCode(1) }
    }
}
