// The evaluation report as values: what `Evaluator.evaluate` computes and every renderer
// (Markdown, HTML, JSON) shows. Every number here is computed from the records.

/// The whole evaluation.
public struct Evaluation: Codable, Sendable, Equatable {
    /// The day open matches are censored at (YYYY-MM-DD).
    public var asOf: String
    /// Where that day comes from, in words.
    public var asOfSource: String
    public var requirement: DoseRequirement
    /// Things left out of the analysis, and why.
    public var notes: [String]
    public var dose: DoseSection
    public var matchLength: MatchLengthSection
    public var surveys: [SurveySection]
    /// The comparison study, when the records have one.
    public var study: StudySection?
    /// The dose as delivered, from the delivery logs, when there are any (issue 16).
    public var deliveredDose: DeliveredDoseSection?
    /// Plain-language statements of what the data can and cannot say.
    public var statements: [Statement]
}

/// One plain-language statement, with the part of the report it is about.
public struct Statement: Codable, Sendable, Equatable {
    public var topic: String
    public var text: String
}

// MARK: Dose

/// What each mentor attended, against the curriculum's requirement.
public struct DoseSection: Codable, Sendable, Equatable {
    public var mentors: [MentorDose]
    /// Per grouping (site, cohort, training received): how many mentors meet the requirement.
    public var groupings: [DoseGrouping]
    /// Attendance rows that could not be counted (an offering not in the term, a plan not found).
    public var uncounted: [String]
}

/// One mentor's training dose.
public struct MentorDose: Codable, Sendable, Equatable {
    public var mentor: String
    public var site: String
    public var cohort: String
    public var training: String
    /// Minutes of in-person pre-match training attended (each offering counted up to its
    /// plan's duration).
    public var preMatchMinutes: Int
    /// Post-match sessions attended.
    public var postMatchSessions: Int
    /// Why the mentor is behind the requirement; empty when they meet it.
    public var behind: [String]
}

/// The dose of the mentors of one grouping.
public struct DoseGrouping: Codable, Sendable, Equatable {
    public var name: String
    public var groups: [DoseGroup]
}

/// The dose of one group.
public struct DoseGroup: Codable, Sendable, Equatable {
    public var label: String
    public var mentors: Int
    public var meetingPreMatch: Int
    public var meetingPostMatch: Int
    public var meanPreMatchHours: Double
    public var meanPostMatchSessions: Double
}

// MARK: Match length

/// How long matches last.
public struct MatchLengthSection: Codable, Sendable, Equatable {
    public var matches: Int
    public var closed: Int
    public var open: Int
    /// The groupings: all matches, then site, cohort, training received (and study arm).
    public var groupings: [SurvivalGrouping]
    /// The Cox model with training dose as covariate.
    public var cox: CoxSummary?
    /// Why there is no Cox model, when there is none.
    public var coxNote: String?
}

/// Kaplan–Meier curves of the groups of one grouping, with the log-rank test between them.
public struct SurvivalGrouping: Codable, Sendable, Equatable {
    public var name: String
    public var groups: [SurvivalGroup]
    public var logRank: LogRankSummary?
    /// Why there is no log-rank test, when there is none.
    public var logRankNote: String?
}

/// One group's match length.
public struct SurvivalGroup: Codable, Sendable, Equatable {
    public var label: String
    public var matches: Int
    public var closed: Int
    public var open: Int
    /// The Kaplan–Meier curve: at each time (months) a match closed or was censored.
    public var curve: [CurvePoint]
    /// Times (months) at which a match was censored (still open on the as-of day).
    public var censored: [Double]
    public var median: Double?
    public var medianLower: Double?
    public var medianUpper: Double?
    /// The share of matches lasting at least 6 and 12 months, with 95 % intervals; nil when no
    /// match has been followed that long.
    public var at6: ShareEstimate?
    public var at12: ShareEstimate?
}

/// A point of a survival curve.
public struct CurvePoint: Codable, Sendable, Equatable {
    public var time: Double
    public var survival: Double
    public var lower: Double
    public var upper: Double
}

/// S(t) with its 95 % interval.
public struct ShareEstimate: Codable, Sendable, Equatable {
    public var share: Double
    public var lower: Double
    public var upper: Double
}

/// The log-rank test between the groups of a grouping.
public struct LogRankSummary: Codable, Sendable, Equatable {
    public var statistic: Double
    public var degreesOfFreedom: Int
    public var pValue: Double
}

/// The Cox model of closure on training dose.
public struct CoxSummary: Codable, Sendable, Equatable {
    public var covariate: String
    public var matches: Int
    public var closed: Int
    public var hazardRatio: Double
    public var lower: Double
    public var upper: Double
    public var pValue: Double
    /// The proportional-hazards check of the covariate (scaled Schoenfeld residuals against rank).
    public var proportionalHazardsStatistic: Double?
    public var proportionalHazardsPValue: Double?
}

// MARK: Surveys

/// One instrument's results.
public struct SurveySection: Codable, Sendable, Equatable {
    public var instrument: String
    public var title: String
    public var source: String
    public var licence: String
    public var responses: Int
    /// The whole scale, then each subscale.
    public var scales: [ScaleResult]
    /// Waves other than pre and post, by name and count (not analysed).
    public var otherWaves: [String]
}

/// A scale's (or subscale's) reliability, change and attrition.
public struct ScaleResult: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var items: [String]
    public var alphaPre: Reliability?
    public var alphaPost: Reliability?
    public var groupings: [ChangeGrouping]
    public var attrition: Attrition
}

/// Cronbach's α on one wave, or why there is none.
public struct Reliability: Codable, Sendable, Equatable {
    public var alpha: Double?
    public var completeCases: Int
    public var note: String?
}

/// Pre–post change in the groups of one grouping, and the difference between two groups.
public struct ChangeGrouping: Codable, Sendable, Equatable {
    public var name: String
    public var groups: [ChangeGroup]
    /// With exactly two groups: the difference between them in change.
    public var comparison: GroupComparison?
}

/// One group's pre–post change.
public struct ChangeGroup: Codable, Sendable, Equatable {
    public var label: String
    public var pre: Int
    public var post: Int
    public var paired: Int
    public var meanPre: Double?
    public var meanPost: Double?
    public var change: Double?
    public var lower: Double?
    public var upper: Double?
    public var dz: Double?
    public var pValue: Double?
    /// Why there is no change estimate, when there is none.
    public var note: String?
}

/// The difference between two groups (second minus first), with Hedges' g and the smallest
/// effect the groups' sizes can detect.
public struct GroupComparison: Codable, Sendable, Equatable {
    public var first: String
    public var second: String
    public var firstCount: Int
    public var secondCount: Int
    public var difference: Double?
    public var lower: Double?
    public var upper: Double?
    public var pValue: Double?
    public var g: Double?
    public var gLower: Double?
    public var gUpper: Double?
    /// The smallest standardised difference detectable with 80 % power at two-sided α = 0.05.
    public var minimumDetectable: Double?
    public var note: String?
}

/// Who has a pre but no post survey, and whether they differed at baseline.
public struct Attrition: Codable, Sendable, Equatable {
    public var withPre: Int
    public var completers: Int
    public var preOnly: Int
    /// Non-completers' baseline against completers'.
    public var baseline: GroupComparison?
}

// MARK: Study

/// A comparison study's arms: how they were assigned, and the difference between them.
public struct StudySection: Codable, Sendable, Equatable {
    public var id: String
    public var seed: String
    public var assignedOn: String
    public var strata: String
    public var arms: [String]
    /// Mentors per arm and stratum.
    public var allocation: [String]
    /// Difference between arms in pre–post change, per scale.
    public var change: [ChangeGrouping]
    /// Match length by arm.
    public var matchLength: SurvivalGrouping?
    /// The hazard ratio of the second arm against the first.
    public var cox: CoxSummary?
    public var coxNote: String?
}
