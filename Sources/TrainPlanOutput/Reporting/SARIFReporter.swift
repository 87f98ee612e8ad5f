import TrainPlanCore
import TrainPlanFormats
public import TrainPlanReview
import TrainPlanStaffing
import TrainPlanXML

/// The review as SARIF 2.1.0, for code-scanning tools: every criterion and check is a rule
/// with its description and help, every finding a result with its region.
public enum SARIFReporter {
    struct Text: Encodable { var text: String }
    struct Rule: Encodable {
        struct Configuration: Encodable { var level: String }
        var id: String
        var name: String
        var shortDescription: Text
        var fullDescription: Text
        var help: Text
        var defaultConfiguration: Configuration
        var properties: [String: String]
    }
    struct Driver: Encodable {
        var name = "trainplan"
        var version: String
        var informationUri = "https://example.org/trainplan"
        var rules: [Rule]
    }
    struct Tool: Encodable { var driver: Driver }
    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
    }
    struct ArtifactLocation: Encodable { var uri: String }
    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }
    struct Location: Encodable { var physicalLocation: PhysicalLocation }
    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int?
        var level: String
        var message: Text
        var locations: [Location]
    }
    struct Run: Encodable {
        var tool: Tool
        var columnKind = "unicodeCodePoints"
        var results: [Result]
    }
    struct Log: Encodable {
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var version = "2.1.0"
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    /// The tool's version as SARIF reports it.
    public static let toolVersion = "0.1.0"

    /// Renders a review as a SARIF log.
    public static func render(_ review: Review) -> String {
        var rules: [Rule] = []
        for entry in review.rubric.entries {
            switch entry {
            case .criterion(let setting):
                guard let criterion = criterion(withID: setting.id) else { continue }
                rules.append(
                    Rule(
                        id: criterion.id, name: criterion.name, shortDescription: Text(text: criterion.summary),
                        fullDescription: Text(text: criterion.rationale),
                        help: Text(
                            text:
                                "\(criterion.summary) Threshold: \(setting.threshold.description). Evidence (\(setting.evidence.strength.rawValue)): \(setting.evidence.source)."
                        ),
                        defaultConfiguration: Rule.Configuration(level: setting.essential ? "error" : "warning"),
                        properties: [
                            "evidenceStrength": setting.evidence.strength.rawValue,
                            "evidence": setting.evidence.source, "threshold": setting.threshold.description,
                            "weight": String(setting.weight), "essential": String(setting.essential),
                        ]))
            case .assertion(let assertion):
                rules.append(
                    Rule(
                        id: assertion.id, name: assertion.id, shortDescription: Text(text: assertion.description),
                        fullDescription: Text(text: "Custom rule: \(assertion.test.source)"),
                        help: Text(text: assertion.hint ?? assertion.description),
                        defaultConfiguration: Rule.Configuration(level: assertion.essential ? "error" : "warning"),
                        properties: [
                            "evidenceStrength": assertion.evidence?.strength.rawValue ?? "none",
                            "weight": String(assertion.weight), "essential": String(assertion.essential),
                        ]))
            }
        }
        for check in FindingIDs.all where check.inPlanReports {
            rules.append(
                Rule(
                    id: check.id, name: check.id, shortDescription: Text(text: check.summary),
                    fullDescription: Text(text: check.summary),
                    help: Text(text: "See docs/plan-format.md for the format; each finding carries a hint."),
                    defaultConfiguration: Rule.Configuration(level: check.severity.rawValue),
                    properties: ["kind": "format check"]))
        }
        let index = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let results = review.findings.map { finding in
            Result(
                ruleId: finding.id, ruleIndex: index[finding.id], level: finding.severity.rawValue,
                message: Text(text: finding.message + (finding.hint.map { " Hint: \($0)" } ?? "")),
                locations: [
                    Location(
                        physicalLocation: PhysicalLocation(
                            artifactLocation: ArtifactLocation(uri: uri(finding.location.file)),
                            region: Region(startLine: finding.location.line, startColumn: finding.location.column)))
                ])
        }
        return JSONReporter.encode(
            Log(runs: [Run(tool: Tool(driver: Driver(version: toolVersion, rules: rules)), results: results)]))
    }

    /// A relative path as a URI reference: each segment percent-encoded where needed.
    static func uri(_ path: String) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/".utf8)
        var result = ""
        for byte in path.utf8 {
            if allowed.contains(byte) {
                result.append(Character(UnicodeScalar(byte)))
            } else {
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }
}
