import Foundation
import TrainPlanCore
public import TrainPlanFormats
public import TrainPlanStaffing

/// The schedule to read and print: `schedule.csv` for spreadsheets and `schedule.html`, the
/// term week by week and one page per trainer. Times are local times of the term's zone.
extension ScheduleReporter {
    /// One row per offering: local date and times, place, session, primary and backup (and the
    /// observer, when the term has observers).
    public static func csv(_ schedule: Schedule, problem: StaffingProblem) -> String {
        let observing = isObserving(schedule, problem: problem)
        var out = "offering,date,weekday,start,end,place,session,title,primary,backup"
        out += observing ? ",observer\r\n" : "\r\n"
        for (index, assignment) in schedule.assignments.enumerated() {
            let offering = problem.offerings[index]
            let start = problem.termClock.local(offering.start)
            let end = problem.termClock.local(offering.end)
            let fields =
                [
                    assignment.offering, start.date.description, start.weekday.rawValue, start.time.description,
                    end.time.description, offering.offering.place, offering.plan.id, offering.plan.title,
                    assignment.primary ?? "", assignment.backup ?? "",
                ] + (observing ? [assignment.observer ?? ""] : [])
            out += fields.map(csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// RFC 4180 quoting; a value a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) is
    /// prefixed with `'`.
    static func csvField(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A printable page: the term week by week, then one page per trainer with their duties.
    public static func html(_ schedule: Schedule, problem: StaffingProblem) -> String {
        let observing = isObserving(schedule, problem: problem)
        func escape(_ text: String) -> String { HTMLReporter.escape(text) }
        let clock = problem.termClock
        var weeks: [(week: Int, rows: [Int])] = []
        for index in schedule.assignments.indices {
            let week = problem.offerings[index].week
            if weeks.last?.week == week {
                weeks[weeks.count - 1].rows.append(index)
            } else {
                weeks.append((week, [index]))
            }
        }
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>\(escape(problem.term.id)): schedule</title>
            <style>
            body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2330}
            table{border-collapse:collapse;width:100%;margin:0 0 18px}
            th,td{border-bottom:1px solid #d8dce5;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f3f5f9}
            .gap{color:#a3261b;font-weight:600}
            section.trainer{break-before:page}
            @media print{body{margin:0}h2{break-after:avoid}}
            </style></head><body>
            <h1>\(escape(problem.term.id)): who delivers what</h1>
            <p>\(schedule.assignments.count) offerings, \(schedule.fullyStaffed) with a primary and a backup. \
            Times are local times in \(escape(problem.term.timeZone)).</p>

            """
        if observing { out += "<p>\(escape(observationSummary(schedule, problem: problem)))</p>\n" }
        let trainerName = Dictionary(problem.trainers.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        func person(_ id: String?) -> String {
            guard let id else { return "<span class=\"gap\">nobody</span>" }
            return escape(trainerName[id] ?? id)
        }
        for week in weeks {
            let first = clock.local(problem.offerings[week.rows[0]].start).date
            out += "<h2>Week of \(escape(first.description))</h2>\n<table><thead><tr><th>When</th><th>Session</th>"
            out +=
                "<th>Where</th><th>Primary</th><th>Backup</th>\(observing ? "<th>Observer</th>" : "")</tr></thead><tbody>\n"
            for index in week.rows {
                let offering = problem.offerings[index]
                let start = clock.local(offering.start)
                let end = clock.local(offering.end)
                out += "<tr><td>\(start.weekday.rawValue) \(escape(start.date.description)) "
                out += "\(start.time.description)–\(end.time.description)</td>"
                out += "<td>\(escape(offering.plan.title))</td><td>\(escape(offering.offering.place))</td>"
                out += "<td>\(person(schedule.assignments[index].primary))</td>"
                out += "<td>\(person(schedule.assignments[index].backup))</td>"
                if observing {
                    out +=
                        "<td>\(schedule.assignments[index].observer.map { escape(trainerName[$0] ?? $0) } ?? "")</td>"
                }
                out += "</tr>\n"
            }
            out += "</tbody></table>\n"
        }
        for trainer in problem.trainers {
            let duties = schedule.assignments.indices.filter {
                schedule.assignments[$0].primary == trainer.id || schedule.assignments[$0].backup == trainer.id
                    || schedule.assignments[$0].observer == trainer.id
            }
            out += "<section class=\"trainer\"><h2>\(escape(trainer.name)) (\(escape(trainer.id)))</h2>\n"
            if duties.isEmpty {
                out += "<p>No duties this term.</p></section>\n"
                continue
            }
            out += "<table><thead><tr><th>When</th><th>Role</th><th>Session</th><th>Where</th>"
            out += "<th>With</th></tr></thead><tbody>\n"
            for index in duties {
                let assignment = schedule.assignments[index]
                let offering = problem.offerings[index]
                let start = clock.local(offering.start)
                let end = clock.local(offering.end)
                let isPrimary = assignment.primary == trainer.id
                let isBackup = !isPrimary && assignment.backup == trainer.id
                let role = isPrimary ? "primary" : isBackup ? "backup" : "observer"
                out += "<tr><td>\(start.weekday.rawValue) \(escape(start.date.description)) "
                out += "\(start.time.description)–\(end.time.description)</td>"
                out += "<td>\(role)</td><td>\(escape(offering.plan.title))</td>"
                out += "<td>\(escape(offering.offering.place))</td>"
                let with =
                    isPrimary || isBackup
                    ? person(isPrimary ? assignment.backup : assignment.primary)
                    : "\(person(assignment.primary)), \(person(assignment.backup))"
                out += "<td>\(with)</td></tr>\n"
            }
            out += "</tbody></table></section>\n"
        }
        return out + "</body></html>\n"
    }
}
