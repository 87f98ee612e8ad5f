import ArgumentParser
import Foundation
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

/// Benchmark support: generates corpora and exports scheduling problems for the exact solver.
/// `benchmarks/run.sh` drives it; see docs/performance.md.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trainplan-bench",
        abstract: "Generate benchmark corpora, export scheduling problems for CP-SAT, solve SMPTSP instances.",
        subcommands: [Plans.self, Term.self, Export.self, SMPTSP.self, SMPTSPGenerate.self])

    struct Plans: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write N generated session plans.")
        @Option var count: Int = 10_000
        @Option var seed: UInt64 = 1
        @Option(help: "Plan size: mixed (the original corpus), small (1–2 KB) or typical (4–6 KB), varied in shape.")
        var size: String = "mixed"
        @Option var out: String

        func run() throws {
            guard let size = Corpus.Size(rawValue: size) else {
                throw ValidationError(
                    "--size is one of \(Corpus.Size.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            try Corpus.writePlans(count: count, seed: seed, size: size, to: URL(fileURLWithPath: out))
        }
    }

    struct Term: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a roster, a term and its plans (trainers.xml, term.xml, plans/).")
        @Option var offerings: Int
        @Option var trainers: Int
        @Option var seed: UInt64 = 1
        @Option var out: String

        func run() throws {
            try Corpus.writeTerm(offerings: offerings, trainers: trainers, seed: seed, to: URL(fileURLWithPath: out))
        }
    }

    /// The resolved problem as JSON: every role with its interval, place, week, length and the
    /// trainers the static rules allow; trainers' weekly limits; the term's travel and backup rules.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export a resolved term for the CP-SAT model.")
        @Option var roster: String
        @Option var term: String
        @Option var plans: String

        func run() throws {
            func text(_ path: String) -> SourceText {
                FileManager.default.contents(atPath: path).map { .bytes([UInt8]($0)) } ?? .unreadable("missing")
            }
            let catalog = CatalogLoader.methods(BundledDefaults.methods.text, file: "methods.xml").value
            let files = try FileManager.default.contentsOfDirectory(atPath: plans).filter { $0.hasSuffix(".xml") }
                .sorted()
            let planList = files.compactMap {
                PlanChecker.checkPlan(
                    text(plans + "/" + $0), file: $0, catalog: catalog ?? MethodCatalog(categories: [], methods: [])
                ).plan
            }
            guard let rosterValue = StaffingLoader.roster(text(roster), file: roster).value,
                let termValue = StaffingLoader.term(text(term), file: term).value,
                let problem = StaffingProblem.resolve(
                    roster: rosterValue, term: termValue, plans: planList, previous: nil
                ).problem
            else { throw ExitCode(2) }
            var offerings: [[String: Any]] = []
            for (index, offering) in problem.offerings.enumerated() {
                offerings.append([
                    "id": offering.offering.id, "start": offering.start, "end": offering.end, "place": offering.place,
                    "week": offering.week, "minutes": offering.minutes,
                    "candidates": problem.ineligible[index].indices.filter { problem.ineligible[index][$0] == nil },
                ])
            }
            let document: [String: Any] = [
                "travel": problem.term.travelMinutes, "backupLoad": problem.term.backupLoad,
                "backupOverlap": problem.term.backupOverlap.rawValue,
                "trainers": problem.trainers.map { ["id": $0.id, "maxHoursPerWeek": $0.maxHoursPerWeek ?? -1] },
                "offerings": offerings,
            ]
            let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
            FileHandle.standardOutput.write(data)
        }
    }
}
