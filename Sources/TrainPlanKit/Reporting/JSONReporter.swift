import Foundation

/// The check result as JSON for tools: every finding with its place, and a summary.
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
        struct Plan: Encodable {
            var file: String
            var id: String?
            var errors: Int
            var warnings: Int
        }
        struct Summary: Encodable {
            var files: Int
            var errors: Int
            var warnings: Int
        }
        var version = 1
        var plans: [Plan]
        var findings: [Entry]
        var summary: Summary
    }

    /// Renders a check report; keys are sorted so the bytes never vary.
    public static func render(_ report: CheckReport) -> String {
        let document = Document(
            plans: report.plans.map { result in
                Document.Plan(
                    file: result.file, id: result.plan?.id,
                    errors: result.findings.count { $0.severity == .error },
                    warnings: result.findings.count { $0.severity == .warning })
            },
            findings: report.findings.map {
                Document.Entry(
                    file: $0.location.file, line: $0.location.line, column: $0.location.column,
                    severity: $0.severity, id: $0.id, message: $0.message, hint: $0.hint)
            },
            summary: Document.Summary(
                files: report.plans.count, errors: report.count(.error), warnings: report.count(.warning)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(document) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
