/// Measurable verbs by Bloom level, and the verbs an objective should not start with.
public struct VerbList: Hashable, Sendable {
    /// The verbs of each level, lower-cased.
    public var verbsByLevel: [BloomLevel: [String]]
    /// Verbs and phrases to avoid (`understand`, `be aware of`), lower-cased.
    public var avoid: [String]

    /// Creates a verb list.
    public init(verbsByLevel: [BloomLevel: [String]], avoid: [String]) {
        self.verbsByLevel = verbsByLevel
        self.avoid = avoid
    }

    /// The avoided verb or phrase an objective's text starts with, if any.
    public func avoidedOpening(of text: String) -> String? {
        let words = Self.words(text)
        return avoid.filter { Self.words($0).elementsEqual(words.prefix(Self.words($0).count)) }
            .max { $0.count < $1.count }
    }

    /// The Bloom level of the measurable verb an objective's text starts with, if any.
    /// When a verb sits at several levels, the highest is taken.
    public func level(of text: String) -> BloomLevel? {
        guard let first = Self.words(text).first else { return nil }
        return BloomLevel.allCases.last { verbsByLevel[$0]?.contains(first) ?? false }
    }

    /// The opening verb of a text, lower-cased.
    public static func openingVerb(of text: String) -> String? { words(text).first }

    private static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" && $0 != "'" })
            .map(String.init)
    }
}
