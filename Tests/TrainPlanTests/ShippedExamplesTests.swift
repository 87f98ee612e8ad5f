import Foundation
import Testing
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

@Suite("The shipped catalog, verbs and plans")
struct ShippedExamplesTests {
    @Test func methodCatalogHasEveryCategoryAndMethodOfTheBrief() throws {
        let read = CatalogLoader.methods(repositoryFile("Rubrics/methods.xml"), file: "Rubrics/methods.xml")
        #expect(read.findings.isEmpty, "\(read.findings)")
        let catalog = try #require(read.value)
        let expected: [String: [String]] = [
            "presentation": ["lecture", "mini-lecture", "demonstration", "panel", "reading"],
            "media": ["video", "audio"],
            "discussion": ["discussion", "pair-share", "brainstorm", "q-and-a"],
            "practice": ["role-play", "skill-practice", "case-study", "simulation", "scenario"],
            "reflection": ["reflection", "journaling"],
            "assessment": ["quiz", "evaluation"],
            "energizer": ["icebreaker", "energizer"],
            "planning": ["action-planning", "goal-setting"],
            "logistics": ["welcome", "housekeeping"],
        ]
        for (category, methods) in expected {
            for method in methods {
                #expect(catalog.method(method)?.category == category, "\(method)")
                #expect(catalog.method(method)?.description.isEmpty == false)
            }
        }
        #expect(catalog.category("practice")?.isPractice == true)
        #expect(catalog.category("presentation")?.isInteractive == false)
        #expect(catalog.category("logistics")?.isLearning == false)
    }

    @Test func verbListHasSixLevelsAndVerbsToAvoid() throws {
        let read = CatalogLoader.verbs(repositoryFile("Rubrics/verbs.xml"), file: "Rubrics/verbs.xml")
        #expect(read.findings.isEmpty, "\(read.findings)")
        let verbs = try #require(read.value)
        #expect(verbs.level(of: "Demonstrate reflective listening.") == .apply)
        #expect(verbs.level(of: "Distinguish a concern.") == .analyze)
        #expect(verbs.avoidedOpening(of: "Understand the stages.") == "understand")
        #expect(verbs.avoidedOpening(of: "Be aware of the resources.") == "be aware of")
        #expect(verbs.avoidedOpening(of: "Describe the stages.") == nil)
    }

    @Test func shippedPlansHaveNoErrorsAndFormOneCurriculum() throws {
        let catalog = try #require(
            CatalogLoader.methods(repositoryFile("Rubrics/methods.xml"), file: "Rubrics/methods.xml").value)
        let names = [
            "orientation-welcome", "youth-safety", "first-meetings", "active-listening", "family-boundaries",
            "bullying-peer-pressure", "health-topics", "relationship-cycle", "cultural-humility", "goal-setting",
            "closing-a-match", "mentor-circle",
        ]
        let results = names.map { name in
            let file = "SessionPlans/\(name).xml"
            return PlanChecker.checkPlan(repositoryFile(file), file: file, catalog: catalog)
        }
        for result in results {
            #expect(result.findings.isEmpty, "\(result.file): \(result.findings)")
        }
        #expect(PlanChecker.setFindings(results).isEmpty)
        let plans = results.compactMap(\.plan)
        let preMatchInPerson = plans.filter { $0.stage == .preMatch && $0.delivery == .inPerson }
            .reduce(0) { $0 + $1.durationMinutes }
        #expect(preMatchInPerson >= 120)
        #expect(plans.count { $0.stage == .postMatch } >= 8)
    }
}

@Suite("The example project of trainplan init")
struct StarterTests {
    @Test func itsPlansAreTheShippedOnes() throws {
        let starter = repositoryRoot.appendingPathComponent("Sources/TrainPlanProject/Starter/SessionPlans")
        let names = try FileManager.default.contentsOfDirectory(atPath: starter.path).filter { $0.hasSuffix(".xml") }
        #expect(names.count == 4)
        for name in names {
            let copy = try Data(contentsOf: starter.appendingPathComponent(name))
            let shipped = try Data(contentsOf: repositoryRoot.appendingPathComponent("SessionPlans/\(name)"))
            #expect(copy == shipped, "\(name): keep the example's copy equal to SessionPlans/\(name)")
        }
    }
}

@Suite("Documentation")
struct DocumentationTests {
    @Test func everyCriterionIsDocumented() throws {
        let url = repositoryRoot.appendingPathComponent("docs/criteria.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        for criterion in allCriteria {
            #expect(text.contains("### `\(criterion.id)`"), "docs/criteria.md does not explain \(criterion.id)")
        }
    }
}

@Suite("Built-in defaults")
struct BuiltInDefaultsTests {
    @Test(arguments: BundledDefaults.allCases)
    func builtInCopyEqualsTheProjectFile(_ defaults: BundledDefaults) throws {
        guard case .bytes(let builtIn) = defaults.text, case .bytes(let project) = repositoryFile(defaults.projectPath)
        else {
            Issue.record("\(defaults.projectPath) or its built-in copy is missing")
            return
        }
        #expect(
            builtIn == project,
            "Sources/TrainPlanFormats/Defaults/\(defaults.rawValue).xml differs from \(defaults.projectPath): copy it over"
        )
    }
}

@Suite("Bundled schemas")
struct BundledSchemaTests {
    @Test(arguments: BundledSchema.allCases)
    func compiles(_ schema: BundledSchema) {
        if case .failure(let error) = schema.compiled { Issue.record("\(error)") }
    }

    @Test func shippedFilesValidateAgainstTheirSchemas() {
        let files: [(String, (SourceText, String) -> [Finding])] = [
            ("Rosters/trainers.xml", { StaffingLoader.roster($0, file: $1).findings }),
            ("Rosters/spring-2027.xml", { StaffingLoader.term($0, file: $1).findings }),
            ("Rubrics/adult-learning.xml", { RubricLoader.rubric($0, file: $1).findings }),
        ]
        for (path, read) in files {
            #expect(read(repositoryFile(path), path).isEmpty, "\(path): \(read(repositoryFile(path), path))")
        }
    }
}
