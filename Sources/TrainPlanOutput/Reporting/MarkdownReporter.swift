import TrainPlanCore
import TrainPlanFormats
public import TrainPlanReview
import TrainPlanStaffing
import TrainPlanXML

/// The review as a pull-request comment: a table of plans with score and verdict, the
/// curriculum, then the findings.
public enum MarkdownReporter {
    public static func render(_ review: Review) -> String {
        let passed = review.plans.count { $0.verdict == .pass }
        var out = "## trainplan review: \(review.rubric.title)\n\n"
        out +=
            "\(passed) of \(review.plans.count) plans pass (a plan passes with every essential criterion met "
            + "and a score of at least \(formatNumber(review.rubric.pass))%).\n\n"
        out += "| Plan | Score | Verdict | Errors | Warnings |\n|---|---:|---|---:|---:|\n"
        for plan in review.plans {
            let errors = plan.findings.count { $0.severity == .error }
            let warnings = plan.findings.count { $0.severity == .warning }
            let name = plan.plan.map { "\(cell($0.title)) (`\(plan.file)`)" } ?? "`\(plan.file)`"
            let score = plan.score.map { "\(formatNumber($0))%" } ?? "—"
            out += "| \(name) | \(score) | \(plan.verdict == .pass ? "✅ pass" : "❌ fail") | \(errors) | \(warnings) |\n"
        }
        if !review.curriculum.isEmpty {
            out += "\n### Curriculum\n\n| Criterion | Result | Threshold | |\n|---|---|---|---|\n"
            for result in review.curriculum {
                let mark =
                    switch result.assessment.status {
                    case .met: "✅"
                    case .notMet: result.essential ? "❌" : "⚠️"
                    case .notApplicable: "—"
                    }
                out +=
                    "| `\(result.id)` | \(cell(result.assessment.summary)) | \(result.threshold?.description ?? "—") | \(mark) |\n"
            }
        }
        let findings = review.findings
        if !findings.isEmpty {
            out += "\n### Findings\n\n"
            for finding in findings {
                out +=
                    "- **\(finding.location.description)** \(finding.severity.rawValue) `\(finding.id)`: \(inline(finding.message))"
                if let hint = finding.hint { out += "<br>_Hint:_ \(inline(hint))" }
                out += "\n"
            }
        }
        return out
    }

    /// Text safe inside a table cell.
    static func cell(_ text: String) -> String { escaped(text, pipes: true) }

    /// Text that Markdown will not turn into markup or HTML.
    static func inline(_ text: String) -> String { escaped(text, pipes: false) }

    /// By bytes, not Characters: a `|` or `<` followed by a combining mark is one Character,
    /// which a Character comparison lets through (a pipe with an accent split a table's row).
    private static func escaped(_ text: String, pipes: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: ">"): out += Array("&gt;".utf8)
            case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"): out += [UInt8(ascii: "\\"), byte]
            case UInt8(ascii: "|") where pipes: out += [UInt8(ascii: "\\"), byte]
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
