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
            // More jobs at one moment than workers: no assignment exists, and none is searched for.
            if instance.lowerBound > instance.qualifications.count {
                standardError(
                    "trainplan-bench: no solution: \(instance.lowerBound) jobs overlap at one moment and there are "
                        + "only \(instance.qualifications.count) workers")
                throw ExitCode(1)
            }
            let (result, bound, infeasible) = instance.solve()
            if infeasible {
                standardError(
                    "trainplan-bench: no solution: at some moment the jobs running cannot all have different "
                        + "qualified workers")
                throw ExitCode(1)
            }
            let problems = instance.violations(result)
            let uncovered = result.count { $0 < 0 }
            if uncovered > 0, problems.count == uncovered {
                // Not a broken solution: none was found that covers every job (the instance
                // may have none: a job whose workers are all needed elsewhere at that time).
                standardError(
                    "trainplan-bench: no assignment found that covers every job: \(uncovered) of "
                        + "\(instance.jobs.count) jobs are left without a worker (the instance may have no solution)")
                throw ExitCode(1)
            }
            guard problems.isEmpty else {
                for problem in problems.prefix(20) {
                    standardError("trainplan-bench: internal error: invalid solution: \(problem)")
                }
                throw ExitCode(70)
            }
            let used = Set(result).count
            var out = "workers: \(used)\n"
            // The bound the search stopped at, or one computed again from the workers used when it
            // stopped above it (a closer target gives the subgradient steps a better size).
            let proven = used > bound ? max(bound, instance.lagrangianBound(upper: used)) : bound
            out += "bound: \(proven) (max-overlap \(instance.lowerBound))\n"
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
