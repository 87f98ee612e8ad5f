public import TrainPlanCore
import TrainPlanFormats
import TrainPlanReview
import TrainPlanStaffing
import TrainPlanXML

/// GitHub Actions workflow commands: each finding becomes an annotation on its line.
public enum GitHubReporter {
    public static func render(_ findings: [Finding]) -> String {
        findings.map { finding in
            let command = finding.severity == .error ? "error" : finding.severity == .warning ? "warning" : "notice"
            let properties = [
                "file=\(escapeProperty(finding.location.file))", "line=\(finding.location.line)",
                "col=\(finding.location.column)", "title=\(escapeProperty(finding.id))",
            ].joined(separator: ",")
            let message = finding.message + (finding.hint.map { "\nHint: \($0)" } ?? "")
            return "::\(command) \(properties)::\(escapeData(message))\n"
        }.joined()
    }

    static func escapeData(_ text: String) -> String {
        text.replacing("%", with: "%25").replacing("\r", with: "%0D").replacing("\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}
