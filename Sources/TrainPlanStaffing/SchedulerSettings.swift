package import TrainPlanSolver

/// Every budget of the scheduler's phases in one value, each a count of steps (never a clock,
/// so that the same term gives the same schedule). `standard` is what `trainplan schedule`
/// uses; docs/scheduling.md describes the phases.
public struct SchedulerSettings: Hashable, Sendable {
    /// Terms of at most this many roles (two per offering) get the exact searches.
    public var exactSearchLimit = 24
    /// Nodes each exact search may visit (more staffed roles; a lighter busiest trainer).
    public var exactNodeBudget = 300_000
    /// The repair-chain passes for unstaffed roles, in order: whether kept assignments may
    /// move, the chain depth, the steps per role and the steps of the whole pass.
    public var repairPasses: [RepairPass] = [
        RepairPass(moveKept: false, depth: 4, stepsPerRole: 5_000, steps: 200_000),
        RepairPass(moveKept: true, depth: 4, stepsPerRole: 5_000, steps: 200_000),
        RepairPass(moveKept: true, depth: 6, stepsPerRole: 20_000, steps: 150_000),
    ]
    /// How deep a primary may displace backups to be staffed.
    public var displaceDepth = 3
    /// What a primary saves, in the construction's choice of trainer, by going to the trainer
    /// of a neighbouring offering of the same series (continuity), in load units: large, so
    /// that it outweighs any load difference while the schedule is built. (A preference of
    /// the construction only: whether a phase's result is kept is decided by the score.)
    public var continuityBonus = 1_000_000
    /// Rounds of moving duties from busier to lighter trainers.
    public var balanceRounds = 50
    /// The peak reduction (hand-overs, swaps, traded backups, chains, relays).
    package var peak = PeakReduction.Settings()
    /// Ruin and recreate around the busiest trainer runs on terms of more than
    /// `exactSearchLimit` and at most this many roles.
    public var ruinAndRecreateLimit = 2_400
    package var ruinAndRecreate = RuinAndRecreate.Settings()
    /// The smallest-team search of the coverage report (one primary task per offering): the
    /// emptying rounds' steps, and each construction's chain steps, `max(100,000, 20 × tasks)`.
    package var smallestTeam = MinimumWorkers.Settings.smallestTeam(
        steps: 200_000, constructMinimum: 100_000, constructStepsPerTask: 20)

    public struct RepairPass: Hashable, Sendable {
        public var moveKept: Bool
        public var depth: Int
        public var stepsPerRole: Int
        public var steps: Int

        public init(moveKept: Bool, depth: Int, stepsPerRole: Int, steps: Int) {
            self.moveKept = moveKept
            self.depth = depth
            self.stepsPerRole = stepsPerRole
            self.steps = steps
        }
    }

    public init() {}

    /// What `trainplan schedule` uses.
    public static let standard = SchedulerSettings()
}
