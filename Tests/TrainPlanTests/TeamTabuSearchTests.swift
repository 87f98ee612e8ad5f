import Testing
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

@Suite("Covering the tasks with one resource fewer (team tabu search)")
struct TeamTabuSearchTests {
    /// Tasks in sequence, so one resource could do them all; each may go to its own resource
    /// or to resource 3, which starts idle. From one resource per task, the search has to let
    /// resource 3 in to get below three.
    @Test func aNewcomerJoinsForATaskNoMemberCanDo() {
        let model = Self.model(
            tasks: [(0, 10, [0, 3]), (20, 30, [1, 3]), (40, 50, [2, 3])], resources: 4)
        var search = Self.search(model, assignment: [0, 1, 2])
        var random = SplitMix64(seed: 1)
        TeamTabuSearch.shrink(&search, bound: 1, budget: 10_000, random: &random)
        #expect(Self.problems(search.state).isEmpty)
        #expect(search.state.resourceOf == [3, 3, 3])
    }

    /// A planted team of four resources covers chains of back-to-back tasks; six more resources
    /// may each take some of the tasks. Started from the planted assignment with tasks moved
    /// to the extra resources wherever they fit, the search gets back to a team of four: the
    /// most tasks that overlap.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func findsThePlantedTeam(seed: UInt64) {
        let (model, start) = Self.planted(seed: seed, team: 4, extra: 6, chain: 6)
        var search = Self.search(model, assignment: start)
        let before = Set(start).count
        #expect(before > 5, "the start must use more resources than the planted team")
        var random = SplitMix64(seed: seed)
        TeamTabuSearch.shrink(&search, bound: MinimumWorkers.lowerBound(model), budget: 200_000, random: &random)
        #expect(Self.problems(search.state).isEmpty)
        #expect(Set(search.state.resourceOf).count == 4)
    }

    /// Asked for fewer resources than the tasks can ever use, the search gives up within its
    /// budget and leaves a valid assignment with no more resources than it was given.
    @Test func anImpossibleBoundLeavesAValidAssignment() {
        let (model, start) = Self.planted(seed: 9, team: 4, extra: 6, chain: 6)
        var search = Self.search(model, assignment: start)
        var random = SplitMix64(seed: 9)
        TeamTabuSearch.shrink(&search, bound: 1, budget: 50_000, random: &random)
        #expect(Self.problems(search.state).isEmpty)
        #expect(!search.state.resourceOf.contains(-1))
        #expect(Set(search.state.resourceOf).count <= Set(start).count)
    }

    // MARK: Helpers

    static func model(tasks: [(start: Int, end: Int, candidates: [Int])], resources: Int) -> EngineModel {
        EngineModel(
            tasks: tasks.enumerated().map { index, task in
                EngineTask(
                    start: task.start, end: task.end, place: 0, group: index, isBackup: false, bucket: 0, load: 0,
                    candidates: task.candidates.sorted(), priority: 0)
            }, resourceCount: resources, travel: 0, closedIntervals: true, backupsMayOverlap: false,
            bucketLimit: Array(repeating: nil, count: resources))
    }

    static func search(_ model: EngineModel, assignment: [Int]) -> AssignmentSearch {
        var search = AssignmentSearch(state: EngineState(model: model)) { _, _, _ in 0 }
        for (task, resource) in assignment.enumerated() { search.state.assign(task, to: resource) }
        search.state.commit()
        search.enabled = (0..<model.resourceCount).map { resource in assignment.contains(resource) }
        return search
    }

    /// Tasks on resources that may not take them, and clashing tasks on one resource.
    static func problems(_ state: EngineState) -> [String] {
        var found: [String] = []
        for (task, resource) in state.resourceOf.enumerated() {
            guard resource >= 0 else {
                found.append("task \(task) has no resource")
                continue
            }
            if !state.model.tasks[task].candidates.contains(resource) {
                found.append("resource \(resource) may not take task \(task)")
            }
        }
        for tasks in state.tasksOf {
            for (index, first) in tasks.enumerated() {
                for second in tasks[(index + 1)...] where state.clash(first, second) {
                    found.append("tasks \(first) and \(second) clash")
                }
            }
        }
        return found
    }

    /// `team` chains of `chain` back-to-back tasks, each chain done by its own resource; every
    /// task may also go to each of `extra` resources with probability one half. The start moves
    /// tasks, in a shuffled order, to the first extra resource free for them.
    static func planted(seed: UInt64, team: Int, extra: Int, chain: Int) -> (EngineModel, [Int]) {
        var random = SplitMix64(seed: seed)
        func below(_ limit: Int) -> Int { Int(random.next() % UInt64(limit)) }
        var tasks: [(start: Int, end: Int, candidates: [Int])] = []
        var planted: [Int] = []
        for member in 0..<team {
            var time = below(20)
            for _ in 0..<chain {
                let length = 20 + below(60)
                var candidates = [member]
                for other in team..<(team + extra) where below(2) == 0 { candidates.append(other) }
                tasks.append((time, time + length, candidates))
                planted.append(member)
                time += length + 1 + below(4)
            }
        }
        let model = Self.model(tasks: tasks, resources: team + extra)
        var state = EngineState(model: model)
        for (task, member) in planted.enumerated() { state.assign(task, to: member) }
        var order = Array(tasks.indices)
        for index in order.indices.reversed() { order.swapAt(index, below(index + 1)) }
        for task in order {
            let member = state.resourceOf[task]
            state.unassign(task)
            let target = model.tasks[task].candidates.first { $0 >= team && state.canAssign(task, to: $0) }
            state.assign(task, to: target ?? member)
        }
        return (model, state.resourceOf)
    }
}
