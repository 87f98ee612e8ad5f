// Power of the two-sample t test and the smallest effect it can detect (issue 15): "with 24
// mentors per group, only differences of d ≥ 0.82 can be detected with 80 % power". Equal to
// statsmodels' TTestIndPower (two-sided, both tails counted).

/// The two-sided Student t test of two independent groups, planned with `alpha`.
public struct TwoSamplePower: Sendable, Equatable {
    /// The planned group sizes.
    public var firstCount: Int
    /// See `firstCount`.
    public var secondCount: Int
    /// The two-sided significance level.
    public var alpha: Double

    /// A planned comparison of two groups of the given sizes.
    public init(firstCount: Int, secondCount: Int, alpha: Double = 0.05) {
        self.firstCount = firstCount
        self.secondCount = secondCount
        self.alpha = alpha
    }

    /// P(reject) when the true standardised difference is `effectSize`:
    /// P(T > c) + P(T < −c) for T noncentral t with n₁ + n₂ − 2 degrees of freedom and
    /// noncentrality d √(n₁ n₂ / (n₁ + n₂)), c the two-sided critical value. NaN with fewer than two
    /// per group in total degrees of freedom, or alpha outside (0, 1).
    public func power(effectSize: Double) -> Double {
        guard firstCount >= 1, secondCount >= 1, firstCount + secondCount > 2, alpha > 0, alpha < 1 else {
            return .nan
        }
        let n1 = Double(firstCount)
        let n2 = Double(secondCount)
        let df = n1 + n2 - 2
        let critical = StudentT(degreesOfFreedom: df).quantile(1 - alpha / 2)
        let distribution = NoncentralT(
            degreesOfFreedom: df, noncentrality: effectSize * (n1 * n2 / (n1 + n2)).squareRoot())
        return distribution.survival(critical) + distribution.cdf(-critical)
    }

    /// The smallest d > 0 with `power(effectSize: d)` = `power`, by bisection to 1e-12 from a
    /// bracket around the normal approximation (z₁₋α/₂ + z_power) √(1/n₁ + 1/n₂), which keeps the
    /// noncentrality small whatever the group sizes; nil when the inputs are unusable.
    public func minimumDetectableEffect(power target: Double = 0.8) -> Double? {
        guard target > alpha, target < 1, power(effectSize: 0).isFinite else { return nil }
        let n1 = Double(firstCount)
        let n2 = Double(secondCount)
        let guess =
            (Normal.quantile(1 - alpha / 2) + Normal.quantile(target)) * (1 / n1 + 1 / n2).squareRoot()
        var low = 0.0
        var high = 2 * guess
        var doublings = 0
        while power(effectSize: high) < target {
            low = high
            high *= 2
            doublings += 1
            if doublings > 8 || !high.isFinite { return nil }
        }
        for _ in 0..<200 where high - low > 1e-12 {
            let middle = (low + high) / 2
            let value = power(effectSize: middle)
            guard value.isFinite else { return nil }
            if value < target { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}
