import TrainPlanCore
import TrainPlanXML

/// Measurable verbs by Bloom level, and the verbs an objective should not start with.
public struct VerbList: Hashable, Sendable {
    /// The verbs of each level, lower-cased.
    public var verbsByLevel: [BloomLevel: [String]]
    /// Verbs and phrases to avoid (`understand`, `be aware of`), lower-cased.
    public var avoid: [String]
    /// The highest level of each verb, and each avoided phrase as words: looked up per objective.
    private let levelOfVerb: [String: BloomLevel]
    private let avoidWords: [(phrase: String, words: [String])]
    private let longestAvoided: Int

    /// Creates a verb list.
    public init(verbsByLevel: [BloomLevel: [String]], avoid: [String]) {
        self.verbsByLevel = verbsByLevel
        self.avoid = avoid
        var levels: [String: BloomLevel] = [:]
        for level in BloomLevel.allCases {
            for verb in verbsByLevel[level] ?? [] { levels[verb] = level }
        }
        levelOfVerb = levels
        avoidWords = avoid.map { ($0, Self.words($0, limit: .max)) }
        longestAvoided = avoidWords.map(\.words.count).max() ?? 0
    }

    public static func == (lhs: VerbList, rhs: VerbList) -> Bool {
        lhs.verbsByLevel == rhs.verbsByLevel && lhs.avoid == rhs.avoid
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(verbsByLevel)
        hasher.combine(avoid)
    }

    /// The avoided verb or phrase an objective's text starts with, if any (the longest match).
    public func avoidedOpening(of text: String) -> String? {
        let words = Self.words(text, limit: longestAvoided)
        // By position, not by copying each phrase: the list is shared by every core.
        var best: Int?
        for index in avoidWords.indices where avoidWords[index].words.count <= words.count {
            var matches = true
            for (offset, word) in avoidWords[index].words.enumerated() where words[offset] != word {
                matches = false
                break
            }
            guard matches else { continue }
            if best.map({ avoidWords[index].phrase.count > avoidWords[$0].phrase.count }) ?? true { best = index }
        }
        return best.map { avoidWords[$0].phrase }
    }

    /// The Bloom level of the measurable verb an objective's text starts with, if any.
    /// When a verb sits at several levels, the highest is taken.
    public func level(of text: String) -> BloomLevel? {
        guard let first = Self.words(text, limit: 1).first else { return nil }
        return levelOfVerb[first]
    }

    /// The opening verb of a text, lower-cased.
    public static func openingVerb(of text: String) -> String? { words(text, limit: 1).first }

    /// The first `limit` words of a text, lower-cased: letters, hyphens and apostrophes.
    /// Each word is cut from the text once, not built a scalar at a time.
    private static func words(_ text: String, limit: Int) -> [String] {
        var words: [String] = []
        let scalars = text.unicodeScalars
        func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
            if scalar.isASCII {
                let value = scalar.value
                return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || scalar == "-"
                    || scalar == "'"
            }
            return scalar.properties.isAlphabetic
        }
        var start: String.Index?
        var index = scalars.startIndex
        while index < scalars.endIndex, words.count < limit {
            let next = scalars.index(after: index)
            if isWordScalar(scalars[index]) {
                if start == nil { start = index }
            } else if let first = start {
                words.append(String(scalars[first..<index]).lowercased())
                start = nil
            }
            index = next
        }
        if let first = start, words.count < limit { words.append(String(scalars[first..<index]).lowercased()) }
        return words
    }
}
