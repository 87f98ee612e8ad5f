public import TrainPlanFormats

/// How much of an offering's plan was delivered, in learning minutes: the "dose as delivered"
/// that `evaluate` uses as a covariate (docs/evaluation.md).
///
/// Each planned activity counts its delivered minutes up to its planned minutes: a skipped or
/// unlogged activity counts 0, a lengthened one no more than planned, and an added activity
/// nothing (it is not the plan, even when it is practice). Logistics and breaks are not
/// learning time and are left out, as in the rubric's shares.
public struct PlanDelivered: Sendable, Hashable {
    /// Learning minutes of the plan's activities.
    public var planned: Int
    /// Of those, the minutes delivered.
    public var delivered: Int
    /// Minutes of the plan's practice activities (a category with `practice="true"`).
    public var plannedPractice: Int
    public var deliveredPractice: Int
    /// Minutes of the plan's interactive activities (a category with `interactive="true"`).
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

    /// The planned activities of `activities` (an offering's rows), their categories from `catalog`.
    static func of(_ activities: [FidelityReport.ActivityRow], catalog: MethodCatalog) -> PlanDelivered {
        var total = PlanDelivered(
            planned: 0, delivered: 0, plannedPractice: 0, deliveredPractice: 0, plannedInteractive: 0,
            deliveredInteractive: 0)
        for activity in activities {
            guard let planned = activity.plannedMinutes else { continue }
            let category = catalog.categories.first { $0.id == activity.category }
            guard category?.isLearning ?? true else { continue }
            let delivered = min(activity.deliveredMinutes ?? 0, planned)
            total.planned += planned
            total.delivered += delivered
            if category?.isPractice ?? false {
                total.plannedPractice += planned
                total.deliveredPractice += delivered
            }
            if category?.isInteractive ?? false {
                total.plannedInteractive += planned
                total.deliveredInteractive += delivered
            }
        }
        return total
    }
}
