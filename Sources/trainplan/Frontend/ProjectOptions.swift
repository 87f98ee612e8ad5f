import ArgumentParser
import TrainPlanKit

/// Where the method catalog and verb list are read from.
struct CatalogOptions: ParsableArguments {
    @Option(help: "The method catalog.")
    var methods: String = "Rubrics/methods.xml"

    @Option(help: "The measurable verbs.")
    var verbs: String = "Rubrics/verbs.xml"

    /// Reads both catalogs; on failure prints their findings and exits 2.
    func load() throws -> (catalog: MethodCatalog, verbs: VerbList) {
        let methodsRead = CatalogLoader.methods(InputFiles.read(methods), file: methods)
        let verbsRead = CatalogLoader.verbs(InputFiles.read(verbs), file: verbs)
        let findings = methodsRead.findings + verbsRead.findings
        guard let catalog = methodsRead.catalog, let verbList = verbsRead.verbs,
            !findings.contains(where: { $0.severity == .error })
        else {
            Console.error(TextReporter.render(Finding.sortedForOutput(findings)), terminator: "")
            Console.error(
                "trainplan: the method catalog or verb list cannot be used; "
                    + "run in a folder with Rubrics/ or pass --methods and --verbs.")
            throw ExitCode(2)
        }
        if !findings.isEmpty { Console.error(TextReporter.render(findings), terminator: "") }
        return (catalog, verbList)
    }
}

/// The output formats of `check`.
enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
