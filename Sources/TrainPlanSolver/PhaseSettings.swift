/// Budgets of the solver's phases, each a count of steps (feasibility checks or repair-chain
/// steps; never a clock, so that the same problem gives the same answer). The scheduler holds
/// them in `SchedulerSettings`; the SMPTSP solver in `MinimumWorkers.Settings.smptsp`.

extension PeakReduction {
    package struct Settings: Hashable, Sendable {
        /// Feasibility checks of the whole run.
        package var steps = 1_000_000
        /// Steps and depth of one repair chain that moves a duty off a trainer at the peak.
        package var chainSteps = 2_000
        package var chainDepth = 3
        /// How many trainers a relay may pass duties along.
        package var relayDepth = 4

        package init() {}
    }
}

extension RuinAndRecreate {
    package struct Settings: Hashable, Sendable {
        package var rounds = 300
        /// Peak-reduction steps of all rounds together.
        package var steps = 1_500_000
        /// Rounds in a row without a better score before it stops.
        package var patience = 100
        /// Trainers ruined besides the busiest one.
        package var others = 2
        /// Steps and depth of the repair chain of a duty that finds nobody free.
        package var repairSteps = 2_000
        package var repairDepth = 3
        /// Peak-reduction steps of one round.
        package var peakStepsPerRound = 10_000

        package init() {}
    }
}

extension MinimumWorkers {
    package struct Settings: Hashable, Sendable {
        /// Steps of the rounds that empty the least used resources.
        package var steps = 1_000_000
        /// Constructions again with the tasks left over first.
        package var reconstructions = 8
        /// The construction's repair chains: a short one before opening a resource, a deeper
        /// one when every candidate is taken, the deepest for what is left at the end.
        package var constructChain = Chain(steps: 2_000, depth: 2)
        package var openChain = Chain(steps: 20_000, depth: 4)
        package var leftoverChain = Chain(steps: 200_000, depth: 6)
        /// The steps of all the chains of one construction together:
        /// `max(constructMinimum, constructStepsPerTask × tasks)`, so that a term where many
        /// tasks find nobody free costs in proportion to its size (each such task's chains
        /// would otherwise take their full steps). Large enough by default never to bind on the
        /// SMPTSP benchmark (at most 1,600 steps per task there).
        package var constructMinimum = 400_000
        package var constructStepsPerTask = 2_000
        /// Chain depths of the emptying rounds, and the steps of one task's chain.
        package var emptyDepths = [3, 5, 7]
        package var emptyStepsPerTask = 20_000
        /// The ruin-and-recreate rounds: steps `min(steps, max(ruinMinimum, ruinWork / tasks))`
        /// (smaller for large instances, where each step costs more), stopping after
        /// `ruinFailures` rounds in a row without a gain.
        package var ruinMinimum = 200_000
        package var ruinWork = 150_000_000
        package var ruinFailures = 400
        package var ruinChain = Chain(steps: 5_000, depth: 3)
        /// Resources emptied beside the least used one.
        package var ruinOthers = 3
        /// The rounds that cover tasks the construction left without a resource although some
        /// resource could take them (min-conflicts moves with repair chains): at most
        /// `coverSteps` steps, stopping after `coverFailures` rounds in a row without a gain.
        package var coverSteps = 20_000_000
        package var coverFailures = 20_000
        package var coverChain = Chain(steps: 2_000, depth: 3)
        /// Move evaluations of the last tabu search for one resource fewer; 0 leaves it out.
        package var teamSteps = 0
        /// Choices of the exact search that covers every task where the construction could not
        /// (SMPTSP only; each choice filters the moments again, a fraction of a millisecond).
        package var exactNodes = 2_000

        package struct Chain: Hashable, Sendable {
            package var steps: Int
            package var depth: Int

            package init(steps: Int, depth: Int) {
                self.steps = steps
                self.depth = depth
            }
        }

        package init() {}

        /// The steps of one construction's chains for `tasks` tasks.
        package func constructSteps(tasks: Int) -> Int {
            max(constructMinimum, constructStepsPerTask * tasks)
        }

        /// The smallest team of the coverage report: `steps` for the emptying rounds, and
        /// `constructMinimum`, `constructStepsPerTask` for each construction's chains.
        package static func smallestTeam(steps: Int, constructMinimum: Int, constructStepsPerTask: Int) -> Settings {
            var settings = Settings()
            settings.steps = steps
            settings.constructMinimum = constructMinimum
            settings.constructStepsPerTask = constructStepsPerTask
            // Covering what the construction left gets the emptying rounds' steps (none when
            // they have none).
            settings.coverSteps = steps
            settings.coverFailures = min(settings.coverFailures, 1_000)
            return settings
        }

        /// What `trainplan-bench smptsp` uses: the tabu search gets 120 million evaluations.
        package static var smptsp: Settings {
            var settings = Settings()
            settings.teamSteps = 120_000_000
            return settings
        }
    }
}
