public import TrainPlanCore
import TrainPlanFormats
import TrainPlanReview
import TrainPlanStaffing
import TrainPlanXML

/// Compiler-style lines: `path:line:col: severity: message [id]`, each followed by its hint.
public enum TextReporter {
    /// Renders findings in the order given.
    public static func render(_ findings: [Finding]) -> String {
        var output = ""
        for finding in findings {
            output +=
                "\(finding.location.description): \(finding.severity.rawValue): \(finding.message.visible) [\(finding.id.visible)]\n"
            if let hint = finding.hint { output += "    hint: \(hint.visible)\n" }
        }
        return output
    }
}
