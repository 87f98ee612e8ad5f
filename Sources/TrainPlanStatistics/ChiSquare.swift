// The chi-square distribution (issue 15): p-values of the log-rank and proportional-hazards tests.

/// The chi-square distribution with `degreesOfFreedom` > 0 (not necessarily whole).
///
/// Every function returns NaN when the degrees of freedom are not positive and finite, or the
/// argument is NaN.
public struct ChiSquare: Sendable, Equatable {
    /// The degrees of freedom k.
    public var degreesOfFreedom: Double

    /// The distribution with k degrees of freedom (checked when used, not here).
    public init(degreesOfFreedom: Double) {
        self.degreesOfFreedom = degreesOfFreedom
    }

    var isValid: Bool { degreesOfFreedom > 0 && degreesOfFreedom.isFinite }

    /// P(X ≤ x) = P(k/2, x/2); 0 for x ≤ 0.
    public func cdf(_ x: Double) -> Double {
        guard isValid, !x.isNaN else { return .nan }
        if x <= 0 { return 0 }
        return SpecialFunctions.regularizedGammaP(degreesOfFreedom / 2, x / 2)
    }

    /// P(X > x) = Q(k/2, x/2), the p-value of a statistic x; 1 for x ≤ 0.
    public func survival(_ x: Double) -> Double {
        guard isValid, !x.isNaN else { return .nan }
        if x <= 0 { return 1 }
        return SpecialFunctions.regularizedGammaQ(degreesOfFreedom / 2, x / 2)
    }

    /// The x with P(X ≤ x) = p: 0 at p = 0, +∞ at p = 1, NaN outside [0, 1]. Upper quantiles are
    /// solved on the survival function so that p near 1 keeps its digits.
    public func quantile(_ p: Double) -> Double {
        guard isValid, p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        let start = max(degreesOfFreedom, 1)
        if p > 0.5 {
            return solveIncreasing(from: 0, target: -(1 - p), start: start) { -survival($0) }
        }
        return solveIncreasing(from: 0, target: p, start: start) { cdf($0) }
    }
}
