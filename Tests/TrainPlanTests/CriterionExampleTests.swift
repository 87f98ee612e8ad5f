import Foundation
import Testing
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

/// The shipped catalog and verbs, which the criteria's examples are written against.
let shippedCatalog: MethodCatalog = {
    CatalogLoader.methods(repositoryFile("Rubrics/methods.xml"), file: "Rubrics/methods.xml").value
        ?? MethodCatalog(categories: [], methods: [])
}()

let shippedVerbs: VerbList = {
    CatalogLoader.verbs(repositoryFile("Rubrics/verbs.xml"), file: "Rubrics/verbs.xml").value
        ?? VerbList(verbsByLevel: [:], avoid: [])
}()

/// One example of one criterion, as a test case.
struct CriterionCase: CustomTestStringConvertible, Sendable {
    var criterionID: String
    var example: CriterionExample
    var testDescription: String { "\(criterionID): \(example.name)" }
}

let criterionCases: [CriterionCase] = allCriteria.flatMap { criterion in
    criterion.examples.map { CriterionCase(criterionID: criterion.id, example: $0) }
}

@Suite("Every criterion's examples")
struct CriterionExampleTests {
    @Test func everyCriterionHasPassingAndFailingExamples() {
        for criterion in allCriteria {
            #expect(criterion.examples.contains { $0.passes }, "\(criterion.id) has no passing example")
            #expect(criterion.examples.contains { !$0.passes }, "\(criterion.id) has no failing example")
            #expect(!criterion.summary.isEmpty && !criterion.rationale.isEmpty && !criterion.evidence.source.isEmpty)
        }
        #expect(Set(allCriteria.map(\.id)).count == allCriteria.count)
    }

    @Test(arguments: criterionCases)
    func example(_ testCase: CriterionCase) throws {
        let criterion = try #require(allCriteria.first { $0.id == testCase.criterionID })
        var marked: (file: String, line: Int, column: Int)?
        var contexts: [PlanContext] = []
        for (index, source) in testCase.example.plans.enumerated() {
            let file = "plan\(index).xml"
            let plan = Marked(source)
            if source.contains(CriterionExample.marker) { marked = (file, plan.line, plan.column) }
            let result = PlanChecker.checkPlan(.bytes(Array(plan.text.utf8)), file: file, catalog: shippedCatalog)
            let errors = result.findings.filter { $0.severity == .error }
            #expect(errors.isEmpty, "the example does not read cleanly: \(errors)")
            let decoded = try #require(result.plan)
            contexts.append(PlanContext(plan: decoded, catalog: shippedCatalog, verbs: shippedVerbs))
        }
        let assessment: Assessment
        if let criterion = criterion as? any PlanCriterion {
            try #require(contexts.count == 1)
            assessment = criterion.assess(contexts[0], threshold: criterion.defaultThreshold)
        } else if let criterion = criterion as? any CurriculumCriterion {
            assessment = criterion.assess(
                contexts.map { CurriculumEntry($0.plan) }, threshold: criterion.defaultThreshold)
        } else {
            Issue.record("\(criterion.id) is neither a plan nor a curriculum criterion")
            return
        }
        if testCase.example.passes {
            #expect(assessment.status == .met, "\(assessment.summary) \(assessment.findings)")
            #expect(assessment.findings.isEmpty)
            #expect(marked == nil, "a passing example carries no marker")
        } else {
            #expect(assessment.status == .notMet, "\(assessment.summary)")
            let expected = try #require(marked, "a failing example marks where its finding must point")
            let first = try #require(Finding.sortedForOutput(assessment.findings).first)
            #expect(first.id == criterion.id)
            #expect(first.location == SourceLocation(file: expected.file, line: expected.line, column: expected.column))
            #expect(first.hint?.isEmpty == false)
        }
    }
}
