// Regularized incomplete gamma and beta functions, the kernels of the chi-square and t
// distributions (issue 15).
//
// Series and Lentz continued fractions as in Numerical Recipes (3rd ed., §6.2 and §6.4), iterated
// until the relative change is below one ulp (2.2e-16). Hostile input (NaN, a non-positive shape, x outside the
// domain, a fraction that does not settle within the iteration limit) gives NaN, never a trap.

import Foundation

/// The regularized incomplete gamma and beta functions.
public enum SpecialFunctions {
    /// How many terms a series or continued fraction may take before the answer is declared NaN.
    /// Enough for shapes up to about 10¹¹ (the count grows like √a).
    static let iterationLimit = 1_000_000
    static let epsilon = Double.ulpOfOne
    static let tiny = 1e-300

    /// The natural logarithm of |Γ(x)|.
    public static func logGamma(_ x: Double) -> Double {
        lgamma(x)
    }

    /// P(a, x) = γ(a, x) / Γ(a), the lower regularized incomplete gamma function.
    ///
    /// NaN unless a > 0 and x ≥ 0 (x = +∞ gives 1).
    public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        guard a > 0, a.isFinite, x >= 0 else { return .nan }
        if x == 0 { return 0 }
        if x == .infinity { return 1 }
        if x < a + 1 { return gammaSeries(a, x) }
        return 1 - gammaContinuedFraction(a, x)
    }

    /// Q(a, x) = 1 − P(a, x), computed directly so that small upper tails keep their digits.
    ///
    /// NaN unless a > 0 and x ≥ 0 (x = +∞ gives 0).
    public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        guard a > 0, a.isFinite, x >= 0 else { return .nan }
        if x == 0 { return 1 }
        if x == .infinity { return 0 }
        if x < a + 1 { return 1 - gammaSeries(a, x) }
        return gammaContinuedFraction(a, x)
    }

    /// The series for P(a, x), good for x < a + 1.
    static func gammaSeries(_ a: Double, _ x: Double) -> Double {
        var denominator = a
        var term = 1 / a
        var sum = term
        for _ in 0..<iterationLimit {
            denominator += 1
            term *= x / denominator
            sum += term
            if abs(term) < abs(sum) * epsilon {
                return sum * exp(-x + a * log(x) - logGamma(a))
            }
        }
        return .nan
    }

    /// The continued fraction for Q(a, x), good for x ≥ a + 1 (modified Lentz).
    static func gammaContinuedFraction(_ a: Double, _ x: Double) -> Double {
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1...iterationLimit {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon {
                return exp(-x + a * log(x) - logGamma(a)) * h
            }
        }
        return .nan
    }

    /// I_x(a, b), the regularized incomplete beta function.
    ///
    /// NaN unless a > 0, b > 0 and 0 ≤ x ≤ 1.
    public static func regularizedBeta(_ a: Double, _ b: Double, _ x: Double) -> Double {
        guard a > 0, b > 0, a.isFinite, b.isFinite, x >= 0, x <= 1 else { return .nan }
        if x == 0 { return 0 }
        if x == 1 { return 1 }
        let logFront = -logBeta(a, b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * betaContinuedFraction(a, b, x) / a
        }
        return 1 - exp(logFront) * betaContinuedFraction(b, a, 1 - x) / b
    }

    /// log B(a, b). With a large shape, log Γ(a + b) − log Γ(a) cancels most of its digits
    /// (t with 10⁶ degrees of freedom lost four), so from 10 on the Stirling forms are subtracted
    /// analytically and only their small corrections remain.
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        let large = max(a, b)
        let small = min(a, b)
        if large < 10 { return logGamma(a) + logGamma(b) - logGamma(a + b) }
        let sum = a + b
        if small < 10 {
            // log Γ(large) − log Γ(large + small), Stirling terms cancelled by hand.
            let difference =
                -((large - 0.5) * log1p(small / large) + small * log(sum) - small)
                + stirlingCorrection(large) - stirlingCorrection(sum)
            return logGamma(small) + difference
        }
        return 0.5 * log(2 * Double.pi) - 0.5 * log(sum) - (a - 0.5) * log1p(b / a)
            - (b - 0.5) * log1p(a / b) + stirlingCorrection(a) + stirlingCorrection(b)
            - stirlingCorrection(sum)
    }

    /// log Γ(x) − [(x − ½) log x − x + ½ log 2π] for x ≥ 10, to about 1e-17.
    static func stirlingCorrection(_ x: Double) -> Double {
        let inverse = 1 / x
        let square = inverse * inverse
        let series =
            1.0 / 12 - square
            * (1.0 / 360 - square
                * (1.0 / 1260 - square
                    * (1.0 / 1680 - square * (1.0 / 1188 - square * (691.0 / 360_360 - square / 156)))))
        return series * inverse
    }

    /// The continued fraction of the incomplete beta function (modified Lentz).
    static func betaContinuedFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
        let qab = a + b
        let qap = a + 1
        let qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for step in 1...iterationLimit {
            let m = Double(step)
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { return h }
        }
        return .nan
    }
}
