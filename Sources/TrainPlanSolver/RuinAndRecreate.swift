import TrainPlanCore

/// Goal 3 past the local search's stopping point: take the duties of the busiest trainer and
/// of a few trainers who could share them, hand them out again in a shuffled order, lower the
/// peak again, and keep the result when it is lighter at the top with as many roles staffed.
///
/// Deterministic: the shuffles come from a generator with a fixed seed.
package struct RuinAndRecreate {
    package var search: AssignmentSearch
    let scoring: Scoring
    let settings: Settings
    let peakSettings: PeakReduction.Settings
    private var random = SplitMix64(seed: 0x7261_696E_706C_616E)

    package init(
        _ search: AssignmentSearch, scoring: Scoring, settings: Settings, peak: PeakReduction.Settings
    ) {
        self.search = search
        self.scoring = scoring
        self.settings = settings
        self.peakSettings = peak
    }

    private var model: EngineModel { search.state.model }

    /// Tries up to `settings.rounds` times, while `settings.steps` (feasibility checks of the
    /// peak reductions) last; stops after `settings.patience` rounds in a row without a better
    /// score.
    package mutating func run() {
        var stepBudget = settings.steps
        var best = scoring.score(search.state)
        var sinceBetter = 0
        for _ in 0..<settings.rounds where stepBudget > 0 && sinceBetter < settings.patience {
            sinceBetter += 1
            let peak = best.busiest
            // Nobody can be lighter than the heaviest duty they must carry.
            guard peak > 0, let busiest = search.state.totalLoad.firstIndex(of: peak),
                search.state.tasksOf[busiest].contains(where: { !search.fixed[$0] && !search.kept[$0] })
            else { return }
            // Who could take the busiest trainer's duties.
            var neighbours = Set<Int>()
            for duty in search.state.tasksOf[busiest] { neighbours.formUnion(model.tasks[duty].candidates) }
            neighbours.remove(busiest)
            var pool = neighbours.sorted()
            pool.shuffle(using: &random)
            let ruined = [busiest] + pool.prefix(settings.others)

            var trial = search
            var freed: [Int] = []
            for trainer in ruined {
                for duty in trial.state.tasksOf[trainer] where !trial.fixed[duty] && !trial.kept[duty] {
                    freed.append(duty)
                }
            }
            for duty in freed { trial.state.unassign(duty) }
            freed.shuffle(using: &random)
            freed.sort { model.tasks[$0].priority < model.tasks[$1].priority }
            for duty in freed where !trial.insertDirectly(duty) {
                trial.budget = settings.repairSteps
                _ = trial.insert(duty, depth: settings.repairDepth, moveKept: false)
            }
            trial.state.commit()
            // Lowering the peak keeps the staffing: a trial that staffs less is lost already.
            guard !scoring.score(trial.state).isWorse(than: best, through: .unchanged) else { continue }
            let allowed = min(settings.peakStepsPerRound, stepBudget)
            var reduction = PeakReduction(trial, settings: peakSettings, budget: allowed)
            reduction.run()
            stepBudget -= allowed - max(reduction.budget, 0) + 1
            let score = scoring.score(reduction.search.state)
            if score.isBetter(than: best, through: .busiest) {
                search = reduction.search
                best = score
                sinceBetter = 0
            }
        }
    }
}
