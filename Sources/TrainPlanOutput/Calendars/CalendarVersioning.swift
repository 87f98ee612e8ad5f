import TrainPlanCore
public import TrainPlanFormats
import TrainPlanReview
public import TrainPlanStaffing
import TrainPlanXML

/// Keeps calendar events stable across runs: an offering's `SEQUENCE` rises, and its
/// `DTSTAMP` changes, only when its time, place, trainers or observer change; an offering dropped from
/// the term stays in the assignments as cancelled, with a higher sequence.
public enum CalendarVersioning {
    /// `YYYYMMDDTHHMMSSZ` for minutes since 1970 UTC (a DTSTAMP).
    public static func stamp(minutesSince1970 minutes: Int) -> String {
        utcStamp(seconds: minutes * 60)
    }

    /// `YYYYMMDDTHHMMSSZ` for seconds since 1970 UTC.
    public static func utcStamp(seconds: Int) -> String {
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = ISOTime.civil(days)
        func two(_ value: Int) -> String { String(value).leftPadded(to: 2) }
        return String(year).leftPadded(to: 4) + two(month) + two(day) + "T" + two(secondOfDay / 3600)
            + two(secondOfDay % 3600 / 60) + two(secondOfDay % 60) + "Z"
    }

    /// The schedule with sequences and stamps carried over from `previous` or raised, and
    /// dropped offerings added as cancelled. `now` stamps what changed.
    public static func apply(_ schedule: Schedule, previous: AssignmentSet?, now: String) -> Schedule {
        var result = schedule
        result.assignments = schedule.assignments.map { assignment in
            var next = assignment
            guard let old = previous?.assignment(assignment.offering) else {
                next.sequence = 0
                next.stamp = now
                return next
            }
            let same =
                !old.cancelled && old.startMinutes == assignment.startMinutes && old.endMinutes == assignment.endMinutes
                && old.place == assignment.place && old.primary == assignment.primary && old.backup == assignment.backup
                && old.observer == assignment.observer
            next.sequence = same ? old.sequence : old.sequence + 1
            next.stamp = same ? (old.stamp ?? now) : now
            return next
        }
        let current = Set(schedule.assignments.map(\.offering))
        result.cancelled = (previous?.assignments ?? []).filter { !current.contains($0.offering) }.map { old in
            var cancelled = old
            if !old.cancelled {
                cancelled.cancelled = true
                cancelled.sequence = old.sequence + 1
                cancelled.stamp = now
            }
            cancelled.location = nil
            return cancelled
        }
        return result
    }
}
