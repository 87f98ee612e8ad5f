import TrainPlanCore

/// Covers every task with as few resources as it can: a best-fit construction in order of
/// start, then rounds that try to empty the least used resource by moving its tasks to the
/// others with repair chains, then ruin-and-recreate rounds around the least used resources. Deterministic: work is bounded by a step budget, not a clock.
package enum MinimumWorkers {
    package struct Result {
        /// The resource of each task, or -1 when a task could not be covered at all.
        package var resourceOf: [Int]
        var used: Int { Set(resourceOf.filter { $0 >= 0 }).count }
    }

    /// What an exact search (`solve`'s `complete`) says about covering every task.
    package enum Completion {
        /// A resource for every task.
        case found([Int])
        /// None found within the search's bounds.
        case unknown
    }

    /// `settings.teamSteps` bounds a last tabu search that tries to use one resource fewer at
    /// a time (`TeamTabuSearch`), counted in move evaluations; 0 leaves it out.
    /// `strongerBound`, when given, is asked once after the construction (with the resources
    /// it used) for a proven lower bound above the most tasks at one moment; the search stops
    /// as soon as it reaches the larger of the two.
    ///
    /// `complete`, when given, is asked for an assignment of every task when the construction
    /// leaves some task without a resource that could have one
    /// (an exact search, say); the rounds that give resources back then start from it.
    package static func solve(
        _ model: EngineModel, settings: Settings = Settings(), strongerBound: ((Int) -> Int)? = nil,
        complete: (() -> Completion)? = nil
    ) -> Result {
        var budget = settings.steps
        var search = constructed(model, settings: settings)

        var random = SplitMix64(seed: 0x736D_7074_7370)
        // Tasks left over although someone could take them: an exact search first, when there
        // is one (on an instance with barely enough resources it finds what is forced).
        if let complete,
            model.tasks.indices.contains(where: {
                search.state.resourceOf[$0] < 0 && !model.tasks[$0].candidates.isEmpty
            })
        {
            switch complete() {
            case .found(let found) where found.count == model.tasks.count:
                for task in model.tasks.indices where search.state.resourceOf[task] >= 0 { search.state.unassign(task) }
                search.enabled = Array(repeating: false, count: model.resourceCount)
                for (task, resource) in found.enumerated() where resource >= 0 {
                    search.enabled[resource] = true
                    search.state.assign(task, to: resource)
                }
                search.state.commit()
            case .found, .unknown: break
            }
        }
        // Still some left (no exact search, or it gave up): cover them, whatever it costs in
        // resources (the rounds below then give resources back); then, where the settings have
        // one, the tabu search of the last phase, over every resource at once.
        cover(&search, model: model, settings: settings, random: &random)
        if settings.teamSteps > 0 {
            _ = TeamTabuSearch.coverLeftOver(&search, budget: settings.teamSteps / 4, random: &random)
        }

        // Empty the least used resources while the budget lasts and the bound is not reached.
        func usedCount() -> Int { (0..<model.resourceCount).count { !search.state.tasksOf[$0].isEmpty } }
        var bound = lowerBound(model)
        if let strongerBound, usedCount() > bound { bound = max(bound, strongerBound(usedCount())) }
        // Short chains first; when they empty nothing more, longer ones.
        for depth in settings.emptyDepths {
            var improved = true
            while improved, budget > 0, usedCount() > bound {
                improved = false
                let used = (0..<model.resourceCount).filter { !search.state.tasksOf[$0].isEmpty }
                    .sorted { (search.state.tasksOf[$0].count, $0) < (search.state.tasksOf[$1].count, $1) }
                for resource in used where budget > 0 && usedCount() > bound {
                    let mark = search.state.checkpoint
                    search.enabled[resource] = false
                    let tasks = search.state.tasksOf[resource].sorted {
                        (model.tasks[$0].candidates.count, $0) < (model.tasks[$1].candidates.count, $1)
                    }
                    for task in tasks { search.state.unassign(task) }
                    var emptied = true
                    for task in tasks {
                        search.budget = min(budget, settings.emptyStepsPerTask)
                        let before = search.budget
                        let placed = search.insert(task, depth: depth, moveKept: true)
                        budget -= before - max(search.budget, 0) + 1
                        if !placed {
                            emptied = false
                            break
                        }
                    }
                    if emptied {
                        search.state.commit()
                        improved = true
                    } else {
                        search.state.rollback(to: mark)
                        search.state.commit()
                        search.enabled[resource] = true
                    }
                }
            }
        }
        // Past the chains: empty a resource together with a few that could take its tasks, and
        // hand all their tasks out again in a shuffled order without it. Every other round
        // empties two and lets one unused resource in instead: the set in use may be the wrong one.
        var failures = 0
        // A budget of its own, smaller for large instances, where each step costs more.
        budget = min(settings.steps, max(settings.ruinMinimum, settings.ruinWork / max(model.tasks.count, 1)))
        while budget > 0, usedCount() > bound, failures < settings.ruinFailures {
            let used = (0..<model.resourceCount).filter { !search.state.tasksOf[$0].isEmpty }
                .sorted { (search.state.tasksOf[$0].count, $0) < (search.state.tasksOf[$1].count, $1) }
            // The least used resources are the likeliest to empty; try them in turn.
            var emptied = [used[failures % min(used.count, 8)]]
            var sharing = Set<Int>()
            for task in search.state.tasksOf[emptied[0]] { sharing.formUnion(model.tasks[task].candidates) }
            var others = sharing.filter { !emptied.contains($0) && !search.state.tasksOf[$0].isEmpty }.sorted()
            others.shuffle(using: &random)
            var newcomer: Int?
            if failures % 2 == 1, let second = others.first {
                emptied.append(second)
                others.removeFirst()
                let idle = sharing.filter { !search.enabled[$0] }.sorted()
                newcomer = idle.isEmpty ? nil : idle[Int.random(in: 0..<idle.count, using: &random)]
            }
            let mark = search.state.checkpoint
            var freed: [Int] = []
            for resource in emptied {
                search.enabled[resource] = false
                freed += search.state.tasksOf[resource]
            }
            if let newcomer { search.enabled[newcomer] = true }
            for other in others.prefix(settings.ruinOthers) { freed += search.state.tasksOf[other] }
            for task in freed { search.state.unassign(task) }
            freed.shuffle(using: &random)
            freed.sort { model.tasks[$0].candidates.count < model.tasks[$1].candidates.count }
            var placed = true
            for task in freed {
                search.budget = min(budget, settings.ruinChain.steps)
                let before = search.budget
                placed = search.insert(task, depth: settings.ruinChain.depth, moveKept: true)
                budget -= before - max(search.budget, 0) + 1
                if !placed { break }
            }
            if placed {
                search.state.commit()
                if let newcomer, search.state.tasksOf[newcomer].isEmpty { search.enabled[newcomer] = false }
                failures = 0
            } else {
                search.state.rollback(to: mark)
                search.state.commit()
                for resource in emptied { search.enabled[resource] = true }
                if let newcomer { search.enabled[newcomer] = false }
                failures += 1
            }
        }
        if settings.teamSteps > 0, usedCount() > bound {
            TeamTabuSearch.shrink(&search, bound: bound, budget: settings.teamSteps, random: &random)
        }
        return Result(resourceOf: search.state.resourceOf)
    }

    /// Whether the construction (with its retries) gives every task that has a candidate a
    /// resource: where it does not, the resources are few for the work.
    package static func constructionCovers(_ model: EngineModel, settings: Settings) -> Bool {
        let search = constructed(model, settings: settings)
        return !model.tasks.indices.contains { search.state.resourceOf[$0] < 0 && !model.tasks[$0].candidates.isEmpty }
    }

    /// The construction in order of start; while tasks are left over, again with them first
    /// ("squeaky wheel").
    private static func constructed(_ model: EngineModel, settings: Settings) -> AssignmentSearch {
        var order = model.tasks.indices.sorted {
            (model.tasks[$0].start, model.tasks[$0].end, $0) < (model.tasks[$1].start, model.tasks[$1].end, $1)
        }
        // How many tasks each resource could take, to open the most useful one first.
        var usefulness = Array(repeating: 0, count: model.resourceCount)
        for task in model.tasks { for resource in task.candidates { usefulness[resource] += 1 } }
        var search = construct(model, order: order, usefulness: usefulness, settings: settings)
        for _ in 0..<settings.reconstructions {
            let left = order.filter { search.state.resourceOf[$0] < 0 }
            // A task nobody can take changes nothing wherever it stands in the order.
            if left.allSatisfy({ model.tasks[$0].candidates.isEmpty }) { break }
            order = left + order.filter { search.state.resourceOf[$0] >= 0 }
            let retry = construct(model, order: order, usefulness: usefulness, settings: settings)
            // When the retry is no better, the next order would be this one again, and so
            // would its construction.
            guard retry.state.assignedCount > search.state.assignedCount else { break }
            search = retry
        }
        return search
    }

    /// Covers the tasks the construction left without a resource while some resource could take
    /// them. Every resource is opened; a round picks a task left over and the candidate where it
    /// clashes with the fewest tasks (now and then a candidate at random, to leave a plateau),
    /// takes those tasks off, puts the task there, and places them again with repair chains. A
    /// round is kept when fewer tasks are left over than before, or as many every other time (a
    /// sideways step), and undone otherwise. Deterministic: a seeded generator and a step budget.
    private static func cover(
        _ search: inout AssignmentSearch, model: EngineModel, settings: Settings, random: inout SplitMix64
    ) {
        func leftOver() -> [Int] {
            model.tasks.indices.filter { search.state.resourceOf[$0] < 0 && !model.tasks[$0].candidates.isEmpty }
        }
        var left = leftOver()
        guard !left.isEmpty else { return }
        let opened = (0..<model.resourceCount).filter { !search.enabled[$0] }
        for resource in opened { search.enabled[resource] = true }
        var budget = settings.coverSteps
        var failures = 0
        var round = 0
        while !left.isEmpty, budget > 0, failures < settings.coverFailures {
            round += 1
            let task = left[Int(random.next() % UInt64(left.count))]
            let candidates = model.tasks[task].candidates
            var resource = candidates[Int(random.next() % UInt64(candidates.count))]
            if random.next() % 4 != 0 {
                // Fewest clashes first; ties broken by the generator's pick above.
                var fewest = search.state.conflicts(task, on: resource).count
                for candidate in candidates {
                    let count = search.state.conflicts(task, on: candidate).count
                    if count < fewest {
                        fewest = count
                        resource = candidate
                    }
                }
            }
            budget -= candidates.count + 1
            let mark = search.state.checkpoint
            var freed = search.state.conflicts(task, on: resource)
            if freed.contains(where: { search.fixed[$0] }) {
                failures += 1
                continue
            }
            for other in freed { search.state.unassign(other) }
            guard search.state.canAssign(task, to: resource) else {
                search.state.rollback(to: mark)
                search.state.commit()
                failures += 1
                continue
            }
            search.state.assign(task, to: resource)
            freed.shuffle(using: &random)
            freed.sort { model.tasks[$0].candidates.count < model.tasks[$1].candidates.count }
            for other in freed {
                search.budget = min(budget, settings.coverChain.steps)
                let before = search.budget
                _ = search.insert(other, depth: settings.coverChain.depth, moveKept: true)
                budget -= before - max(search.budget, 0) + 1
            }
            // Only the task and the freed ones can have changed cover (a chain that fails puts
            // back what it moved), so the new list is had without a scan of every task.
            var now = left.filter { search.state.resourceOf[$0] < 0 }
            now += freed.filter { search.state.resourceOf[$0] < 0 && !now.contains($0) }
            if now.count < left.count || (now.count == left.count && round % 2 == 0) {
                search.state.commit()
                failures = now.count < left.count ? 0 : failures + 1
                left = now
            } else {
                search.state.rollback(to: mark)
                search.state.commit()
                failures += 1
            }
        }
        for resource in opened where search.state.tasksOf[resource].isEmpty { search.enabled[resource] = false }
    }

    /// A best-fit construction in the given order, opening a resource only when no open one
    /// can take a task even with a short repair chain. The chains of one construction together
    /// take at most `settings.constructSteps(tasks:)` steps: on a term where many tasks find
    /// nobody free, the chains of each would otherwise add up without bound.
    private static func construct(_ model: EngineModel, order: [Int], usefulness: [Int], settings: Settings)
        -> AssignmentSearch
    {
        var search = AssignmentSearch(
            state: EngineState(model: model),
            costs: { _, state, resources in resources.map { -state.tasksOf[$0].count } })
        search.enabled = Array(repeating: false, count: model.resourceCount)
        var steps = settings.constructSteps(tasks: model.tasks.count)
        func chain(_ task: Int, _ chain: Settings.Chain) -> Bool {
            search.budget = min(chain.steps, steps)
            let before = search.budget
            let placed = search.insert(task, depth: chain.depth, moveKept: true)
            steps -= before - max(search.budget, 0)
            return placed
        }
        for task in order {
            if search.insertDirectly(task) { continue }
            if chain(task, settings.constructChain) { continue }
            let fresh = model.tasks[task].candidates.filter { !search.enabled[$0] }
                .sorted { (usefulness[$0], -$0) > (usefulness[$1], -$1) }
            if let resource = fresh.first(where: { search.state.canAssign(task, to: $0) }) {
                search.enabled[resource] = true
                search.state.assign(task, to: resource)
                continue
            }
            // Every candidate is taken at this time: open them all and repair around the task.
            for resource in fresh { search.enabled[resource] = true }
            _ = chain(task, settings.openChain)
            for resource in fresh where search.state.tasksOf[resource].isEmpty { search.enabled[resource] = false }
        }
        search.state.commit()
        // Whatever is left gets every candidate and a deeper search.
        for task in order where search.state.resourceOf[task] < 0 {
            let closed = model.tasks[task].candidates.filter { !search.enabled[$0] }
            for resource in closed { search.enabled[resource] = true }
            _ = chain(task, settings.leftoverChain)
            for resource in closed where search.state.tasksOf[resource].isEmpty { search.enabled[resource] = false }
        }
        search.state.commit()
        return search
    }

    /// The most tasks that overlap at one moment: no assignment can use fewer resources.
    package static func lowerBound(_ model: EngineModel) -> Int {
        var events: [(time: Int, delta: Int)] = []
        for task in model.tasks {
            events.append((task.start, 1))
            // A closed interval still occupies its end minute; an open one frees it.
            events.append((task.end + (model.closedIntervals ? 1 : 0), -1))
        }
        events.sort { ($0.time, $0.delta) < ($1.time, $1.delta) }
        var current = 0
        var best = 0
        for event in events {
            current += event.delta
            best = max(best, current)
        }
        return best
    }
}
