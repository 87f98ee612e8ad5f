// Pre–post change of the same respondents (issue 15), as scipy.stats.ttest_rel(post, pre) with its
// confidence interval, and the standardised change d_z.

/// The mean change post − pre over respondents with both scores, with a t interval.
public struct PairedChange: Sendable, Equatable {
    /// Respondents with both a pre and a post score.
    public var count: Int
    /// The mean of post − pre.
    public var meanChange: Double
    /// The sample standard deviation of the changes.
    public var standardDeviation: Double
    /// meanChange / (standardDeviation / √count).
    public var t: Double
    /// count − 1.
    public var degreesOfFreedom: Double
    /// Two-sided.
    public var pValue: Double
    /// The t interval of the mean change.
    public var lower: Double
    /// The upper bound (see above).
    public var upper: Double
    /// d_z = mean change / standard deviation of the changes (infinite when every change is the same
    /// non-zero amount).
    public var dz: Double

    /// Pairs `pre[i]` with `post[i]`; pairs with a missing or non-finite side are left out. Nil
    /// with fewer than two complete pairs or a `level` outside (0, 1).
    public init?(pre: [Double?], post: [Double?], level: Double = 0.95) {
        guard level > 0, level < 1 else { return nil }
        let changes: [Double] = zip(pre, post).compactMap { before, after in
            guard let before, let after, before.isFinite, after.isFinite else { return nil }
            return after - before
        }
        guard changes.count >= 2 else { return nil }
        let n = Double(changes.count)
        count = changes.count
        meanChange = mean(changes)
        standardDeviation = sampleVariance(changes).squareRoot()
        let standardError = standardDeviation / n.squareRoot()
        degreesOfFreedom = n - 1
        let distribution = StudentT(degreesOfFreedom: n - 1)
        t = meanChange / standardError
        pValue = 2 * distribution.cdf(-abs(t))
        let critical = distribution.quantile(1 - (1 - level) / 2)
        lower = meanChange - critical * standardError
        upper = meanChange + critical * standardError
        dz = meanChange / standardDeviation
    }
}
