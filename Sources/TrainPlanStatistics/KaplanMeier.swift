// Kaplan–Meier product-limit estimate with Greenwood's variance (issue 15).
//
// The median is the first event time at which the survival estimate is at or below one half, the
// rule lifelines uses (`median_survival_time_`); none when the curve never gets there.

/// One subject's follow-up: the time watched and whether the event (leaving) was seen.
public struct Observation: Sendable, Equatable {
    public var time: Double
    public var event: Bool

    public init(time: Double, event: Bool) {
        self.time = time
        self.event = event
    }
}

/// One step of the curve: at `time`, `atRisk` were watched and `events` left.
public struct SurvivalStep: Sendable, Equatable {
    public var time: Double
    public var atRisk: Int
    public var events: Int
    public var censored: Int
    public var survival: Double
    /// Greenwood's variance of `survival`: S² · Σ d / (n (n − d)); infinite once S reaches 0.
    public var variance: Double
    /// Σ d / (n (n − d)) over the steps so far, leaving out a step where everyone at risk left
    /// (lifelines' `_cumulative_sq_`); the confidence band uses it only while 0 < S < 1.
    public var greenwoodSum: Double
}

public struct KaplanMeier: Sendable, Equatable {
    public var steps: [SurvivalStep]
    public var median: Double?

    /// Observations with a time that is not finite or is negative are left out (they cannot be
    /// ordered); the caller reports them.
    public init(_ observations: [Observation]) {
        let usable = observations.filter { $0.time.isFinite && $0.time >= 0 }
        let sorted = usable.sorted { $0.time < $1.time }
        var atRisk = sorted.count
        var survival = 1.0
        var greenwoodSum = 0.0
        var finiteGreenwoodSum = 0.0
        var steps: [SurvivalStep] = []
        var median: Double?
        var index = 0
        while index < sorted.count {
            let time = sorted[index].time
            var events = 0
            var censored = 0
            while index < sorted.count, sorted[index].time == time {
                if sorted[index].event { events += 1 } else { censored += 1 }
                index += 1
            }
            if events > 0 {
                let n = Double(atRisk)
                let d = Double(events)
                survival *= (n - d) / n
                greenwoodSum += events == atRisk ? .infinity : d / (n * (n - d))
                if events < atRisk { finiteGreenwoodSum += d / (n * (n - d)) }
            }
            let variance = survival == 0 ? .infinity : survival * survival * greenwoodSum
            steps.append(
                SurvivalStep(
                    time: time, atRisk: atRisk, events: events, censored: censored, survival: survival,
                    variance: variance, greenwoodSum: finiteGreenwoodSum))
            if median == nil, events > 0, survival <= 0.5 { median = time }
            atRisk -= events + censored
        }
        self.steps = steps
        self.median = median
    }

    /// The estimate just after `time` (a right-continuous step function); 1 before the first step.
    public func survival(at time: Double) -> Double {
        var value = 1.0
        for step in steps where step.time <= time { value = step.survival }
        return value
    }
}
