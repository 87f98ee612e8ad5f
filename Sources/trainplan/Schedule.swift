import ArgumentParser
import Foundation
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

extension TrainPlan {
    /// `trainplan schedule`: a primary and a backup for every offering, with reasons for gaps.
    struct Schedule: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Assign a primary and a backup trainer to every offering of a term.",
            discussion: """
                Writes DIR/assignments.xml (read it back with --previous to change as little as possible) and \
                DIR/coverage.md. Exit status: 0 every offering has a primary and a backup, 1 a role cannot be \
                staffed or an input has errors, 2 an input cannot be read or parsed, 70 an internal error.
                """)

        @OptionGroup var inputs: StaffingOptions

        @Option(help: "The previous assignments.xml: keep every assignment that can stay.")
        var previous: String?

        @Option(help: "The folder outputs are written to.")
        var out: String = "out"

        @Flag(
            help:
                "Ignore DIR/assignments.xml of an earlier run of the same term (by default it is the previous schedule)."
        )
        var fresh = false

        func run() throws {
            let (problem, usesPlansWithErrors) = try inputs.load(previous: previous ?? earlierRun())
            let schedule = try StaffingRunner.schedule(problem)
            Console.output(ScheduleReporter.text(schedule, problem: problem))
            try StaffingRunner.write(schedule, problem: problem, to: out)
            // A plan with errors is staffed with a warning, and fails the run like a gap.
            if !schedule.gaps.isEmpty || usesPlansWithErrors { throw ExitCode(1) }
        }

        /// The schedule an earlier run of the same term left in `out`: the previous schedule when
        /// none is given, so that running twice writes the same bytes (the default job does the same).
        private func earlierRun() -> String? {
            let candidate = out + "/assignments.xml"
            guard !fresh, let termPath = inputs.term, InputFiles.exists(candidate) else { return nil }
            guard let old = StaffingLoader.assignments(InputFiles.read(candidate), file: candidate).value else {
                Console.error("trainplan: note: \(candidate.visible) cannot be read; scheduling afresh")
                return nil
            }
            guard let term = StaffingLoader.term(InputFiles.read(termPath), file: termPath).value, old.term == term.id
            else { return nil }
            Console.error("trainplan: keeping what can stay of \(candidate.visible) (--fresh to start over)")
            return candidate
        }
    }

}

extension TrainPlan {
    /// `trainplan coverage`: single points of failure and what-if-one-drops-out.
    struct Coverage: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report modules with fewer than two trainers, what breaks if one drops out, the smallest team.")

        @Option(help: "The roster.")
        var roster: String = "Rosters/trainers.xml"

        @Option(help: "A term; with it, the term is scheduled and each trainer's dropout is analysed.")
        var term: String?

        @Option(help: "The folder of session plans.")
        var plans: String = "SessionPlans"

        @OptionGroup var rubric: RubricOptions

        func run() throws {
            let project = try rubric.loadProject(plans: [plans])
            let load = project.staffing(roster: roster, term: term)
            if term == nil {
                let rosterValue = try StaffingOptions.roster(load, path: roster)
                let planList = project.decodedPlans
                let modules = Set(planList.map(\.module.id)).sorted()
                var out = "Module coverage (\(roster)):\n"
                for module in modules {
                    let trainers = rosterValue.trainers.filter { $0.qualified.contains(module) }.map(\.id)
                    out +=
                        "  \(module): \(trainers.isEmpty ? "nobody" : trainers.joined(separator: ", "))"
                        + (trainers.count < 2 ? "  ← single point of failure" : "") + "\n"
                }
                Console.output(out)
                return
            }
            let problem = try StaffingOptions.problem(load, term: term ?? "", roster: roster)
            let schedule = try StaffingRunner.schedule(problem)
            let resilience = Resilience.analyze(problem, schedule: schedule)
            Console.output(ScheduleReporter.coverage(resilience, schedule: schedule, problem: problem))
        }
    }
}

/// Where the roster, term and plans are read from.
struct StaffingOptions: ParsableArguments {
    @Option(help: "The roster of trainers.")
    var roster: String = "Rosters/trainers.xml"

    @Option(help: "The term of offerings.")
    var term: String?

    @Option(help: "The folder of session plans.")
    var plans: String = "SessionPlans"

    @OptionGroup var rubric: RubricOptions

    func validate() throws {
        if term == nil { throw ValidationError("--term is required: the term of offerings to schedule") }
    }

    /// The problem to schedule, and whether an offering uses a plan with errors.
    func load(previous: String?) throws -> (problem: StaffingProblem, usesPlansWithErrors: Bool) {
        let project = try rubric.loadProject(plans: [plans])
        let load = project.staffing(roster: roster, term: term, previous: previous)
        return (try Self.problem(load, term: term ?? "", roster: roster), load.usesPlansWithErrors)
    }

    /// The roster of a staffing load; prints its findings, and exits when it cannot be used.
    static func roster(_ load: StaffingLoad, path: String) throws -> Roster {
        if !load.rosterFindings.isEmpty { Console.output(TextReporter.render(load.rosterFindings)) }
        guard let roster = load.roster else {
            Console.error("trainplan: \(path) cannot be used")
            throw ExitCode(load.stop == .roster(fatal: true) ? 2 : 1)
        }
        return roster
    }

    /// The problem of a staffing load; prints every finding, and exits when there is none.
    static func problem(_ load: StaffingLoad, term: String, roster path: String) throws
        -> StaffingProblem
    {
        _ = try roster(load, path: path)
        switch load.stop {
        case .term(let fatal):
            Console.output(TextReporter.render(load.findings))
            Console.error("trainplan: the term \(term.visible) cannot be used")
            throw ExitCode(fatal ? 2 : 1)
        case .previous(let fatal):
            Console.output(TextReporter.render(load.findings))
            Console.error(
                "trainplan: the previous schedule cannot be used; fix it, or leave --previous out to schedule afresh")
            throw ExitCode(fatal ? 2 : 1)
        default: break
        }
        if !load.findings.isEmpty { Console.output(TextReporter.render(load.findings)) }
        guard let problem = load.problem else {
            Console.error("trainplan: fix the errors above to schedule \(term)")
            throw ExitCode(1)
        }
        return problem
    }
}

/// Scheduling, independent validation and writing, shared by `schedule` and the default job.
enum StaffingRunner {
    /// Schedules and checks the result with the independent validator; a violation is an
    /// internal error (exit 70) and nothing is written.
    static func schedule(_ problem: StaffingProblem) throws -> TrainPlanStaffing.Schedule {
        // Progress on a terminal (a large term takes seconds): each phase as it starts.
        let progress: ((String) -> Void)? =
            Console.isTerminal
            ? { phase in
                Console.progress("trainplan: scheduling \(problem.offerings.count) offerings: \(phase) done")
            } : nil
        if Console.isTerminal {
            Console.progress("trainplan: scheduling \(problem.offerings.count) offerings: building")
        }
        defer { if Console.isTerminal { Console.progress(nil) } }
        do {
            return try TermRun.schedule(problem, progress: progress)
        } catch {
            for violation in error.violations {
                Console.error("trainplan: internal error: the schedule breaks a rule: \(violation)")
            }
            Console.error("trainplan: nothing was written; please report this with the input files")
            throw ExitCode(70)
        }
    }

    /// Writes assignments.xml, coverage.md and calendars/*.ics, each whole or not at all.
    static func write(_ schedule: TrainPlanStaffing.Schedule, problem: StaffingProblem, to folder: String) throws {
        let (files, schedule, feeds) = TermRun.outputs(schedule, problem: problem, now: TermRun.now)
        do {
            // All or nothing: the calendars, assignments and coverage of one run belong
            // together, and are published in one step (docs/security.md).
            try OutputFile.publish(files, in: folder)
        } catch {
            Console.error("trainplan: \(error)")
            throw ExitCode(2)
        }
        Console.error(
            "trainplan: \(schedule.fullyStaffed) of \(schedule.assignments.count) offerings fully staffed; "
                + "wrote \(folder)/assignments.xml, coverage.md, schedule.html, schedule.csv and \(feeds) calendars in \(folder)/calendars"
        )
    }
}
