// Hedges' g for two independent groups with its interval (issue 15).

/// The standardised mean difference, first − second, corrected for small samples.
///
/// d = (m₁ − m₂) / s_pooled; g = J · d with J = 1 − 3 / (4 (n₁ + n₂ − 2) − 1); standard error
/// J · √((n₁ + n₂)/(n₁ n₂) + d² / (2 (n₁ + n₂))); interval g ∓ z · SE (Borenstein et al. 2009,
/// Introduction to Meta-Analysis, §4.3).
public struct HedgesG: Sendable, Equatable {
    /// The group sizes after non-finite values were left out.
    public var firstCount: Int
    /// See `firstCount`.
    public var secondCount: Int
    /// Cohen's d with the pooled standard deviation.
    public var d: Double
    /// Hedges' g = J · d.
    public var g: Double
    /// The standard error of g.
    public var standardError: Double
    /// The interval g ∓ z · standardError.
    public var lower: Double
    /// The upper bound (see above).
    public var upper: Double

    /// Non-finite values are left out. Nil with fewer than two values in a group, no spread in
    /// either group, or a `level` outside (0, 1).
    public init?(first: [Double], second: [Double], level: Double = 0.95) {
        let a = first.filter(\.isFinite)
        let b = second.filter(\.isFinite)
        guard a.count >= 2, b.count >= 2, level > 0, level < 1 else { return nil }
        let n1 = Double(a.count)
        let n2 = Double(b.count)
        let pooled = (((n1 - 1) * sampleVariance(a) + (n2 - 1) * sampleVariance(b)) / (n1 + n2 - 2)).squareRoot()
        guard pooled > 0 else { return nil }
        firstCount = a.count
        secondCount = b.count
        d = (mean(a) - mean(b)) / pooled
        let correction = 1 - 3 / (4 * (n1 + n2 - 2) - 1)
        g = correction * d
        standardError = correction * ((n1 + n2) / (n1 * n2) + d * d / (2 * (n1 + n2))).squareRoot()
        let z = Normal.quantile(1 - (1 - level) / 2)
        lower = g - z * standardError
        upper = g + z * standardError
    }
}
