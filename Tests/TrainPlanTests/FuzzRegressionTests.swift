import Foundation
import Testing
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

/// Inputs the fuzzers found crashing, kept so that they never crash again. Each runs the same
/// path as its fuzz target.
@Suite("Fuzzer findings stay fixed")
struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Fuzz")

    /// FuzzRubric, 2026-11-29: a threshold of 9×10⁴⁷ trapped when a criterion turned it into
    /// whole minutes for its hint. Thresholds are now limited to 0…1,000,000.
    @Test func hugeRubricThreshold() throws {
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent("rubric-huge-threshold.xml")))
        let read = RubricLoader.rubric(.bytes(bytes), file: "rubric.xml")
        let rubric = try #require(read.value)
        let plan = PlanChecker.checkPlan(
            .bytes(Array(planXML().utf8)), file: "sample.xml", catalog: shippedCatalog,
            xpath: rubric.assertions.map(\.test))
        _ = Reviewer.review(
            CheckReport(plans: [plan], setFindings: []), rubric: rubric, catalog: shippedCatalog, verbs: shippedVerbs,
            asCurriculum: true)
    }

    @Test func thresholdsOutsideTheirRangeAreFindings() throws {
        let read = RubricLoader.rubric(
            .bytes(
                Array(
                    """
                    <rubric id="r" pass="70">
                      <title>R</title>
                      <criterion id="break-spacing" max="99999999999999999999"/>
                      <criterion id="passive-stretch" max="-5"/>
                    </rubric>
                    """.utf8)), file: "rubric.xml")
        #expect(read.findings.filter { $0.id == "invalid-number" }.map(\.location.line) == [3, 4])
    }
}
