package import TrainPlanCore

/// Tries to cover every task with one resource fewer than a given assignment uses: a tabu
/// search over partial assignments, in the manner of PartialCol for graph colouring
/// (Blöchliger & Zufferey 2008), with the waiting tasks weighted as in breakout local search.
///
/// The least used resource leaves the team; its tasks wait in a pool. A move gives a waiting
/// task to a team member and sends the tasks it clashes with there to the pool. The move taken
/// is the one that adds the least weight to the pool; every task gains weight for each round it
/// spends waiting, so that tasks that keep waiting are placed first. A task just sent away may
/// not go back to that member for a while (the tabu tenure), unless the move leaves fewer tasks
/// waiting than ever before. When the pool empties, the team is one smaller and the next least
/// used resource leaves; when the budget of move evaluations is spent first, the last team that
/// covered everything is kept. Deterministic for a given seed.
package enum TeamTabuSearch {
    /// Rounds a task may wait before an idle resource may join the team to take it. Sooner
    /// changed the team too often on the benchmark; never, and the search could not leave a
    /// team that lacks the right resources (see the tests).
    static let joinAfter = 50

    /// Shrinks the team of `search` while it can, down to `bound`, within `budget` move
    /// evaluations. The state is left valid: a smaller team, or the team it was given.
    package static func shrink(_ search: inout AssignmentSearch, bound: Int, budget: Int, random: inout SplitMix64) {
        var budget = budget
        let model = search.state.model
        search.state.commit()
        while budget > 0 {
            let team = (0..<model.resourceCount).filter { !search.state.tasksOf[$0].isEmpty }
                .sorted { (search.state.tasksOf[$0].count, $0) < (search.state.tasksOf[$1].count, $1) }
            guard team.count > bound, let leaving = team.first else { return }
            let pool = search.state.tasksOf[leaving]
            if pool.contains(where: { search.fixed[$0] }) { return }
            let saved = search.state
            let savedEnabled = search.enabled
            search.enabled = Array(repeating: false, count: model.resourceCount)
            for member in team.dropFirst() { search.enabled[member] = true }
            for task in pool { search.state.unassign(task) }
            guard cover(&search, pool: pool, budget: &budget, random: &random) else {
                search.state = saved
                search.enabled = savedEnabled
                return
            }
            search.state.commit()
        }
    }

    /// Covers the tasks left without a resource (those some resource could take), opening every
    /// resource, with the same tabu search; returns the budget left. When the budget runs out
    /// first, the assignment with the fewest tasks left over that it saw is kept. Resources that
    /// end with nothing are closed again.
    package static func coverLeftOver(_ search: inout AssignmentSearch, budget: Int, random: inout SplitMix64) -> Int {
        let model = search.state.model
        let left = model.tasks.indices.filter {
            search.state.resourceOf[$0] < 0 && !model.tasks[$0].candidates.isEmpty
        }
        guard !left.isEmpty else { return budget }
        search.state.commit()
        let saved = search.state
        let savedEnabled = search.enabled
        search.enabled = Array(repeating: true, count: model.resourceCount)
        var budget = budget
        var best: (state: EngineState, left: Int)?
        let covered = cover(&search, pool: left, budget: &budget, random: &random) { state, waiting in
            if waiting < best?.left ?? left.count { best = (state, waiting) }
        }
        if !covered {
            search.state = best?.state ?? saved
            if best == nil { search.enabled = savedEnabled }
        }
        search.state.commit()
        for resource in 0..<model.resourceCount where search.state.tasksOf[resource].isEmpty {
            search.enabled[resource] = false
        }
        return budget
    }

    /// Runs the tabu search until every task of `pool` has a member (true) or the budget is
    /// spent (false). `improved`, when given, sees the state each time fewer tasks wait than
    /// ever before (with how many wait).
    ///
    /// A waiting task that no member can do, or that has waited more than `joinAfter` rounds,
    /// may bring a newcomer in: an idle resource joins with it, and the member whose tasks
    /// weigh least leaves, its tasks to the pool. That costs their weight, so it is taken only
    /// when nothing cheaper is left. Resources that just joined or left keep their place a
    /// while. When every move is tabu, the best tabu move is taken.
    private static func cover(
        _ search: inout AssignmentSearch, pool: [Int], budget: inout Int, random: inout SplitMix64,
        improved: ((EngineState, Int) -> Void)? = nil
    ) -> Bool {
        var pool = pool
        let model = search.state.model
        let resources = model.resourceCount
        // tabu[task * resources + resource]: the round until which the task may not go there.
        var tabu = Array(repeating: 0, count: model.tasks.count * resources)
        var weight = Array(repeating: 1, count: model.tasks.count)
        // The round until which a resource may not join or leave the team.
        var teamTabu = Array(repeating: 0, count: resources)
        var members = (0..<resources).filter { search.enabled[$0] }
        var memberWeight = Array(repeating: 0, count: resources)
        for member in members { memberWeight[member] = search.state.tasksOf[member].count }
        var fewest = pool.count
        var round = 0
        while !pool.isEmpty {
            round += 1
            // The member that would leave if a newcomer joined: its tasks weigh least. Looked
            // for only when a waiting task has no member that can do it.
            var leaving: Int?
            if pool.contains(where: { task in
                weight[task] > joinAfter || !model.tasks[task].candidates.contains { search.enabled[$0] }
            }) {
                for member in members where teamTabu[member] <= round {
                    if leaving.map({ memberWeight[member] < memberWeight[$0] }) ?? true { leaving = member }
                }
                if leaving == nil { leaving = members.min { memberWeight[$0] < memberWeight[$1] } }
                budget -= members.count
            }
            // The move adding the least weight to the pool; ties broken at random.
            var chosen: (slot: Int, resource: Int)?
            var chosenCost = Int.max
            var ties = 0
            // The best of the tabu moves, taken when every move is tabu.
            var fallback: (slot: Int, resource: Int)?
            var fallbackCost = Int.max
            func considerTabu(_ cost: Int, _ slot: Int, _ resource: Int) {
                if cost < fallbackCost {
                    fallbackCost = cost
                    fallback = (slot, resource)
                }
            }
            func consider(_ cost: Int, _ slot: Int, _ resource: Int) {
                if cost < chosenCost {
                    chosenCost = cost
                    chosen = (slot, resource)
                    ties = 1
                } else if cost == chosenCost {
                    ties += 1
                    if random.next() % UInt64(ties) == 0 { chosen = (slot, resource) }
                }
            }
            for (slot, task) in pool.enumerated() {
                // Only a task that no member can do brings a newcomer in.
                let stranded = weight[task] > joinAfter || !model.tasks[task].candidates.contains { search.enabled[$0] }
                for resource in model.tasks[task].candidates where stranded || search.enabled[resource] {
                    guard budget > 0 else { return false }
                    budget -= 1
                    if !search.enabled[resource] {
                        // Joining: only an idle resource, for a leaving member's weight.
                        guard let leaving, search.state.tasksOf[resource].isEmpty,
                            search.state.canAssign(task, to: resource)
                        else { continue }
                        let cost = memberWeight[leaving] - weight[task]
                        if teamTabu[resource] > round {
                            considerTabu(cost, slot, resource)
                        } else {
                            consider(cost, slot, resource)
                        }
                        continue
                    }
                    guard
                        let (count, added) = search.state.evictionCost(
                            task, on: resource, weight: weight, fixed: search.fixed)
                    else { continue }
                    // A tabu move is allowed when it leaves fewer waiting than ever before.
                    if tabu[task * resources + resource] > round, pool.count + count - 1 >= fewest {
                        considerTabu(added - weight[task], slot, resource)
                        continue
                    }
                    consider(added - weight[task], slot, resource)
                }
            }
            guard let move = chosen ?? fallback else { return false }
            let task = pool[move.slot]
            pool.swapAt(move.slot, pool.count - 1)
            pool.removeLast()
            if !search.enabled[move.resource], let leaving {
                // The team changes: the newcomer joins with the task, the lightest member leaves.
                let tenure = 10 + Int(random.next() % 10)
                for other in search.state.tasksOf[leaving] {
                    if search.fixed[other] { return false }
                    search.state.unassign(other)
                    pool.append(other)
                }
                search.enabled[leaving] = false
                memberWeight[leaving] = 0
                teamTabu[leaving] = round + tenure
                search.enabled[move.resource] = true
                teamTabu[move.resource] = round + tenure
                members.removeAll { $0 == leaving }
                members.append(move.resource)
            } else {
                let tenure = Int(random.next() % 10) + (6 * pool.count + 5) / 10
                for other in search.state.conflicts(task, on: move.resource) {
                    search.state.unassign(other)
                    memberWeight[move.resource] -= weight[other]
                    tabu[other * resources + move.resource] = round + tenure
                    pool.append(other)
                }
            }
            search.state.assign(task, to: move.resource)
            memberWeight[move.resource] += weight[task]
            for waiting in pool { weight[waiting] += 1 }
            if pool.count < fewest {
                fewest = pool.count
                if let improved, !pool.isEmpty {
                    search.state.commit()
                    improved(search.state, pool.count)
                }
            }
            // The undo log is not needed inside the search; keep it from growing.
            if round % 1_024 == 0 { search.state.commit() }
        }
        return true
    }
}

extension EngineState {
    /// What giving `task` to `resource` would send away: how many tasks clash with it there,
    /// and their total weight. `nil` when a clashing task may not move, or when the task would
    /// not fit the resource's limits even with them gone. Builds no list unless limits apply.
    func evictionCost(_ task: Int, on resource: Int, weight: [Int], fixed: [Bool]) -> (count: Int, weight: Int)? {
        if model.bucketLimit[resource] != nil {
            let evicted = conflicts(task, on: resource)
            guard evicted.allSatisfy({ !fixed[$0] }), fits(task, on: resource, without: evicted) else { return nil }
            return (evicted.count, evicted.reduce(0) { $0 + weight[$1] })
        }
        var count = 0
        var total = 0
        var movable = true
        visitClashes(task, on: resource) { other in
            movable = !fixed[other]
            count += 1
            total += weight[other]
            return movable
        }
        guard movable else { return nil }
        return (count, total)
    }
}
