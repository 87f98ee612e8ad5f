import TrainPlanCore
public import TrainPlanFormats
package import TrainPlanSolver

/// A schedule: the trainers of every offering, the roles that could not be staffed and why,
/// and what changed since the previous schedule.
public struct Schedule: Sendable {
    /// One change against the previous schedule.
    public struct Change: Hashable, Sendable {
        public var offering: String
        public var role: Role?
        public var from: String?
        public var to: String?
        public var reason: String
        /// A change of observer (`role` is then `nil`).
        public var observer = false
    }

    public var term: String
    /// One per offering of the term, in term order.
    public var assignments: [Assignment]
    public var gaps: [Gap]
    public var changes: [Change]
    /// Offerings dropped from the term since the previous schedule, kept so that their
    /// calendar events are published as cancelled.
    public var cancelled: [Assignment] = []
    /// How many offerings the term's `observe` share asks to observe (0: none asked).
    public var observationsAsked = 0
    /// What of the observation share could not be met, and why.
    public var observationGaps: [ObservationGap] = []
    /// Offerings with an observer.
    public var observed: Int { assignments.count { $0.observer != nil } }

    /// Offerings with both a primary and a backup.
    public var fullyStaffed: Int { assignments.count { $0.primary != nil && $0.backup != nil } }
}

/// Assigns a primary and a backup trainer to every offering: the hard rules always hold, and
/// the goals are pursued in order — staff everything (primaries first), change as little as
/// possible of a previous schedule, balance the load, keep the same primary for consecutive
/// steps of a module at one place.
public enum Scheduler {
    /// Load units per minute of primary duty; backup duty counts `backupLoad` of that.
    static let unitsPerMinute = 100

    /// Builds the engine's view of a problem: two tasks per offering (primary, then backup).
    static func model(_ problem: StaffingProblem) -> EngineModel {
        var tasks: [EngineTask] = []
        for (index, offering) in problem.offerings.enumerated() {
            for role in Role.allCases {
                let pin = role == .primary ? offering.offering.primary : offering.offering.backup
                var candidates = problem.ineligible[index].indices.filter { problem.ineligible[index][$0] == nil }
                if let pin { candidates = candidates.filter { problem.trainers[$0].id == pin } }
                let minutes = offering.minutes
                let load =
                    role == .primary
                    ? minutes * unitsPerMinute
                    : Int((Double(minutes * unitsPerMinute) * problem.term.backupLoad).rounded())
                tasks.append(
                    EngineTask(
                        start: offering.start, end: offering.end, place: offering.place, group: index,
                        isBackup: role == .backup, bucket: offering.week, load: load, candidates: candidates,
                        priority: role == .primary ? 0 : 1))
            }
        }
        return EngineModel(
            tasks: tasks, resourceCount: problem.trainers.count, travel: problem.term.travelMinutes,
            closedIntervals: false, backupsMayOverlap: problem.term.backupOverlap == .allow,
            bucketLimit: problem.trainers.map { trainer in
                trainer.maxHoursPerWeek.map { Int(($0 * 60 * Double(unitsPerMinute)).rounded()) }
            })
    }

    static func task(offering: Int, role: Role) -> Int { StaffingTask(offering: offering, role: role).task }

    /// Schedules a resolved term. Deterministic: the same problem gives the same schedule.
    public static func schedule(_ problem: StaffingProblem, settings: SchedulerSettings = .standard) -> Schedule {
        schedule(problem, settings: settings, trace: nil)
    }

    /// Schedules as above, and hands `trace` each phase's score before and after it.
    ///
    /// Every phase pursues one goal of the score (`Goal`, `Score`) and is kept only when the
    /// score is no worse through that goal: the phases may differ in how they search, never in
    /// what counts as better.
    package static func schedule(
        _ problem: StaffingProblem, settings: SchedulerSettings, trace: ((PhaseReport) -> Void)?
    ) -> Schedule {
        let exactSearchLimit = settings.exactSearchLimit
        let model = model(problem)
        let continuity = continuityNeighbours(problem)
        // Hardest first: primaries, then the roles with the fewest candidates, then by time.
        let order = model.tasks.indices.sorted {
            (model.tasks[$0].priority, model.tasks[$0].candidates.count, model.tasks[$0].start, $0)
                < (model.tasks[$1].priority, model.tasks[$1].candidates.count, model.tasks[$1].start, $1)
        }
        let scoring = scoring(problem, model: model, continuity: continuity)
        var phases = Phases(
            search: AssignmentSearch(state: EngineState(model: model)) { _, _, _ in 0 }, scoring: scoring,
            trace: trace)
        phases.run("build", pursuing: .staffed) { search in
            search = build(problem, model: model, continuity: continuity, order: order, settings: settings)
        }
        // On a small term with a role still open, make sure nothing staffs more.
        if phases.search.state.resourceOf.contains(where: { $0 < 0 }), model.tasks.count <= exactSearchLimit {
            phases.run("exact staffing", pursuing: .staffed) { search in
                guard
                    let better = ExactSearch.improve(
                        search.state, fixed: search.fixed, nodeBudget: settings.exactNodeBudget)
                else { return }
                search.state = state(model, better)
            }
        }
        phases.run("balance", pursuing: .spread) {
            balance(&$0, continuity: continuity, rounds: settings.balanceRounds)
        }
        phases.run("peak reduction", pursuing: .busiest) { search in
            var peak = PeakReduction(search, settings: settings.peak)
            peak.run()
            search = peak.search
        }
        phases.run("balance", pursuing: .spread) {
            balance(&$0, continuity: continuity, rounds: settings.balanceRounds)
        }
        // Beyond the local search: ruin and recreate around the busiest trainer (on terms up to
        // 1,200 offerings; a small term gets the exact search below instead).
        if model.tasks.count > exactSearchLimit, model.tasks.count <= settings.ruinAndRecreateLimit {
            phases.run("ruin and recreate", pursuing: .busiest) { search in
                var polish = RuinAndRecreate(
                    search, scoring: scoring, settings: settings.ruinAndRecreate, peak: settings.peak)
                polish.run()
                search = polish.search
            }
        }
        // On a small term, look for a lighter busiest trainer exhaustively (pins and kept
        // assignments stay; as many roles staffed).
        if model.tasks.count <= exactSearchLimit {
            phases.run("exact peak", pursuing: .busiest) { search in
                guard
                    let lighter = ExactSearch.lighten(
                        search.state, fixed: zip(search.fixed, search.kept).map { $0 || $1 },
                        nodeBudget: settings.exactNodeBudget)
                else { return }
                search.state = state(model, lighter)
            }
        }
        phases.run("continuity", pursuing: .continuity) { keepPrimariesTogether(&$0, continuity: continuity) }
        phases.run("last roles", pursuing: .staffed) { search in
            for task in order where search.state.resourceOf[task] < 0 { _ = search.insertDirectly(task) }
            search.state.commit()
        }
        var schedule = result(problem, phases.search.state)
        Observers.staff(&schedule, problem: problem)
        return schedule
    }

    /// What `trace` is told of a phase.
    package struct PhaseReport: Sendable {
        package var phase: String
        package var goal: Goal
        package var before: Score
        package var after: Score
        /// Whether the result was kept (the score is no worse through `goal`).
        package var kept: Bool
    }

    /// Runs the phases one after another, keeping each one's result only when it does not
    /// make the score worse through the goal it pursues.
    private struct Phases {
        var search: AssignmentSearch
        let scoring: Scoring
        let trace: ((PhaseReport) -> Void)?
        private var score: Score

        init(search: AssignmentSearch, scoring: Scoring, trace: ((PhaseReport) -> Void)?) {
            self.search = search
            self.scoring = scoring
            self.trace = trace
            score = scoring.score(search.state)
        }

        mutating func run(_ phase: String, pursuing goal: Goal, _ body: (inout AssignmentSearch) -> Void) {
            var next = search
            body(&next)
            let after = scoring.score(next.state)
            let kept = !after.isWorse(than: score, through: goal)
            trace?(PhaseReport(phase: phase, goal: goal, before: score, after: after, kept: kept))
            if kept {
                search = next
                score = after
            }
        }
    }

    /// A committed state with the given resource per task (-1 for none).
    private static func state(_ model: EngineModel, _ resources: [Int]) -> EngineState {
        var state = EngineState(model: model)
        for (task, resource) in resources.enumerated() where resource >= 0 { state.assign(task, to: resource) }
        state.commit()
        return state
    }

    /// The score's view of a problem: each role's trainer in the previous schedule (goal 2),
    /// and the primaries of neighbouring steps of a module at one place (goal 4).
    static func scoring(_ problem: StaffingProblem, model: EngineModel, continuity: [[Int]]) -> Scoring {
        var previous = Array(repeating: -1, count: model.tasks.count)
        if let old = problem.previous {
            for (index, offering) in problem.offerings.enumerated() {
                guard let assignment = old.assignment(offering.offering.id), !assignment.cancelled else { continue }
                for role in Role.allCases {
                    if let id = assignment.trainer(role), let resource = problem.trainerIndex(id) {
                        previous[task(offering: index, role: role)] = resource
                    }
                }
            }
        }
        var neighbours = Array(repeating: [Int](), count: model.tasks.count)
        for offering in continuity.indices {
            neighbours[StaffingTask.primary(offering)] = continuity[offering].map(StaffingTask.primary)
        }
        return Scoring(previous: previous, continuity: neighbours)
    }

    /// Goals 1 and 2: pins, then what the previous schedule had where it still holds, then
    /// every other role, hardest first, with repair chains.
    static func build(
        _ problem: StaffingProblem, model: EngineModel, continuity: [[Int]], order: [Int], settings: SchedulerSettings
    ) -> AssignmentSearch {
        let continuityBonus = settings.continuityBonus
        // A trainer's load, less the bonus for each neighbouring primary they already have: the
        // neighbours' trainers are looked up once per role, not once per candidate.
        var search = AssignmentSearch(
            state: EngineState(model: model),
            costs: { task, state, resources in
                var costs = resources.map { state.totalLoad[$0] }
                guard StaffingTask(task: task).isPrimary else { return costs }
                // How many neighbouring primaries each trainer has, counted in an array by
                // trainer (no hashing).
                var together: [Int]?
                for neighbour in continuity[StaffingTask(task: task).offering] {
                    let resource = state.resourceOf[StaffingTask.primary(neighbour)]
                    guard resource >= 0 else { continue }
                    if together == nil { together = Array(repeating: 0, count: model.resourceCount) }
                    together?[resource] += 1
                }
                guard let together else { return costs }
                for (index, resource) in resources.enumerated() {
                    costs[index] -= continuityBonus * together[resource]
                }
                return costs
            })

        // Pins first: they are kept whatever else happens.
        for (index, offering) in problem.offerings.enumerated() {
            for role in Role.allCases
            where (role == .primary ? offering.offering.primary : offering.offering.backup) != nil {
                let task = task(offering: index, role: role)
                if search.insertDirectly(task) { search.fixed[task] = true }
            }
        }
        // Then what the previous schedule had, where it still holds.
        if let previous = problem.previous {
            for (index, offering) in problem.offerings.enumerated() {
                guard let old = previous.assignment(offering.offering.id), !old.cancelled else { continue }
                for role in Role.allCases {
                    let task = task(offering: index, role: role)
                    guard search.state.resourceOf[task] < 0, let id = old.trainer(role),
                        let resource = problem.trainerIndex(id), model.tasks[task].candidates.contains(resource),
                        search.state.canAssign(task, to: resource)
                    else { continue }
                    search.state.assign(task, to: resource)
                    search.kept[task] = true
                }
            }
        }
        for task in order where search.state.resourceOf[task] < 0 { _ = search.insertDirectly(task) }
        search.state.commit()
        // Repair chains for what is left: first without touching kept assignments, then
        // deeper.
        // Each pass has a budget of steps in all, so that roles nobody can take cost little.
        for pass in settings.repairPasses {
            var left = pass.steps
            for task in order where search.state.resourceOf[task] < 0 && left > 0 {
                search.budget = min(pass.stepsPerRole, left)
                let before = search.budget
                _ = search.insert(task, depth: pass.depth, moveKept: pass.moveKept)
                left -= before - max(search.budget, 0) + 1
            }
        }
        // A primary before a backup: a primary may take a backup's place.
        for task in order where search.state.resourceOf[task] < 0 && model.tasks[task].priority == 0 {
            _ = search.displace(task, depth: settings.displaceDepth)
        }
        search.state.commit()
        return search
    }

    /// Moves duties from busier to less busy trainers while that lowers the spread of load
    /// (a move that leaves the receiver below the giver never raises the busiest load).
    static func balance(_ search: inout AssignmentSearch, continuity: [[Int]], rounds limit: Int) {
        let model = search.state.model
        func continues(_ task: Int) -> Bool {
            StaffingTask(task: task).isPrimary
                && continuity[StaffingTask(task: task).offering].contains {
                    search.state.resourceOf[StaffingTask.primary($0)] == search.state.resourceOf[task]
                }
        }
        var improved = true
        var rounds = 0
        while improved, rounds < limit {
            improved = false
            rounds += 1
            for task in model.tasks.indices {
                let current = search.state.resourceOf[task]
                guard current >= 0, !search.fixed[task], !search.kept[task], !continues(task) else { continue }
                let load = model.tasks[task].load
                let giver = search.state.totalLoad[current]
                var best: Int?
                for resource in model.tasks[task].candidates where resource != current {
                    let receiver = search.state.totalLoad[resource]
                    guard receiver + load < giver else { continue }
                    if let chosen = best, search.state.totalLoad[chosen] <= receiver { continue }
                    if search.state.canAssign(task, to: resource) { best = resource }
                }
                if let best {
                    search.state.unassign(task)
                    search.state.assign(task, to: best)
                    improved = true
                }
            }
            search.state.commit()
        }
    }

    /// Gives consecutive steps of a module at one place the same primary where that does not
    /// make the busiest trainer busier (goal 4 yields to goal 3).
    static func keepPrimariesTogether(_ search: inout AssignmentSearch, continuity: [[Int]]) {
        let model = search.state.model
        for offering in continuity.indices {
            let task = StaffingTask.primary(offering)
            let current = search.state.resourceOf[task]
            guard current >= 0, !search.fixed[task], !search.kept[task],
                !continuity[offering].contains(where: { search.state.resourceOf[StaffingTask.primary($0)] == current })
            else { continue }
            let busiest = search.state.totalLoad.max() ?? 0
            for neighbour in continuity[offering] {
                let resource = search.state.resourceOf[StaffingTask.primary(neighbour)]
                guard resource >= 0, model.tasks[task].candidates.contains(resource) else { continue }
                // Nobody new reaches the busiest load: below it, or at it in the giver's place.
                let load = search.state.totalLoad[resource] + model.tasks[task].load
                guard load < busiest || (load == busiest && search.state.totalLoad[current] == busiest) else {
                    continue
                }
                search.state.unassign(task)
                if search.state.canAssign(task, to: resource) {
                    search.state.assign(task, to: resource)
                    break
                }
                search.state.assign(task, to: current)
            }
        }
        search.state.commit()
    }

    /// For each offering, the offerings of the neighbouring steps of its module at its place.
    static func continuityNeighbours(_ problem: StaffingProblem) -> [[Int]] {
        var byModuleAndPlace: [String: [Int]] = [:]
        for (index, offering) in problem.offerings.enumerated() {
            byModuleAndPlace["\(offering.module)\u{0}\(offering.place)", default: []].append(index)
        }
        return problem.offerings.map { offering in
            (byModuleAndPlace["\(offering.module)\u{0}\(offering.place)"] ?? []).filter { other in
                abs(problem.offerings[other].plan.module.step - offering.plan.module.step) == 1
            }
        }
    }

    static func result(_ problem: StaffingProblem, _ state: EngineState) -> Schedule {
        let trainers = problem.trainers
        var assignments: [Assignment] = []
        var gaps: [Gap] = []
        // Every gap gives a reason for every trainer, and most reasons recur (not qualified,
        // outside availability, a weekly limit): each distinct one is written out once and
        // shared, so that a large term with many gaps does not hold a copy per trainer and gap.
        var reasons: [Exclusion: String] = [:]
        func reason(_ exclusion: Exclusion) -> String {
            if let known = reasons[exclusion] { return known }
            let text = "\(exclusion)"
            reasons[exclusion] = text
            return text
        }
        for (index, offering) in problem.offerings.enumerated() {
            let primary = state.resourceOf[task(offering: index, role: .primary)]
            let backup = state.resourceOf[task(offering: index, role: .backup)]
            assignments.append(
                Assignment(
                    offering: offering.offering.id, primary: primary >= 0 ? trainers[primary].id : nil,
                    backup: backup >= 0 ? trainers[backup].id : nil, startMinutes: offering.start,
                    endMinutes: offering.end, place: offering.offering.place, title: offering.plan.title))
            for role in Role.allCases where state.resourceOf[task(offering: index, role: role)] < 0 {
                gaps.append(
                    Gap(
                        offering: offering.offering.id, role: role,
                        candidates: trainers.indices.map {
                            (trainers[$0].id, reason(explain(problem, state, index, role, $0)))
                        }
                    ))
            }
        }
        return Schedule(
            term: problem.term.id, assignments: assignments, gaps: gaps,
            changes: changes(problem, assignments, state))
    }

    /// Why a trainer cannot take a role, as things stand in the final schedule.
    static func explain(_ problem: StaffingProblem, _ state: EngineState, _ offering: Int, _ role: Role, _ trainer: Int)
        -> Exclusion
    {
        if let reason = problem.ineligible[offering][trainer] { return reason }
        let resolved = problem.offerings[offering]
        let pin = role == .primary ? resolved.offering.primary : resolved.offering.backup
        if let pin, pin != problem.trainers[trainer].id { return .pinned(role: role, to: pin) }
        let subject = task(offering: offering, role: role)
        if let conflict = state.firstConflict(subject, on: trainer) {
            let other = StaffingTask(task: conflict)
            let otherOffering = problem.offerings[other.offering]
            if other.offering == offering { return .otherRoleOfThisOffering(other.role) }
            let overlaps = otherOffering.start < resolved.end && resolved.start < otherOffering.end
            return .busy(
                role: other.role, offering: otherOffering.offering.id,
                travelFrom: overlaps ? nil : otherOffering.offering.place)
        }
        if !state.fits(subject, on: trainer) {
            return .weeklyHours(limit: problem.trainers[trainer].maxHoursPerWeek.map { formatNumber($0) } ?? "?")
        }
        return .notChosen
    }

    /// What differs from the previous schedule, and why.
    static func changes(_ problem: StaffingProblem, _ assignments: [Assignment], _ state: EngineState) -> [Schedule
        .Change]
    {
        guard let previous = problem.previous else { return [] }
        var changes: [Schedule.Change] = []
        for (index, assignment) in assignments.enumerated() {
            guard let old = previous.assignment(assignment.offering), !old.cancelled else {
                changes.append(
                    Schedule.Change(
                        offering: assignment.offering, role: nil, from: nil, to: nil, reason: "new offering"))
                continue
            }
            if let oldStart = old.startMinutes, oldStart != problem.offerings[index].start {
                let clock = problem.termClock
                let before = clock.local(oldStart)
                let after = clock.local(problem.offerings[index].start)
                changes.append(
                    Schedule.Change(
                        offering: assignment.offering, role: nil, from: nil, to: nil,
                        reason:
                            "moved from \(before.date.description) \(before.time.description) to \(after.date.description) \(after.time.description)"
                    ))
            }
            if let oldPlace = old.place, oldPlace != assignment.place {
                changes.append(
                    Schedule.Change(
                        offering: assignment.offering, role: nil, from: nil, to: nil,
                        reason: "moved from \(oldPlace) to \(assignment.place ?? "")"))
            }
            for role in Role.allCases where old.trainer(role) != assignment.trainer(role) {
                var reason = "reassigned to staff another offering"
                let other: Role = role == .primary ? .backup : .primary
                if let id = old.trainer(role), assignment.trainer(other) == id {
                    reason = "\(id) is now the \(other.rawValue)"
                } else if let id = old.trainer(role) {
                    if let trainer = problem.trainerIndex(id) {
                        if let why = problem.ineligible[index][trainer] {
                            reason = "\(id) is \(why.readsAsNew ? "now " : "")\(why)"
                        } else if let pin = role == .primary
                            ? problem.offerings[index].offering.primary : problem.offerings[index].offering.backup,
                            pin != id
                        {
                            reason = "pinned to \(pin)"
                        } else if old.startMinutes != nil && old.startMinutes != problem.offerings[index].start {
                            reason = "the offering moved; \(id) \(explain(problem, state, index, role, trainer))"
                        }
                    } else {
                        reason = "\(id) is no longer on the roster"
                    }
                } else {
                    reason = "the role was unstaffed before"
                }
                changes.append(
                    Schedule.Change(
                        offering: assignment.offering, role: role, from: old.trainer(role),
                        to: assignment.trainer(role),
                        reason: reason))
            }
        }
        let current = Set(assignments.map(\.offering))
        for old in previous.assignments where !old.cancelled && !current.contains(old.offering) {
            changes.append(
                Schedule.Change(offering: old.offering, role: nil, from: nil, to: nil, reason: "dropped from the term"))
        }
        return changes
    }
}
