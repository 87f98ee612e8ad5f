public import TrainPlanCore

/// A survey instrument (`Rubrics/instruments/<id>.xml`): the items respondents answer, the
/// response scale, which items are reverse-scored, the subscales, the scoring rule, and the
/// instrument's source and licence.
public struct Instrument: Hashable, Sendable {
    /// One item: its id is the survey file's column for it.
    public struct Item: Hashable, Sendable {
        public var id: String
        /// What respondents read.
        public var text: String
        /// Whether agreeing means less of what the scale measures (scored min + max − answer).
        public var reversed: Bool
        public var location: SourceLocation
    }

    /// The response scale: whole points from `minimum` to `maximum`, some labelled.
    public struct ResponseScale: Hashable, Sendable {
        public var minimum: Int
        public var maximum: Int
        /// Labels by point, in the order written.
        public var labels: [Label]
    }

    /// The words for one point of the scale.
    public struct Label: Hashable, Sendable {
        public var value: Int
        public var text: String
    }

    /// A part of the scale scored on its own.
    public struct Subscale: Hashable, Sendable {
        public var id: String
        /// What the subscale measures, in words.
        public var title: String
        /// Item ids, in the order written.
        public var items: [String]
        /// The fewest answered items that still give a subscale score.
        public var minimumAnswered: Int
        public var location: SourceLocation
    }

    /// Where the instrument comes from and under what terms it is used.
    public struct Source: Hashable, Sendable {
        /// Who wrote it: a citation for a published scale.
        public var text: String
        public var licence: String
        public var url: String?
    }

    public var id: String
    public var version: String?
    public var title: String
    public var source: Source
    public var scale: ResponseScale
    public var items: [Item]
    public var subscales: [Subscale]
    /// The fewest answered items that still give a score of the whole scale (the scoring rule
    /// is the mean of the answered items, reverse-scored items turned round).
    public var minimumAnswered: Int
    public var location: SourceLocation

    /// The item with this id.
    public func item(_ id: String) -> Item? { items.first { $0.id == id } }
}
