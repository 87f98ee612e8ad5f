import Foundation
import HTTPTypes
import Hummingbird
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanStaffing

/// Where a project's term is: the roster, the term file and the folder its outputs go to (as
/// the default job puts them: `out/`, or `out/<term>/` when there are several terms).
struct TermFiles: Sendable, Hashable {
    var roster: String
    var term: String
    var out: String
    /// The term's file stem, as the page names it.
    var name: String

    static func all(rosters: String, out: String) -> [TermFiles] {
        let roster = rosters + "/trainers.xml"
        guard InputFiles.exists(roster) else { return [] }
        let terms = InputFiles.xmlFiles(in: [rosters]).files.filter { $0 != roster && $0.hasSuffix(".xml") }
        return terms.map { term in
            let stem = ((term as NSString).lastPathComponent as NSString).deletingPathExtension
            return TermFiles(roster: roster, term: term, out: terms.count == 1 ? out : out + "/" + stem, name: stem)
        }
    }

    var previous: String? {
        let path = out + "/assignments.xml"
        return InputFiles.exists(path) ? path : nil
    }
}

/// A term scheduled as `trainplan schedule` would, or why it cannot be.
struct TermState: Sendable {
    var files: TermFiles
    var load: StaffingLoad
    var problem: StaffingProblem?
    var schedule: Schedule?
    /// Why there is no schedule: the findings and the message the command line prints.
    var problemText: String?
}

/// A trainer marked away for some dates: what the scheduler would do about it.
struct WhatIf: Codable, Sendable {
    var term: String?
    var trainer: String
    var from: String
    var to: String
    var reason: String?
}

struct Replan: Encodable, Sendable {
    struct Change: Encodable, Sendable {
        var offering: String
        var role: String?
        var from: String?
        var to: String?
        var reason: String
    }
    var summary: String
    var changes: [Change]
    var gaps: [String]
    /// The `<away>` line that applying adds to the roster.
    var rosterLine: String
    var written: [String]?
}

enum TermDesk {
    /// Schedules the term as it is on disk.
    static func state(_ files: TermFiles, project: Project) -> TermState {
        let load = project.staffing(roster: files.roster, term: files.term, previous: files.previous)
        var state = TermState(files: files, load: load, problem: load.problem, schedule: nil, problemText: nil)
        guard let problem = load.problem else {
            state.problemText =
                TextReporter.render(load.rosterFindings + load.findings)
                + "The term \(files.term) cannot be scheduled until the errors above are fixed."
            return state
        }
        do {
            state.schedule = try TermRun.schedule(problem)
        } catch {
            state.problemText =
                "internal error: the schedule breaks a rule: " + error.violations.joined(separator: "; ")
        }
        return state
    }

    /// Why a what-if cannot be asked, or the away period it asks about.
    static func away(_ request: WhatIf, roster: Roster) -> Result<(Trainer, Trainer.Away), WorkspaceRefusal> {
        guard let trainer = roster.trainer(request.trainer) else {
            return .failure(.init(.badRequest, "There is no trainer '\(request.trainer.prefix(80))' in the roster."))
        }
        guard let from = LocalDate(request.from), let to = LocalDate(request.to) else {
            return .failure(.init(.badRequest, "Dates are written YYYY-MM-DD (for example 2027-03-08)."))
        }
        guard from <= to else { return .failure(.init(.badRequest, "The first day off comes after the last.")) }
        let reason = (request.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.utf8.count <= 200, !reason.contains(where: { $0.isNewline }) else {
            return .failure(.init(.badRequest, "The reason is one line of at most 200 bytes."))
        }
        return .success(
            (
                trainer,
                Trainer.Away(from: from, to: to, reason: reason.isEmpty ? "away" : reason, location: trainer.location)
            ))
    }

    /// The re-plan with `request`'s time off added to the roster, against the current schedule
    /// (the last one written to out/, or the one the page shows when none was written).
    static func replan(_ request: WhatIf, state: TermState, project: Project) -> Result<
        (Replan, StaffingProblem, Schedule), WorkspaceRefusal
    > {
        guard var roster = state.load.roster, let problem = state.problem, let current = state.schedule else {
            return .failure(.init(.conflict, state.problemText ?? "The term cannot be scheduled."))
        }
        let trainer: Trainer
        let away: Trainer.Away
        switch self.away(request, roster: roster) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let found): (trainer, away) = found
        }
        guard let index = roster.trainers.firstIndex(where: { $0.id == trainer.id }) else {
            return .failure(.init(.badRequest, "There is no such trainer."))
        }
        roster.trainers[index].away.append(away)
        let previous =
            problem.previous
            ?? StaffingLoader.assignments(
                .bytes(Array(AssignmentsWriter.render(current).utf8)), file: "the current schedule"
            ).value
        let resolved = StaffingProblem.resolve(
            roster: roster, term: problem.term, plans: project.decodedPlans, previous: previous)
        guard let replanned = resolved.problem else {
            return .failure(.init(.conflict, TextReporter.render(resolved.findings)))
        }
        let schedule: Schedule
        do {
            schedule = try TermRun.schedule(replanned)
        } catch {
            return .failure(.init(.internalServerError, "internal error: " + error.violations.joined(separator: "; ")))
        }
        let changes = schedule.changes.map {
            Replan.Change(
                offering: $0.offering, role: $0.observer ? "observer" : $0.role?.rawValue, from: $0.from, to: $0.to,
                reason: $0.reason)
        }
        let summary =
            "With \(trainer.name) away from \(away.from.description) to \(away.to.description): \(schedule.fullyStaffed) of "
            + "\(schedule.assignments.count) offerings fully staffed (now \(current.fullyStaffed)), "
            + "\(changes.count) change\(changes.count == 1 ? "" : "s")."
        return .success(
            (
                Replan(
                    summary: summary, changes: changes,
                    gaps: schedule.gaps.map { ScheduleReporter.gapText($0, problem: replanned) },
                    rosterLine: awayLine(away), written: nil),
                replanned, schedule
            ))
    }

    static func awayLine(_ away: Trainer.Away) -> String {
        "<away from=\"\(away.from.description)\" to=\"\(away.to.description)\">\(HTMLReporter.escape(away.reason))</away>"
    }

    /// The roster's text with `away` added as the trainer's last child, or nil when the
    /// trainer's element cannot be found as the roster's layout has it.
    static func roster(_ text: String, adding away: Trainer.Away, to trainer: Trainer) -> String? {
        var lines = text.components(separatedBy: "\n")
        let start = trainer.location.line - 1
        guard start >= 0, start < lines.count else { return nil }
        for index in start..<lines.count {
            if index > start, lines[index].contains("<trainer ") { return nil }
            if let range = lines[index].range(of: "</trainer>") {
                let before = lines[index][..<range.lowerBound]
                guard before.allSatisfy({ $0 == " " || $0 == "\t" }) else { return nil }
                lines.insert(before + "  " + awayLine(away), at: index)
                return lines.joined(separator: "\n")
            }
        }
        return nil
    }
}

/// A refusal with a status and a message, for the page.
struct WorkspaceRefusal: Error, Sendable {
    var status: HTTPStatusCode
    var message: String

    init(_ status: HTTPStatusCode, _ message: String) {
        self.status = status
        self.message = message
    }
}

/// The few statuses the term's refusals use (kept free of HTTP types so the desk can be
/// tested as values).
enum HTTPStatusCode: Sendable {
    case badRequest, conflict, internalServerError
}

extension WorkspaceRefusal {
    var response: Response {
        let status: HTTPResponse.Status =
            switch self.status {
            case .badRequest: .badRequest
            case .conflict: .conflict
            case .internalServerError: .internalServerError
            }
        return Pages.problem(status, message)
    }
}
