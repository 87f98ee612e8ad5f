import Foundation

/// The review as JSON for tools: every plan's score, verdict and criteria, and every finding.
public enum JSONReporter {
    struct Document: Encodable {
        struct Entry: Encodable {
            var file: String
            var line: Int
            var column: Int
            var severity: Severity
            var id: String
            var message: String
            var hint: String?
        }
        struct Line: Encodable {
            var id: String
            var status: Assessment.Status
            var measured: Double?
            var result: String
            var threshold: String?
            var weight: Int
            var essential: Bool
            var evidence: String?
        }
        struct Plan: Encodable {
            var file: String
            var id: String?
            var title: String?
            var score: Double?
            var verdict: Verdict
            var criteria: [Line]
        }
        struct RubricInfo: Encodable {
            var id: String
            var version: String?
            var pass: Double
        }
        struct Summary: Encodable {
            var plans: Int
            var passed: Int
            var failed: Int
            var errors: Int
            var warnings: Int
        }
        var version = 1
        var rubric: RubricInfo
        var plans: [Plan]
        var curriculum: [Line]
        var findings: [Entry]
        var summary: Summary
    }

    /// Renders a review; keys are sorted so the bytes never vary.
    public static func render(_ review: Review) -> String {
        func line(_ result: CriterionResult) -> Document.Line {
            Document.Line(
                id: result.id, status: result.assessment.status, measured: result.assessment.measured,
                result: result.assessment.summary, threshold: result.threshold?.description, weight: result.weight,
                essential: result.essential, evidence: result.evidence?.strength.rawValue)
        }
        let document = Document(
            rubric: Document.RubricInfo(id: review.rubric.id, version: review.rubric.version, pass: review.rubric.pass),
            plans: review.plans.map { plan in
                Document.Plan(
                    file: plan.file, id: plan.plan?.id, title: plan.plan?.title, score: plan.score,
                    verdict: plan.verdict, criteria: plan.results.map(line))
            },
            curriculum: review.curriculum.map(line),
            findings: review.findings.map {
                Document.Entry(
                    file: $0.location.file, line: $0.location.line, column: $0.location.column,
                    severity: $0.severity, id: $0.id, message: $0.message, hint: $0.hint)
            },
            summary: Document.Summary(
                plans: review.plans.count, passed: review.plans.count { $0.verdict == .pass },
                failed: review.plans.count { $0.verdict == .fail }, errors: review.count(.error),
                warnings: review.count(.warning)))
        return encode(document)
    }

    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
