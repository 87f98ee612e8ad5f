// Student's t distribution (issue 15): paired and two-sample t tests and their intervals.

/// Student's t distribution with `degreesOfFreedom` > 0 (not necessarily whole; +∞ is the normal).
///
/// Every function returns NaN when the degrees of freedom are not positive (or NaN), or the
/// argument is NaN.
public struct StudentT: Sendable, Equatable {
    /// The degrees of freedom ν.
    public var degreesOfFreedom: Double

    /// The distribution with ν degrees of freedom (checked when used, not here).
    public init(degreesOfFreedom: Double) {
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// Beyond this many degrees of freedom the t and normal distributions differ by less than
    /// 1e-12, and the incomplete beta function would need millions of terms.
    static let normalLimit = 1e12

    var isValid: Bool { degreesOfFreedom > 0 }

    /// P(T ≤ x).
    public func cdf(_ x: Double) -> Double {
        guard isValid, !x.isNaN else { return .nan }
        if x == 0 { return 0.5 }
        let tail = upperTail(abs(x))
        return x > 0 ? 1 - tail : tail
    }

    /// P(T > x).
    public func survival(_ x: Double) -> Double {
        cdf(-x)
    }

    /// P(T > t) for t > 0: ½ I_{ν/(ν+t²)}(ν/2, ½).
    func upperTail(_ t: Double) -> Double {
        if t == .infinity { return 0 }
        let nu = degreesOfFreedom
        if nu > Self.normalLimit { return Normal.survival(t) }
        // ν/(ν+t²) loses digits when t² ≫ ν; 1/(1 + t²/ν) is the same number computed stably.
        let x = 1 / (1 + (t / nu.squareRoot()) * (t / nu.squareRoot()))
        return 0.5 * SpecialFunctions.regularizedBeta(nu / 2, 0.5, x)
    }

    /// The x with P(T ≤ x) = p: ∓∞ at 0 and 1, NaN outside [0, 1].
    public func quantile(_ p: Double) -> Double {
        guard isValid, p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if degreesOfFreedom > Self.normalLimit { return Normal.quantile(p) }
        let tail = min(p, 1 - p)
        let t = solveIncreasing(from: 0, target: -tail, start: 1) { -upperTail($0) }
        return p < 0.5 ? -t : t
    }
}
