/// How serious a finding is.
public enum Severity: String, Hashable, Sendable, Codable, Comparable, CaseIterable {
    case note, warning, error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One thing trainplan has to say about an input: what, where, why, and how to fix it.
public struct Finding: Hashable, Sendable, Codable {
    /// The stable identifier of the check or criterion that found it (`unknown-method`).
    public var id: String
    /// How serious it is.
    public var severity: Severity
    /// What is wrong, in one sentence.
    public var message: String
    /// What to change to fix it, when there is something concrete to say.
    public var hint: String?
    /// Where it is.
    public var location: SourceLocation
    /// Whether the input could not be read at all (exit status 2 rather than 1).
    public var isFatal: Bool

    /// Creates a finding.
    public init(
        id: String, severity: Severity = .error, message: String, hint: String? = nil,
        location: SourceLocation, isFatal: Bool = false
    ) {
        self.id = id
        self.severity = severity
        self.message = message
        self.hint = hint
        self.location = location
        self.isFatal = isFatal
    }

    /// Orders findings by file, line, column, then id, so output order never depends on timing.
    public static func sortedForOutput(_ findings: [Finding]) -> [Finding] {
        findings.sorted {
            ($0.location, $0.id, $0.message) < ($1.location, $1.id, $1.message)
        }
    }
}

private func < (lhs: (SourceLocation, String, String), rhs: (SourceLocation, String, String)) -> Bool {
    if lhs.0 != rhs.0 { return lhs.0 < rhs.0 }
    if lhs.1 != rhs.1 { return lhs.1 < rhs.1 }
    return lhs.2 < rhs.2
}
