import TrainPlanCore
import TrainPlanFormats
import TrainPlanSolver

/// How a schedule stands up to losing people: modules too few trainers can deliver, what
/// breaks if one trainer drops out, and the smallest team that could deliver the term.
public struct Resilience: Sendable {
    /// A module and the trainers qualified for it.
    public struct ModuleCover: Hashable, Sendable {
        public var module: String
        public var trainers: [String]
        /// Fewer than two qualified trainers: one absence and the module cannot be delivered.
        public var isSinglePointOfFailure: Bool { trainers.count < 2 }
    }

    /// What losing one trainer would do.
    public struct Dropout: Hashable, Sendable {
        public var trainer: String
        /// Offerings the trainer is on.
        public var duties: [String]
        /// Offerings that could get no new backup if the trainer dropped out.
        public var uncovered: [String]
    }

    public var modules: [ModuleCover]
    public var dropouts: [Dropout]
    /// Trainers that together could deliver, as primary (no backups), every offering but
    /// those of the next two lists.
    public var smallestTeam: [String]
    /// Offerings no trainer can take at all, even with nothing else on their schedule.
    public var offeringsWithoutAnyPrimary: [String]
    /// Offerings some trainer could take, but the search for a small team (within its budget)
    /// found no team that takes them too; empty on every term that search finishes.
    public var offeringsLeftBySearch: [String] = []

    /// Analyses a schedule of a resolved problem.
    public static func analyze(_ problem: StaffingProblem, schedule: Schedule?) -> Resilience {
        analyze(problem, schedule: schedule, settings: .standard)
    }

    /// `analyze` with the budgets of `settings` (a test gives the smallest-team search none).
    package static func analyze(_ problem: StaffingProblem, schedule: Schedule?, settings: SchedulerSettings)
        -> Resilience
    {
        let modulesUsed = Set(problem.offerings.map(\.module))
        let modules = modulesUsed.sorted().map { module in
            ModuleCover(module: module, trainers: problem.trainers.filter { $0.qualified.contains(module) }.map(\.id))
        }
        var dropouts: [Dropout] = []
        if let schedule {
            let model = Scheduler.model(problem)
            var state = EngineState(model: model)
            for (index, assignment) in schedule.assignments.enumerated() {
                for role in Role.allCases {
                    if let id = assignment.trainer(role), let trainer = problem.trainerIndex(id) {
                        state.assign(Scheduler.task(offering: index, role: role), to: trainer)
                    }
                }
            }
            state.commit()
            for (trainerIndex, trainer) in problem.trainers.enumerated() {
                let duties = state.tasksOf[trainerIndex].map { StaffingTask(task: $0).offering }.sorted()
                var uncovered: [String] = []
                let mark = state.checkpoint
                for task in state.tasksOf[trainerIndex] { state.unassign(task) }
                for offering in duties {
                    let primaryTask = Scheduler.task(offering: offering, role: .primary)
                    let backupTask = Scheduler.task(offering: offering, role: .backup)
                    let inner = state.checkpoint
                    // The remaining trainer, if any, becomes (or stays) the primary.
                    if state.resourceOf[primaryTask] < 0, state.resourceOf[backupTask] >= 0 {
                        let stepsUp = state.resourceOf[backupTask]
                        state.unassign(backupTask)
                        if state.canAssign(primaryTask, to: stepsUp) { state.assign(primaryTask, to: stepsUp) }
                    }
                    if state.resourceOf[backupTask] < 0 {
                        let anyone = model.tasks[backupTask].candidates.contains {
                            $0 != trainerIndex && state.canAssign(backupTask, to: $0)
                        }
                        if !anyone { uncovered.append(problem.offerings[offering].offering.id) }
                    }
                    state.rollback(to: inner)
                }
                state.rollback(to: mark)
                state.commit()
                dropouts.append(
                    Dropout(
                        trainer: trainer.id, duties: duties.map { problem.offerings[$0].offering.id },
                        uncovered: uncovered))
            }
        }
        var model = Scheduler.model(problem)
        let primaries = model.tasks.indices.filter { StaffingTask(task: $0).isPrimary }
        model.tasks = primaries.map { model.tasks[$0] }
        let team = MinimumWorkers.solve(model, settings: settings.smallestTeam).resourceOf
        // An offering left out is impossible only if no candidate can take it on an empty
        // schedule; otherwise it is the search that stopped short, and the report says so.
        let empty = EngineState(model: model)
        var without: [String] = []
        var left: [String] = []
        for (index, resource) in team.enumerated() where resource < 0 {
            let id = problem.offerings[StaffingTask(task: primaries[index]).offering].offering.id
            if model.tasks[index].candidates.contains(where: { empty.canAssign(index, to: $0) }) {
                left.append(id)
            } else {
                without.append(id)
            }
        }
        let members = Set(team.filter { $0 >= 0 }).sorted().map { problem.trainers[$0].id }
        return Resilience(
            modules: modules, dropouts: dropouts, smallestTeam: members, offeringsWithoutAnyPrimary: without,
            offeringsLeftBySearch: left)
    }
}
