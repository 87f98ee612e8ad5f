import ArgumentParser
import Foundation
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

extension Bench {
    /// `trainplan-bench smptsp FILE`: solves a personnel task scheduling benchmark instance.
    struct SMPTSP: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "smptsp",
            abstract: "Solve a personnel task scheduling (SMPTSP) instance for the fewest workers.",
            discussion:
                "Reads the OR-Library 'ptask' format (closed end times), validates the result, prints 'workers: N'.")

        @Argument(help: "The instance file.")
        var file: String

        @Flag(help: "Also print one 'job worker' pair per line.")
        var assignment = false

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                standardError("\(file):1:1: error: The file cannot be read. [unreadable-file]")
                throw ExitCode(2)
            }
            let instance: PersonnelTaskInstance
            do {
                instance = try PersonnelTaskInstance(parsing: String(decoding: data, as: UTF8.self))
            } catch {
                standardError("\(file):\(error.line):1: error: \(error.message) [smptsp-format]")
                throw ExitCode(2)
            }
            // Progress for a person watching (a large instance takes seconds); never in a pipe.
            if isatty(STDERR_FILENO) != 0 {
                standardError(
                    "trainplan-bench: solving \(instance.jobs.count) jobs for \(instance.qualifications.count) workers…"
                )
            }
            let result = instance.solve()
            let problems = instance.violations(result)
            guard problems.isEmpty else {
                for problem in problems.prefix(20) {
                    standardError("trainplan-bench: internal error: invalid solution: \(problem)")
                }
                throw ExitCode(70)
            }
            let used = Set(result).count
            var out = "workers: \(used)\n"
            out += "bound: \(instance.lagrangianBound(upper: used)) (max-overlap \(instance.lowerBound))\n"
            if assignment {
                for (job, worker) in result.enumerated() { out += "\(job) \(worker)\n" }
            }
            print(out, terminator: "")
            standardError("trainplan-bench: \(instance.jobs.count) jobs, lower bound \(instance.lowerBound) workers")
        }
    }
}

/// A line on standard error.
private func standardError(_ text: String) {
    var line = text + "\n"
    _ = line.withUTF8 { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}
