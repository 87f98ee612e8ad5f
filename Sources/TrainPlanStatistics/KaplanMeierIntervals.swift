// Confidence intervals of a Kaplan–Meier curve and of its median (issue 15), as lifelines gives
// them: the exponential Greenwood ("log(−log)") interval for S(t), and the median's interval read
// off that band (`median_survival_times(kmf.confidence_interval_)`).

import Foundation

/// The survival estimate at one time, with its confidence interval.
public struct SurvivalEstimate: Sendable, Equatable {
    /// The time asked about.
    public var time: Double
    /// The estimate just after `time`.
    public var survival: Double
    /// The interval's lower and upper bounds.
    public var lower: Double
    /// The upper bound (see above).
    public var upper: Double

    /// An estimate with its interval.
    public init(time: Double, survival: Double, lower: Double, upper: Double) {
        self.time = time
        self.survival = survival
        self.lower = lower
        self.upper = upper
    }
}

/// The median survival time with its confidence interval; `nil` where the curve (or the band's
/// edge) never falls to one half, which lifelines reports as infinity.
public struct MedianSurvival: Sendable, Equatable {
    /// The first event time at which the curve is at or below one half.
    public var median: Double?
    /// The first time the band's lower edge is at or below one half.
    public var lower: Double?
    /// The first time the band's upper edge is at or below one half.
    public var upper: Double?

    /// A median with its interval.
    public init(median: Double?, lower: Double?, upper: Double?) {
        self.median = median
        self.lower = lower
        self.upper = upper
    }
}

extension KaplanMeier {
    /// The exponential Greenwood interval: with v = log S and c the Greenwood sum, the bounds are
    /// exp(−exp(log(−v) ∓ z √c / v)). Where S = 1 both bounds are 1, where S = 0 both are 0
    /// (lifelines' values). A `level` outside (0, 1) gives NaN bounds.
    static func interval(survival: Double, greenwoodSum: Double, level: Double) -> (Double, Double) {
        guard level > 0, level < 1 else { return (.nan, .nan) }
        if survival >= 1 { return (1, 1) }
        if survival <= 0 { return (0, 0) }
        let z = Normal.quantile(1 - (1 - level) / 2)
        let v = log(survival)
        let spread = z * greenwoodSum.squareRoot() / v
        return (exp(-exp(log(-v) - spread)), exp(-exp(log(-v) + spread)))
    }

    /// The estimate and interval at each step of the curve.
    public func confidenceBand(level: Double = 0.95) -> [SurvivalEstimate] {
        steps.map { step in
            let (lower, upper) = Self.interval(
                survival: step.survival, greenwoodSum: step.greenwoodSum, level: level)
            return SurvivalEstimate(time: step.time, survival: step.survival, lower: lower, upper: upper)
        }
    }

    /// The estimate just after `time` with its interval (for example the share of matches lasting
    /// 6 and 12 months); 1 with bounds 1 before the first step.
    public func estimate(at time: Double, level: Double = 0.95) -> SurvivalEstimate {
        guard let step = steps.last(where: { $0.time <= time }) else {
            let bound = level > 0 && level < 1 ? 1.0 : .nan
            return SurvivalEstimate(time: time, survival: 1, lower: bound, upper: bound)
        }
        let (lower, upper) = Self.interval(
            survival: step.survival, greenwoodSum: step.greenwoodSum, level: level)
        return SurvivalEstimate(time: time, survival: step.survival, lower: lower, upper: upper)
    }

    /// The median with its interval: the first step at which the curve, the band's lower edge and
    /// its upper edge are at or below one half.
    public func medianInterval(level: Double = 0.95) -> MedianSurvival {
        let band = confidenceBand(level: level)
        return MedianSurvival(
            median: median,
            lower: band.first(where: { $0.lower <= 0.5 })?.time,
            upper: band.first(where: { $0.upper <= 0.5 })?.time)
    }
}
