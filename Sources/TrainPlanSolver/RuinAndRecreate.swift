import TrainPlanCore

/// Goal 3 past the local search's stopping point: take the duties of the busiest trainer and
/// of a few trainers who could share them, hand them out again in a shuffled order, lower the
/// peak again, and keep the result when it is lighter at the top with as many roles staffed.
///
/// Deterministic: the shuffles come from a generator with a fixed seed.
package struct RuinAndRecreate {
    package var search: AssignmentSearch
    private var random = SplitMix64(seed: 0x7261_696E_706C_616E)

    package init(_ search: AssignmentSearch) {
        self.search = search
    }

    private var model: EngineModel { search.state.model }

    /// The busiest load, then how many trainers carry it: smaller is better.
    private static func key(_ state: EngineState) -> (Int, Int) {
        let peak = state.totalLoad.max() ?? 0
        return (peak, state.totalLoad.count { $0 == peak })
    }

    /// Tries up to `rounds` times, while `stepBudget` (feasibility checks of the peak
    /// reductions) lasts.
    /// Stops after `patience` rounds in a row without a better result.
    package mutating func run(rounds: Int, stepBudget: Int, patience: Int = 100, others: Int = 2) {
        var stepBudget = stepBudget
        let target = search.state.staffing
        var bestKey = Self.key(search.state)
        var sinceBetter = 0
        for _ in 0..<rounds where stepBudget > 0 && sinceBetter < patience {
            sinceBetter += 1
            let peak = bestKey.0
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
            let ruined = [busiest] + pool.prefix(others)

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
                trial.budget = 2_000
                _ = trial.insert(duty, depth: 3, moveKept: false)
            }
            trial.state.commit()
            guard trial.state.staffing >= target else { continue }
            var reduction = PeakReduction(trial, budget: min(10_000, stepBudget))
            reduction.run()
            stepBudget -= min(10_000, stepBudget) - max(reduction.budget, 0) + 1
            let trialKey = Self.key(reduction.search.state)
            if trialKey < bestKey {
                search = reduction.search
                bestKey = trialKey
                sinceBetter = 0
            }
        }
    }
}
