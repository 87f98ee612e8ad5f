// The noncentral t distribution (issue 15): the power of a two-sample t test.

import Foundation

/// The noncentral t distribution with `degreesOfFreedom` > 0 and noncentrality δ.
///
/// The distribution function follows Lenth (1989, Applied Statistics algorithm AS 243):
/// F(t) = Φ(−δ) + ½ Σⱼ [pⱼ I_x(j + ½, ν/2) + qⱼ I_x(j + 1, ν/2)] with x = t²/(t² + ν) for t ≥ 0,
/// and F(t; ν, δ) = 1 − F(−t; ν, −δ) below 0. NaN for NaN input, non-positive degrees of freedom,
/// or |δ| > 400 (the Poisson weights would need more than 10⁵ terms).
public struct NoncentralT: Sendable, Equatable {
    /// The degrees of freedom ν.
    public var degreesOfFreedom: Double
    /// The noncentrality δ (for a two-sample test, d √(n₁n₂/(n₁+n₂))).
    public var noncentrality: Double

    /// The distribution with ν degrees of freedom and noncentrality δ.
    public init(degreesOfFreedom: Double, noncentrality: Double) {
        self.degreesOfFreedom = degreesOfFreedom
        self.noncentrality = noncentrality
    }

    /// P(T ≤ t).
    public func cdf(_ t: Double) -> Double {
        let nu = degreesOfFreedom
        guard nu > 0, nu.isFinite, !t.isNaN, noncentrality.isFinite, abs(noncentrality) <= 400 else {
            return .nan
        }
        if t < 0 { return 1 - Self.upper(t: -t, nu: nu, delta: -noncentrality) }
        return Self.upper(t: t, nu: nu, delta: noncentrality)
    }

    /// P(T > t).
    public func survival(_ t: Double) -> Double {
        1 - cdf(t)
    }

    /// F(t; ν, δ) for t ≥ 0.
    static func upper(t: Double, nu: Double, delta: Double) -> Double {
        if t == .infinity { return 1 }
        let base = Normal.cdf(-delta)
        if t == 0 { return base }
        let x = t * t / (t * t + nu)
        let lambda = delta * delta / 2
        let logLambda = log(lambda)
        let last = Int(lambda + 12 * lambda.squareRoot() + 60)
        var sum = 0.0
        for j in 0...last {
            let k = Double(j)
            let logPoisson = j == 0 ? -lambda : -lambda + k * logLambda
            let p = exp(logPoisson - lgamma(k + 1))
            let q = delta == 0 ? 0 : delta / 2.0.squareRoot() * exp(logPoisson - lgamma(k + 1.5))
            let term =
                p * SpecialFunctions.regularizedBeta(k + 0.5, nu / 2, x)
                + q * SpecialFunctions.regularizedBeta(k + 1, nu / 2, x)
            sum += term
            if k > lambda, abs(term) < 1e-17 * max(abs(sum), 1e-300) { break }
        }
        return min(1, max(0, base + 0.5 * sum))
    }
}
