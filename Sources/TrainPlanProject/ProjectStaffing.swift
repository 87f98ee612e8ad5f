public import TrainPlanCore
public import TrainPlanFormats
import TrainPlanReview
public import TrainPlanStaffing

/// A roster, a term and perhaps a previous schedule read and resolved against a project's
/// plans: the problem to schedule, or why there is none, with every finding on the way.
public struct StaffingLoad: Sendable {
    /// Why there is nothing to schedule, when there is not.
    public enum Stop: Sendable, Equatable {
        /// The roster cannot be used (its findings say why).
        case roster(fatal: Bool)
        /// The term cannot be used.
        case term(fatal: Bool)
        /// The previous assignments (`--previous`) cannot be used.
        case previous(fatal: Bool)
        /// The inputs were read but do not fit together (unknown plans, trainers, dates).
        case resolve
    }

    public var roster: Roster?
    public var problem: StaffingProblem?
    /// The roster's findings: printed first, on their own.
    public var rosterFindings: [Finding]
    /// The term's, the previous schedule's and the resolution's findings, sorted; these include
    /// a `plan-has-errors` warning for every offering whose plan `check` fails with an error.
    public var findings: [Finding]
    public var stop: Stop?

    /// Whether an offering is scheduled from a plan with errors.
    public var usesPlansWithErrors: Bool { findings.contains { $0.id == "plan-has-errors" } }
}

extension Project {
    /// Reads the roster (and, given one, the term and the previous assignments) and resolves
    /// them against this project's plans. Every plan the project decoded takes part; an
    /// offering whose plan has an error in `check` is still staffed, with a warning that names
    /// the offering, the plan and its first error (docs/scheduling.md).
    public func staffing(roster rosterPath: String, term termPath: String?, previous: String? = nil) -> StaffingLoad {
        let rosterRead = StaffingLoader.roster(readFile(rosterPath), file: rosterPath)
        var load = StaffingLoad(
            roster: rosterRead.value, problem: nil, rosterFindings: rosterRead.findings, findings: [], stop: nil)
        guard let roster = rosterRead.value else {
            load.stop = .roster(fatal: rosterRead.findings.contains(where: \.isFatal))
            return load
        }
        guard let termPath else { return load }
        let termRead = StaffingLoader.term(readFile(termPath), file: termPath)
        var findings = termRead.findings
        var previousSet: AssignmentSet?
        if let previous {
            let read = StaffingLoader.assignments(readFile(previous), file: previous)
            // The previous schedule is the one input an output is meant to replace.
            InputFiles.release(previous)
            findings += read.findings
            previousSet = read.value
        }
        guard let term = termRead.value, previous == nil || previousSet != nil else {
            load.findings = Finding.sortedForOutput(findings)
            let fatal = findings.contains(where: \.isFatal)
            load.stop = termRead.value == nil ? .term(fatal: fatal) : .previous(fatal: fatal)
            return load
        }
        let resolved = StaffingProblem.resolve(roster: roster, term: term, plans: decodedPlans, previous: previousSet)
        findings += unreadablePlanFindings(resolved.findings, term: term) + planErrorFindings(term)
        load.findings = Finding.sortedForOutput(findings)
        load.problem = resolved.problem
        if resolved.problem == nil { load.stop = .resolve }
        return load
    }

    /// The resolution's findings, with each `unknown-plan` of an offering whose plan file is
    /// there but cannot be decoded saying so, and what stops it (its first error).
    func unreadablePlanFindings(_ findings: [Finding], term: Term) -> [Finding] {
        var unreadable: [String: PlanResult] = [:]
        for result in planResults where result.plan == nil {
            let stem = PlanChecker.fileStem(result.file)
            if unreadable[stem] == nil { unreadable[stem] = result }
        }
        guard !unreadable.isEmpty else { return findings }
        var byLocation: [SourceLocation: Offering] = [:]
        for offering in term.offerings { byLocation[offering.sessionLocation] = offering }
        return findings.map { finding in
            guard finding.id == "unknown-plan", let offering = byLocation[finding.location],
                let result = unreadable[offering.session],
                let first = result.findings.first(where: { $0.severity == .error })
            else { return finding }
            var said = finding
            said.message =
                "The offering '\(offering.id)' delivers '\(offering.session)', whose plan \(result.file) cannot be read: "
                + "\(first.location.description): \(first.message)"
            said.hint = "Run `trainplan check \(result.file)` and fix the plan."
            return said
        }
    }

    /// A warning at each offering whose session's plan has an error of its own (the format or
    /// its references: an unknown method, a broken objective reference).
    func planErrorFindings(_ term: Term) -> [Finding] {
        var firstError: [String: (file: String, count: Int, first: Finding)] = [:]
        for result in planResults {
            guard let plan = result.plan, firstError[plan.id] == nil else { continue }
            let errors = result.findings.filter { $0.severity == .error }
            guard let first = errors.first else { continue }
            firstError[plan.id] = (result.file, errors.count, first)
        }
        guard !firstError.isEmpty else { return [] }
        return term.offerings.compactMap { offering in
            guard let bad = firstError[offering.session] else { return nil }
            let more = bad.count > 1 ? " (and \(bad.count - 1) more)" : ""
            return Finding(
                id: "plan-has-errors", severity: .warning,
                message:
                    "The offering '\(offering.id)' uses the plan '\(offering.session)', which has errors: "
                    + "\(bad.first.location.description): \(bad.first.message)\(more) It is staffed all the same.",
                hint: "Run `trainplan check \(bad.file)` and fix the plan before the session.",
                location: offering.sessionLocation)
        }
    }
}
