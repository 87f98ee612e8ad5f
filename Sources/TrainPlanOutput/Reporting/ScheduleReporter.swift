import TrainPlanCore
public import TrainPlanFormats
import TrainPlanReview
public import TrainPlanStaffing
import TrainPlanXML

/// The schedule for a coordinator: who does what, every gap with its reasons, what changed,
/// each trainer's load, and the resilience of the schedule.
public enum ScheduleReporter {
    /// A plain-text summary for the terminal.
    public static func text(_ schedule: Schedule, problem: StaffingProblem) -> String {
        let staffed = schedule.fullyStaffed
        var out = "\(schedule.term): \(schedule.assignments.count) offerings, \(staffed) with a primary and a backup"
        out +=
            schedule.gaps.isEmpty
            ? "\n" : ", \(schedule.gaps.count) unstaffed role\(schedule.gaps.count == 1 ? "" : "s")\n\n"
        let width = max(8, schedule.assignments.map(\.offering.count).max() ?? 0)
        let observing = isObserving(schedule, problem: problem)
        if schedule.gaps.isEmpty { out += "\n" }
        for (index, assignment) in schedule.assignments.enumerated() {
            let offering = problem.offerings[index]
            let local = problem.termClock.local(offering.start)
            out +=
                assignment.offering.padding(width)
                + "  \(local.date.description) \(local.weekday.rawValue) \(local.time.description)  "
                + (assignment.primary ?? "—").padding(8) + "  " + (assignment.backup ?? "—").padding(8) + "  "
                + (observing ? (assignment.observer.map { "observer \($0)" } ?? "").padding(17) + "  " : "")
                + offering.offering.place + "\n"
        }
        let modules = schedule.gaps.isEmpty ? [:] : modules(problem)
        for gap in schedule.gaps { out += "\n" + gapText(gap, module: modules[gap.offering]) }
        if observing {
            out += "\n" + observationSummary(schedule, problem: problem) + "\n"
            for gap in schedule.observationGaps { out += observationGapText(gap) }
        }
        if !schedule.changes.isEmpty {
            out += "\nChanges since the previous schedule:\n"
            for change in schedule.changes { out += "  " + describe(change) + "\n" }
        }
        return out
    }

    /// An unstaffed role: the offering and role, every trainer considered with what ruled them
    /// out, and the advice (as `schedule` prints it).
    public static func gapText(_ gap: Gap, problem: StaffingProblem) -> String {
        gapText(gap, module: problem.offerings.first { $0.offering.id == gap.offering }?.module)
    }

    static func gapText(_ gap: Gap, module: String?) -> String {
        var out = "\(gap.offering) has no \(gap.role.rawValue):\n"
        for line in candidateLines(gap) { out += "  \(line.who.padding(8))  \(line.reason)\n" }
        out += "  → \(advice(gap, module: module))\n"
        return out
    }

    /// The trainers a gap considered, a line each, except that those not qualified for the
    /// module share one line per reason (at the place of the first of them): on a large roster
    /// they are most of the list and say nothing apart. `assignments.xml` keeps every trainer.
    static func candidateLines(_ gap: Gap) -> [(who: String, reason: String)] {
        var unqualified: [String: [String]] = [:]
        for candidate in gap.candidates where candidate.reason.hasPrefix("not qualified") {
            unqualified[candidate.reason, default: []].append(candidate.trainer)
        }
        var lines: [(who: String, reason: String)] = []
        for candidate in gap.candidates {
            guard let trainers = unqualified[candidate.reason] else {
                lines.append((candidate.trainer, candidate.reason))
                continue
            }
            if trainers.count == 1 {
                lines.append((candidate.trainer, candidate.reason))
            } else if trainers.first == candidate.trainer {
                lines.append(("\(trainers.count) trainers", "\(candidate.reason): \(trainers.joined(separator: ", "))"))
            }
        }
        return lines
    }

    /// One line on what would close a gap, from the reasons the trainers were ruled out.
    public static func advice(_ gap: Gap, problem: StaffingProblem) -> String {
        advice(gap, module: problem.offerings.first { $0.offering.id == gap.offering }?.module)
    }

    /// Each offering's module by offering id, for the reports that advise on every gap (a
    /// search of the term per gap made them grow as gaps × offerings).
    static func modules(_ problem: StaffingProblem) -> [String: String] {
        Dictionary(problem.offerings.map { ($0.offering.id, $0.module) }, uniquingKeysWith: { first, _ in first })
    }

    static func advice(_ gap: Gap, module: String?) -> String {
        let module = module ?? "the module"
        let qualified = gap.candidates.filter {
            !$0.reason.hasPrefix("not qualified") && !$0.reason.hasPrefix("is the")
        }
        if qualified.isEmpty {
            return "No other trainer is qualified for \(module): qualify a second trainer for it."
        }
        // The windows missed are in each trainer's own line; the summary keeps to the reason.
        let names = qualified.map { candidate in
            let outside = candidate.reason.hasPrefix("outside availability (")
            let reason = outside ? "outside availability" : candidate.reason
            return "\(candidate.trainer) (\(reason))"
        }.joined(separator: ", ")
        return
            "Qualified but unavailable: \(names). Move the offering, lift a limit, or qualify another trainer for \(module)."
    }

    /// Whether the schedule has observers to show: the term asks for them, or some are pinned.
    static func isObserving(_ schedule: Schedule, problem: StaffingProblem) -> Bool {
        problem.term.observe > 0 || schedule.observed > 0 || !schedule.observationGaps.isEmpty
    }

    /// One line on observation: how many offerings are observed against the share asked, and
    /// how many of the trainers who lead and of the modules delivered.
    public static func observationSummary(_ schedule: Schedule, problem: StaffingProblem) -> String {
        var leaders: [String] = []
        var modules: [String] = []
        var observedLeaders: Set<String> = []
        var observedModules: Set<String> = []
        for (index, assignment) in schedule.assignments.enumerated() {
            guard let primary = assignment.primary else { continue }
            let module = problem.offerings[index].module
            if !leaders.contains(primary) { leaders.append(primary) }
            if !modules.contains(module) { modules.append(module) }
            if assignment.observer != nil {
                observedLeaders.insert(primary)
                observedModules.insert(module)
            }
        }
        let share =
            problem.term.observe > 0
            ? " (the term asks for \(schedule.observationsAsked), \(formatNumber(problem.term.observe * 100)) %)" : ""
        return
            "Observed: \(schedule.observed) of \(schedule.assignments.count) offerings\(share); "
            + "\(observedLeaders.count) of \(leaders.count) trainers who lead an offering; "
            + "\(observedModules.count) of \(modules.count) modules."
    }

    /// What of the observation share is unmet: the need, then each offering and observer
    /// considered with what ruled them out, and the advice.
    public static func observationGapText(_ gap: ObservationGap) -> String {
        var out = observationHeadline(gap) + "\n"
        for candidate in gap.candidates {
            out += "  \(candidate.offering.padding(12))  \(candidate.trainer.padding(8))  \(candidate.reason)\n"
        }
        if gap.candidates.isEmpty { out += "  nobody on the roster observes\n" }
        out += "  → \(observationAdvice(gap))\n"
        return out
    }

    static func observationHeadline(_ gap: ObservationGap) -> String {
        switch gap.need {
        case .share: "Only \(gap.observed) of the \(gap.asked) offerings asked for have an observer."
        case .trainer: "\(gap.subject ?? "") is never observed."
        case .module: "No session of the module \(gap.subject ?? "") is observed."
        case .pin: "\(gap.subject ?? "") has no observer: its pinned observer cannot observe it."
        }
    }

    static func observationAdvice(_ gap: ObservationGap) -> String {
        if gap.need == .pin { return "Pin another observer, or free the pinned one at that time." }
        if gap.candidates.isEmpty || gap.candidates.allSatisfy({ $0.reason.hasPrefix("not an observer") }) {
            return
                "Nobody may observe these sessions: add <observer/> or <observer module=\"…\"/> to someone on the roster."
        }
        return
            "Every observer is ruled out at these times: add an observer, or free one (availability, time off, limits)."
    }

    static func describe(_ change: Schedule.Change) -> String {
        if change.observer {
            return "\(change.offering) observer: \(change.from ?? "—") → \(change.to ?? "—") (\(change.reason))"
        }
        guard let role = change.role else { return "\(change.offering): \(change.reason)" }
        return "\(change.offering) \(role.rawValue): \(change.from ?? "—") → \(change.to ?? "—") (\(change.reason))"
    }

    /// Hours of duty per trainer: primary hours, backup hours.
    static func hours(_ schedule: Schedule, problem: StaffingProblem) -> [(
        trainer: Trainer, primary: Double, backup: Double
    )] {
        problem.trainers.map { trainer in
            var primary = 0.0
            var backup = 0.0
            for (index, assignment) in schedule.assignments.enumerated() {
                let length = Double(problem.offerings[index].minutes) / 60
                if assignment.primary == trainer.id { primary += length }
                if assignment.backup == trainer.id { backup += length }
            }
            return (trainer, primary, backup)
        }
    }

    /// Each trainer's heaviest ISO week in counted hours (primary in full, backup at the
    /// term's backup load): what `max-hours-per-week` limits.
    static func busiestWeeks(_ schedule: Schedule, problem: StaffingProblem) -> [Double] {
        // One pass over the term (not one per trainer); each trainer's sums are added in the
        // same order as before, so the figures are the same to the last bit.
        var weeks: [String: [Int: Double]] = [:]
        for (index, assignment) in schedule.assignments.enumerated() {
            let offering = problem.offerings[index]
            let length = Double(offering.minutes) / 60
            if let primary = assignment.primary { weeks[primary, default: [:]][offering.week, default: 0] += length }
            if let backup = assignment.backup {
                weeks[backup, default: [:]][offering.week, default: 0] += length * problem.term.backupLoad
            }
        }
        return problem.trainers.map { weeks[$0.id]?.values.max() ?? 0 }
    }

    /// The coverage report as Markdown: modules, gaps, load, what-if-one-drops-out, smallest team.
    public static func coverage(_ resilience: Resilience, schedule: Schedule?, problem: StaffingProblem) -> String {
        var out = "# Coverage and resilience: \(problem.term.id)\n\n"
        if let schedule {
            out +=
                "\(schedule.assignments.count) offerings; \(schedule.fullyStaffed) have a primary and a backup; "
                + "\(schedule.gaps.count) role\(schedule.gaps.count == 1 ? " is" : "s are") unstaffed.\n\n"
        }
        out += "## Modules\n\nA module with fewer than two qualified trainers is a single point of failure: "
        out += "one absence and its sessions have no backup.\n\n| Module | Qualified trainers | |\n|---|---|---|\n"
        for module in resilience.modules {
            out +=
                "| \(module.module) | \(module.trainers.isEmpty ? "none" : module.trainers.joined(separator: ", ")) | "
                + (module.isSinglePointOfFailure ? "**single point of failure**" : "") + " |\n"
        }
        if let schedule, !schedule.gaps.isEmpty {
            out += "\n## Unstaffed roles\n\n"
            let modules = modules(problem)
            for gap in schedule.gaps {
                out += "- **\(gap.offering)**, \(gap.role.rawValue): \(advice(gap, module: modules[gap.offering]))\n"
                for line in candidateLines(gap) { out += "  - \(line.who): \(line.reason)\n" }
            }
        }
        if let schedule {
            out += "\n## Load\n\nHours over the whole term, and the busiest ISO week as the weekly limit counts it "
            out += "(primary hours in full, backup hours at the term's backup load of "
            out += "\(formatNumber(problem.term.backupLoad))), beside that limit.\n\n"
            out +=
                "| Trainer | Primary hours (term) | Backup hours (term) | Busiest week (h, counted) | Weekly limit (h) |\n"
            out += "|---|---:|---:|---:|---:|\n"
            let busiest = busiestWeeks(schedule, problem: problem)
            for (index, row) in hours(schedule, problem: problem).enumerated() {
                out +=
                    "| \(row.trainer.name) (\(row.trainer.id)) | \(formatNumber(row.primary)) | \(formatNumber(row.backup)) | "
                    + "\(formatNumber(busiest[index])) | \(row.trainer.maxHoursPerWeek.map { formatNumber($0) } ?? "—") |\n"
            }
            out +=
                "\n## If one trainer drops out\n\nTheir backup steps in as primary; the list shows the offerings that "
            out += "could then get no new backup from the rest of the team as scheduled.\n\n"
            out += "| Trainer | Duties | Offerings left without a backup |\n|---|---:|---|\n"
            for dropout in resilience.dropouts {
                out +=
                    "| \(dropout.trainer) | \(dropout.duties.count) | "
                    + (dropout.uncovered.isEmpty ? "none" : dropout.uncovered.joined(separator: ", ")) + " |\n"
            }
        }
        if let schedule, isObserving(schedule, problem: problem) {
            out += "\n## Observation\n\n" + observationSummary(schedule, problem: problem) + "\n"
            let observers = problem.trainers.filter(\.isObserver)
            if !observers.isEmpty {
                out += "\n| Observer | Observations | Hours |\n|---|---:|---:|\n"
                for observer in observers {
                    let mine = schedule.assignments.indices.filter { schedule.assignments[$0].observer == observer.id }
                    let hours = mine.reduce(0.0) { $0 + Double(problem.offerings[$1].minutes) / 60 }
                    out += "| \(observer.name) (\(observer.id)) | \(mine.count) | \(formatNumber(hours)) |\n"
                }
            }
            if !schedule.observationGaps.isEmpty { out += "\n" }
            for gap in schedule.observationGaps {
                out += "- **\(observationHeadline(gap))** \(observationAdvice(gap))\n"
                for candidate in gap.candidates {
                    out += "  - \(candidate.offering), \(candidate.trainer): \(candidate.reason)\n"
                }
            }
        }
        out += "\n## Smallest team\n\n"
        let apart = resilience.offeringsWithoutAnyPrimary.isEmpty && resilience.offeringsLeftBySearch.isEmpty
        out +=
            "\(resilience.smallestTeam.count) trainers could deliver \(apart ? "every offering" : "every other offering") "
            + "as primary (without backups): " + resilience.smallestTeam.joined(separator: ", ") + ".\n"
        if !resilience.offeringsWithoutAnyPrimary.isEmpty {
            out +=
                "No trainer at all could be primary of: \(resilience.offeringsWithoutAnyPrimary.joined(separator: ", ")).\n"
        }
        if !resilience.offeringsLeftBySearch.isEmpty {
            out +=
                "The search for a small team stopped (at its budget) before it also covered: "
                + resilience.offeringsLeftBySearch.joined(separator: ", ")
                + ". Each of these has a trainer who could take it; a larger team can.\n"
        }
        return out
    }
}
