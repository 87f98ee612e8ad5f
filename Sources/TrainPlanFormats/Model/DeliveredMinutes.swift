// The dose as delivered, shared by the fidelity report and the evaluation.

/// How much of a plan was delivered, in learning minutes: the "dose as delivered" of issue 16,
/// computed from a delivery log by TrainPlanFidelity and used as a covariate by TrainPlanEvaluation.
///
/// Each planned activity counts its delivered minutes up to its planned minutes: a skipped or
/// unlogged activity counts 0, a lengthened one no more than planned, and an added activity
/// nothing (it is not the plan, even when it is practice). Logistics and breaks are not learning
/// time and are left out, as in the rubric's shares.
public struct DeliveredMinutes: Codable, Sendable, Hashable {
    /// Learning minutes of the plan's activities, and of those the minutes delivered.
    public var planned: Int
    public var delivered: Int
    /// The same for the plan's practice activities (a category with `practice="true"`).
    public var plannedPractice: Int
    public var deliveredPractice: Int
    /// The same for the plan's interactive activities (a category with `interactive="true"`).
    public var plannedInteractive: Int
    public var deliveredInteractive: Int

    public init(
        planned: Int, delivered: Int, plannedPractice: Int, deliveredPractice: Int, plannedInteractive: Int,
        deliveredInteractive: Int
    ) {
        self.planned = planned
        self.delivered = delivered
        self.plannedPractice = plannedPractice
        self.deliveredPractice = deliveredPractice
        self.plannedInteractive = plannedInteractive
        self.deliveredInteractive = deliveredInteractive
    }

    /// Nothing planned, nothing delivered.
    public static let zero = DeliveredMinutes(
        planned: 0, delivered: 0, plannedPractice: 0, deliveredPractice: 0, plannedInteractive: 0,
        deliveredInteractive: 0)

    /// Two sessions' minutes together.
    public static func + (a: DeliveredMinutes, b: DeliveredMinutes) -> DeliveredMinutes {
        DeliveredMinutes(
            planned: a.planned + b.planned, delivered: a.delivered + b.delivered,
            plannedPractice: a.plannedPractice + b.plannedPractice,
            deliveredPractice: a.deliveredPractice + b.deliveredPractice,
            plannedInteractive: a.plannedInteractive + b.plannedInteractive,
            deliveredInteractive: a.deliveredInteractive + b.deliveredInteractive)
    }

    /// The share of the planned learning minutes delivered; nil when nothing was planned.
    public var share: Double? { Self.ratio(delivered, planned) }
    public var practiceShare: Double? { Self.ratio(deliveredPractice, plannedPractice) }
    public var interactiveShare: Double? { Self.ratio(deliveredInteractive, plannedInteractive) }

    static func ratio(_ part: Int, _ whole: Int) -> Double? { whole > 0 ? Double(part) / Double(whole) : nil }
}
