import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

/// libFuzzer entry: any bytes as a roster, a term and an assignments file; a roster or term
/// that reads is then resolved and scheduled against a small fixed counterpart.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStaffing(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let roster = StaffingLoader.roster(.bytes(bytes), file: "trainers.xml").value
    let term = StaffingLoader.term(.bytes(bytes), file: "term.xml").value
    let previous = StaffingLoader.assignments(.bytes(bytes), file: "assignments.xml").value
    let fixedRoster = StaffingLoader.roster(FuzzInputs.roster, file: "trainers.xml").value
    let fixedTerm = StaffingLoader.term(FuzzInputs.term, file: "term.xml").value
    guard let useRoster = roster ?? fixedRoster, let useTerm = term ?? fixedTerm, let plan = FuzzInputs.plan else {
        return 0
    }
    if let problem = StaffingProblem.resolve(roster: useRoster, term: useTerm, plans: [plan], previous: previous)
        .problem,
        problem.offerings.count <= 40
    {
        let schedule = Scheduler.schedule(problem)
        let violations = ScheduleValidator.violations(
            roster: problem.roster, term: problem.term, plans: [plan], assignments: schedule.assignments)
        // A schedule that breaks a rule is a bug: make libFuzzer report it.
        if !violations.isEmpty { fatalError("invalid schedule: \(violations)") }
    }
    return 0
}

enum FuzzInputs {
    static let roster = SourceText.bytes(
        Array(
            """
            <roster timezone="America/Chicago">
              <trainer id="a" name="A" max-hours-per-week="3"><qualified module="m"/></trainer>
              <trainer id="b" name="B"><qualified module="m"/><available days="tue" from="17:00" to="21:00"/></trainer>
            </roster>
            """.utf8))
    static let term = SourceText.bytes(
        Array(
            """
            <term id="t" timezone="America/Chicago" travel-minutes="30">
              <offering id="o1" session="p" start="2027-03-02T18:00" location="East"/>
              <offering id="o2" session="p" start="2027-03-02T18:30" location="West"/>
            </term>
            """.utf8))
    static let plan = PlanChecker.checkPlan(
        .bytes(
            Array(
                """
                <session id="p"><title>T</title><module id="m" step="1"/><stage>post-match</stage>
                <duration minutes="60"/><delivery mode="in-person"/>
                <objectives><objective id="o">Demonstrate it.</objective></objectives>
                <agenda><activity id="a" method="role-play" minutes="60" objectives="o"/></agenda>
                </session>
                """.utf8)), file: "p.xml", catalog: MethodCatalog(categories: [], methods: [])
    ).plan
}
