import Foundation
import TrainPlanCore

/// The shift minimisation personnel task scheduling problem (SMPTSP, the "ptask" benchmark):
/// jobs with fixed times, each doable by some workers, no worker on two overlapping jobs,
/// as few workers as possible. Read from the benchmark's text format and solved with the
/// same engine as trainplan's terms.
public struct PersonnelTaskInstance: Sendable {
    public struct Job: Hashable, Sendable {
        public var start: Int
        public var end: Int
    }

    public var jobs: [Job]
    /// The jobs each worker may do.
    public var qualifications: [[Int]]

    /// Why a file is not a valid instance.
    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Parses the benchmark format: `Jobs = N`, N lines of `start end`, `Qualifications = W`,
    /// W lines of `k: job job …`; `#` starts a comment line.
    public init(parsing text: String) throws(ParseError) {
        var lines: [(number: Int, text: Substring)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop(while: \.isWhitespace)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            lines.append((index + 1, trimmed))
        }
        var cursor = 0
        func header(_ name: String) throws(ParseError) -> Int {
            while cursor < lines.count, lines[cursor].text.hasPrefix("Type") { cursor += 1 }
            guard cursor < lines.count else {
                throw ParseError(line: lines.last?.number ?? 1, message: "expected '\(name) = N'")
            }
            let parts = lines[cursor].text.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, parts[0] == name, let value = Int(parts[1]), value >= 0, value <= 1_000_000 else {
                throw ParseError(line: lines[cursor].number, message: "expected '\(name) = N'")
            }
            cursor += 1
            return value
        }
        let jobCount = try header("Jobs")
        var jobs: [Job] = []
        for _ in 0..<jobCount {
            guard cursor < lines.count else { throw ParseError(line: lines.last?.number ?? 1, message: "too few jobs") }
            let numbers = lines[cursor].text.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
            guard numbers.count == 2, numbers[0] <= numbers[1] else {
                throw ParseError(line: lines[cursor].number, message: "expected 'start end' with start ≤ end")
            }
            jobs.append(Job(start: numbers[0], end: numbers[1]))
            cursor += 1
        }
        let workerCount = try header("Qualifications")
        var qualifications: [[Int]] = []
        for _ in 0..<workerCount {
            guard cursor < lines.count else {
                throw ParseError(line: lines.last?.number ?? 1, message: "too few workers")
            }
            let parts = lines[cursor].text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let count = Int(parts[0].trimmingCharacters(in: .whitespaces)) else {
                throw ParseError(line: lines[cursor].number, message: "expected 'k: job job …'")
            }
            let list = parts[1].split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
            guard list.count == count, list.allSatisfy({ $0 >= 0 && $0 < jobCount }) else {
                throw ParseError(
                    line: lines[cursor].number, message: "expected \(count) job numbers from 0 to \(jobCount - 1)")
            }
            qualifications.append(list)
            cursor += 1
        }
        self.jobs = jobs
        self.qualifications = qualifications
    }

    /// A worker for every job (or -1 where none could be found), using as few workers as it can;
    /// the proven lower bound it stopped at (`lagrangianBound`, computed once from the
    /// construction's worker count; max-overlap when the construction already reached that);
    /// and whether no valid assignment can exist at all.
    ///
    /// Where the construction leaves jobs without a worker, the workers are few for the work:
    /// the candidates are then filtered first (`filteredCandidates`: what no valid assignment
    /// uses is removed, and much is forced), the search runs on what is left, and an exact
    /// search (`assignmentBySearch`) is tried before the covering rounds. Where the
    /// construction covers every job (all of the ptask benchmark), nothing is filtered: it
    /// costs seconds on the largest instances and would change nothing there.
    public func solve() -> (assignment: [Int], bound: Int, infeasible: Bool) {
        var bound = lowerBound
        let settings = MinimumWorkers.Settings.smptsp
        var engineModel = model()
        var complete: (() -> MinimumWorkers.Completion)?
        if !MinimumWorkers.constructionCovers(engineModel, settings: settings) {
            guard let candidates = filteredCandidates() else {
                return (Array(repeating: -1, count: jobs.count), bound, true)
            }
            for (job, list) in candidates.enumerated() { engineModel.tasks[job].candidates = list }
            complete = {
                assignmentBySearch(candidates, nodes: settings.exactNodes).map { .found($0) } ?? .unknown
            }
        }
        let result = MinimumWorkers.solve(
            engineModel, settings: settings,
            strongerBound: { used in
                bound = lagrangianBound(upper: used)
                return bound
            }, complete: complete)
        return (result.resourceOf, bound, false)
    }

    /// The engine's view: one task per job, closed intervals, no travel, no limits.
    func model() -> EngineModel {
        var candidates = Array(repeating: [Int](), count: jobs.count)
        for (worker, list) in qualifications.enumerated() { for job in Set(list) { candidates[job].append(worker) } }
        return EngineModel(
            tasks: jobs.enumerated().map { index, job in
                EngineTask(
                    start: job.start, end: job.end, place: 0, group: index, isBackup: false, bucket: 0, load: 0,
                    candidates: candidates[index].sorted(), priority: 0)
            }, resourceCount: qualifications.count, travel: 0, closedIntervals: true, backupsMayOverlap: false,
            bucketLimit: Array(repeating: nil, count: qualifications.count))
    }

    /// The largest number of jobs that overlap at one moment (closed intervals): a lower bound.
    public var lowerBound: Int {
        var events: [(Int, Int)] = []
        for job in jobs {
            events.append((job.start, 0))
            events.append((job.end, 1))
        }
        events.sort { $0 < $1 }
        var current = 0
        var best = 0
        for event in events {
            current += event.1 == 0 ? 1 : -1
            best = max(best, current)
        }
        return best
    }

    /// Problems with an assignment: a job without a worker, a worker not qualified for a job, or
    /// a worker on two overlapping jobs. Written apart from the solver.
    public func violations(_ assignment: [Int]) -> [String] {
        var problems: [String] = []
        guard assignment.count == jobs.count else { return ["\(assignment.count) workers for \(jobs.count) jobs"] }
        var byWorker: [Int: [Int]] = [:]
        for (job, worker) in assignment.enumerated() {
            guard worker >= 0, worker < qualifications.count else {
                problems.append("job \(job) has no worker")
                continue
            }
            if !qualifications[worker].contains(job) { problems.append("worker \(worker) may not do job \(job)") }
            byWorker[worker, default: []].append(job)
        }
        for (worker, list) in byWorker {
            let sorted = list.sorted { jobs[$0].start < jobs[$1].start }
            for (a, b) in zip(sorted, sorted.dropFirst()) where jobs[b].start <= jobs[a].end {
                problems.append("worker \(worker) has overlapping jobs \(a) and \(b)")
            }
        }
        return problems.sorted()
    }
}
