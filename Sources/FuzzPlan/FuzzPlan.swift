import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

/// libFuzzer entry: any bytes as a session plan, through the safe reader, the schema, the
/// decoder, the reference checks and every criterion of the rubric.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlan(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let result = PlanChecker.checkPlan(.bytes(bytes), file: "fuzz.xml", catalog: FuzzInputs.catalog)
    if let plan = result.plan {
        let context = PlanContext(plan: plan, catalog: FuzzInputs.catalog, verbs: FuzzInputs.verbs)
        for criterion in allCriteria {
            if let criterion = criterion as? any PlanCriterion {
                _ = criterion.assess(context, threshold: criterion.defaultThreshold)
            } else if let criterion = criterion as? any CurriculumCriterion {
                _ = criterion.assess([CurriculumEntry(plan)], threshold: criterion.defaultThreshold)
            }
        }
    }
    return 0
}

enum FuzzInputs {
    static let catalog =
        CatalogLoader.methods(BundledDefaults.methods.text, file: "methods.xml").value
        ?? MethodCatalog(categories: [], methods: [])
    static let verbs =
        CatalogLoader.verbs(BundledDefaults.verbs.text, file: "verbs.xml").value
        ?? VerbList(verbsByLevel: [:], avoid: [])
}
