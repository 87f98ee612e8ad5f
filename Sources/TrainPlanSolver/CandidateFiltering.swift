extension PersonnelTaskInstance {
    /// The workers each job may have in some valid assignment: every qualified worker, less
    /// those that no valid assignment can give it. `nil` when no valid assignment exists.
    ///
    /// The jobs running at one moment need pairwise different workers (closed intervals), an
    /// "all different" constraint over each moment a job starts. Each is filtered as Régin (1994)
    /// does: a worker stays a job's candidate only when some matching of all those jobs to
    /// different workers gives it that worker. Removing a candidate at one moment can remove
    /// others at another, so the moments are filtered again until nothing changes. A job that
    /// only one worker may do takes that worker from every job overlapping it, which is the
    /// first thing this finds. Nothing is removed that a valid assignment uses, so the fewest
    /// workers stay the same; on instances where the workers are few for the work, the
    /// search then starts from what is forced instead of finding it by trial.
    package func filteredCandidates() -> [[Int]]? {
        var candidates = Array(repeating: [Int](), count: jobs.count)
        for (worker, list) in qualifications.enumerated() { for job in Set(list) { candidates[job].append(worker) } }
        for job in candidates.indices { candidates[job].sort() }
        var filter = MomentFilter(self)
        return filter.propagate(&candidates, from: nil) ? candidates : nil
    }

    /// A valid assignment found by search over `candidates` (from `filteredCandidates()`): the
    /// job with the fewest workers left takes each of them in turn, the moments are filtered
    /// again after each choice, and a choice that leaves some job without a worker is undone.
    /// At most `nodes` choices; `nil` when none is found within them (or none exists).
    package func assignmentBySearch(_ candidates: [[Int]], nodes: Int) -> [Int]? {
        var budget = nodes
        var filter = MomentFilter(self)
        return assignmentBySearch(candidates, budget: &budget, filter: &filter)
    }

    /// `assignmentBySearch(_:nodes:)`, taking the choices it makes from `budget`.
    func assignmentBySearch(_ candidates: [[Int]], budget: inout Int, filter: inout MomentFilter) -> [Int]? {
        func visit(_ candidates: [[Int]]) -> [Int]? {
            var job = -1
            for (index, list) in candidates.enumerated() where list.count > 1 {
                if job < 0 || list.count < candidates[job].count { job = index }
            }
            if job < 0 { return candidates.map { $0.first ?? -1 } }
            for worker in candidates[job] {
                guard budget > 0 else { return nil }
                budget -= 1
                var next = candidates
                next[job] = [worker]
                if filter.propagate(&next, from: [job]), let found = visit(next) { return found }
            }
            return nil
        }
        guard let found = visit(candidates), !found.contains(-1), violations(found).isEmpty else { return nil }
        return found
    }
}

/// The moments of an instance (the jobs running when one starts, a set not inside the next
/// one) and their "all different" filtering, repeated until nothing changes.
struct MomentFilter {
    private var moments: [[Int]] = []
    private var momentsOf: [[Int]]
    private var filter: AllDifferentFilter

    init(_ instance: PersonnelTaskInstance) {
        let jobs = instance.jobs
        // The jobs running when each job starts, one set per distinct start that is not
        // contained in the next one's (a set inside another adds nothing).
        let order = jobs.indices.sorted { (jobs[$0].start, jobs[$0].end, $0) < (jobs[$1].start, jobs[$1].end, $1) }
        var running: [Int] = []
        var index = 0
        while index < order.count {
            let start = jobs[order[index]].start
            running.removeAll { jobs[$0].end < start }
            while index < order.count, jobs[order[index]].start == start {
                running.append(order[index])
                index += 1
            }
            // Contained in the next moment's set when no job ends before the next start.
            let next = index < order.count ? jobs[order[index]].start : Int.max
            let endsBefore = running.contains { jobs[$0].end < next }
            if running.count > 1, endsBefore || index == order.count { moments.append(running) }
        }
        momentsOf = Array(repeating: [], count: jobs.count)
        for (moment, members) in moments.enumerated() { for job in members { momentsOf[job].append(moment) } }
        filter = AllDifferentFilter(workers: instance.qualifications.count)
    }

    /// Filters the moments holding `changed` (every moment when `nil`), and then those holding
    /// a job that lost a candidate, until nothing changes; false when some moment cannot give
    /// its jobs different workers.
    mutating func propagate(_ candidates: inout [[Int]], from changed: [Int]?) -> Bool {
        var pending = Array(repeating: false, count: moments.count)
        var queue: [Int] = []
        if let changed {
            for job in changed {
                for moment in momentsOf[job] where !pending[moment] {
                    pending[moment] = true
                    queue.append(moment)
                }
            }
        } else {
            queue = Array(moments.indices.reversed())
            for moment in queue { pending[moment] = true }
        }
        while let moment = queue.popLast() {
            pending[moment] = false
            guard let removed = filter.prune(moments[moment], candidates: &candidates) else { return false }
            for job in removed {
                for other in momentsOf[job] where other != moment && !pending[other] {
                    pending[other] = true
                    queue.append(other)
                }
            }
        }
        return true
    }
}

/// Régin's filtering of one "all different" constraint: jobs to pairwise different workers.
/// Buffers are kept between calls; worker numbers are global, job numbers local to a call.
struct AllDifferentFilter {
    private var workerMate: [Int]
    private var workerSeen: [Int]
    private var stamp = 0
    private var workerSlot: [Int]

    init(workers: Int) {
        workerMate = Array(repeating: -1, count: workers)
        workerSeen = Array(repeating: 0, count: workers)
        workerSlot = Array(repeating: -1, count: workers)
    }

    /// Removes from `candidates` of `members` every worker that no complete matching gives
    /// the job; returns the jobs that lost a candidate, or `nil` when no complete matching exists.
    mutating func prune(_ members: [Int], candidates: inout [[Int]]) -> [Int]? {
        let count = members.count
        // A maximum matching by augmenting paths (depth first, iterative).
        var jobMate = Array(repeating: -1, count: count)
        var touched: [Int] = []
        defer { for worker in touched { workerMate[worker] = -1 } }
        for root in 0..<count {
            stamp += 1
            // The path: (job, position in its candidate list).
            var stack: [(job: Int, position: Int)] = [(root, 0)]
            var found = false
            while let top = stack.last, !found {
                let list = candidates[members[top.job]]
                if top.position == list.count {
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].position += 1
                let worker = list[top.position]
                if workerSeen[worker] == stamp { continue }
                workerSeen[worker] = stamp
                if workerMate[worker] < 0 {
                    // Augment along the stack.
                    var free = worker
                    for frame in stack.reversed() {
                        let previous = jobMate[frame.job]
                        jobMate[frame.job] = free
                        if workerMate[free] < 0 { touched.append(free) }
                        workerMate[free] = frame.job
                        free = previous
                    }
                    found = true
                } else {
                    stack.append((workerMate[worker], 0))
                }
            }
            if !found { return nil }
        }
        // The graph: job → its matched worker, worker → every job that may take it but does
        // not. An unmatched edge (job, worker) is in some maximum matching when the worker is
        // reached from an unmatched worker, or the job and the worker share a strongly
        // connected component.
        var workers: [Int] = []
        for member in members {
            for worker in candidates[member] where workerSlot[worker] < 0 {
                workerSlot[worker] = workers.count
                workers.append(worker)
            }
        }
        defer { for worker in workers { workerSlot[worker] = -1 } }
        let nodes = count + workers.count
        // Node numbers: jobs 0..<count, workers count + slot.
        var incoming = Array(repeating: [Int](), count: workers.count)
        for job in 0..<count {
            for worker in candidates[members[job]] where jobMate[job] != worker {
                incoming[workerSlot[worker]].append(job)
            }
        }
        func successors(_ node: Int) -> [Int] {
            node < count ? [count + workerSlot[jobMate[node]]] : incoming[node - count]
        }
        // Reached from an unmatched worker, along the same edges.
        var reached = Array(repeating: false, count: nodes)
        var frontier: [Int] = []
        for (slot, worker) in workers.enumerated() where workerMate[worker] < 0 {
            reached[count + slot] = true
            frontier.append(count + slot)
        }
        while let node = frontier.popLast() {
            for next in successors(node) where !reached[next] {
                reached[next] = true
                frontier.append(next)
            }
        }
        let component = Self.components(nodes: nodes, successors: successors)
        var removed: [Int] = []
        for job in 0..<count {
            let before = candidates[members[job]].count
            candidates[members[job]].removeAll { worker in
                let node = count + workerSlot[worker]
                return worker != jobMate[job] && !reached[node] && component[node] != component[job]
            }
            if candidates[members[job]].count < before { removed.append(members[job]) }
        }
        return removed
    }

    /// Tarjan's strongly connected components, without recursion: a component number per node.
    static func components(nodes: Int, successors: (Int) -> [Int]) -> [Int] {
        var index = Array(repeating: -1, count: nodes)
        var low = Array(repeating: 0, count: nodes)
        var onStack = Array(repeating: false, count: nodes)
        var component = Array(repeating: -1, count: nodes)
        var stack: [Int] = []
        var counter = 0
        var components = 0
        for root in 0..<nodes where index[root] < 0 {
            var work: [(node: Int, next: [Int], position: Int)] = []
            func open(_ node: Int) {
                index[node] = counter
                low[node] = counter
                counter += 1
                stack.append(node)
                onStack[node] = true
                work.append((node, successors(node), 0))
            }
            open(root)
            while let top = work.last {
                if top.position < top.next.count {
                    work[work.count - 1].position += 1
                    let next = top.next[top.position]
                    if index[next] < 0 {
                        open(next)
                    } else if onStack[next] {
                        low[top.node] = min(low[top.node], index[next])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last { low[parent.node] = min(low[parent.node], low[top.node]) }
                if low[top.node] == index[top.node] {
                    while let node = stack.popLast() {
                        onStack[node] = false
                        component[node] = components
                        if node == top.node { break }
                    }
                    components += 1
                }
            }
        }
        return component
    }
}
