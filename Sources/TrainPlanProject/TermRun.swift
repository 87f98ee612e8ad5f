import Foundation
public import TrainPlanFormats
import TrainPlanOutput
public import TrainPlanStaffing

/// Scheduling a term and what a run writes, shared by `schedule`, the default job and the
/// workspace, so that applying a re-plan in the workspace writes exactly what
/// `trainplan schedule --previous` writes.
public enum TermRun {
    /// The schedule breaks a hard rule (found by the independent validator): an internal error,
    /// after which nothing is written.
    public struct Broken: Error, Sendable {
        public var violations: [String]
    }

    /// Schedules and checks the result with the independent validator.
    public static func schedule(_ problem: StaffingProblem, progress: ((String) -> Void)? = nil) throws(Broken)
        -> Schedule
    {
        let schedule: Schedule
        if let progress {
            schedule = Scheduler.schedule(problem, settings: .standard) { report in progress(report.phase) }
        } else {
            schedule = Scheduler.schedule(problem)
        }
        let violations = ScheduleValidator.violations(
            roster: problem.roster, term: problem.term, plans: problem.offerings.map(\.plan),
            assignments: schedule.assignments)
        guard violations.isEmpty else { throw Broken(violations: violations.map { "\($0)" }) }
        return schedule
    }

    /// What one run writes into its folder: every calendar feed, assignments.xml, coverage.md,
    /// schedule.html and schedule.csv (published together, `OutputFile.publish`), with the
    /// calendar versions moved on from the previous schedule; `now` is the DTSTAMP of what
    /// changed.
    public static func outputs(_ schedule: Schedule, problem: StaffingProblem, now: String) -> (
        files: [(path: String, text: String)], schedule: Schedule, feeds: Int
    ) {
        let schedule = CalendarVersioning.apply(schedule, previous: problem.previous, now: now)
        let resilience = Resilience.analyze(problem, schedule: schedule)
        let feeds = CalendarFeeds.feeds(schedule, problem: problem)
        let files =
            feeds.map { ("calendars/" + $0.fileName, $0.text) } + [
                (
                    "assignments.xml",
                    AssignmentsWriter.render(schedule, timeZone: TimeZone(identifier: problem.term.timeZone))
                ),
                ("coverage.md", ScheduleReporter.coverage(resilience, schedule: schedule, problem: problem)),
                ("schedule.html", ScheduleReporter.html(schedule, problem: problem)),
                ("schedule.csv", ScheduleReporter.csv(schedule, problem: problem)),
            ]
        return (files, schedule, feeds.count)
    }

    /// The DTSTAMP of what changes in this run: `SOURCE_DATE_EPOCH` when set (for reproducible
    /// output), else the clock.
    public static var now: String {
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Int(epoch) {
            return CalendarVersioning.utcStamp(seconds: seconds)
        }
        return CalendarVersioning.utcStamp(seconds: Int(Date().timeIntervalSince1970))
    }
}
