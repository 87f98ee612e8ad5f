import Foundation
import Testing
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview

/// A scratch copy of the shipped project (plans, rubrics, rosters) and its options, by absolute path.
private func scratchProject() throws -> (folder: URL, options: ProjectOptions) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trainplan-project-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for name in ["SessionPlans", "Rubrics", "Rosters"] {
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    let rubrics = folder.appendingPathComponent("Rubrics").path
    let options = ProjectOptions(
        plans: [folder.appendingPathComponent("SessionPlans").path], rubric: rubrics + "/adult-learning.xml",
        methods: rubrics + "/methods.xml", verbs: rubrics + "/verbs.xml", asCurriculum: true)
    return (folder, options)
}

/// Every byte a user would see of a review: the findings and the JSON report.
private func rendered(_ project: Project) -> String {
    TextReporter.render(project.review.findings) + JSONReporter.render(project.review)
}

private func edit(_ path: String, _ old: String, _ new: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains(old), "the edit's anchor is in \(path)")
    try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
}

@Suite("The project, loaded once and updated file by file")
struct ProjectTests {
    @Test func loadReadsEachInputOnce() throws {
        let (folder, options) = try scratchProject()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try Project.load(options)
        #expect(project.lastReads.count == 3 + 12, "the catalogs, the rubric and twelve plans: \(project.lastReads)")
        #expect(Set(project.lastReads).count == project.lastReads.count, "no file read twice")
        #expect(project.review.plans.count == 12)
    }

    @Test func editingOnePlanRechecksOnlyThatPlan() throws {
        let (folder, options) = try scratchProject()
        defer { try? FileManager.default.removeItem(at: folder) }
        var project = try Project.load(options)
        let plan = folder.appendingPathComponent("SessionPlans/active-listening.xml").path
        try edit(plan, "method=\"demonstration\"", "method=\"demonstraton\"")
        try project.update(plan)
        #expect(project.lastReads == [plan], "only the changed plan is parsed again")
        let fresh = try Project.load(options)
        #expect(rendered(project) == rendered(fresh), "an update gives what a fresh load gives")
        let finding = try #require(project.review.findings.first { $0.id == "unknown-method" })
        #expect(finding.location.file == plan)
        #expect(finding.location.line == 19)
        #expect(finding.message.contains("Did you mean 'demonstration'?"))
    }

    @Test func addingAndDeletingAPlanMatchesAFreshLoad() throws {
        let (folder, options) = try scratchProject()
        defer { try? FileManager.default.removeItem(at: folder) }
        var project = try Project.load(options)
        let original = folder.appendingPathComponent("SessionPlans/active-listening.xml").path
        let copy = folder.appendingPathComponent("SessionPlans/zz-copy.xml").path
        try FileManager.default.copyItem(atPath: original, toPath: copy)
        try project.update(copy)
        #expect(project.lastReads == [copy])
        #expect(project.review.setFindings.contains { $0.id == "duplicate-session" && $0.location.file == copy })
        #expect(rendered(project) == rendered(try Project.load(options)))
        try FileManager.default.removeItem(atPath: copy)
        try project.update(copy)
        #expect(project.lastReads.isEmpty, "a deleted plan is not read")
        #expect(project.review.plans.count == 12)
        #expect(rendered(project) == rendered(try Project.load(options)))
    }

    @Test func editingTheRubricRejudgesEveryPlanWithoutRereadingTheRest() throws {
        let (folder, options) = try scratchProject()
        defer { try? FileManager.default.removeItem(at: folder) }
        var project = try Project.load(options)
        let before = project.review.plans.compactMap(\.score)
        try edit(options.rubricPath, "pass=\"70\"", "pass=\"970\"")  // out of range: the rubric cannot be used
        #expect(throws: ProjectError.self) { try project.update(options.rubricPath) }
        #expect(project.review.plans.compactMap(\.score) == before, "a failed update leaves the project as it was")
        try edit(options.rubricPath, "pass=\"970\"", "pass=\"95\"")
        try project.update(options.rubricPath)
        #expect(project.lastReads.count == 3 + 12, "the catalogs and every plan, nothing else")
        #expect(!project.lastReads.contains { $0.hasSuffix("trainers.xml") })
        #expect(rendered(project) == rendered(try Project.load(options)))
        #expect(project.review.plans.count { $0.verdict == .pass } < before.count { $0 >= 70 }, "95% fails more plans")
    }

    @Test func aPlanWithAnErrorIsNeverStaffedSilently() throws {
        let (folder, options) = try scratchProject()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("SessionPlans/active-listening.xml").path
        try edit(plan, "method=\"demonstration\"", "method=\"demonstraton\"")
        let project = try Project.load(options)
        let rosters = folder.appendingPathComponent("Rosters").path
        let load = project.staffing(roster: rosters + "/trainers.xml", term: rosters + "/spring-2027.xml")
        #expect(load.problem != nil, "the offerings are still staffed")
        let warnings = load.findings.filter { $0.id == "plan-has-errors" }
        #expect(warnings.count == 4, "one per offering of active-listening: \(warnings.map(\.message))")
        #expect(warnings.allSatisfy { $0.severity == .warning && $0.location.file.hasSuffix("spring-2027.xml") })
        #expect(warnings.first?.message.contains("uses the plan 'active-listening'") == true)
        #expect(warnings.first?.message.contains("active-listening.xml:19:") == true)
        #expect(load.usesPlansWithErrors)
    }
}
