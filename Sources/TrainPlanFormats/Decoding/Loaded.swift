public import TrainPlanCore
import TrainPlanXML

/// A document read from one file: its value when it could be decoded, and every finding about
/// the file, sorted by place. What every loader of every format returns.
public struct Loaded<Value: Sendable>: Sendable {
    /// The file as the user named it.
    public var file: String
    public var value: Value?
    public var findings: [Finding]

    public init(file: String, value: Value?, findings: [Finding]) {
        self.file = file
        self.value = value
        self.findings = findings
    }

    /// Whether any finding is an error.
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }

    /// Whether the file could not be read or parsed at all.
    public var isUnreadable: Bool { findings.contains(where: \.isFatal) }
}

extension DocumentReader {
    /// The one loading path of every format but the session plan (whose schema is applied
    /// only to a plan with an error, `PlanChecker.checkPlan`): the safe reader and the format's
    /// schema, then the decoder, their findings merged and sorted. A format that cannot be
    /// used with an error (a roster, a term, assignments) drops its value then; the catalogs
    /// and the rubric keep it, and their users refuse it.
    static func load<Value: Sendable>(
        _ text: SourceText, file: String, schema: BundledSchema, keepsValueWithErrors: Bool,
        decode: (XMLElement) -> (Value?, [Finding])
    ) -> Loaded<Value> {
        let read = read(text, file: file, schema: schema)
        guard let root = read.root else { return Loaded(file: file, value: nil, findings: read.findings) }
        let (value, decoded) = decode(root)
        let findings = Finding.sortedForOutput(merge(schema: read.findings, decoded: decoded))
        let keep = keepsValueWithErrors || !findings.contains { $0.severity == .error }
        return Loaded(file: file, value: keep ? value : nil, findings: findings)
    }
}
