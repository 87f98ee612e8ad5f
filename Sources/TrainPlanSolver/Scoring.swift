import TrainPlanCore

/// The goals of an assignment, in order. A later goal only breaks ties of the earlier ones.
package enum Goal: Int, Comparable, CaseIterable, Sendable {
    /// More tasks staffed: primaries (priority 0), then groups with every task staffed, then
    /// the other tasks.
    case staffed
    /// More tasks on the resource a previous assignment gave them.
    case unchanged
    /// A lighter busiest resource, then fewer resources at that load.
    case busiest
    /// More tasks on the same resource as one of their continuity neighbours.
    case continuity
    /// A narrower spread of load (the sum of the squared loads).
    case spread

    package static func < (lhs: Goal, rhs: Goal) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How good an assignment is, goal by goal (`Goal`): the one score every phase of the
/// scheduler is judged by. Compared lexicographically; `isBetter` and `isWorse` compare only
/// the goals up to one of them.
package struct Score: Hashable, Sendable, CustomStringConvertible {
    package var primaries: Int
    package var full: Int
    package var backups: Int
    package var unchanged: Int
    package var busiest: Int
    package var atBusiest: Int
    package var continuity: Int
    /// The sum of the squared loads, in floating point: loads squared overflow `Int` on a
    /// large term, and only the order matters.
    package var spread: Double

    package init(
        primaries: Int, full: Int, backups: Int, unchanged: Int, busiest: Int, atBusiest: Int, continuity: Int,
        spread: Double
    ) {
        self.primaries = primaries
        self.full = full
        self.backups = backups
        self.unchanged = unchanged
        self.busiest = busiest
        self.atBusiest = atBusiest
        self.continuity = continuity
        self.spread = spread
    }

    /// Each goal's part of the score, in an order where smaller is better.
    private func key(_ goal: Goal) -> [Double] {
        switch goal {
        case .staffed: [-Double(primaries), -Double(full), -Double(backups)]
        case .unchanged: [-Double(unchanged)]
        case .busiest: [Double(busiest), Double(atBusiest)]
        case .continuity: [-Double(continuity)]
        case .spread: [spread]
        }
    }

    /// -1 when `self` is better on the goals up to `last`, 1 when worse, 0 when they tie.
    package func compare(_ other: Score, through last: Goal = .spread) -> Int {
        for goal in Goal.allCases where goal <= last {
            for (mine, theirs) in zip(key(goal), other.key(goal)) where mine != theirs {
                return mine < theirs ? -1 : 1
            }
        }
        return 0
    }

    package func isBetter(than other: Score, through last: Goal = .spread) -> Bool {
        compare(other, through: last) < 0
    }

    package func isWorse(than other: Score, through last: Goal = .spread) -> Bool {
        compare(other, through: last) > 0
    }

    package var description: String {
        "staffed \(primaries)/\(full)/\(backups), unchanged \(unchanged), busiest \(busiest)×\(atBusiest), "
            + "continuity \(continuity), spread \(spread)"
    }
}

/// What the score of an assignment needs besides the assignment: the previous assignment
/// (goal 2) and which tasks continue which (goal 4).
package struct Scoring: Sendable {
    /// The resource each task had in a previous assignment, or -1.
    package var previous: [Int]
    /// For each task, the tasks it continues when they share a resource (symmetric).
    package var continuity: [[Int]]

    package init(previous: [Int], continuity: [[Int]]) {
        self.previous = previous
        self.continuity = continuity
    }

    /// An objective without a previous assignment or continuity: staffing and load only.
    package init(taskCount: Int) {
        self.init(
            previous: Array(repeating: -1, count: taskCount), continuity: Array(repeating: [], count: taskCount))
    }

    /// Whether `task` shares its resource with one of its continuity neighbours.
    package func continues(_ task: Int, in state: EngineState) -> Bool {
        let resource = state.resourceOf[task]
        return resource >= 0 && continuity[task].contains { state.resourceOf[$0] == resource }
    }

    package func score(_ state: EngineState) -> Score {
        let staffing = state.staffing
        let busiest = state.totalLoad.max() ?? 0
        var unchanged = 0
        var continuity = 0
        for task in state.resourceOf.indices where state.resourceOf[task] >= 0 {
            if previous[task] == state.resourceOf[task] { unchanged += 1 }
            if continues(task, in: state) { continuity += 1 }
        }
        return Score(
            primaries: staffing.primaries, full: staffing.full, backups: staffing.backups, unchanged: unchanged,
            busiest: busiest, atBusiest: state.totalLoad.count { $0 == busiest }, continuity: continuity,
            spread: state.totalLoad.reduce(0) { $0 + Double($1) * Double($1) })
    }
}
