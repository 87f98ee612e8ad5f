public import TrainPlanFormats

extension DeliveredMinutes {
    /// The planned activities of `activities` (an offering's rows), their categories from `catalog`.
    static func of(_ activities: [FidelityReport.ActivityRow], catalog: MethodCatalog) -> DeliveredMinutes {
        var total = DeliveredMinutes.zero
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
