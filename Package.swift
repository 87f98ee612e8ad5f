// swift-tools-version: 6.1
import Foundation
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "trainplan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "trainplan", targets: ["trainplan"]),
        .library(name: "TrainPlanProject", targets: ["TrainPlanProject"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // The system libxml2 (Debian: libxml2-dev). Only TrainPlanXML imports it.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // A safe reader over libxml2: no DTDs, no entities, no network; trees with source positions.
        .target(
            name: "TrainPlanXML",
            dependencies: ["CLibXML2"],
            swiftSettings: strictSettings
        ),
        // The stages, each a module that may import only the ones above it (docs/architecture.md):
        // core → formats → review; core → solver → staffing (with formats); output; project.
        // Findings, source locations, finding ids and small shared tools. Imports nothing of ours.
        .target(name: "TrainPlanCore", swiftSettings: strictSettings),
        // The solver: tasks, resources, hard rules, one lexicographic score and the phases. Knows
        // nothing of trainers, plans or files.
        .target(name: "TrainPlanSolver", dependencies: ["TrainPlanCore"], swiftSettings: strictSettings),
        // Every input format's model and its one loading path (value plus findings), with the
        // bundled schemas and default catalogs.
        .target(
            name: "TrainPlanFormats",
            dependencies: ["TrainPlanCore", "TrainPlanXML"],
            resources: [.copy("Schemas"), .copy("Defaults")],
            swiftSettings: strictSettings
        ),
        // Reviewing plans: the reference checks, the criteria and their registry, one streaming
        // pipeline.
        .target(
            name: "TrainPlanReview",
            dependencies: ["TrainPlanCore", "TrainPlanXML", "TrainPlanFormats"],
            swiftSettings: strictSettings
        ),
        // Staffing a term: term to solver model, typed reasons, explanations, changes, resilience,
        // the independent validator.
        .target(
            name: "TrainPlanStaffing",
            dependencies: ["TrainPlanCore", "TrainPlanFormats", "TrainPlanSolver"],
            swiftSettings: strictSettings
        ),
        // Reports and calendars: values in, text out.
        .target(
            name: "TrainPlanOutput",
            dependencies: ["TrainPlanCore", "TrainPlanFormats", "TrainPlanReview", "TrainPlanStaffing"],
            swiftSettings: strictSettings
        ),
        // The project: a folder and the options, loaded once, asked many questions, updated file
        // by file. File I/O lives here.
        .target(
            name: "TrainPlanProject",
            dependencies: [
                "TrainPlanCore", "TrainPlanFormats", "TrainPlanReview", "TrainPlanStaffing", "TrainPlanOutput",
            ],
            // The example project `trainplan init` writes (plans, a roster and a term).
            resources: [.copy("Starter")],
            swiftSettings: strictSettings
        ),
        // The workspace: a local web server over a project (`trainplan serve`). The only target
        // that imports Hummingbird, so the core, its tests and the fuzzers build without it.
        .target(
            name: "TrainPlanWorkspace",
            dependencies: [
                "TrainPlanCore", "TrainPlanFormats", "TrainPlanReview", "TrainPlanStaffing", "TrainPlanOutput",
                "TrainPlanProject", "TrainPlanFidelity",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            // The page's script and style sheet, served by the tool (nothing from the internet).
            resources: [.copy("Assets")],
            swiftSettings: strictSettings
        ),
        // The records of issue 15 (attendance, matches, survey responses): CSV import, the
        // SQLite database Records/records.sqlite and export. The only target that imports GRDB
        // (the system sqlite3, Debian: libsqlite3-dev), so the other stages build without it.
        .target(
            name: "TrainPlanRecords",
            dependencies: ["TrainPlanCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        // The evaluation of issue 15: training dose, match length, survey change and comparison
        // studies, from the records, the instruments and the curriculum; values in, report text out.
        .target(
            name: "TrainPlanEvaluation",
            dependencies: ["TrainPlanCore", "TrainPlanFormats", "TrainPlanRecords", "TrainPlanStatistics"],
            swiftSettings: strictSettings
        ),
        // Fidelity of delivery (issue 16): delivery logs and observations resolved against the term
        // and the plans, the delivered session reviewed with the plan's rubric, observer agreement,
        // the fidelity report, the observation checklist and the log template. Values in, text out.
        .target(
            name: "TrainPlanFidelity",
            dependencies: [
                "TrainPlanCore", "TrainPlanXML", "TrainPlanFormats", "TrainPlanReview", "TrainPlanOutput",
                "TrainPlanStatistics",
            ],
            swiftSettings: strictSettings
        ),
        // The command line: file I/O, output formats and exit codes live only here.
        .executableTarget(
            name: "trainplan",
            dependencies: [
                "TrainPlanProject", "TrainPlanRecords", "TrainPlanEvaluation", "TrainPlanWorkspace",
                "TrainPlanFidelity",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // Benchmark support: corpus generator and problem export (benchmarks/run.sh).
        .executableTarget(
            name: "trainplan-bench",
            dependencies: [
                "TrainPlanProject",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // Survival and survey statistics for evaluation (issue 15). Pure Swift, imports nothing.
        .target(name: "TrainPlanStatistics", swiftSettings: strictSettings),
        .testTarget(
            name: "TrainPlanStatisticsTests",
            dependencies: ["TrainPlanStatistics"],
            // reference.json from Tests/tools/statistics_reference.py, read from the source tree by path.
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TrainPlanRecordsTests",
            // GRDB itself, to write what only another version of trainplan would write.
            dependencies: ["TrainPlanRecords", "TrainPlanCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TrainPlanEvaluationTests",
            dependencies: [
                "TrainPlanEvaluation", "TrainPlanRecords", "TrainPlanStatistics", "TrainPlanFormats", "TrainPlanCore",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TrainPlanFidelityTests",
            dependencies: [
                "TrainPlanFidelity", "TrainPlanCore", "TrainPlanFormats", "TrainPlanReview", "TrainPlanProject",
                "TrainPlanStatistics",
            ],
            // Golden reports, read from the source tree by path.
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TrainPlanXMLTests",
            dependencies: ["TrainPlanXML"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TrainPlanTests",
            dependencies: [
                "TrainPlanCore", "TrainPlanFormats", "TrainPlanReview", "TrainPlanSolver", "TrainPlanStaffing",
                "TrainPlanOutput", "TrainPlanProject",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            // Golden files and hostile inputs, read from the source tree by path.
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TrainPlanWorkspaceTests",
            dependencies: [
                "TrainPlanWorkspace", "TrainPlanProject", "TrainPlanFormats", "TrainPlanCore", "TrainPlanReview",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TrainPlanCLITests",
            dependencies: ["trainplan", "trainplan-bench"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Fuzz targets exist only when asked for (scripts/fuzz.sh sets TRAINPLAN_FUZZ=1): libFuzzer
// supplies their main, so an ordinary build could not link them.
if ProcessInfo.processInfo.environment["TRAINPLAN_FUZZ"] == "1" {
    for name in ["FuzzPlan", "FuzzRubric", "FuzzStaffing"] {
        package.targets.append(
            .executableTarget(name: name, dependencies: ["TrainPlanProject"], swiftSettings: strictSettings))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
