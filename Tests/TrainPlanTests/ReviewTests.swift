import Foundation
import Testing
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

func shippedRubric() throws -> Rubric {
    let read = RubricLoader.rubric(repositoryFile("Rubrics/adult-learning.xml"), file: "Rubrics/adult-learning.xml")
    #expect(read.findings.isEmpty, "\(read.findings)")
    return try #require(read.value)
}

func reviewShippedPlans() throws -> Review {
    let rubric = try shippedRubric()
    let names = try FileManager.default.contentsOfDirectory(
        atPath: repositoryRoot.appendingPathComponent("SessionPlans").path
    ).filter { $0.hasSuffix(".xml") }.sorted()
    let results = names.map { name in
        let file = "SessionPlans/\(name)"
        return PlanChecker.checkPlan(
            repositoryFile(file), file: file, catalog: shippedCatalog, xpath: rubric.assertions.map(\.test))
    }
    let report = CheckReport(plans: results, setFindings: PlanChecker.setFindings(results))
    return Reviewer.review(report, rubric: rubric, catalog: shippedCatalog, verbs: shippedVerbs, asCurriculum: true)
}

@Suite("Scores and verdicts of the shipped plans")
struct ShippedReviewTests {
    @Test func goodPlansPassAndWeakOnesFailForTheRightReasons() throws {
        let review = try reviewShippedPlans()
        let verdicts = Dictionary(
            uniqueKeysWithValues: review.plans.compactMap { plan in plan.plan.map { ($0.id, plan) } })
        let weak: [String: Set<String>] = [
            "bullying-peer-pressure": ["passive-stretch", "practice-share", "interactive-share"],
            "cultural-humility": ["practice-share", "break-spacing", "evaluation-planned"],
            "health-topics": ["objectives-measurable"],
        ]
        for (id, plan) in verdicts {
            if let reasons = weak[id] {
                #expect(plan.verdict == .fail, "\(id) should fail")
                let failed = Set(plan.results.filter { $0.assessment.status == .notMet }.map(\.id))
                #expect(reasons.isSubset(of: failed), "\(id) fails for \(failed)")
            } else {
                #expect(plan.verdict == .pass, "\(id): \(plan.score ?? 0) \(plan.findings)")
            }
        }
        #expect(review.curriculum.count == 3)
        #expect(review.curriculum.allSatisfy { $0.assessment.status == .met })
    }

    /// Issue #9: a plan in which participants never practise used to pass with 73%.
    @Test func aPlanWithoutPracticeFailsWhateverItsScore() throws {
        let text = planXML(
            duration: "<duration minutes=\"60\"/>",
            objectives: "<objective id=\"one\">Explain the stages of a match.</objective>",
            agenda: """
                <activity id="open" method="icebreaker" minutes="10"/>
                <activity id="talk" method="mini-lecture" minutes="15" objectives="one"/>
                <activity id="pairs" method="pair-share" minutes="15" objectives="one"/>
                <activity id="groups" method="discussion" minutes="15" objectives="one"/>
                <activity id="close" method="evaluation" minutes="5" objectives="one"/>
                """)
        let rubric = try shippedRubric()
        let result = PlanChecker.checkPlan(
            .bytes(Array(text.utf8)), file: "SessionPlans/sample.xml", catalog: shippedCatalog,
            xpath: rubric.assertions.map(\.test))
        let review = Reviewer.review(
            CheckReport(plans: [result], setFindings: []), rubric: rubric, catalog: shippedCatalog,
            verbs: shippedVerbs, asCurriculum: false)
        let plan = try #require(review.plans.first)
        #expect((plan.score ?? 0) >= rubric.pass, "the plan scores \(plan.score ?? 0): high enough to pass on points")
        #expect(plan.verdict == .fail)
        let finding = try #require(plan.findings.first { $0.id == "practises-the-skill" })
        #expect(finding.severity == .error)
        #expect(finding.message == "Participants never practise: the plan has no practice at all.")
        #expect(finding.location.line == 13, "at the longest passive activity, the mini-lecture")
    }

    @Test func theVagueObjectiveGetsARewriteAtItsLine() throws {
        let review = try reviewShippedPlans()
        let plan = try #require(review.plans.first { $0.plan?.id == "health-topics" })
        let finding = try #require(plan.findings.first { $0.id == "objectives-measurable" })
        #expect(finding.severity == .error)
        #expect(finding.location.line == 12)
        #expect(finding.location.column == 5)
        #expect(finding.hint?.contains("\"Explain how questions about puberty") == true)
    }

    @Test func theLongLectureIsNamedWithASplitHint() throws {
        let review = try reviewShippedPlans()
        let plan = try #require(review.plans.first { $0.plan?.id == "bullying-peer-pressure" })
        let finding = try #require(plan.findings.first { $0.id == "passive-stretch" })
        #expect(finding.location.line == 19)
        #expect(finding.message.contains("55 minutes in a row"))
        #expect(finding.hint?.hasPrefix("Split the 40-minute lecture") == true)
    }
}

@Suite("Rubric files")
struct RubricLoaderTests {
    func load(_ xml: String) -> (rubric: Rubric?, findings: [Finding]) {
        let read = RubricLoader.rubric(.bytes(Array(xml.utf8)), file: "rubric.xml")
        return (read.value, read.findings)
    }

    @Test func badXPathIsAFindingAtItsLine() throws {
        let read = load(
            """
            <rubric id="r" pass="70">
              <title>R</title>
              <assert id="broken" test="count(//activity[@method='role-play'] &gt; 0">Broken.</assert>
            </rubric>
            """)
        let finding = try #require(read.findings.first { $0.id == "invalid-xpath" })
        #expect(finding.location.line == 3)
        #expect(finding.location.column == 23)
    }

    @Test func unknownCriterionSuggestsTheNearest() throws {
        let read = load(
            """
            <rubric id="r" pass="70">
              <title>R</title>
              <criterion id="interactive-shar" weight="3" min="0.5"/>
            </rubric>
            """)
        let finding = try #require(read.findings.first { $0.id == "unknown-criterion" })
        #expect(finding.message.contains("Did you mean 'interactive-share'?"))
        #expect(finding.location.line == 3)
    }

    @Test func thresholdsWeightsAndAssertsAreApplied() throws {
        let read = load(
            """
            <rubric id="r" pass="50">
              <title>R</title>
              <criterion id="passive-stretch" weight="4" max="5" essential="true"/>
              <assert id="has-quiz" weight="1" test="count(//activity[@method='quiz']) &gt; 0">A quiz.</assert>
            </rubric>
            """)
        #expect(read.findings.isEmpty, "\(read.findings)")
        let rubric = try #require(read.rubric)
        let source = planXML()
        let result = PlanChecker.checkPlan(
            .bytes(Array(source.utf8)), file: "sample.xml", catalog: shippedCatalog,
            xpath: rubric.assertions.map(\.test))
        let review = Reviewer.review(
            CheckReport(plans: [result], setFindings: []), rubric: rubric, catalog: shippedCatalog,
            verbs: shippedVerbs, asCurriculum: false)
        let plan = try #require(review.plans.first)
        #expect(plan.results.map(\.id) == ["passive-stretch", "has-quiz"])
        #expect(plan.results.map(\.assessment.status) == [.notMet, .notMet])
        #expect(plan.score == 0)
        #expect(plan.verdict == .fail)
        #expect(plan.findings.first { $0.id == "passive-stretch" }?.severity == .error)
        #expect(plan.findings.first { $0.id == "has-quiz" }?.severity == .warning)
        #expect(review.curriculum.isEmpty, "a plan checked alone is not judged as a curriculum")
    }
}

@Suite("Reviewing plan by plan")
struct StreamedReviewTests {
    /// The shipped plans streamed in small batches give each plan the findings, score and verdict
    /// of the whole review, and the same totals and curriculum.
    @Test func streamingMatchesTheWholeReview() throws {
        let whole = try reviewShippedPlans()
        let rubric = try shippedRubric()
        let files = whole.plans.map(\.file).reversed()
        var streamed: [PlanReview] = []
        let totals = Reviewer.stream(
            files: Array(files), rubric: rubric, catalog: shippedCatalog, verbs: shippedVerbs, asCurriculum: true,
            batchSize: 5, load: { repositoryFile($0) },
            each: { review, setFindings in
                #expect(setFindings.isEmpty)
                streamed.append(review)
            })
        #expect(streamed.map(\.file) == whole.plans.map(\.file), "in path order whatever the order given")
        for (one, other) in zip(streamed, whole.plans) {
            #expect(one.findings == other.findings)
            #expect(one.score == other.score)
            #expect(one.verdict == other.verdict)
        }
        let expected = whole.totals
        #expect(totals.plans == 12)
        let counts: [Int] = [totals.plans, totals.passed, totals.errors, totals.warnings]
        let expectedCounts: [Int] = [expected.plans, expected.passed, expected.errors, expected.warnings]
        #expect(counts == expectedCounts)
        #expect(totals.curriculum == whole.curriculum)
        #expect(totals.lowestScore == whole.plans.map { $0.score ?? 0 }.min())
    }

    /// A session id used twice is reported on the later file, whichever batch it falls in.
    @Test func aDuplicateSessionAcrossBatchesIsReportedOnTheLaterFile() throws {
        let sources = [
            "c/sample.xml": planXML(), "a/sample.xml": planXML(), "b/other.xml": planXML(id: "other"),
        ]
        var reported: [String: [Finding]] = [:]
        let totals = Reviewer.stream(
            files: Array(sources.keys), rubric: try shippedRubric(), catalog: testCatalog, verbs: shippedVerbs,
            asCurriculum: false, batchSize: 1, load: { .bytes(Array((sources[$0] ?? "").utf8)) },
            each: { review, setFindings in reported[review.file] = setFindings })
        #expect(reported["a/sample.xml"]?.isEmpty == true)
        #expect(reported["b/other.xml"]?.isEmpty == true)
        let finding = try #require(reported["c/sample.xml"]?.first)
        #expect(finding.id == "duplicate-session")
        #expect(finding.location == SourceLocation(file: "c/sample.xml", line: 2, column: 1))
        #expect(finding.message.contains("a/sample.xml:2:1"))
        #expect(totals.setHasError && totals.curriculumFails)
        #expect(totals.curriculum.isEmpty)
    }
}
