import Foundation
import TrainPlanCore
public import TrainPlanFormats
import TrainPlanSolver

/// Checks a schedule against every hard rule, straight from the roster, term and plans.
///
/// It shares no code with the scheduler on purpose: it converts times with its own calendar
/// code, finds each trainer's duties itself and compares every pair of them, so that a bug in
/// the solver's indexes or time handling cannot hide behind the same bug here.
public enum ScheduleValidator {
    /// One broken rule.
    public struct Violation: Hashable, Sendable, CustomStringConvertible {
        public var offering: String
        public var rule: String
        public var detail: String
        public var description: String { "\(offering): \(rule): \(detail)" }
    }

    private struct Duty {
        var offering: String
        var role: String
        var start: Date
        var end: Date
        var place: String
    }

    /// Every violation of the hard rules in `assignments`; empty when the schedule is valid.
    public static func violations(
        roster: Roster, term: Term, plans: [SessionPlan], assignments: [Assignment]
    ) -> [Violation] {
        var found: [Violation] = []
        guard let termZone = TimeZone(identifier: term.timeZone), let rosterZone = TimeZone(identifier: roster.timeZone)
        else {
            return [Violation(offering: "-", rule: "time zone", detail: "unknown time zone")]
        }
        var termCalendar = Calendar(identifier: .gregorian)
        termCalendar.timeZone = termZone
        var rosterCalendar = Calendar(identifier: .gregorian)
        rosterCalendar.timeZone = rosterZone
        var weekCalendar = Calendar(identifier: .iso8601)
        weekCalendar.timeZone = termZone

        var duties: [String: [Duty]] = [:]
        let offerings = Dictionary(term.offerings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let plansByID = Dictionary(plans.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let trainers = Dictionary(roster.trainers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for assignment in assignments where !assignment.cancelled {
            guard let offering = offerings[assignment.offering] else {
                found.append(
                    Violation(offering: assignment.offering, rule: "unknown offering", detail: "not in the term"))
                continue
            }
            guard let plan = plansByID[offering.session] else {
                found.append(Violation(offering: offering.id, rule: "unknown plan", detail: offering.session))
                continue
            }
            var parts = DateComponents()
            parts.year = offering.start.date.year
            parts.month = offering.start.date.month
            parts.day = offering.start.date.day
            parts.hour = offering.start.time.minutes / 60
            parts.minute = offering.start.time.minutes % 60
            guard let start = termCalendar.date(from: parts) else {
                found.append(Violation(offering: offering.id, rule: "start", detail: "cannot be resolved"))
                continue
            }
            let end = start.addingTimeInterval(TimeInterval(plan.durationMinutes * 60))
            if let primary = assignment.primary, primary == assignment.backup {
                found.append(Violation(offering: offering.id, rule: "primary ≠ backup", detail: primary))
            }
            if let observer = assignment.observer, observer == assignment.primary || observer == assignment.backup {
                found.append(Violation(offering: offering.id, rule: "observer ≠ trainer", detail: observer))
            }
            for (role, trainerID, pin) in [
                ("primary", assignment.primary, offering.primary), ("backup", assignment.backup, offering.backup),
                ("observer", assignment.observer, offering.observer),
            ] {
                if let pin, trainerID != nil, trainerID != pin {
                    found.append(
                        Violation(
                            offering: offering.id, rule: "pin",
                            detail: "\(role) pinned to \(pin), got \(trainerID ?? "")"))
                }
                guard let trainerID else { continue }
                guard let trainer = trainers[trainerID] else {
                    found.append(Violation(offering: offering.id, rule: "unknown trainer", detail: trainerID))
                    continue
                }
                if role == "observer" {
                    if !(trainer.observesEveryModule || trainer.observes.contains(plan.module.id)) {
                        found.append(
                            Violation(
                                offering: offering.id, rule: "observer", detail: "\(trainerID) for \(plan.module.id)"))
                    }
                } else if !trainer.qualified.contains(plan.module.id) {
                    found.append(
                        Violation(
                            offering: offering.id, rule: "qualified", detail: "\(trainerID) for \(plan.module.id)"))
                }
                let first = rosterCalendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute], from: start)
                let last = rosterCalendar.dateComponents(
                    [.year, .month, .day, .hour, .minute], from: end)
                let firstDay = (first.year ?? 0) * 10_000 + (first.month ?? 0) * 100 + (first.day ?? 0)
                let lastDay = (last.year ?? 0) * 10_000 + (last.month ?? 0) * 100 + (last.day ?? 0)
                for away in trainer.away {
                    let from = away.from.year * 10_000 + away.from.month * 100 + away.from.day
                    let to = away.to.year * 10_000 + away.to.month * 100 + away.to.day
                    if from <= lastDay && firstDay <= to {
                        found.append(
                            Violation(offering: offering.id, rule: "away", detail: "\(trainerID): \(away.reason)"))
                    }
                }
                if !trainer.availability.isEmpty {
                    let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
                    let dayName = dayNames[((first.weekday ?? 1) - 1 + 7) % 7]
                    let startClock = (first.hour ?? 0) * 60 + (first.minute ?? 0)
                    let endClock = (last.hour ?? 0) * 60 + (last.minute ?? 0)
                    let inside = trainer.availability.contains { window in
                        firstDay == lastDay && window.days.map(\.rawValue).contains(dayName)
                            && window.from.minutes <= startClock && endClock <= window.to.minutes
                    }
                    if !inside {
                        found.append(Violation(offering: offering.id, rule: "availability", detail: trainerID))
                    }
                }
                duties[trainerID, default: []].append(
                    Duty(offering: offering.id, role: role, start: start, end: end, place: offering.place))
            }
        }

        for trainerID in duties.keys.sorted() {
            let list = duties[trainerID] ?? []
            for i in list.indices {
                for j in list.indices where j > i {
                    let a = list[i]
                    let b = list[j]
                    if a.role == "backup", b.role == "backup", term.backupOverlap == .allow { continue }
                    let gap = TimeInterval((a.place == b.place ? 0 : term.travelMinutes) * 60)
                    if a.start < b.end.addingTimeInterval(gap) && b.start < a.end.addingTimeInterval(gap) {
                        found.append(
                            Violation(
                                offering: a.offering, rule: "overlap",
                                detail: "\(trainerID) is \(a.role) here and \(b.role) of \(b.offering)"))
                    }
                }
            }
            guard let limit = trainers[trainerID]?.maxHoursPerWeek else { continue }
            var hours: [Int: Double] = [:]
            for duty in list {
                let week = weekCalendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: duty.start)
                let key = (week.yearForWeekOfYear ?? 0) * 100 + (week.weekOfYear ?? 0)
                let length = duty.end.timeIntervalSince(duty.start) / 3600
                // An observation takes the observer's time like a primary duty.
                hours[key, default: 0] += duty.role == "backup" ? length * term.backupLoad : length
            }
            for (week, total) in hours.sorted(by: { $0.key < $1.key }) where total > limit + 0.01 {
                found.append(
                    Violation(
                        offering: list.first?.offering ?? "-", rule: "weekly hours",
                        detail: "\(trainerID) has \(total) h in week \(week), limit \(limit)"))
            }
        }
        return found
    }
}
