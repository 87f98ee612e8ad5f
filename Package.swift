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
        .library(name: "TrainPlanKit", targets: ["TrainPlanKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
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
        // The domain: plans, catalogs, findings, checks and reporters. Takes values, returns values.
        .target(
            name: "TrainPlanKit",
            dependencies: ["TrainPlanXML"],
            resources: [.copy("Schemas"), .copy("Defaults")],
            swiftSettings: strictSettings
        ),
        // The command line: file I/O, output formats and exit codes live only here.
        .executableTarget(
            name: "trainplan",
            dependencies: [
                "TrainPlanKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // Benchmark support: corpus generator and problem export (benchmarks/run.sh).
        .executableTarget(
            name: "trainplan-bench",
            dependencies: [
                "TrainPlanKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TrainPlanXMLTests",
            dependencies: ["TrainPlanXML"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TrainPlanKitTests",
            dependencies: [
                "TrainPlanKit",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            // Golden files and hostile inputs, read from the source tree by path.
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TrainPlanCLITests",
            dependencies: ["trainplan"],
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
            .executableTarget(name: name, dependencies: ["TrainPlanKit"], swiftSettings: strictSettings))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
