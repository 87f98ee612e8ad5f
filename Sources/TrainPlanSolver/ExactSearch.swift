import TrainPlanCore

/// Branch and bound over a small problem: the most important tasks staffed first, then the
/// rest, counting primaries before backups. Used to make sure that a small term is staffed as
/// fully as it can be at all, when the heuristic phases leave a gap.
package enum ExactSearch {
    /// The best assignment found within `nodeBudget` nodes that staffs more than `state`
    /// already does (weighted by priority), or `nil` when none is better or the budget ran out.
    package static func improve(_ state: EngineState, fixed: [Bool], nodeBudget: Int) -> [Int]? {
        let model = state.model
        let tasks = Array(0..<model.tasks.count)
        // Weights make one task of priority 0 worth more than all tasks of lower priority.
        let backupCount = model.tasks.count { $0.priority > 0 }
        func weight(_ task: Int) -> Int { model.tasks[task].priority == 0 ? backupCount + 1 : 1 }
        func score(_ resources: [Int]) -> Int { tasks.reduce(0) { $0 + (resources[$1] >= 0 ? weight($1) : 0) } }
        let incumbentScore = score(state.resourceOf)
        var best: [Int]?
        var bestScore = incumbentScore
        var nodes = 0
        var exhausted = false

        var search = EngineState(model: model)
        for task in tasks where fixed[task] && state.resourceOf[task] >= 0 {
            search.assign(task, to: state.resourceOf[task])
        }
        let order = tasks.filter { !fixed[$0] }.sorted {
            (model.tasks[$0].priority, model.tasks[$0].candidates.count, model.tasks[$0].start, $0)
                < (model.tasks[$1].priority, model.tasks[$1].candidates.count, model.tasks[$1].start, $1)
        }
        var remaining = Array(repeating: 0, count: order.count + 1)
        for index in stride(from: order.count - 1, through: 0, by: -1) {
            remaining[index] =
                remaining[index + 1] + (model.tasks[order[index]].candidates.isEmpty ? 0 : weight(order[index]))
        }
        let fixedScore = score(search.resourceOf)

        func visit(_ index: Int, _ current: Int) {
            nodes += 1
            if nodes > nodeBudget {
                exhausted = true
                return
            }
            if current + remaining[index] <= bestScore { return }
            if index == order.count {
                bestScore = current
                best = search.resourceOf
                return
            }
            let task = order[index]
            for resource in model.tasks[task].candidates where search.canAssign(task, to: resource) {
                search.assign(task, to: resource)
                visit(index + 1, current + weight(task))
                search.unassign(task)
                search.commit()
                if exhausted { return }
            }
            visit(index + 1, current)
        }
        visit(0, fixedScore)
        guard let best else { return nil }
        return best
    }

    /// Among the assignments that staff at least as many primaries, fully staffed groups and
    /// backups as `state`, the one with the lightest busiest resource found within `nodeBudget`
    /// nodes, or `nil` when none is lighter than `state`'s. Tasks marked `fixed` stay as they are.
    package static func lighten(_ state: EngineState, fixed: [Bool], nodeBudget: Int) -> [Int]? {
        let model = state.model
        let tasks = Array(0..<model.tasks.count)
        let target = state.staffing
        var bestPeak = state.totalLoad.max() ?? 0
        var best: [Int]?
        var nodes = 0

        var search = EngineState(model: model)
        for task in tasks where fixed[task] && state.resourceOf[task] >= 0 {
            search.assign(task, to: state.resourceOf[task])
        }
        guard (search.totalLoad.max() ?? 0) < bestPeak else { return nil }
        // Heavy tasks first: the load bound prunes early.
        let order = tasks.filter { !fixed[$0] && !model.tasks[$0].candidates.isEmpty }.sorted {
            (-model.tasks[$0].load, model.tasks[$0].candidates.count, $0)
                < (-model.tasks[$1].load, model.tasks[$1].candidates.count, $1)
        }
        // How many primaries and backups the tasks from each index on could still add.
        var primariesLeft = Array(repeating: 0, count: order.count + 1)
        var backupsLeft = Array(repeating: 0, count: order.count + 1)
        for index in stride(from: order.count - 1, through: 0, by: -1) {
            let isPrimary = model.tasks[order[index]].priority == 0
            primariesLeft[index] = primariesLeft[index + 1] + (isPrimary ? 1 : 0)
            backupsLeft[index] = backupsLeft[index + 1] + (isPrimary ? 0 : 1)
        }
        var primaries = search.staffing.primaries
        var backups = search.staffing.backups

        func visit(_ index: Int) {
            nodes += 1
            if nodes > nodeBudget { return }
            if primaries + primariesLeft[index] < target.primaries || backups + backupsLeft[index] < target.backups {
                return
            }
            if index == order.count {
                if search.staffing.full >= target.full {
                    bestPeak = search.totalLoad.max() ?? 0
                    best = search.resourceOf
                }
                return
            }
            let task = order[index]
            let load = model.tasks[task].load
            let isPrimary = model.tasks[task].priority == 0
            for resource in model.tasks[task].candidates
            where search.totalLoad[resource] + load < bestPeak && search.canAssign(task, to: resource) {
                search.assign(task, to: resource)
                if isPrimary { primaries += 1 } else { backups += 1 }
                visit(index + 1)
                if isPrimary { primaries -= 1 } else { backups -= 1 }
                search.unassign(task)
                search.commit()
                if nodes > nodeBudget { return }
            }
            visit(index + 1)
        }
        visit(0)
        return best
    }
}
