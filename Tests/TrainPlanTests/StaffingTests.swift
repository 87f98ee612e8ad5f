import Foundation
import PropertyBased
import Testing
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

@Suite("Roster and term files")
struct StaffingFormatTests {
    /// A coordinator adds a vacation at the top of a trainer (issue #9): any order is fine.
    @Test func aTrainersChildrenMayComeInAnyOrder() throws {
        let read = roster(
            """
            <roster timezone="America/Chicago">
              <trainer id="ana" name="Ana">
                <away from="2027-03-08" to="2027-03-12">Spring break</away>
                <available days="mon" from="18:00" to="21:00"/>
                <qualified module="m1"/>
                <away from="2027-04-01" to="2027-04-02">Dentist</away>
                <qualified module="m2"/>
              </trainer>
            </roster>
            """)
        #expect(read.1.isEmpty, "\(read.1)")
        let trainer = try #require(read.0?.trainers.first)
        #expect(trainer.qualified == ["m1", "m2"])
        #expect(trainer.away.count == 2)
        let none = roster("<roster timezone=\"America/Chicago\"><trainer id=\"b\" name=\"B\"/></roster>")
        #expect(none.1.contains { $0.location.line == 1 }, "a trainer still needs a qualification: \(none.1)")
    }

    @Test func rosterProblemsPointAtTheirAttribute() throws {
        let read = roster(
            """
            <roster timezone="America/Chicgo">
              <trainer id="ana" name="Ana">
                <qualified module="m1"/>
                <available days="mon" from="18:00" to="24:00"/>
                <away from="2027-03-12" to="2027-03-08">Spring break</away>
                <away from="2027-02-30" to="2027-03-01"/>
              </trainer>
            </roster>
            """)
        let found = Dictionary(grouping: read.1, by: \.id)
        #expect(found["unknown-time-zone"]?.first?.location.line == 1)
        #expect(found["unknown-time-zone"]?.first?.location.column == 9)
        #expect(found["unknown-time-zone"]?.first?.message.contains("Did you mean 'America/Chicago'?") == true)
        #expect(found["invalid-time"]?.first?.location.line == 4)
        #expect(found["invalid-time"]?.first?.hint?.contains("23:59") == true)
        #expect(found["invalid-range"]?.first?.location.line == 5)
        #expect(found["invalid-range"]?.first?.location.column == 29)
        #expect(found["invalid-date"]?.first?.location.line == 6)
        #expect(read.0 == nil)
    }

    @Test func anOfferingInTheSpringForwardGapIsAnError() throws {
        let read = term(
            """
            <term id="t" timezone="America/Chicago">
              <offering id="early" session="p-one" start="2027-03-14T02:30" location="East"/>
              <offering id="ok" session="p-one" start="2027-03-14T03:30" location="East"/>
            </term>
            """)
        let finding = try #require(read.1.first)
        #expect(finding.id == "dst-gap")
        #expect(finding.location.line == 2)
        #expect(finding.location.column == 40)
        #expect(read.1.count == 1)
    }

    @Test func badReferencesAreFindingsAtTheirPlace() throws {
        let rosterValue = try #require(
            roster(
                """
                <roster timezone="America/Chicago">
                  <trainer id="ana" name="Ana"><qualified module="m1"/></trainer>
                  <trainer id="raj" name="Raj"><qualified module="m9"/></trainer>
                </roster>
                """
            ).0)
        let termValue = try #require(
            term(
                """
                <term id="t" timezone="America/Chicago">
                  <offering id="a" session="p-oen" start="2027-03-02T18:00" location="East"/>
                  <offering id="b" session="p-one" start="2027-03-02T18:00" location="East" primary="raj"/>
                  <offering id="c" session="p-one" start="2027-03-03T18:00" location="East" backup="anna"/>
                </term>
                """
            ).0)
        let resolved = StaffingProblem.resolve(
            roster: rosterValue, term: termValue, plans: staffingPlans, previous: nil)
        #expect(resolved.problem == nil)
        let byID = Dictionary(grouping: resolved.findings, by: \.id)
        #expect(byID["unknown-plan"]?.first?.message.contains("Did you mean 'p-one'?") == true)
        #expect(byID["unknown-plan"]?.first?.location.line == 2)
        #expect(byID["unqualified-pin"]?.first?.location.line == 3)
        #expect(byID["unqualified-pin"]?.first?.location.column == 77)
        #expect(byID["unknown-trainer"]?.first?.message.contains("Did you mean 'ana'?") == true)
        #expect(byID["unknown-module"]?.first?.severity == .warning)
    }

    @Test func localTimesAreResolvedAcrossDaylightSaving() throws {
        let clock = ZonedClock(timeZone: try #require(TimeZone(identifier: "America/Chicago")))
        let before = try clock.minutes(#require(LocalDateTime("2027-03-13T18:30"))).get()
        let after = try clock.minutes(#require(LocalDateTime("2027-03-15T18:30"))).get()
        // 18:30 CST is 00:30Z next day; 18:30 CDT is 23:30Z: 47 hours apart, not 48.
        #expect(after - before == 47 * 60)
        #expect(clock.local(after).time == TimeOfDay("18:30"))
        #expect(LocalDate("2027-02-29") == nil)
        #expect(LocalDate("2028-02-29") != nil)
    }
}

@Suite("Scheduling the shipped term")
struct ShippedScheduleTests {
    @Test func everyOfferingIsStaffedOrExplained() throws {
        let problem = try shippedStaffing()
        let schedule = Scheduler.schedule(problem)
        #expect(violations(problem, schedule).isEmpty, "\(violations(problem, schedule))")
        #expect(schedule.assignments.count == 40)
        #expect(schedule.assignments.allSatisfy { $0.primary != nil })
        for gap in schedule.gaps {
            #expect(gap.candidates.count == problem.trainers.count)
            #expect(gap.candidates.allSatisfy { !$0.reason.isEmpty && $0.reason != "free, but not chosen" })
        }
        let gap = try #require(schedule.gaps.first { $0.offering == "ch-west-1" })
        #expect(gap.role == .backup)
        #expect(gap.candidates.first { $0.trainer == "grace" }?.reason == "away: Conference")
        #expect(schedule.assignments.first { $0.offering == "al-west-1" }?.primary == "ana", "the pin is kept")
    }

    @Test func schedulingIsDeterministic() throws {
        let problem = try shippedStaffing()
        let first = AssignmentsWriter.render(Scheduler.schedule(problem))
        let second = AssignmentsWriter.render(Scheduler.schedule(try shippedStaffing()))
        #expect(first == second)
    }

    @Test func aTrainerGoingAwayChangesOnlyTheirOfferings() throws {
        let problem = try shippedStaffing()
        let before = Scheduler.schedule(problem)
        let previous = AssignmentSet(term: "spring-2027", assignments: before.assignments)
        // Wei takes the whole spring off.
        let replanned = try shippedStaffing(previous: previous) { text in
            text.replacingOccurrences(
                of: "<available days=\"sat\" from=\"10:00\" to=\"13:00\"/>",
                with:
                    "<available days=\"sat\" from=\"10:00\" to=\"13:00\"/><away from=\"2027-03-01\" to=\"2027-06-30\">Sabbatical</away>"
            )
        }
        let after = Scheduler.schedule(replanned)
        #expect(violations(replanned, after).isEmpty)
        let weisOfferings = Set(before.assignments.filter { $0.primary == "wei" || $0.backup == "wei" }.map(\.offering))
        #expect(!weisOfferings.isEmpty)
        let changed = zip(before.assignments, after.assignments).filter { $0.0 != $0.1 }.map(\.0.offering)
        #expect(!changed.isEmpty)
        for offering in changed {
            #expect(weisOfferings.contains(offering), "\(offering) changed though wei was not on it")
        }
        #expect(after.assignments.allSatisfy { $0.primary != "wei" && $0.backup != "wei" })
        let change = try #require(after.changes.first { $0.from == "wei" })
        #expect(change.reason == "wei is away: Sabbatical")
    }
}

@Suite("Scheduling random terms")
struct RandomScheduleTests {
    @Test func noHardRuleIsEverBroken() async {
        await propertyCheck(count: 150, input: Gen.int(in: 0...1_000_000)) { seed in
            guard let problem = randomProblem(seed: UInt64(seed), trainers: 2...7, offerings: 1...14) else {
                Issue.record("seed \(seed): the generated instance does not read")
                return
            }
            let schedule = Scheduler.schedule(problem)
            #expect(violations(problem, schedule).isEmpty, "seed \(seed): \(violations(problem, schedule))")
            for gap in schedule.gaps {
                #expect(!gap.candidates.contains { $0.reason == "free, but not chosen" }, "seed \(seed)")
            }
        }
    }

    @Test func smallTermsAreStaffedAsFullyAsExhaustiveSearchCan() async {
        let withGaps = Counter()
        await propertyCheck(count: 60, input: Gen.int(in: 0...1_000_000)) { seed in
            if !Self.matchesExhaustiveSearch(seed: seed) { withGaps.increment() }
        }
        #expect(withGaps.value > 5, "the generated terms should include hard ones, or the test proves little")
    }

    /// Terms in which the property test once found a counterexample.
    @Test(arguments: [311_655])
    func termsThatOnceFailed(seed: Int) {
        Self.matchesExhaustiveSearch(seed: seed)
    }

    /// Checks the schedule of one random small term against exhaustive search: as many
    /// primaries, then backups, then fully staffed offerings, and then the busiest trainer as
    /// light as it can be. Returns whether the schedule has no gap.
    @discardableResult
    static func matchesExhaustiveSearch(seed: Int) -> Bool {
        guard let problem = randomProblem(seed: UInt64(seed), trainers: 2...3, offerings: 1...4) else {
            Issue.record("seed \(seed): the generated instance does not read")
            return true
        }
        let schedule = Scheduler.schedule(problem)
        let primaries = schedule.assignments.count { $0.primary != nil }
        let backups = schedule.assignments.count { $0.backup != nil }
        let full = schedule.fullyStaffed
        let best = exhaustiveBest(problem)
        #expect(primaries == best.primaries, "seed \(seed)")
        #expect(
            backups == best.backups || primaries < best.primaries,
            "seed \(seed): \(backups) backups, \(best.backups) possible")
        // Goal 3 where goal 1 is met: the busiest trainer as light as it can be.
        if primaries == best.primaries, backups == best.backups, full == best.full {
            var duties: [(offering: Int, isPrimary: Bool, trainer: Int)] = []
            for (index, assignment) in schedule.assignments.enumerated() {
                for (isPrimary, id) in [(true, assignment.primary), (false, assignment.backup)] {
                    duties.append((index, isPrimary, id.flatMap { problem.trainerIndex($0) } ?? -1))
                }
            }
            let busiest = busiestHours(problem, duties)
            #expect(busiest <= best.busiest + 1e-6, "seed \(seed): busiest \(busiest) h, \(best.busiest) h possible")
        }
        return schedule.gaps.isEmpty
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// A random small term resolved against its roster and the staffing plans, or `nil` when
/// the generated files do not read.
func randomProblem(seed: UInt64, trainers: ClosedRange<Int>, offerings: ClosedRange<Int>) -> StaffingProblem? {
    let instance = randomInstance(seed: seed, trainers: trainers, offerings: offerings)
    guard let rosterValue = roster(instance.roster).0, let termValue = term(instance.term).0 else { return nil }
    return StaffingProblem.resolve(roster: rosterValue, term: termValue, plans: staffingPlans, previous: nil).problem
}

/// The most primaries, then backups, then fully staffed offerings that any assignment can
/// staff, by trying them all, and the lightest busiest trainer (hours, backups at the term's
/// backup load) among those.
/// Written for the test: its own overlap, travel and weekly-hours rules.
func exhaustiveBest(_ problem: StaffingProblem) -> (primaries: Int, backups: Int, full: Int, busiest: Double) {
    let offerings = problem.offerings
    let trainers = problem.trainers
    var roles: [(offering: Int, isPrimary: Bool)] = []
    for index in offerings.indices { roles += [(index, true), (index, false)] }
    var choice = Array(repeating: -1, count: roles.count)
    var best = (primaries: 0, backups: 0, full: 0, busiest: 0.0)

    func valid() -> Bool {
        for trainer in trainers.indices {
            var duties: [(offering: Int, isPrimary: Bool)] = []
            for (slot, chosen) in choice.enumerated() where chosen == trainer { duties.append(roles[slot]) }
            for i in duties.indices {
                for j in duties.indices where j > i {
                    let a = duties[i]
                    let b = duties[j]
                    if a.offering == b.offering { return false }
                    if !a.isPrimary, !b.isPrimary, problem.term.backupOverlap == .allow { continue }
                    let first = offerings[a.offering]
                    let second = offerings[b.offering]
                    let gap = first.offering.place == second.offering.place ? 0 : problem.term.travelMinutes
                    if first.start < second.end + gap && second.start < first.end + gap { return false }
                }
            }
            if let limit = trainers[trainer].maxHoursPerWeek {
                var weekly: [Int: Double] = [:]
                for duty in duties {
                    let offering = offerings[duty.offering]
                    weekly[offering.week, default: 0] +=
                        Double(offering.minutes) / 60 * (duty.isPrimary ? 1 : problem.term.backupLoad)
                }
                if weekly.values.contains(where: { $0 > limit + 1e-9 }) { return false }
            }
        }
        return true
    }

    func visit(_ slot: Int) {
        if slot == roles.count {
            guard valid() else { return }
            let primaries = roles.indices.count { roles[$0].isPrimary && choice[$0] >= 0 }
            let backups = roles.indices.count { !roles[$0].isPrimary && choice[$0] >= 0 }
            let full = offerings.indices.count { offering in
                roles.indices.allSatisfy { roles[$0].offering != offering || choice[$0] >= 0 }
            }
            let busiest = busiestHours(
                problem, roles.indices.map { (roles[$0].offering, roles[$0].isPrimary, choice[$0]) })
            if (primaries, backups, full, -busiest) > (best.primaries, best.backups, best.full, -best.busiest) {
                best = (primaries, backups, full, busiest)
            }
            return
        }
        let offering = roles[slot].offering
        for trainer in trainers.indices where problem.ineligible[offering][trainer] == nil {
            choice[slot] = trainer
            visit(slot + 1)
        }
        choice[slot] = -1
        visit(slot + 1)
    }
    visit(0)
    return best
}

/// The busiest trainer's hours over the term: primary hours plus backup hours at the backup load.
func busiestHours(_ problem: StaffingProblem, _ duties: [(offering: Int, isPrimary: Bool, trainer: Int)]) -> Double {
    var hours: [Int: Double] = [:]
    for duty in duties where duty.trainer >= 0 {
        hours[duty.trainer, default: 0] +=
            Double(problem.offerings[duty.offering].minutes) / 60 * (duty.isPrimary ? 1 : problem.term.backupLoad)
    }
    return hours.values.max() ?? 0
}

@Suite("The personnel task scheduling benchmark")
struct PersonnelTaskTests {
    static let small = """
        # three jobs; the third overlaps both others; worker 1 may only do job 2
        Type = 1
        Jobs = 3
          0 10
         11 20
          5 15
        Qualifications = 3
        3: 0 1 2
        1: 2
        2: 0 1
        """

    @Test func parsesSolvesAndValidates() throws {
        let instance = try PersonnelTaskInstance(parsing: Self.small)
        #expect(instance.jobs.count == 3)
        #expect(instance.lowerBound == 2)
        let (result, bound, infeasible) = instance.solve()
        #expect(instance.violations(result).isEmpty)
        #expect(Set(result).count == 2)
        #expect(bound == 2)
        #expect(!infeasible)
    }

    @Test func theLagrangianBoundBeatsMaxOverlapWhereQualificationsAreNarrow() throws {
        // Three disjoint jobs, each doable by its own worker only: max-overlap says 1, the optimum is 3.
        let narrow = try PersonnelTaskInstance(
            parsing: "Type = 1\nJobs = 3\n0 1\n2 3\n4 5\nQualifications = 3\n1: 0\n1: 1\n1: 2\n")
        #expect(narrow.lowerBound == 1)
        #expect(narrow.lagrangianBound(upper: 3) == 3)
        // Never above the optimum on small instances where brute force proves it.
        var random = SplitMix64(seed: 17)
        for _ in 0..<40 {
            let text = Self.randomInstance(
                &random, jobs: 6, starts: 20, shortest: 1, workers: 4, qualifiedOneIn: 2)
            let instance = try PersonnelTaskInstance(parsing: text)
            guard let optimum = Self.bruteForceOptimum(instance) else { continue }
            #expect(instance.lagrangianBound(upper: optimum + 1) <= optimum, "\(text)")
            #expect(instance.lagrangianBound(upper: optimum) <= optimum, "\(text)")
        }
    }

    @Test func filteringRemovesWhatNoValidAssignmentUsesAndNothingElse() throws {
        // Job 0 only worker 0 may do; job 1 overlaps it, so it must go to worker 1.
        let forced = try PersonnelTaskInstance(
            parsing: "Type = 1\nJobs = 3\n0 10\n5 15\n20 30\nQualifications = 2\n3: 0 1 2\n2: 1 2\n")
        #expect(forced.filteredCandidates() == [[0], [1], [0, 1]])
        // Two overlapping jobs that only worker 0 may do: no valid assignment.
        let impossible = try PersonnelTaskInstance(
            parsing: "Type = 1\nJobs = 2\n0 10\n10 20\nQualifications = 2\n2: 0 1\n0:\n")
        #expect(impossible.filteredCandidates() == nil)
        #expect(impossible.solve().infeasible)
        // On random tight instances, against every valid assignment found by brute force: a
        // worker is kept exactly when some valid assignment gives it the job, and the solver
        // covers every job whenever that can be done.
        var random = SplitMix64(seed: 23)
        var narrowed = 0
        var infeasible = 0
        for _ in 0..<60 {
            let jobCount = 7
            let text = Self.randomInstance(
                &random, jobs: jobCount, starts: 12, shortest: 2, workers: 4 + Int(random.next() % 2),
                qualifiedOneIn: -3)
            let instance = try PersonnelTaskInstance(parsing: text)
            var used = Array(repeating: Set<Int>(), count: jobCount)
            Self.everyValidAssignment(instance) { for (job, worker) in $0.enumerated() { used[job].insert(worker) } }
            let filtered = instance.filteredCandidates()
            let solved = instance.solve()
            if used[0].isEmpty {
                #expect(solved.assignment.contains(-1), "\(text)")
                infeasible += 1
                continue
            }
            // Régin's filtering is exact for each moment, not for all together: kept ⊇ used.
            let kept = try #require(filtered, "\(text)")
            for job in 0..<jobCount { #expect(used[job].isSubset(of: Set(kept[job])), "\(text)") }
            let qualified = instance.qualifications.reduce(0) { $0 + $1.count }
            if kept.reduce(0, { $0 + $1.count }) < qualified { narrowed += 1 }
            #expect(instance.violations(solved.assignment).isEmpty, "\(text)")
            #expect(!solved.infeasible)
            let search = instance.assignmentBySearch(kept, nodes: 10_000)
            #expect(search.map { instance.violations($0).isEmpty } == true, "\(text)")
        }
        // The instances must exercise both sides: some cannot be covered, and on many the
        // filter removes a qualified worker.
        #expect(infeasible > 5, "only \(infeasible) instances cannot be covered")
        #expect(narrowed > 10, "the filter removed something on \(narrowed) instances only")
    }

    /// A small random instance: `jobs` jobs starting before `starts`, `shortest` to `shortest + 5`
    /// long; each worker qualified for a job with chance 1/n (`qualifiedOneIn: n`) or, for a
    /// negative n, 1 - 1/|n|.
    static func randomInstance(
        _ random: inout SplitMix64, jobs: Int, starts: UInt64, shortest: Int, workers: Int, qualifiedOneIn: Int
    ) -> String {
        var text = "Type = 1\nJobs = \(jobs)\n"
        for _ in 0..<jobs {
            let start = Int(random.next() % starts)
            text += "\(start) \(start + shortest + Int(random.next() % 6))\n"
        }
        text += "Qualifications = \(workers)\n"
        let odds = UInt64(abs(qualifiedOneIn))
        for _ in 0..<workers {
            let list = (0..<jobs).filter { _ in (random.next() % odds == 0) == (qualifiedOneIn > 0) }
            text += "\(list.count): " + list.map(String.init).joined(separator: " ") + "\n"
        }
        return text
    }

    /// Calls `body` with every valid assignment (branches that already put one worker on two
    /// overlapping jobs are cut; each complete one is still checked by `violations`).
    static func everyValidAssignment(_ instance: PersonnelTaskInstance, _ body: ([Int]) -> Void) {
        var assignment = Array(repeating: 0, count: instance.jobs.count)
        let jobs = instance.jobs
        func place(_ job: Int) {
            if job == jobs.count {
                if instance.violations(assignment).isEmpty { body(assignment) }
                return
            }
            for worker in instance.qualifications.indices where instance.qualifications[worker].contains(job) {
                let clashes = (0..<job).contains {
                    assignment[$0] == worker
                        && max(jobs[$0].start, jobs[job].start) <= min(jobs[$0].end, jobs[job].end)
                }
                if clashes { continue }
                assignment[job] = worker
                place(job + 1)
            }
        }
        place(0)
    }

    /// The fewest workers over every assignment, or nil when no assignment is valid.
    static func bruteForceOptimum(_ instance: PersonnelTaskInstance) -> Int? {
        var best: Int?
        var assignment = Array(repeating: 0, count: instance.jobs.count)
        func place(_ job: Int) {
            if job == instance.jobs.count {
                if instance.violations(assignment).isEmpty {
                    let used = Set(assignment).count
                    best = min(best ?? used, used)
                }
                return
            }
            for worker in instance.qualifications.indices where instance.qualifications[worker].contains(job) {
                assignment[job] = worker
                place(job + 1)
            }
        }
        place(0)
        return best
    }

    @Test func theValidatorCatchesOverlapsAndUnqualifiedWorkers() throws {
        let instance = try PersonnelTaskInstance(parsing: Self.small)
        #expect(instance.violations([0, 2, 0]).contains("worker 0 has overlapping jobs 0 and 2"))
        #expect(instance.violations([1, 0, 1]).contains("worker 1 may not do job 0"))
        let closed = try PersonnelTaskInstance(parsing: "Type = 1\nJobs = 2\n0 10\n10 20\nQualifications = 1\n2: 0 1\n")
        #expect(closed.lowerBound == 2, "closed ends: a job ending at 10 overlaps one starting at 10")
        #expect(!closed.violations([0, 0]).isEmpty)
    }

    @Test func badFilesSayWhere() {
        #expect(throws: PersonnelTaskInstance.ParseError.self) {
            try PersonnelTaskInstance(parsing: "Type = 1\nJobs = 2\n0 10\nten 20\n")
        }
        do {
            _ = try PersonnelTaskInstance(parsing: "Type = 1\nJobs = 2\n0 10\nten 20\n")
        } catch {
            #expect(error.line == 4)
        }
    }
}

@Suite("Schedule quality on a benchmark term")
struct ScheduleQualityTests {
    /// The 100-offering term of the CP-SAT comparison (`trainplan-bench term --offerings 100
    /// --trainers 30 --seed 11`, docs/performance.md): CP-SAT proves 88 offerings the most that
    /// can be fully staffed, and its best busiest trainer in 60 s carries 6.5 hours.
    @Test func asGoodAsCPSATOnTheHundredOfferingTerm() throws {
        let folder = "Tests/TrainPlanTests/Fixtures/Quality100"
        let problem = try staffingProblem(
            roster: repositoryFile("\(folder)/trainers.xml"), term: repositoryFile("\(folder)/term.xml"),
            plansFolder: "\(folder)/plans")
        let schedule = Scheduler.schedule(problem)
        #expect(violations(problem, schedule).isEmpty)
        #expect(schedule.fullyStaffed == 88)
        #expect(schedule.assignments.count { $0.primary != nil } == 99)
        var duties: [(offering: Int, isPrimary: Bool, trainer: Int)] = []
        for (index, assignment) in schedule.assignments.enumerated() {
            for (isPrimary, id) in [(true, assignment.primary), (false, assignment.backup)] {
                duties.append((index, isPrimary, id.flatMap { problem.trainerIndex($0) } ?? -1))
            }
        }
        let busiest = busiestHours(problem, duties)
        #expect(busiest <= 6.5 + 1e-9, "busiest trainer \(busiest) h; CP-SAT's best in 60 s is 6.5 h")
    }
}

@Suite("The smallest team, as coverage.md reports it")
struct SmallestTeamTests {
    /// Issue #9, item 4: from about 7,500 offerings up, the smallest-team search stopped at its
    /// budget and the report said "No trainer at all could be primary" of 135 offerings, 75 of
    /// which a trainer could take. Only those no one can take are said to be impossible.
    @Test func anOfferingTheSearchLeftIsNotCalledImpossible() throws {
        let problem = try shippedStaffing()
        var starved = SchedulerSettings.standard
        starved.smallestTeam = MinimumWorkers.Settings.smallestTeam(
            steps: 0, constructMinimum: 0, constructStepsPerTask: 0)
        starved.smallestTeam.reconstructions = 0
        let full = Resilience.analyze(problem, schedule: nil)
        let short = Resilience.analyze(problem, schedule: nil, settings: starved)
        #expect(full.offeringsLeftBySearch.isEmpty && full.offeringsWithoutAnyPrimary.isEmpty)
        #expect(short.offeringsWithoutAnyPrimary.isEmpty, "every shipped offering has a qualified trainer")
        let text = ScheduleReporter.coverage(short, schedule: nil, problem: problem)
        #expect(!text.contains("No trainer at all"), "\(text)")
        if short.offeringsLeftBySearch.isEmpty {
            Issue.record("the starved search still covered every offering; the test no longer tests the report")
        } else {
            #expect(text.contains("could deliver every other offering as primary"), "\(text)")
            #expect(
                text.contains(
                    "The search for a small team stopped (at its budget) before it also covered: "
                        + short.offeringsLeftBySearch.joined(separator: ", ")), "\(text)")
        }
    }

    /// An offering of a module no trainer is qualified for is named as impossible.
    @Test func anOfferingNoOneCanTakeIsNamed() throws {
        let problem = try shippedStaffing { roster in
            roster.replacingOccurrences(of: "<qualified module=\"youth-development\"/>", with: "")
        }
        let resilience = Resilience.analyze(problem, schedule: nil)
        #expect(resilience.offeringsWithoutAnyPrimary == ["bp-east-1", "bp-west-1"])
        #expect(resilience.offeringsLeftBySearch.isEmpty)
        let text = ScheduleReporter.coverage(resilience, schedule: nil, problem: problem)
        #expect(text.contains("could deliver every other offering"), "\(text)")
        #expect(text.contains("No trainer at all could be primary of: bp-east-1, bp-west-1."), "\(text)")
    }
}
