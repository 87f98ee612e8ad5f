import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

/// libFuzzer entry: any bytes as a rubric; its XPath rules are then evaluated by libxml2 on a
/// real plan and the whole review runs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRubric(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let rubric = RubricLoader.rubric(.bytes(bytes), file: "rubric.xml").value else { return 0 }
    let plan = PlanChecker.checkPlan(
        FuzzInputs.plan, file: "plan.xml", catalog: FuzzInputs.catalog, xpath: rubric.assertions.map(\.test))
    _ = Reviewer.review(
        CheckReport(plans: [plan], setFindings: []), rubric: rubric, catalog: FuzzInputs.catalog,
        verbs: FuzzInputs.verbs, asCurriculum: true)
    return 0
}

enum FuzzInputs {
    static let catalog =
        CatalogLoader.methods(BundledDefaults.methods.text, file: "methods.xml").value
        ?? MethodCatalog(categories: [], methods: [])
    static let verbs =
        CatalogLoader.verbs(BundledDefaults.verbs.text, file: "verbs.xml").value
        ?? VerbList(verbsByLevel: [:], avoid: [])
    static let plan = SourceText.bytes(
        Array(
            """
            <session id="p"><title>T</title><module id="m" step="1"/><stage>post-match</stage>
            <duration minutes="30"/><delivery mode="in-person"/>
            <objectives><objective id="o">Demonstrate it.</objective></objectives>
            <agenda><activity id="a" method="role-play" minutes="20" objectives="o"/><break minutes="10"/></agenda>
            </session>
            """.utf8))
}
