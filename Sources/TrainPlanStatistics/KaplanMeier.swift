// Kaplan–Meier product-limit estimate with Greenwood's variance (issue 15).
//
// The median is the first event time at which the survival estimate is at or below one half, the
// rule lifelines uses (`median_survival_time_`); none when the curve never gets there.

/// One subject's follow-up: the time watched and whether the event (leaving) was seen.
public struct Observation: Sendable, Equatable {
    /// How long the subject was watched (a match's length so far, or until it closed).
    public var time: Double
    /// Whether the event was seen at `time` (the match closed); false for censored (still open).
    public var event: Bool

    /// An observation watched for `time` (≥ 0), with or without the event at its end.
    public init(time: Double, event: Bool) {
        self.time = time
        self.event = event
    }
}

/// One step of the curve: at `time`, `atRisk` were watched and `events` left.
public struct SurvivalStep: Sendable, Equatable {
    /// The step's time.
    public var time: Double
    /// Subjects still watched just before `time`.
    public var atRisk: Int
    /// Events at `time`.
    public var events: Int
    /// Subjects censored at `time` (counted at risk for its events).
    public var censored: Int
    /// The product-limit estimate just after `time`.
    public var survival: Double
    /// Greenwood's variance of `survival`: S² · Σ d / (n (n − d)); infinite once S reaches 0.
    public var variance: Double
    /// Σ d / (n (n − d)) over the steps so far, leaving out a step where everyone at risk left
    /// (lifelines' `_cumulative_sq_`); the confidence band uses it only while 0 < S < 1.
    public var greenwoodSum: Double
}

/// The Kaplan–Meier curve of a group: one step per distinct time, and the median.
public struct KaplanMeier: Sendable, Equatable {
    /// One step per distinct usable time, in ascending order.
    public var steps: [SurvivalStep]
    /// The first event time at which the estimate is at or below one half; nil if never.
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
