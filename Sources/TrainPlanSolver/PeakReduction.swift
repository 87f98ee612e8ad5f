import TrainPlanCore

/// Goal 3, the busiest trainer as light as possible: a local search on the loads at the peak.
///
/// While some trainer at the peak can be made lighter without anyone else reaching the peak,
/// it is, by the first move that works of: handing one of their duties to someone lighter;
/// swapping a duty with someone for a lighter one of theirs; handing a backup duty back and
/// staffing instead an unstaffed backup of another offering on someone light (as many
/// roles staffed as before). When every trainer at the peak is lightened the peak drops.
/// Pins and kept assignments never move, and staffing never drops.
package struct PeakReduction {
    package var search: AssignmentSearch
    /// Feasibility checks left; each move tried costs one or two.
    var budget: Int
    let settings: Settings
    /// The backups left open on offerings with a primary, in task order: found once (not for
    /// every trainer lightened, which made each step cost the whole term), and kept up to date
    /// by `trade`, the only move that changes which roles are staffed.
    private var openBackups: [Int]?

    private var model: EngineModel { search.state.model }
    private var loads: [Int] { search.state.totalLoad }

    /// A run within `settings.steps`, or within `budget` when that is smaller.
    package init(_ search: AssignmentSearch, settings: Settings, budget: Int? = nil) {
        self.search = search
        self.settings = settings
        self.budget = min(settings.steps, budget ?? .max)
    }

    private func movable(_ task: Int) -> Bool { !search.fixed[task] && !search.kept[task] }

    /// Lowers the peak for as long as a move is found and the budget lasts.
    package mutating func run() {
        while budget > 0 {
            guard let peak = loads.max(), peak > 0 else { return }
            let atPeak = loads.indices.filter { loads[$0] == peak }
            var lightened = 0
            for trainer in atPeak where budget > 0 {
                if lighten(trainer, below: peak) { lightened += 1 }
            }
            search.state.commit()
            // A trainer at the peak that cannot be lightened keeps the peak where it is.
            if lightened < atPeak.count { return }
        }
    }

    /// Makes `trainer` lighter than `peak`, with everyone they hand work to staying below it.
    private mutating func lighten(_ trainer: Int, below peak: Int) -> Bool {
        let duties = search.state.tasksOf[trainer].filter(movable)
            .sorted { (model.tasks[$0].load, $0) > (model.tasks[$1].load, $1) }
        for duty in duties where handOver(duty, from: trainer, below: peak) { return true }
        for duty in duties where swap(duty, from: trainer, below: peak) { return true }
        let openBackups =
            self.openBackups
            ?? model.tasks.indices.filter {
                model.tasks[$0].isBackup && search.state.resourceOf[$0] < 0 && hasPrimary($0)
            }
        self.openBackups = openBackups
        for duty in duties
        where model.tasks[duty].isBackup && !openBackups.isEmpty
            && trade(duty, from: trainer, below: peak, open: openBackups)
        {
            return true
        }
        for duty in duties where chain(duty, from: trainer, below: peak) { return true }
        for duty in duties where budget > 0 {
            var visited = [trainer]
            if relay(duty, from: trainer, below: peak, depth: settings.relayDepth, visited: &visited) { return true }
        }
        return false
    }

    /// Passes the duty on along a line of trainers: the next one takes it and, if that
    /// brings them to the peak, passes one of their own duties on in turn, up to `depth`
    /// trainers; the last one stays below the peak. Leaves the state unchanged when it fails.
    private mutating func relay(
        _ duty: Int, from trainer: Int, below peak: Int, depth: Int, visited: inout [Int]
    ) -> Bool {
        let mark = search.state.checkpoint
        search.state.unassign(duty)
        let takers = model.tasks[duty].candidates.filter { !visited.contains($0) }
            .sorted { (loads[$0], $0) < (loads[$1], $1) }
        for taker in takers {
            budget -= 1
            if budget < 0 { break }
            guard search.state.canAssign(duty, to: taker) else { continue }
            let inner = search.state.checkpoint
            search.state.assign(duty, to: taker)
            if loads[taker] < peak { return true }
            if depth > 1 {
                visited.append(taker)
                for theirs in search.state.tasksOf[taker]
                where theirs != duty && movable(theirs) && loads[taker] - model.tasks[theirs].load < peak {
                    if relay(theirs, from: taker, below: peak, depth: depth - 1, visited: &visited) { return true }
                    if budget < 0 { break }
                }
                visited.removeLast()
            }
            search.state.rollback(to: inner)
        }
        search.state.rollback(to: mark)
        return false
    }

    /// Gives the duty to someone through a repair chain: whoever it goes to, and whoever takes
    /// a duty moved out of the way, stays below the peak.
    private mutating func chain(_ duty: Int, from trainer: Int, below peak: Int) -> Bool {
        let mark = search.state.checkpoint
        search.state.unassign(duty)
        search.enabled[trainer] = false
        search.loadCap = peak - 1
        search.budget = min(settings.chainSteps, budget)
        let before = search.budget
        let placed = search.insert(duty, depth: settings.chainDepth, moveKept: false)
        budget -= before - max(search.budget, 0) + 1
        search.loadCap = .max
        search.enabled[trainer] = true
        if !placed { search.state.rollback(to: mark) }
        return placed
    }

    /// Gives the duty to the lightest candidate that can take it and stays below the peak.
    private mutating func handOver(_ duty: Int, from trainer: Int, below peak: Int) -> Bool {
        let load = model.tasks[duty].load
        let mark = search.state.checkpoint
        search.state.unassign(duty)
        var best: Int?
        for other in model.tasks[duty].candidates where other != trainer && loads[other] + load < peak {
            if let chosen = best, (loads[chosen], chosen) <= (loads[other], other) { continue }
            budget -= 1
            if search.state.canAssign(duty, to: other) { best = other }
        }
        if let best {
            search.state.assign(duty, to: best)
            return true
        }
        search.state.rollback(to: mark)
        return false
    }

    /// Exchanges the duty for a lighter duty of another trainer, both ending below the peak.
    private mutating func swap(_ duty: Int, from trainer: Int, below peak: Int) -> Bool {
        let load = model.tasks[duty].load
        for other in model.tasks[duty].candidates where other != trainer && loads[other] < peak {
            for theirs in search.state.tasksOf[other] where movable(theirs) {
                let back = model.tasks[theirs].load
                guard back < load, loads[other] + load - back < peak,
                    model.tasks[theirs].candidates.contains(trainer)
                else { continue }
                budget -= 2
                if budget < 0 { return false }
                let mark = search.state.checkpoint
                search.state.unassign(duty)
                search.state.unassign(theirs)
                if search.state.canAssign(duty, to: other) {
                    search.state.assign(duty, to: other)
                    if search.state.canAssign(theirs, to: trainer) {
                        search.state.assign(theirs, to: trainer)
                        return true
                    }
                }
                search.state.rollback(to: mark)
            }
        }
        return false
    }

    /// Hands a backup duty back and staffs an unstaffed backup of another offering instead, on
    /// a trainer who stays below the peak: as many offerings fully staffed as before.
    private mutating func trade(_ duty: Int, from trainer: Int, below peak: Int, open openBackups: [Int]) -> Bool {
        let mark = search.state.checkpoint
        search.state.unassign(duty)
        for open in openBackups {
            for other in model.tasks[open].candidates where loads[other] + model.tasks[open].load < peak {
                budget -= 1
                if budget < 0 {
                    search.state.rollback(to: mark)
                    return false
                }
                if search.state.canAssign(open, to: other) {
                    search.state.assign(open, to: other)
                    // The open backup is staffed; the duty handed back is open now.
                    var left = openBackups.filter { $0 != open }
                    if hasPrimary(duty) { left.insert(duty, at: left.firstIndex { $0 > duty } ?? left.count) }
                    self.openBackups = left
                    return true
                }
            }
        }
        search.state.rollback(to: mark)
        return false
    }

    /// Whether the offering of this backup task has its primary.
    private func hasPrimary(_ backup: Int) -> Bool {
        model.tasks.indices.contains(backup - 1) && model.tasks[backup - 1].group == model.tasks[backup].group
            && search.state.resourceOf[backup - 1] >= 0
    }
}
