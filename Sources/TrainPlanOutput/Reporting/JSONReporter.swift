import Foundation
import TrainPlanCore
import TrainPlanFormats
public import TrainPlanReview
import TrainPlanStaffing
import TrainPlanXML

/// The review as JSON for tools: every plan's score, verdict and criteria, and every finding.
public enum JSONReporter {
    /// Renders a review; keys are sorted so the bytes never vary.
    public static func render(_ review: Review) -> String {
        func line(_ result: CriterionResult) -> JSONValue {
            .object([
                "id": .string(result.id), "status": .string(result.assessment.status.rawValue),
                "measured": result.assessment.measured.map(JSONValue.double) ?? .null,
                "result": .string(result.assessment.summary), "threshold": .optional(result.threshold?.description),
                "weight": .int(result.weight), "essential": .bool(result.essential),
                "evidence": .optional(result.evidence?.strength.rawValue),
            ])
        }
        let findings = review.findings
        let document = JSONValue.object([
            "version": .int(1),
            "rubric": .object([
                "id": .string(review.rubric.id), "version": .optional(review.rubric.version),
                "pass": .double(review.rubric.pass),
            ]),
            "plans": .array(
                review.plans.map { plan in
                    .object([
                        "file": .string(plan.file), "id": .optional(plan.plan?.id),
                        "title": .optional(plan.plan?.title),
                        "score": plan.score.map(JSONValue.double) ?? .null, "verdict": .string(plan.verdict.rawValue),
                        "criteria": .array(plan.results.map(line)),
                    ])
                }),
            "curriculum": .array(review.curriculum.map(line)),
            "findings": .array(
                findings.map {
                    .object([
                        "file": .string($0.location.file), "line": .int($0.location.line),
                        "column": .int($0.location.column), "severity": .string($0.severity.rawValue),
                        "id": .string($0.id), "message": .string($0.message), "hint": .optional($0.hint),
                    ])
                }),
            "summary": .object([
                "plans": .int(review.plans.count), "passed": .int(review.plans.count { $0.verdict == .pass }),
                "failed": .int(review.plans.count { $0.verdict == .fail }),
                "errors": .int(findings.count { $0.severity == .error }),
                "warnings": .int(findings.count { $0.severity == .warning }),
            ]),
        ])
        return document.rendered()
    }

    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
