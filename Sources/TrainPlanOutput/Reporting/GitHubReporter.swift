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

    // By bytes, not Characters: CRLF is one Character, which neither "\r" nor "\n" matches.
    static func escapeData(_ text: String) -> String { percentEscaped(text, property: false) }

    static func escapeProperty(_ text: String) -> String { percentEscaped(text, property: true) }

    private static func percentEscaped(_ text: String, property: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "%"): out += Array("%25".utf8)
            case 0x0D: out += Array("%0D".utf8)
            case 0x0A: out += Array("%0A".utf8)
            case UInt8(ascii: ":") where property: out += Array("%3A".utf8)
            case UInt8(ascii: ",") where property: out += Array("%2C".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
