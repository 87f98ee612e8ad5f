// Two independent groups compared by their means (issue 15), as scipy.stats.ttest_ind with
// equal_var True (Student) or False (Welch), with the interval of the difference.

/// The difference of two groups' means, first − second, with a t test and interval.
public struct TwoSampleTTest: Sendable, Equatable {
    /// mean(first) − mean(second).
    public var difference: Double
    /// difference / its standard error.
    public var t: Double
    /// n₁ + n₂ − 2 (Student), or Welch–Satterthwaite's.
    public var degreesOfFreedom: Double
    /// Two-sided.
    public var pValue: Double
    /// The t interval of the difference.
    public var lower: Double
    /// The upper bound (see above).
    public var upper: Double

    /// Non-finite values are left out. Nil with fewer than two values in a group, or a `level`
    /// outside (0, 1).
    public init?(first: [Double], second: [Double], equalVariances: Bool, level: Double = 0.95) {
        let a = first.filter(\.isFinite)
        let b = second.filter(\.isFinite)
        guard a.count >= 2, b.count >= 2, level > 0, level < 1 else { return nil }
        let n1 = Double(a.count)
        let n2 = Double(b.count)
        let v1 = sampleVariance(a)
        let v2 = sampleVariance(b)
        let standardError: Double
        if equalVariances {
            degreesOfFreedom = n1 + n2 - 2
            let pooled = ((n1 - 1) * v1 + (n2 - 1) * v2) / degreesOfFreedom
            standardError = (pooled * (1 / n1 + 1 / n2)).squareRoot()
        } else {
            let q1 = v1 / n1
            let q2 = v2 / n2
            degreesOfFreedom = (q1 + q2) * (q1 + q2) / (q1 * q1 / (n1 - 1) + q2 * q2 / (n2 - 1))
            standardError = (q1 + q2).squareRoot()
        }
        difference = mean(a) - mean(b)
        t = difference / standardError
        let distribution = StudentT(degreesOfFreedom: degreesOfFreedom)
        pValue = 2 * distribution.cdf(-abs(t))
        let critical = distribution.quantile(1 - (1 - level) / 2)
        lower = difference - critical * standardError
        upper = difference + critical * standardError
    }
}
