import TrainPlanCore

/// A task for the assignment engine: a time interval at a place that one resource must cover.
///
/// The engine knows nothing of trainers or sessions: trainplan's scheduler and the personnel
/// task scheduling benchmark both describe their problem in these terms.
package struct EngineTask {
    /// Start and end, in minutes.
    package var start: Int
    package var end: Int
    /// An index for the place; tasks at different places need the travel gap between them.
    package var place: Int
    /// Tasks of one group (the roles of one offering) never share a resource.
    package var group: Int
    /// Whether this task is a backup duty (which may overlap other backup duties when allowed).
    package var isBackup: Bool
    /// The bucket (ISO week) the task's load counts in, and the load.
    package var bucket: Int
    package var load: Int
    /// The resources allowed to take the task, by the static rules.
    package var candidates: [Int]
    /// 0 for the most important tasks (primaries); higher numbers may be displaced for lower ones.
    package var priority: Int

    package init(
        start: Int, end: Int, place: Int, group: Int, isBackup: Bool, bucket: Int, load: Int, candidates: [Int],
        priority: Int
    ) {
        self.start = start
        self.end = end
        self.place = place
        self.group = group
        self.isBackup = isBackup
        self.bucket = bucket
        self.load = load
        self.candidates = candidates
        self.priority = priority
    }
}

/// The problem the engine solves: tasks, resources and the rules between tasks on one resource.
package struct EngineModel {
    package var tasks: [EngineTask]
    package var resourceCount: Int
    /// Minutes needed between tasks at different places.
    package var travel: Int
    /// Whether intervals are closed (a task ending at 600 overlaps one starting at 600).
    package var closedIntervals: Bool
    /// Whether two backup tasks may overlap on one resource.
    package var backupsMayOverlap: Bool
    /// Each resource's limit on the load in one bucket, or `nil` for none.
    package var bucketLimit: [Int?]

    package init(
        tasks: [EngineTask], resourceCount: Int, travel: Int, closedIntervals: Bool, backupsMayOverlap: Bool,
        bucketLimit: [Int?]
    ) {
        self.tasks = tasks
        self.resourceCount = resourceCount
        self.travel = travel
        self.closedIntervals = closedIntervals
        self.backupsMayOverlap = backupsMayOverlap
        self.bucketLimit = bucketLimit
    }

    /// The longest task, for bounding conflict searches.
    package var longestTask: Int { tasks.map { $0.end - $0.start }.max() ?? 0 }
}

/// An assignment of tasks to resources, with the indexes the conflict checks need, and an
/// undo log so that a failed repair chain leaves no trace.
package struct EngineState {
    package let model: EngineModel
    /// The resource of each task, or -1.
    package private(set) var resourceOf: [Int]
    /// Each resource's tasks, sorted by start.
    package private(set) var tasksOf: [[Int]]
    /// Each resource's load per bucket: `bucketLoads[resource * bucketCount + bucketIndex[task]]`
    /// (the buckets numbered densely, so that a load is an array lookup, not a hash).
    private var bucketLoads: [Int]
    private let bucketIndex: [Int]
    private let bucketCount: Int
    /// Each resource's total load, for balancing.
    package private(set) var totalLoad: [Int]
    private var undo: [(task: Int, resource: Int)] = []
    private let reach: Int
    /// For each task, the other tasks of its group (the other role of an offering).
    private let groupMates: [[Int]]

    package init(model: EngineModel) {
        self.model = model
        resourceOf = Array(repeating: -1, count: model.tasks.count)
        tasksOf = Array(repeating: [], count: model.resourceCount)
        var dense: [Int: Int] = [:]
        bucketIndex = model.tasks.map { task in
            if let index = dense[task.bucket] { return index }
            dense[task.bucket] = dense.count
            return dense.count - 1
        }
        bucketCount = max(dense.count, 1)
        bucketLoads = Array(repeating: 0, count: model.resourceCount * max(dense.count, 1))
        totalLoad = Array(repeating: 0, count: model.resourceCount)
        reach = model.longestTask + model.travel + 1
        var byGroup: [Int: [Int]] = [:]
        for (index, task) in model.tasks.enumerated() { byGroup[task.group, default: []].append(index) }
        groupMates = model.tasks.indices.map { index in
            (byGroup[model.tasks[index].group] ?? []).filter { $0 != index }
        }
    }

    var assignedCount: Int { resourceOf.count { $0 >= 0 } }

    // MARK: Changes with undo

    package mutating func assign(_ task: Int, to resource: Int) {
        precondition(resourceOf[task] < 0)
        resourceOf[task] = resource
        let start = model.tasks[task].start
        // After the last task that starts no later (in place: no copy of the list).
        let low = firstIndex(on: resource) { $0 <= start }
        tasksOf[resource].insert(task, at: low)
        bucketLoads[resource * bucketCount + bucketIndex[task]] += model.tasks[task].load
        totalLoad[resource] += model.tasks[task].load
        undo.append((task, -1))
    }

    package mutating func unassign(_ task: Int) {
        let resource = resourceOf[task]
        guard resource >= 0 else { return }
        resourceOf[task] = -1
        // The task is among those of its start: look from the first of them.
        let start = model.tasks[task].start
        var index = firstIndex(on: resource) { $0 < start }
        while index < tasksOf[resource].count, tasksOf[resource][index] != task { index += 1 }
        if index < tasksOf[resource].count { tasksOf[resource].remove(at: index) }
        bucketLoads[resource * bucketCount + bucketIndex[task]] -= model.tasks[task].load
        totalLoad[resource] -= model.tasks[task].load
        undo.append((task, resource))
    }

    /// The first position in the resource's list (sorted by start) whose task's start does
    /// not satisfy `before` (`before` holds for a prefix of the list).
    private func firstIndex(on resource: Int, where before: (Int) -> Bool) -> Int {
        tasksOf[resource].withUnsafeBufferPointer { list in
            var low = 0
            var high = list.count
            while low < high {
                let middle = (low + high) / 2
                if before(model.tasks[list[middle]].start) { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    /// A point to roll back to.
    package var checkpoint: Int { undo.count }

    /// Undoes every change since the checkpoint.
    package mutating func rollback(to checkpoint: Int) {
        while undo.count > checkpoint, let last = undo.popLast() {
            if last.resource < 0 {
                unassign(last.task)
            } else {
                assign(last.task, to: last.resource)
            }
            undo.removeLast()
        }
    }

    /// Forgets the undo log (after a committed phase), so that it does not grow without end.
    package mutating func commit() { undo.removeAll(keepingCapacity: true) }

    // MARK: Rules

    /// Whether two tasks may not share a resource.
    package func clash(_ a: Int, _ b: Int) -> Bool {
        let first = model.tasks[a]
        let second = model.tasks[b]
        if first.group == second.group { return true }
        if first.isBackup, second.isBackup, model.backupsMayOverlap { return false }
        let gap = (first.place == second.place ? 0 : model.travel) + (model.closedIntervals ? 1 : 0)
        return first.start < second.end + gap && second.start < first.end + gap
    }

    /// Calls `body` with each task on `resource` that clashes with `task`: first those near it
    /// in time, in order of start, then its group mates further away (a task of the same group
    /// clashes anywhere). Stops when `body` returns false.
    func visitClashes(_ task: Int, on resource: Int, _ body: (Int) -> Bool) {
        let subject = model.tasks[task]
        // Only tasks starting within reach of this one can clash in time.
        let from = subject.start - reach
        let last = subject.end + reach
        let stopped = tasksOf[resource].withUnsafeBufferPointer { list in
            var low = 0
            var high = list.count
            while low < high {
                let middle = (low + high) / 2
                if model.tasks[list[middle]].start < from { low = middle + 1 } else { high = middle }
            }
            var index = low
            while index < list.count {
                let other = list[index]
                if model.tasks[other].start > last { break }
                if other != task, clash(task, other), !body(other) { return true }
                index += 1
            }
            return false
        }
        if stopped { return }
        for mate in groupMates[task] where resourceOf[mate] == resource {
            let start = model.tasks[mate].start
            if start < from || start > last, !body(mate) { return }
        }
    }

    /// The tasks on `resource` that clash with `task`.
    package func conflicts(_ task: Int, on resource: Int) -> [Int] {
        var found: [Int] = []
        visitClashes(task, on: resource) { other in
            found.append(other)
            return true
        }
        return found
    }

    /// The first of `conflicts(task, on: resource)`, without building the list (a gap's
    /// explanation asks this of every trainer).
    package func firstConflict(_ task: Int, on resource: Int) -> Int? {
        var found: Int?
        visitClashes(task, on: resource) { other in
            found = other
            return false
        }
        return found
    }

    /// Whether the resource's bucket has room for the task's load (after removing `without`).
    package func fits(_ task: Int, on resource: Int, without: [Int] = []) -> Bool {
        guard let limit = model.bucketLimit[resource] else { return true }
        let bucket = model.tasks[task].bucket
        var load = bucketLoads[resource * bucketCount + bucketIndex[task]] + model.tasks[task].load
        for other in without where model.tasks[other].bucket == bucket { load -= model.tasks[other].load }
        return load <= limit
    }

    /// Whether any task on `resource` clashes with `task` (as `conflicts`, without building the list).
    func hasConflict(_ task: Int, on resource: Int) -> Bool {
        var found = false
        visitClashes(task, on: resource) { _ in
            found = true
            return false
        }
        return found
    }

    /// Whether the task can go to the resource as things stand.
    package func canAssign(_ task: Int, to resource: Int) -> Bool {
        fits(task, on: resource) && !hasConflict(task, on: resource)
    }
}

extension EngineState {
    /// Primaries staffed, groups (offerings) with every task staffed, backups staffed: what
    /// goal 1 compares, in that order.
    var staffing: Staffing {
        var primaries = 0
        var backups = 0
        var groups = Set<Int>()
        var open = Set<Int>()
        for (task, resource) in resourceOf.enumerated() {
            groups.insert(model.tasks[task].group)
            if resource < 0 {
                open.insert(model.tasks[task].group)
            } else if model.tasks[task].priority == 0 {
                primaries += 1
            } else {
                backups += 1
            }
        }
        return Staffing(primaries: primaries, full: groups.count - open.count, backups: backups)
    }

    /// Staffing counts (compared as part of `Score`).
    struct Staffing: Equatable {
        var primaries: Int
        var full: Int
        var backups: Int
    }
}

/// Search strategies over an `EngineState`: direct insertion, repair chains that move a
/// conflicting task elsewhere, and displacement of less important tasks.
package struct AssignmentSearch {
    package var state: EngineState
    /// Resources the search may use (all by default).
    package var enabled: [Bool]
    /// Tasks the search must not move (pins).
    package var fixed: [Bool]
    /// Tasks it should move only when nothing else works (kept from a previous schedule).
    package var kept: [Bool]
    /// Orders candidates: lower is preferred. Given a task, the state and the resources allowed
    /// to take it, their costs in that order (one call per task, so that what the costs share is
    /// found once).
    var costs: (Int, EngineState, [Int]) -> [Int]
    /// A budget on repair-chain steps, so that a hopeless search ends.
    package var budget = 0
    /// No resource is given a task that would take its total load past this.
    var loadCap = Int.max

    /// A search that orders a task's candidates by `preference(task, resource, state)`.
    package init(state: EngineState, preference: @escaping (Int, Int, EngineState) -> Int) {
        self.init(state: state) { task, state, resources in resources.map { preference(task, $0, state) } }
    }

    /// A search that orders a task's candidates by `costs(task, state, resources)`: the cost
    /// of each of `resources`, in that order.
    package init(state: EngineState, costs: @escaping (Int, EngineState, [Int]) -> [Int]) {
        self.state = state
        enabled = Array(repeating: true, count: state.model.resourceCount)
        fixed = Array(repeating: false, count: state.model.tasks.count)
        kept = Array(repeating: false, count: state.model.tasks.count)
        self.costs = costs
    }

    /// The enabled candidates of the task that stay within the load cap, cheapest first (ties
    /// by resource number).
    func orderedCandidates(_ task: Int) -> [Int] {
        let load = state.model.tasks[task].load
        let allowed = state.model.tasks[task].candidates.filter {
            enabled[$0] && state.totalLoad[$0] <= loadCap - load
        }
        guard allowed.count > 1 else { return allowed }
        let cost = costs(task, state, allowed)
        // (cost, resource) packed in one integer when it fits: integers sort faster than pairs.
        let bits = Int.bitWidth - state.model.resourceCount.leadingZeroBitCount
        let room = Int.max >> (bits + 1)
        if cost.allSatisfy({ $0 > -room && $0 < room }) {
            let mask = (1 << bits) - 1
            var keys = zip(cost, allowed).map { ($0 << bits) | $1 }
            keys.sort()
            return keys.map { $0 & mask }
        }
        var scored = Array(zip(cost, allowed))
        scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return scored.map(\.1)
    }

    /// Puts the task on its most preferred resource that is free, if any.
    package mutating func insertDirectly(_ task: Int) -> Bool {
        guard let resource = mostPreferredFree(task) else { return false }
        state.assign(task, to: resource)
        return true
    }

    /// The first of `orderedCandidates(task)` that can take the task as things stand, found
    /// without ordering them: the cheapest (then lowest numbered) of those free. Most calls in
    /// a repair chain find none free, and then nothing is ordered or priced at all.
    func mostPreferredFree(_ task: Int) -> Int? {
        let load = state.model.tasks[task].load
        let free = state.model.tasks[task].candidates.filter {
            enabled[$0] && state.totalLoad[$0] <= loadCap - load && state.canAssign(task, to: $0)
        }
        guard free.count > 1 else { return free.first }
        let cost = costs(task, state, free)
        var best = 0
        for index in 1..<free.count where (cost[index], free[index]) < (cost[best], free[best]) { best = index }
        return free[best]
    }

    /// Puts the task somewhere, moving conflicting tasks of the same or lower importance to
    /// other resources, up to `depth` moves deep. Kept tasks move only when `moveKept` is set.
    /// Leaves the state unchanged when it fails.
    package mutating func insert(_ task: Int, depth: Int, moveKept: Bool, taboo: [Int] = []) -> Bool {
        if insertDirectly(task) { return true }
        guard depth > 0 else { return false }
        for resource in orderedCandidates(task) {
            budget -= 1
            if budget < 0 { return false }
            let blocking = state.conflicts(task, on: resource)
            // Any task may move (a primary too), as long as it finds another place: nothing is
            // left unstaffed by a repair chain.
            guard blocking.count <= 2, !blocking.isEmpty,
                blocking.allSatisfy({ !fixed[$0] && !taboo.contains($0) && (moveKept || !kept[$0]) }),
                state.fits(task, on: resource, without: blocking)
            else { continue }
            let mark = state.checkpoint
            for other in blocking { state.unassign(other) }
            state.assign(task, to: resource)
            var moved = true
            var avoid = taboo
            avoid.append(task)
            for other in blocking {
                avoid.append(other)
                if !insert(other, depth: depth - 1, moveKept: moveKept, taboo: avoid) {
                    moved = false
                    break
                }
            }
            if moved { return true }
            state.rollback(to: mark)
        }
        return false
    }

    /// Puts a task on a resource by displacing less important tasks that cannot go elsewhere
    /// (a backup gives way to a primary). Leaves the state unchanged when it fails.
    package mutating func displace(_ task: Int, depth: Int) -> Bool {
        let priority = state.model.tasks[task].priority
        for resource in orderedCandidates(task) {
            let blocking = state.conflicts(task, on: resource)
            guard !blocking.isEmpty,
                blocking.allSatisfy({ !fixed[$0] && state.model.tasks[$0].priority > priority }),
                state.fits(task, on: resource, without: blocking)
            else { continue }
            let mark = state.checkpoint
            for other in blocking { state.unassign(other) }
            state.assign(task, to: resource)
            for other in blocking { _ = insert(other, depth: depth, moveKept: true) }
            _ = mark
            return true
        }
        return false
    }
}
