import Foundation
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

/// Plans for staffing tests: two modules, 60 and 90 minutes.
let staffingPlans: [SessionPlan] = {
    [("p-one", "m1", 60), ("p-two", "m2", 90)].compactMap { id, module, minutes in
        let xml = """
            <session id="\(id)">
              <title>\(id)</title>
              <module id="\(module)" step="1"/>
              <stage>post-match</stage>
              <duration minutes="\(minutes)"/>
              <delivery mode="in-person"/>
              <objectives><objective id="o">Demonstrate it.</objective></objectives>
              <agenda><activity id="a" method="role-play" minutes="\(minutes)" objectives="o"/></agenda>
            </session>
            """
        return PlanChecker.checkPlan(.bytes(Array(xml.utf8)), file: "\(id).xml", catalog: shippedCatalog).plan
    }
}()

func roster(_ xml: String) -> (Roster?, [Finding]) {
    let read = StaffingLoader.roster(.bytes(Array(xml.utf8)), file: "trainers.xml")
    return (read.value, read.findings)
}

func term(_ xml: String) -> (Term?, [Finding]) {
    let read = StaffingLoader.term(.bytes(Array(xml.utf8)), file: "term.xml")
    return (read.value, read.findings)
}

/// The shipped example: roster, spring term and the shipped plans.
func shippedStaffing(previous: AssignmentSet? = nil, editRoster: (String) -> String = { $0 }) throws -> StaffingProblem
{
    guard case .bytes(let rosterBytes) = repositoryFile("Rosters/trainers.xml") else {
        throw CocoaError(.fileNoSuchFile)
    }
    let rosterText = editRoster(String(decoding: rosterBytes, as: UTF8.self))
    return try staffingProblem(
        roster: .bytes(Array(rosterText.utf8)), term: repositoryFile("Rosters/spring-2027.xml"),
        plansFolder: "SessionPlans", previous: previous, files: ("Rosters/trainers.xml", "Rosters/spring-2027.xml"))
}

/// A roster and a term resolved against every plan of a repository folder; throws when any of
/// them does not read.
func staffingProblem(
    roster: SourceText, term: SourceText, plansFolder: String, previous: AssignmentSet? = nil,
    files: (roster: String, term: String) = ("trainers.xml", "term.xml")
) throws -> StaffingProblem {
    let rosterRead = StaffingLoader.roster(roster, file: files.roster)
    let termRead = StaffingLoader.term(term, file: files.term)
    let names = try FileManager.default.contentsOfDirectory(
        atPath: repositoryRoot.appendingPathComponent(plansFolder).path
    ).filter { $0.hasSuffix(".xml") }.sorted()
    let plans = names.compactMap {
        PlanChecker.checkPlan(repositoryFile("\(plansFolder)/\($0)"), file: $0, catalog: shippedCatalog).plan
    }
    guard plans.count == names.count, let rosterValue = rosterRead.value, let termValue = termRead.value else {
        throw CocoaError(.fileReadCorruptFile)
    }
    let resolved = StaffingProblem.resolve(roster: rosterValue, term: termValue, plans: plans, previous: previous)
    guard let problem = resolved.problem else { throw CocoaError(.fileReadCorruptFile) }
    return problem
}

func violations(_ problem: StaffingProblem, _ schedule: Schedule) -> [ScheduleValidator.Violation] {
    ScheduleValidator.violations(
        roster: problem.roster, term: problem.term, plans: problem.offerings.map(\.plan),
        assignments: schedule.assignments)
}

/// A random small roster and term in XML, from a seed.
func randomInstance(seed: UInt64, trainers trainerCount: ClosedRange<Int>, offerings offeringCount: ClosedRange<Int>)
    -> (roster: String, term: String)
{
    var random = SplitMix64(seed: seed)
    let trainers = Int.random(in: trainerCount, using: &random)
    let offerings = Int.random(in: offeringCount, using: &random)
    var rosterXML = "<roster timezone=\"America/Chicago\">\n"
    for index in 0..<trainers {
        let hours =
            Bool.random(using: &random) ? " max-hours-per-week=\"\(Int.random(in: 1...4, using: &random))\"" : ""
        rosterXML += "<trainer id=\"t\(index)\" name=\"T\(index)\"\(hours)>"
        let modules = ["m1", "m2"].filter { _ in Int.random(in: 0..<4, using: &random) > 0 }
        for module in modules.isEmpty ? ["m1"] : modules { rosterXML += "<qualified module=\"\(module)\"/>" }
        if Bool.random(using: &random) {
            let from = Int.random(in: 8...14, using: &random)
            rosterXML += "<available days=\"mon tue wed\" from=\"\(String(from).leftPad):00\" to=\"21:00\"/>"
        }
        if Int.random(in: 0..<4, using: &random) == 0 {
            rosterXML += "<away from=\"2027-03-02\" to=\"2027-03-02\">Dentist</away>"
        }
        rosterXML += "</trainer>\n"
    }
    rosterXML += "</roster>"
    let overlap = Bool.random(using: &random) ? "allow" : "forbid"
    var termXML =
        "<term id=\"t\" timezone=\"America/Chicago\" travel-minutes=\"30\" backup-overlap=\"\(overlap)\" backup-load=\"0.5\">\n"
    for index in 0..<offerings {
        let day = Int.random(in: 1...3, using: &random)
        let hour = Int.random(in: 9...19, using: &random)
        let minute = [0, 30][Int.random(in: 0...1, using: &random)]
        let session = Bool.random(using: &random) ? "p-one" : "p-two"
        let place = Bool.random(using: &random) ? "East" : "West"
        termXML +=
            "<offering id=\"o\(index)\" session=\"\(session)\" start=\"2027-03-0\(day)T\(String(hour).leftPad):\(String(minute).leftPad)\" location=\"\(place)\"/>\n"
    }
    termXML += "</term>"
    return (rosterXML, termXML)
}

extension String {
    var leftPad: String { count >= 2 ? self : "0" + self }
}
