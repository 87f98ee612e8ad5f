import Foundation
import PropertyBased
import Testing
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanStaffing

/// A small roster and term for observer tests: `extra` goes into the roster, `attributes` onto
/// the term, `offerings` are the term's offerings.
private func observerProblem(
    roster extra: String, term attributes: String = " observe=\"0.5\"", offerings: String
) throws -> (StaffingProblem, [Finding]) {
    let rosterRead = roster("<roster timezone=\"America/Chicago\">\n\(extra)\n</roster>")
    let termRead = term(
        "<term id=\"t\" timezone=\"America/Chicago\" travel-minutes=\"30\"\(attributes)>\n\(offerings)\n</term>")
    let rosterValue = try #require(rosterRead.0, "\(rosterRead.1)")
    let termValue = try #require(termRead.0, "\(termRead.1)")
    let resolved = StaffingProblem.resolve(roster: rosterValue, term: termValue, plans: staffingPlans, previous: nil)
    return (try #require(resolved.problem, "\(resolved.findings)"), rosterRead.1 + termRead.1 + resolved.findings)
}

@Suite("Observers")
struct ObserverTests {
    @Test func theShippedTermObservesEveryLeadingTrainerAndModuleAtTheShareAskedFor() throws {
        let problem = try shippedStaffing()
        #expect(problem.term.observe == 0.1)
        let schedule = Scheduler.schedule(problem)
        #expect(violations(problem, schedule).isEmpty, "\(violations(problem, schedule))")
        #expect(schedule.observationsAsked == 4, "10 % of 40 offerings")
        #expect(schedule.observed >= 4)
        #expect(schedule.observationGaps.isEmpty, "\(schedule.observationGaps)")
        let leaders = Set(schedule.assignments.compactMap(\.primary))
        let observedLeaders = Set(schedule.assignments.filter { $0.observer != nil }.compactMap(\.primary))
        #expect(observedLeaders == leaders)
        let modules = Set(problem.offerings.map(\.module))
        let observedModules = Set(
            schedule.assignments.indices.filter { schedule.assignments[$0].observer != nil }.map {
                problem.offerings[$0].module
            })
        #expect(observedModules == modules)
        // Nobody observes a session they deliver or back up, and only observers observe.
        for assignment in schedule.assignments {
            guard let observer = assignment.observer else { continue }
            #expect(observer != assignment.primary && observer != assignment.backup)
            #expect(problem.roster.trainer(observer)?.isObserver == true)
        }
        // No more observations than the needs take: one per leading trainer here.
        #expect(schedule.observed == leaders.count)
        let text = ScheduleReporter.text(schedule, problem: problem)
        #expect(
            text.contains(
                "Observed: \(schedule.observed) of 40 offerings (the term asks for 4, 10 %); 12 of 12 trainers who lead an offering; 8 of 8 modules."
            ))
    }

    @Test func observingNeverChangesTheTrainersSchedule() throws {
        let problem = try shippedStaffing()
        var withoutObservers = problem
        withoutObservers.term.observe = 0
        let observed = Scheduler.schedule(problem)
        let plain = Scheduler.schedule(withoutObservers)
        #expect(plain.observed == 0)
        #expect(observed.assignments.map(\.primary) == plain.assignments.map(\.primary))
        #expect(observed.assignments.map(\.backup) == plain.assignments.map(\.backup))
        #expect(observed.gaps == plain.gaps)
    }

    @Test func observersAreDeterministicAndKeptOnARerun() throws {
        let problem = try shippedStaffing()
        let first = Scheduler.schedule(problem)
        let again = Scheduler.schedule(try shippedStaffing())
        #expect(AssignmentsWriter.render(first) == AssignmentsWriter.render(again))
        let previous = AssignmentSet(term: "spring-2027", assignments: first.assignments)
        let rerun = Scheduler.schedule(try shippedStaffing(previous: previous))
        #expect(rerun.assignments.map(\.observer) == first.assignments.map(\.observer))
        #expect(rerun.changes.isEmpty, "\(rerun.changes)")
    }

    @Test func anObserverGoingAwayIsReplacedWithTheReason() throws {
        let first = Scheduler.schedule(try shippedStaffing())
        let previous = AssignmentSet(term: "spring-2027", assignments: first.assignments)
        let joys = first.assignments.filter { $0.observer == "joy" }
        #expect(!joys.isEmpty)
        // Joy is away all spring: her observations go to someone else or away, each said why.
        let replanned = try shippedStaffing(previous: previous) {
            $0.replacingOccurrences(
                of: "<away from=\"2027-05-17\" to=\"2027-05-21\">Annual leave</away>",
                with: "<away from=\"2027-03-01\" to=\"2027-06-30\">Sabbatical</away>")
        }
        let after = Scheduler.schedule(replanned)
        #expect(violations(replanned, after).isEmpty)
        #expect(!after.assignments.contains { $0.observer == "joy" })
        let changes = after.changes.filter(\.observer)
        for old in joys {
            let change = try #require(changes.first { $0.offering == old.offering }, "\(old.offering)")
            #expect(change.from == "joy")
            #expect(change.reason == "joy is away: Sabbatical")
        }
        #expect(
            ScheduleReporter.text(after, problem: replanned).contains(
                "\(joys[0].offering) observer: joy → \(after.assignments.first { $0.offering == joys[0].offering }?.observer ?? "—") (joy is away: Sabbatical)"
            ))
    }

    @Test func aTrainerWhoCannotBeObservedIsExplainedWithEveryReason() throws {
        // Obi observes, but leads b1 at the same time as ana's only session and is away for
        // bo's; Oda observes m2 on Mondays only.
        let (problem, findings) = try observerProblem(
            roster: """
                <trainer id="ana" name="Ana"><qualified module="m1"/></trainer>
                <trainer id="bo" name="Bo"><qualified module="m2"/></trainer>
                <trainer id="obi" name="Obi"><qualified module="m2"/><observer/>
                  <away from="2027-03-03" to="2027-03-03">Dentist</away></trainer>
                <trainer id="oda" name="Oda"><observer module="m2"/>
                  <available days="mon" from="17:00" to="21:00"/></trainer>
                """,
            offerings: """
                <offering id="a1" session="p-one" start="2027-03-01T18:00" location="East" primary="ana"/>
                <offering id="b1" session="p-two" start="2027-03-01T18:00" location="West" primary="obi" backup="bo"/>
                <offering id="b2" session="p-two" start="2027-03-03T18:00" location="West" primary="bo"/>
                """)
        #expect(findings.isEmpty, "\(findings)")
        let schedule = Scheduler.schedule(problem)
        #expect(violations(problem, schedule).isEmpty)
        #expect(schedule.observed == 1)
        #expect(schedule.assignments.first { $0.offering == "b1" }?.observer == "oda", "obi leads b1")
        let ana = try #require(schedule.observationGaps.first { $0.need == .trainer && $0.subject == "ana" })
        #expect(
            ana.candidates == [
                .init(offering: "a1", trainer: "obi", reason: "busy: primary of b1"),
                .init(offering: "a1", trainer: "oda", reason: "not an observer for m1"),
            ])
        let bo = try #require(schedule.observationGaps.first { $0.need == .trainer && $0.subject == "bo" })
        let outside = "outside availability (wed 18:00–19:30; available mon 17:00–21:00)"
        #expect(
            bo.candidates == [
                .init(offering: "b2", trainer: "obi", reason: "away: Dentist"),
                .init(offering: "b2", trainer: "oda", reason: outside),
            ])
        let module = try #require(schedule.observationGaps.first { $0.need == .module })
        #expect(module.subject == "m1" && module.candidates == ana.candidates, "a1 is m1's only offering")
        let share = try #require(schedule.observationGaps.first { $0.need == .share })
        #expect(share.asked == 2 && share.observed == 1)
        let xml = AssignmentsWriter.render(schedule)
        #expect(
            xml.contains(
                """
                  <unobserved need="trainer" subject="bo">
                    <candidate offering="b2" trainer="obi">away: Dentist</candidate>
                    <candidate offering="b2" trainer="oda">\(outside)</candidate>
                  </unobserved>
                """))
        #expect(xml.contains("<unobserved need=\"share\" asked=\"2\" observed=\"1\">"))
        // The file reads back (the schema knows <unobserved>).
        let read = StaffingLoader.assignments(.bytes(Array(xml.utf8)), file: "assignments.xml")
        #expect(read.findings.isEmpty, "\(read.findings)")
        let text = ScheduleReporter.text(schedule, problem: problem)
        #expect(
            text.contains(
                "bo is never observed.\n  b2            obi       away: Dentist\n  b2            oda       \(outside)\n"
            ))
    }

    @Test func observingCountsTowardTheWeeklyHours() throws {
        let (problem, _) = try observerProblem(
            roster: """
                <trainer id="ana" name="Ana"><qualified module="m1"/></trainer>
                <trainer id="obi" name="Obi" max-hours-per-week="1.5"><observer module="m1"/></trainer>
                """,
            term: " observe=\"1\"",
            offerings: """
                <offering id="a1" session="p-one" start="2027-03-01T18:00" location="East"/>
                <offering id="a2" session="p-one" start="2027-03-02T18:00" location="East"/>
                """)
        let schedule = Scheduler.schedule(problem)
        #expect(violations(problem, schedule).isEmpty)
        #expect(schedule.observed == 1, "1.5 h a week holds one 60-minute observation")
        let share = try #require(schedule.observationGaps.first { $0.need == .share })
        #expect(share.candidates.map(\.reason) == ["weekly hours reached (1.5 h)"])
    }

    @Test func observersDoNotOverlapTheirOwnObservations() throws {
        let (problem, _) = try observerProblem(
            roster: """
                <trainer id="ana" name="Ana"><qualified module="m1"/></trainer>
                <trainer id="bo" name="Bo"><qualified module="m1"/></trainer>
                <trainer id="obi" name="Obi"><observer/></trainer>
                """,
            term: " observe=\"1\"",
            offerings: """
                <offering id="a1" session="p-one" start="2027-03-01T18:00" location="East"/>
                <offering id="a2" session="p-one" start="2027-03-01T18:30" location="East"/>
                """)
        let schedule = Scheduler.schedule(problem)
        #expect(violations(problem, schedule).isEmpty)
        #expect(schedule.observed == 1)
        let share = try #require(schedule.observationGaps.first { $0.need == .share })
        #expect(share.candidates.count == 1)
        #expect(share.candidates[0].reason.hasPrefix("busy: observes a"))
    }

    @Test func pinnedObserversAreKeptOrTheirProblemIsAFindingAtTheAttribute() throws {
        let people = """
            <trainer id="ana" name="Ana"><qualified module="m1"/></trainer>
            <trainer id="obi" name="Obi"><observer module="m2"/></trainer>
            <trainer id="oz" name="Oz"><observer/></trainer>
            """
        let (problem, _) = try observerProblem(
            roster: people, term: "",
            offerings:
                "<offering id=\"a1\" session=\"p-one\" start=\"2027-03-01T18:00\" location=\"East\" observer=\"oz\"/>")
        let schedule = Scheduler.schedule(problem)
        #expect(schedule.assignments[0].observer == "oz", "a pin observes even when the term asks for no share")
        #expect(schedule.observationsAsked == 0)

        let rosterValue = try #require(roster("<roster timezone=\"America/Chicago\">\n\(people)\n</roster>").0)
        for (pin, id, column) in [
            ("obi", "unqualified-pin", 90), ("ana", "same-trainer-twice", 90), ("ozz", "unknown-trainer", 90),
        ] {
            let text =
                "<term id=\"t\" timezone=\"America/Chicago\">\n"
                + "<offering id=\"a1\" session=\"p-one\" start=\"2027-03-01T18:00\" location=\"East\" primary=\"ana\" observer=\"\(pin)\"/>\n</term>"
            let termValue = try #require(term(text).0)
            let resolved = StaffingProblem.resolve(
                roster: rosterValue, term: termValue, plans: staffingPlans, previous: nil)
            let finding = try #require(resolved.findings.first { $0.id == id }, "\(pin): \(resolved.findings)")
            #expect(finding.location.line == 2)
            #expect(finding.location.column == column)
            #expect(finding.severity == .error)
            #expect(resolved.problem == nil)
        }
        let missing = StaffingProblem.resolve(
            roster: rosterValue,
            term: try #require(
                term(
                    "<term id=\"t\" timezone=\"America/Chicago\">\n<offering id=\"a1\" session=\"p-one\" start=\"2027-03-01T18:00\" location=\"East\" observer=\"ozz\"/>\n</term>"
                ).0), plans: staffingPlans, previous: nil)
        #expect(missing.findings.first { $0.id == "unknown-trainer" }?.message.contains("Did you mean 'oz'") == true)
    }

    @Test func aBadShareIsAFindingAndNobodyToObserveIsAWarning() throws {
        let bad = term(
            "<term id=\"t\" timezone=\"America/Chicago\"\n      observe=\"1.5\">\n<offering id=\"a1\" session=\"p-one\" start=\"2027-03-01T18:00\" location=\"East\"/>\n</term>"
        )
        #expect(bad.0 == nil)
        let finding = try #require(bad.1.first)
        #expect(finding.location.line == 1, "libxml2's schema check names the element's line: \(bad.1)")
        #expect(finding.message.contains("observe"), "\(finding.message)")
        #expect(finding.severity == .error)
        let negative = term(
            "<term id=\"t\" timezone=\"America/Chicago\" observe=\"-0.1\">\n<offering id=\"a1\" session=\"p-one\" start=\"2027-03-01T18:00\" location=\"East\"/>\n</term>"
        )
        #expect(negative.0 == nil)

        let (_, findings) = try observerProblem(
            roster: "<trainer id=\"ana\" name=\"Ana\"><qualified module=\"m1\"/></trainer>", term: " observe=\"0.25\"",
            offerings: "<offering id=\"a1\" session=\"p-one\" start=\"2027-03-01T18:00\" location=\"East\"/>")
        let warning = try #require(findings.first { $0.id == "no-observer" })
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("25 %"))
        #expect(warning.location.line == 1)
        // Someone who only observes needs no qualification to deliver.
        let observerOnly = roster(
            "<roster timezone=\"America/Chicago\"><trainer id=\"joy\" name=\"Joy\"><observer/></trainer></roster>")
        #expect(observerOnly.1.isEmpty, "\(observerOnly.1)")
    }

    @Test func theObserversCalendarHasTheSessionAndChangingTheObserverRaisesItsSequence() throws {
        let problem = try shippedStaffing()
        let schedule = CalendarVersioning.apply(Scheduler.schedule(problem), previous: nil, now: "20270101T000000Z")
        let feeds = CalendarFeeds.feeds(schedule, problem: problem)
        let joy = try #require(feeds.first { $0.fileName == "trainer-joy.ics" })
        let observed = schedule.assignments.filter { $0.observer == "joy" }
        #expect(joy.eventCount == observed.count)
        let title = try #require(observed.first?.title)
        #expect(joy.text.contains("SUMMARY:Observe: \(title)\r\n"))
        #expect(joy.text.contains("You observe this session with its checklist"))
        // The trainer's own event names the observer.
        let first = try #require(observed.first)
        let lead = try #require(feeds.first { $0.fileName == "trainer-\(first.primary ?? "").ics" })
        #expect(lead.text.contains("Observer: Joy Park (joy@example.org)."))

        var moved = schedule
        let index = try #require(moved.assignments.firstIndex { $0.offering == first.offering })
        moved.assignments[index].observer = nil
        let next = CalendarVersioning.apply(
            moved, previous: AssignmentSet(term: "spring-2027", assignments: schedule.assignments),
            now: "20270102T000000Z")
        #expect(next.assignments[index].sequence == schedule.assignments[index].sequence + 1)
        #expect(next.assignments[index].stamp == "20270102T000000Z")
        let unchanged = try #require(next.assignments.indices.first { $0 != index })
        #expect(next.assignments[unchanged].sequence == schedule.assignments[unchanged].sequence)
    }

    @Test func theValidatorCatchesAnObserverWhoBreaksAHardRule() throws {
        let problem = try shippedStaffing()
        var schedule = Scheduler.schedule(problem)
        // The observer is the primary, and someone who may not observe observes.
        schedule.assignments[0].observer = schedule.assignments[0].primary
        schedule.assignments[1].observer = "mia"
        let rules = Set(violations(problem, schedule).map(\.rule))
        #expect(rules.contains("observer ≠ trainer"))
        #expect(rules.contains("observer"))
        #expect(rules.contains("overlap"))
    }
}

@Suite("Observing random terms")
struct RandomObserverTests {
    @Test func observersNeverBreakAHardRuleAndEveryGapHasItsReasons() async {
        await propertyCheck(count: 120, input: Gen.int(in: 0...1_000_000)) { seed in
            let instance = randomInstance(seed: UInt64(seed), trainers: 2...7, offerings: 1...14)
            // Trainer t0 observes everything, t1 module m2; the term asks for half.
            let rosterXML = instance.roster.replacingOccurrences(
                of: "<trainer id=\"t0\" name=\"T0\"",
                with: "<trainer id=\"obs\" name=\"Obs\"><observer/></trainer>\n<trainer id=\"t0\" name=\"T0\""
            ).replacingOccurrences(of: "name=\"T1\">", with: "name=\"T1\"><observer module=\"m2\"/>")
            let termXML = instance.term.replacingOccurrences(
                of: "backup-load=\"0.5\"", with: "backup-load=\"0.5\" observe=\"0.5\"")
            guard let rosterValue = roster(rosterXML).0, let termValue = term(termXML).0,
                let problem = StaffingProblem.resolve(
                    roster: rosterValue, term: termValue, plans: staffingPlans, previous: nil
                ).problem
            else {
                Issue.record("seed \(seed): the generated instance does not read")
                return
            }
            let schedule = Scheduler.schedule(problem)
            #expect(violations(problem, schedule).isEmpty, "seed \(seed): \(violations(problem, schedule))")
            // Every leading trainer is observed or has a gap saying why, and a gap never says
            // an observer was free.
            for lead in Set(schedule.assignments.compactMap(\.primary)) {
                let observed = schedule.assignments.contains { $0.primary == lead && $0.observer != nil }
                let gap = schedule.observationGaps.contains { $0.need == .trainer && $0.subject == lead }
                #expect(observed != gap, "seed \(seed): \(lead)")
            }
            #expect(
                (schedule.observed >= schedule.observationsAsked)
                    != schedule.observationGaps.contains { $0.need == .share }, "seed \(seed)")
            for gap in schedule.observationGaps where gap.need != .share {
                #expect(!gap.candidates.contains { $0.reason == "free, but not chosen" }, "seed \(seed): \(gap)")
            }
        }
    }
}
