import Foundation
import PropertyBased
import Testing
import TrainPlanCore
import TrainPlanFormats
import TrainPlanSolver
import TrainPlanStaffing

@Suite("The scheduler's score")
struct ScoringTests {
    static let base = Score(
        primaries: 10, full: 8, backups: 8, unchanged: 3, busiest: 600, atBusiest: 2, continuity: 4, spread: 1_000)

    @Test func goalsAreComparedInOrder() {
        var more = Self.base
        more.primaries += 1
        more.busiest *= 10
        more.unchanged = 0
        #expect(more.isBetter(than: Self.base), "one more primary outweighs any load and any change")

        var fuller = Self.base
        fuller.full += 1
        fuller.backups -= 1
        #expect(fuller.isBetter(than: Self.base), "a fully staffed offering comes before a lone backup")

        var kept = Self.base
        kept.unchanged += 1
        kept.busiest += 1
        #expect(kept.isBetter(than: Self.base), "goal 2 comes before goal 3")

        var fewerAtPeak = Self.base
        fewerAtPeak.atBusiest = 1
        fewerAtPeak.continuity = 0
        #expect(fewerAtPeak.isBetter(than: Self.base), "fewer trainers at the peak before continuity")

        var continues = Self.base
        continues.continuity += 1
        continues.spread += 500
        #expect(continues.isBetter(than: Self.base), "continuity before the spread")

        var narrower = Self.base
        narrower.spread -= 1
        #expect(narrower.isBetter(than: Self.base))
        #expect(!narrower.isBetter(than: Self.base, through: .continuity), "the spread is not looked at")
        #expect(narrower.compare(Self.base, through: .continuity) == 0)
        #expect(Self.base.isWorse(than: narrower))
    }

    @Test func theScoreCountsWhatTheGoalsName() throws {
        let model = EngineModel(
            tasks: [
                EngineTask(
                    start: 0, end: 60, place: 0, group: 0, isBackup: false, bucket: 0, load: 60, candidates: [0, 1],
                    priority: 0),
                EngineTask(
                    start: 0, end: 60, place: 0, group: 0, isBackup: true, bucket: 0, load: 30, candidates: [0, 1],
                    priority: 1),
                EngineTask(
                    start: 100, end: 160, place: 0, group: 1, isBackup: false, bucket: 0, load: 60, candidates: [0, 1],
                    priority: 0),
                EngineTask(
                    start: 100, end: 160, place: 0, group: 1, isBackup: true, bucket: 0, load: 30,
                    candidates: [0, 1], priority: 1),
            ], resourceCount: 2, travel: 0, closedIntervals: false, backupsMayOverlap: false,
            bucketLimit: [nil, nil])
        var state = EngineState(model: model)
        state.assign(0, to: 0)
        state.assign(1, to: 1)
        state.assign(2, to: 0)
        state.commit()
        let scoring = Scoring(previous: [0, 0, -1, -1], continuity: [[2], [], [0], []])
        let score = scoring.score(state)
        #expect(score.primaries == 2)
        #expect(score.full == 1, "the second offering has no backup")
        #expect(score.backups == 1)
        #expect(score.unchanged == 1, "task 0 kept its resource, task 1 did not")
        #expect(score.busiest == 120)
        #expect(score.atBusiest == 1)
        #expect(score.continuity == 2, "both primaries are on resource 0")
        #expect(score.spread == 120 * 120 + 30 * 30)
    }

    /// Every phase of the scheduler pursues one goal and must not make the score worse through
    /// it; the scheduler refuses a phase's result that does. On random terms, none is refused.
    @Test func noPhaseMakesTheScoreWorse() async {
        await propertyCheck(count: 80, input: Gen.int(in: 0...1_000_000)) { seed in
            guard let problem = randomProblem(seed: UInt64(seed), trainers: 3...9, offerings: 1...30) else {
                Issue.record("seed \(seed): the generated instance does not read")
                return
            }
            let reports = Reports()
            let schedule = Scheduler.schedule(problem, settings: .standard) { reports.append($0) }
            let phases = reports.values
            #expect(phases.first?.phase == "build")
            for report in phases {
                #expect(report.kept, "seed \(seed): \(report.phase) made it worse: \(report.before) → \(report.after)")
            }
            #expect(violations(problem, schedule).isEmpty, "seed \(seed)")
            #expect(schedule.assignments.count { $0.primary != nil } == phases.last?.after.primaries)
        }
    }

    @Test func theLargerPhasesRunOnLargerTerms() {
        // 30 offerings: past the exact searches, so ruin and recreate runs.
        guard let problem = randomProblem(seed: 4, trainers: 8...8, offerings: 30...30) else {
            Issue.record("the generated instance does not read")
            return
        }
        let reports = Reports()
        _ = Scheduler.schedule(problem, settings: .standard) { reports.append($0) }
        let names = reports.values.map(\.phase)
        #expect(names.contains("ruin and recreate"))
        #expect(!names.contains("exact peak"))
    }
}

private final class Reports: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Scheduler.PhaseReport] = []
    func append(_ report: Scheduler.PhaseReport) { lock.withLock { list.append(report) } }
    var values: [Scheduler.PhaseReport] { lock.withLock { list } }
}
