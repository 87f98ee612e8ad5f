import TrainPlanCore
public import TrainPlanFormats

/// A need of the term's `observe` that the schedule could not meet, with every offering and
/// observer considered and what ruled the observer out.
public struct ObservationGap: Hashable, Sendable {
    public enum Need: String, Hashable, Sendable {
        /// Fewer offerings have an observer than the share asks for.
        case share
        /// A trainer who leads offerings is never observed.
        case trainer
        /// No offering of a module is observed.
        case module
        /// A pinned observer cannot observe the offering (`subject`).
        case pin
    }

    /// One offering and one observer considered.
    public struct Candidate: Hashable, Sendable {
        public var offering: String
        public var trainer: String
        public var reason: String

        public init(offering: String, trainer: String, reason: String) {
            self.offering = offering
            self.trainer = trainer
            self.reason = reason
        }
    }

    public var need: Need
    /// The trainer or module never observed, or the offering of a pin (`nil` for the share).
    public var subject: String?
    /// For the share: the offerings the share asks to observe, and how many are.
    public var asked: Int
    public var observed: Int
    public var candidates: [Candidate]
}

/// Staffs observers once the trainers are scheduled: an observer sits in on at least the
/// term's `observe` share of offerings, chosen so that every trainer who leads an offering is
/// observed at least once and every module delivered is observed, under the hard rules of a
/// trainer (may observe the module, not away, available, no overlap with any duty of theirs
/// or another observation, travel, weekly hours; never a trainer of the offering itself).
///
/// The trainers' schedule is never changed for an observer: observation comes after staffing
/// every role. Deterministic: the same schedule and problem give the same observers.
enum Observers {
    /// One duty of a person: a role of an offering, fixed, or an observation.
    private struct Duty {
        var offering: Int
        var start: Int
        var end: Int
        var place: Int
        /// The role, or `nil` for an observation.
        var role: Role?
    }

    /// The state of the search: who observes what, each person's duties and weekly load.
    private struct State {
        let problem: StaffingProblem
        /// The trainers' duties, fixed, per person.
        var duties: [[Duty]]
        /// Observations per person (offering indices).
        var observing: [[Int]]
        /// The observer of each offering, or -1.
        var observerOf: [Int]
        /// Load units per person per ISO week (as `Scheduler.model` counts them).
        var weekLoad: [[Int: Int]]
        let weekLimit: [Int?]
        var observedMinutes: [Int]

        init(problem: StaffingProblem, assignments: [Assignment]) {
            self.problem = problem
            let count = problem.trainers.count
            duties = Array(repeating: [], count: count)
            observing = Array(repeating: [], count: count)
            observerOf = Array(repeating: -1, count: problem.offerings.count)
            weekLoad = Array(repeating: [:], count: count)
            observedMinutes = Array(repeating: 0, count: count)
            weekLimit = problem.trainers.map { trainer in
                trainer.maxHoursPerWeek.map { Int(($0 * 60 * Double(Scheduler.unitsPerMinute)).rounded()) }
            }
            var index: [String: Int] = [:]
            for (position, trainer) in problem.trainers.enumerated() where index[trainer.id] == nil {
                index[trainer.id] = position
            }
            for (offering, assignment) in assignments.enumerated() {
                let resolved = problem.offerings[offering]
                for role in Role.allCases {
                    guard let id = assignment.trainer(role), let person = index[id] else { continue }
                    duties[person].append(
                        Duty(
                            offering: offering, start: resolved.start, end: resolved.end, place: resolved.place,
                            role: role))
                    let units =
                        role == .primary
                        ? resolved.minutes * Scheduler.unitsPerMinute
                        : Int((Double(resolved.minutes * Scheduler.unitsPerMinute) * problem.term.backupLoad).rounded())
                    weekLoad[person][resolved.week, default: 0] += units
                }
            }
        }

        /// Whether two duties clash: one overlaps the other, or leaves no time to travel.
        private func clash(_ a: StaffingProblem.ResolvedOffering, _ b: Duty) -> Bool {
            let gap = a.place == b.place ? 0 : problem.term.travelMinutes
            return a.start < b.end + gap && b.start < a.end + gap
        }

        /// Why the person cannot observe the offering as things stand, or `nil`.
        func exclusion(_ offering: Int, _ person: Int) -> Exclusion? {
            if let reason = problem.observerIneligible(offering: offering, trainer: person) { return reason }
            let resolved = problem.offerings[offering]
            let place = { (duty: Duty) -> String? in
                let other = problem.offerings[duty.offering]
                let overlaps = other.start < resolved.end && resolved.start < other.end
                return overlaps ? nil : other.offering.place
            }
            for duty in duties[person] {
                if duty.offering == offering, let role = duty.role { return .otherRoleOfThisOffering(role) }
                if clash(resolved, duty), let role = duty.role {
                    return .busy(
                        role: role, offering: problem.offerings[duty.offering].offering.id, travelFrom: place(duty))
                }
            }
            if let other = observationsClashing(with: offering, on: person).first {
                let duty = Duty(
                    offering: other, start: problem.offerings[other].start, end: problem.offerings[other].end,
                    place: problem.offerings[other].place, role: nil)
                return .observing(offering: problem.offerings[other].offering.id, travelFrom: place(duty))
            }
            if let limit = weekLimit[person], observerOf[offering] != person {
                let load = weekLoad[person][resolved.week, default: 0] + resolved.minutes * Scheduler.unitsPerMinute
                if load > limit {
                    return .weeklyHours(limit: problem.trainers[person].maxHoursPerWeek.map { formatNumber($0) } ?? "?")
                }
            }
            return nil
        }

        func canObserve(_ offering: Int, _ person: Int) -> Bool { exclusion(offering, person) == nil }

        /// The person's observations that clash with observing the offering.
        func observationsClashing(with offering: Int, on person: Int) -> [Int] {
            let resolved = problem.offerings[offering]
            return observing[person].filter { other in
                other != offering
                    && clash(
                        resolved,
                        Duty(
                            offering: other, start: problem.offerings[other].start, end: problem.offerings[other].end,
                            place: problem.offerings[other].place, role: nil))
            }
        }

        mutating func assign(_ offering: Int, to person: Int) {
            let resolved = problem.offerings[offering]
            observerOf[offering] = person
            observing[person].append(offering)
            weekLoad[person][resolved.week, default: 0] += resolved.minutes * Scheduler.unitsPerMinute
            observedMinutes[person] += resolved.minutes
        }

        mutating func unassign(_ offering: Int) {
            let person = observerOf[offering]
            guard person >= 0 else { return }
            let resolved = problem.offerings[offering]
            observerOf[offering] = -1
            observing[person].removeAll { $0 == offering }
            weekLoad[person][resolved.week, default: 0] -= resolved.minutes * Scheduler.unitsPerMinute
            observedMinutes[person] -= resolved.minutes
        }
    }

    /// The number of offerings a share asks to observe: at least that share, rounded up.
    static func asked(share: Double, offerings: Int) -> Int {
        guard share > 0, offerings > 0 else { return 0 }
        let exact = share * Double(offerings)
        return min(offerings, max(1, Int((exact - 1e-9).rounded(.up))))
    }

    /// Sets the observer of every assignment (in term order, as `Scheduler.result` made them),
    /// the observation gaps and the observers' changes against the previous schedule.
    static func staff(_ schedule: inout Schedule, problem: StaffingProblem) {
        let share = problem.term.observe
        let pinned = problem.offerings.contains { $0.offering.observer != nil }
        schedule.observationsAsked = asked(share: share, offerings: problem.offerings.count)
        guard share > 0 || pinned || problem.previous?.assignments.contains(where: { $0.observer != nil }) == true
        else { return }
        var state = State(problem: problem, assignments: schedule.assignments)
        let people = problem.trainers.indices.filter { problem.trainers[$0].isObserver }
        let leads = schedule.assignments.map { $0.primary.flatMap(problem.trainerIndex) }
        var fixed = Array(repeating: false, count: problem.offerings.count)

        // Pins first, then what the previous schedule had where it still holds (while the
        // term still asks for observers).
        var pinsLost: [ObservationGap] = []
        for (offering, resolved) in problem.offerings.enumerated() {
            guard let pin = resolved.offering.observer, let person = problem.trainerIndex(pin) else { continue }
            if let why = state.exclusion(offering, person) {
                pinsLost.append(
                    ObservationGap(
                        need: .pin, subject: resolved.offering.id, asked: 1, observed: 0,
                        candidates: [.init(offering: resolved.offering.id, trainer: pin, reason: "\(why)")]))
                continue
            }
            state.assign(offering, to: person)
            fixed[offering] = true
        }
        var kept = Array(repeating: false, count: problem.offerings.count)
        if share > 0, let previous = problem.previous {
            for (offering, resolved) in problem.offerings.enumerated() where state.observerOf[offering] < 0 {
                guard let old = previous.assignment(resolved.offering.id), !old.cancelled, let id = old.observer,
                    let person = problem.trainerIndex(id), leads[offering] != nil, state.canObserve(offering, person)
                else { continue }
                state.assign(offering, to: person)
                kept[offering] = true
            }
        }

        func leastLoaded(_ offering: Int, excluding: Int = -1) -> Int? {
            var best: Int?
            for person in people where person != excluding && state.canObserve(offering, person) {
                if let chosen = best, state.observedMinutes[chosen] <= state.observedMinutes[person] { continue }
                best = person
            }
            return best
        }
        /// Observes the offering, moving one observation that blocks an observer to someone
        /// else when that is what it takes.
        func observe(_ offering: Int) -> Bool {
            if let person = leastLoaded(offering) {
                state.assign(offering, to: person)
                return true
            }
            for person in people {
                guard case .observing = state.exclusion(offering, person) else { continue }
                let blocking = state.observationsClashing(with: offering, on: person)
                guard blocking.count == 1, let other = blocking.first, !fixed[other] else { continue }
                state.unassign(other)
                if state.canObserve(offering, person) {
                    state.assign(offering, to: person)
                    if let elsewhere = leastLoaded(other, excluding: person) {
                        state.assign(other, to: elsewhere)
                        return true
                    }
                    state.unassign(offering)
                }
                state.assign(other, to: person)
            }
            return false
        }

        var leaders: [Int] = []
        var modules: [String] = []
        for (offering, lead) in leads.enumerated() {
            guard let lead else { continue }
            if !leaders.contains(lead) { leaders.append(lead) }
            let module = problem.offerings[offering].module
            if !modules.contains(module) { modules.append(module) }
        }
        leaders.sort()

        if share > 0 {
            // Every trainer who leads and every module delivered is a need; the needs with the
            // fewest offerings an observer could take come first, and each takes the offering
            // that meets the most needs still open (a module's only trainer, observed once).
            var leadObserved: [Int: Int] = [:]
            var moduleObserved: [String: Int] = [:]
            for (offering, person) in state.observerOf.enumerated() where person >= 0 {
                if let lead = leads[offering] { leadObserved[lead, default: 0] += 1 }
                moduleObserved[problem.offerings[offering].module, default: 0] += 1
            }
            enum Need: Comparable {
                case lead(Int)
                case module(Int)
            }
            func matches(_ need: Need, _ offering: Int) -> Bool {
                guard let lead = leads[offering] else { return false }
                switch need {
                case .lead(let trainer): return lead == trainer
                case .module(let module): return problem.offerings[offering].module == modules[module]
                }
            }
            func isOpen(_ need: Need) -> Bool {
                switch need {
                case .lead(let trainer): leadObserved[trainer, default: 0] == 0
                case .module(let module): moduleObserved[modules[module], default: 0] == 0
                }
            }
            let needs = leaders.map(Need.lead) + modules.indices.map(Need.module)
            let options = needs.map { need in
                leads.indices.count { offering in
                    matches(need, offering) && people.contains { state.canObserve(offering, $0) }
                }
            }
            let order = needs.indices.sorted { (options[$0], needs[$0]) < (options[$1], needs[$1]) }
            for position in order where isOpen(needs[position]) {
                let need = needs[position]
                func meets(_ offering: Int) -> Int {
                    (isOpen(.lead(leads[offering] ?? -1)) ? 1 : 0)
                        + (moduleObserved[problem.offerings[offering].module, default: 0] == 0 ? 1 : 0)
                }
                let offerings = leads.indices.filter { matches(need, $0) && state.observerOf[$0] < 0 }
                    .map { (meets: meets($0), offering: $0) }
                    .sorted { (-$0.meets, $0.offering) < (-$1.meets, $1.offering) }
                for candidate in offerings where observe(candidate.offering) {
                    if let lead = leads[candidate.offering] { leadObserved[lead, default: 0] += 1 }
                    moduleObserved[problem.offerings[candidate.offering].module, default: 0] += 1
                    break
                }
            }
            // An observation no need depends on goes again, latest first, while the share holds.
            var count = state.observerOf.count { $0 >= 0 }
            for offering in state.observerOf.indices.reversed() where count > schedule.observationsAsked {
                guard state.observerOf[offering] >= 0, !fixed[offering], !kept[offering], let lead = leads[offering],
                    leadObserved[lead, default: 0] > 1,
                    moduleObserved[problem.offerings[offering].module, default: 0] > 1
                else { continue }
                state.unassign(offering)
                leadObserved[lead, default: 0] -= 1
                moduleObserved[problem.offerings[offering].module, default: 0] -= 1
                count -= 1
            }
            fill(&state, leads: leads, leaders: leaders, people: people, asked: schedule.observationsAsked)
            balance(&state, people: people, movable: zip(fixed, kept).map { !$0 && !$1 })
        }

        for offering in schedule.assignments.indices {
            let person = state.observerOf[offering]
            schedule.assignments[offering].observer = person >= 0 ? problem.trainers[person].id : nil
        }
        schedule.observationGaps = pinsLost
        if share > 0 {
            schedule.observationGaps += gaps(
                state, leads: leads, leaders: leaders, modules: modules, people: people,
                asked: schedule.observationsAsked)
        }
        schedule.changes += changes(state, schedule: schedule)
    }

    /// Observes more offerings until the share is met: a round at a time, each trainer with
    /// the fewest observations first gets one more, on an offering of the module observed
    /// least and as far in time from their other observations as possible.
    private static func fill(_ state: inout State, leads: [Int?], leaders: [Int], people: [Int], asked: Int) {
        var count = state.observerOf.count { $0 >= 0 }
        var offeringsOf: [Int: [Int]] = [:]
        for (offering, lead) in leads.enumerated() {
            if let lead { offeringsOf[lead, default: []].append(offering) }
        }
        var moduleCount: [String: Int] = [:]
        var observedOf: [Int: Int] = [:]
        for (offering, person) in state.observerOf.enumerated() where person >= 0 {
            moduleCount[state.problem.offerings[offering].module, default: 0] += 1
            if let lead = leads[offering] { observedOf[lead, default: 0] += 1 }
        }
        var progress = true
        while count < asked, progress {
            progress = false
            let round = leaders.sorted { (observedOf[$0] ?? 0, $0) < (observedOf[$1] ?? 0, $1) }
            for lead in round where count < asked {
                let mine = offeringsOf[lead] ?? []
                let observed = mine.filter { state.observerOf[$0] >= 0 }.map { state.problem.offerings[$0].start }
                var best: (key: (Int, Int, Int), offering: Int, person: Int)?
                for offering in mine where state.observerOf[offering] < 0 {
                    let resolved = state.problem.offerings[offering]
                    let distance = observed.map { abs($0 - resolved.start) }.min() ?? Int.max
                    let key = (moduleCount[resolved.module] ?? 0, -distance, offering)
                    if let chosen = best, chosen.key <= key { continue }
                    var person: Int?
                    for candidate in people where state.canObserve(offering, candidate) {
                        if let chosen = person, state.observedMinutes[chosen] <= state.observedMinutes[candidate] {
                            continue
                        }
                        person = candidate
                    }
                    if let person { best = (key, offering, person) }
                }
                guard let best else { continue }
                state.assign(best.offering, to: best.person)
                moduleCount[state.problem.offerings[best.offering].module, default: 0] += 1
                observedOf[lead, default: 0] += 1
                count += 1
                progress = true
            }
        }
    }

    /// Moves observations from busier observers to lighter ones while the receiver stays
    /// below the giver (observed minutes).
    private static func balance(_ state: inout State, people: [Int], movable: [Bool]) {
        for _ in 0..<20 {
            var moved = false
            for offering in state.observerOf.indices where movable[offering] && state.observerOf[offering] >= 0 {
                let giver = state.observerOf[offering]
                let minutes = state.problem.offerings[offering].minutes
                var best: Int?
                for person in people where person != giver {
                    guard state.observedMinutes[person] + minutes < state.observedMinutes[giver] else { continue }
                    if let chosen = best, state.observedMinutes[chosen] <= state.observedMinutes[person] { continue }
                    if state.canObserve(offering, person) { best = person }
                }
                if let best {
                    state.unassign(offering)
                    state.assign(offering, to: best)
                    moved = true
                }
            }
            if !moved { return }
        }
    }

    private static func gaps(
        _ state: State, leads: [Int?], leaders: [Int], modules: [String], people: [Int], asked: Int
    ) -> [ObservationGap] {
        let problem = state.problem
        func candidates(_ offerings: [Int]) -> [ObservationGap.Candidate] {
            offerings.flatMap { offering in
                people.map { person in
                    ObservationGap.Candidate(
                        offering: problem.offerings[offering].offering.id, trainer: problem.trainers[person].id,
                        reason: "\(state.exclusion(offering, person) ?? .notChosen)")
                }
            }
        }
        var gaps: [ObservationGap] = []
        let observed = state.observerOf.count { $0 >= 0 }
        if observed < asked {
            let open = leads.indices.filter { leads[$0] != nil && state.observerOf[$0] < 0 }
            gaps.append(
                ObservationGap(
                    need: .share, subject: nil, asked: asked, observed: observed, candidates: candidates(open)))
        }
        for lead in leaders {
            let mine = leads.indices.filter { leads[$0] == lead }
            guard !mine.contains(where: { state.observerOf[$0] >= 0 }) else { continue }
            gaps.append(
                ObservationGap(
                    need: .trainer, subject: problem.trainers[lead].id, asked: 1, observed: 0,
                    candidates: candidates(mine)))
        }
        for module in modules {
            let mine = leads.indices.filter { leads[$0] != nil && problem.offerings[$0].module == module }
            guard !mine.contains(where: { state.observerOf[$0] >= 0 }) else { continue }
            gaps.append(
                ObservationGap(need: .module, subject: module, asked: 1, observed: 0, candidates: candidates(mine)))
        }
        return gaps
    }

    /// The observers that differ from the previous schedule, and why.
    private static func changes(_ state: State, schedule: Schedule) -> [Schedule.Change] {
        let problem = state.problem
        guard let previous = problem.previous else { return [] }
        var changes: [Schedule.Change] = []
        for (offering, assignment) in schedule.assignments.enumerated() {
            guard let old = previous.assignment(assignment.offering), !old.cancelled,
                old.observer != assignment.observer
            else { continue }
            var reason: String
            if let id = old.observer {
                if let person = problem.trainerIndex(id) {
                    if problem.term.observe == 0 && problem.offerings[offering].offering.observer == nil {
                        reason = "the term no longer asks for observers"
                    } else if schedule.assignments[offering].primary == nil {
                        reason = "the offering has no primary to observe"
                    } else if let why = state.exclusion(offering, person) {
                        reason = "\(id) is \(why.readsAsNew ? "now " : "")\(why)"
                    } else {
                        reason = assignment.observer == nil ? "no longer needed for the share" : "reassigned"
                    }
                } else {
                    reason = "\(id) is no longer on the roster"
                }
            } else {
                reason = "newly observed"
            }
            changes.append(
                Schedule.Change(
                    offering: assignment.offering, role: nil, from: old.observer, to: assignment.observer,
                    reason: reason, observer: true))
        }
        return changes
    }
}
