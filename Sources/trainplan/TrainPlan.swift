import ArgumentParser
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

/// The `trainplan` command: checks session plans, and later schedules trainers and writes reports.
@main
struct TrainPlan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trainplan",
        abstract: "Check training session plans against adult-learning practice.",
        discussion: """
            Run without a subcommand in a folder holding SessionPlans/ and Rubrics/ to do the whole job.
            Exit status: 0 all passed (warnings allowed), 1 a plan fails, 2 an input cannot be read or parsed, \
            64 a usage error.
            """,
        version: "0.1.0",
        subcommands: [
            Run.self, Init.self, Check.self, Rules.self, Agenda.self, Schedule.self, Coverage.self, Serve.self,
            Records.self, Evaluate.self, Study.self, Log.self, Observe.self, Fidelity.self,
        ],
        defaultSubcommand: Run.self
    )
}
