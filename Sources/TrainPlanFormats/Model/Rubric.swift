public import TrainPlanCore
public import TrainPlanXML

/// How strong the evidence behind a criterion is.
public enum EvidenceStrength: String, Hashable, Sendable, CaseIterable, Codable {
    /// Replicated research findings (e.g. practice and feedback improve skill transfer).
    case strong
    /// A published standard that practitioners agree on (Quality Matters, MENTOR's Elements).
    case standard
    /// A practitioners' rule of thumb without direct research behind its number.
    case practitioner
}

/// Where a criterion comes from and how much weight that source can bear.
public struct Evidence: Hashable, Sendable {
    public var strength: EvidenceStrength
    public var source: String

    public init(_ strength: EvidenceStrength, _ source: String) {
        self.strength = strength
        self.source = source
    }
}

/// A criterion's threshold: the measured value must be at least `minimum` and at most `maximum`.
public struct Threshold: Hashable, Sendable {
    public var minimum: Double?
    public var maximum: Double?

    public static func min(_ value: Double) -> Threshold { Threshold(minimum: value, maximum: nil) }
    public static func max(_ value: Double) -> Threshold { Threshold(minimum: nil, maximum: value) }

    /// Whether a measured value satisfies the threshold.
    public func holds(for value: Double) -> Bool {
        if let minimum, value < minimum - 1e-9 { return false }
        if let maximum, value > maximum + 1e-9 { return false }
        return true
    }

    /// `min 0.5`, `max 20`, or `min 1 max 2`.
    public var description: String {
        var parts: [String] = []
        if let minimum { parts.append("min \(formatNumber(minimum))") }
        if let maximum { parts.append("max \(formatNumber(maximum))") }
        return parts.isEmpty ? "—" : parts.joined(separator: " ")
    }
}

/// What the rubric reader needs to know of a built-in criterion: its id and its defaults.
/// The review stage describes its criteria this way, so that formats need not know them.
public struct CriterionDefaults: Sendable {
    public var id: String
    public var threshold: Threshold
    public var weight: Int
    public var essential: Bool
    public var evidence: Evidence

    public init(id: String, threshold: Threshold, weight: Int, essential: Bool, evidence: Evidence) {
        self.id = id
        self.threshold = threshold
        self.weight = weight
        self.essential = essential
        self.evidence = evidence
    }
}

/// A rubric: which criteria count, with what thresholds and weights, and what score passes.
public struct Rubric: Hashable, Sendable {
    /// A built-in criterion as the rubric configures it.
    public struct CriterionSetting: Hashable, Sendable {
        public var id: String
        public var weight: Int
        public var threshold: Threshold
        public var essential: Bool
        public var evidence: Evidence
        public var location: SourceLocation?
    }

    /// A custom rule: an XPath 1.0 expression over the plan that must be true.
    public struct Assertion: Hashable, Sendable {
        public var id: String
        public var weight: Int
        public var essential: Bool
        public var test: XPathExpression
        /// What the rule asks of a plan, in words.
        public var description: String
        public var hint: String?
        public var evidence: Evidence?
        public var location: SourceLocation?
    }

    /// One line of a rubric.
    public enum Entry: Hashable, Sendable {
        case criterion(CriterionSetting)
        case assertion(Assertion)

        public var id: String {
            switch self {
            case .criterion(let setting): setting.id
            case .assertion(let assertion): assertion.id
            }
        }
    }

    public var id: String
    public var version: String?
    public var title: String
    /// The weighted score in percent that a plan must reach.
    public var pass: Double
    public var entries: [Entry]
    /// Where the rubric was read from, or `nil` for the built-in default.
    public var file: String?

    /// The custom rules' XPath expressions, in entry order.
    public var assertions: [Assertion] {
        entries.compactMap { if case .assertion(let assertion) = $0 { assertion } else { nil } }
    }
}
