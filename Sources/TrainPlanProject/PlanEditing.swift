public import TrainPlanCore
public import TrainPlanFormats
public import TrainPlanReview

/// One finding of a plan being edited, with the part of the form it is about.
public struct EditorFinding: Hashable, Sendable, Codable {
    /// The form part: "title", "block-2", "objective-0", "plan", … (`PlanDocument.Part.name`).
    public var part: String
    public var line: Int
    public var column: Int
    public var severity: String
    public var id: String
    public var message: String
    public var hint: String?
    /// The rubric line that raised it, when it is a rubric finding.
    public var criterion: String?

    /// A finding of the checker as the editor shows it (its id is the finding's own).
    static func placed(_ finding: Finding, part: String, criterion: String?) -> EditorFinding {
        var placed = EditorFinding.empty
        placed.part = part
        placed.line = finding.location.line
        placed.column = finding.location.column
        placed.severity = finding.severity.rawValue
        placed.id = finding.id
        placed.message = finding.message
        placed.hint = finding.hint
        placed.criterion = criterion
        return placed
    }

    private static let empty = EditorFinding.init(
        part: "", line: 0, column: 0, severity: "", id: "", message: "", hint: nil, criterion: nil)
}

/// One rubric line's verdict on the plan being edited.
public struct EditorCriterion: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var status: String
    public var summary: String
    public var essential: Bool
    public var weight: Int
}

/// What the editor shows after each change: the findings by part, the rubric's lines, the
/// score and the verdict, and the canonical text that was judged.
public struct EditorCheck: Hashable, Sendable, Codable {
    public var file: String
    public var findings: [EditorFinding]
    public var criteria: [EditorCriterion]
    public var score: Double?
    public var verdict: String
    /// Whether the text is fit to be saved: no error of the format (the XML is well-formed and
    /// valid, every reference resolves). A plan that fails its rubric can still be saved.
    public var savable: Bool
    public var xml: String
}

/// Checking a plan that is being edited, by the same core as `check`: the form's value is
/// written in the canonical layout and that text is checked and reviewed like a file on disk.
public enum PlanEditing {
    /// Checks `document` as the file `file` of `project` (its catalogs, rubric and the other
    /// plans, for duplicate ids).
    public static func check(_ document: PlanDocument, file: String, in project: Project) -> EditorCheck {
        let (text, parts) = document.written()
        return check(text: text, parts: parts, file: file, in: project)
    }

    /// Checks a plan's text; `parts` maps lines to form parts (all "plan" when empty).
    public static func check(text: String, parts: [PlanDocument.Part], file: String, in project: Project)
        -> EditorCheck
    {
        let result = PlanChecker.checkPlan(
            .bytes(Array(text.utf8)), file: file, catalog: project.catalog,
            xpath: project.rubric.assertions.map(\.test))
        let review = Reviewer.review(result, rubric: project.rubric, catalog: project.catalog, verbs: project.verbs)
        // A session id used by another plan of the project is a finding here too.
        let others = project.planResults.filter { $0.file != file }
        let setFindings = PlanChecker.setFindings(others + [result]).filter { $0.location.file == file }

        var criterionOf: [Finding: String] = [:]
        for line in review.results {
            for finding in line.assessment.findings { criterionOf[finding] = line.id }
        }
        func part(_ line: Int) -> String {
            line >= 1 && line < parts.count ? parts[line].name : PlanDocument.Part.plan.name
        }
        let findings = Finding.sortedForOutput(review.findings + setFindings).map { finding in
            EditorFinding.placed(finding, part: part(finding.location.line), criterion: criterionOf[finding])
        }
        let criteria = review.results.map {
            EditorCriterion(
                id: $0.id, name: $0.name, status: $0.assessment.status.rawValue, summary: $0.assessment.summary,
                essential: $0.essential, weight: $0.weight)
        }
        let formatErrors = (review.checkFindings + setFindings).contains { $0.severity == .error }
        return EditorCheck(
            file: file, findings: findings, criteria: criteria, score: review.score, verdict: review.verdict.rawValue,
            savable: review.plan != nil && !formatErrors, xml: text)
    }
}
