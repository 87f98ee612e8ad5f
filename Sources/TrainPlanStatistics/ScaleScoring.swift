// Scale scores from survey items (issue 15): reverse-scored items and missing answers.

/// How an instrument's items become one scale score.
///
/// Rule: an answer that is missing, not finite, or outside [minimum, maximum] counts as not
/// answered; a reverse-scored item's answer x counts as minimum + maximum − x; the score is the
/// mean of the answered items when at least `minimumAnswered` were answered, and none otherwise
/// (so a respondent who skipped most items does not get a score from one or two of them).
public struct ScaleScoring: Sendable, Equatable {
    /// The number of items in the scale.
    public var itemCount: Int
    /// Zero-based positions of the reverse-scored items.
    public var reversed: Set<Int>
    /// The lowest and highest points of the response scale (1 and 5 for a five-point scale).
    public var minimum: Double
    /// See `minimum`.
    public var maximum: Double
    /// The fewest answered items that still give a score.
    public var minimumAnswered: Int

    /// A scoring rule; see the type's description.
    public init(itemCount: Int, reversed: Set<Int>, minimum: Double, maximum: Double, minimumAnswered: Int) {
        self.itemCount = itemCount
        self.reversed = reversed
        self.minimum = minimum
        self.maximum = maximum
        self.minimumAnswered = minimumAnswered
    }

    /// The answers with reverse-scored items turned round and unusable answers removed; items
    /// beyond `itemCount` are ignored and missing ones at the end count as not answered.
    public func scoredItems(_ answers: [Double?]) -> [Double?] {
        (0..<max(itemCount, 0)).map { index in
            guard index < answers.count, let answer = answers[index], answer.isFinite,
                answer >= minimum, answer <= maximum
            else { return nil }
            return reversed.contains(index) ? minimum + maximum - answer : answer
        }
    }

    /// The scale score, or nil when fewer than `minimumAnswered` (and at least one) items were
    /// answered.
    public func score(_ answers: [Double?]) -> Double? {
        let answered = scoredItems(answers).compactMap { $0 }
        guard !answered.isEmpty, answered.count >= minimumAnswered else { return nil }
        return answered.reduce(0, +) / Double(answered.count)
    }
}
