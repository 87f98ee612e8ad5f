// The log-rank test for k ≥ 2 groups (issue 15), as lifelines' `multivariate_logrank_test` (and,
// for two groups, `logrank_test`) computes it.
//
// At each distinct time with d events among n at risk, nⱼ of them in group j: expected
// Eⱼ = d nⱼ / n, and covariance Vⱼₖ = d (n − d)/(n − 1) · nⱼ (n δⱼₖ − nₖ) / n². The statistic is
// (O − E)ᵀ V⁻ (O − E) over the first k − 1 groups (V⁻ the pseudo-inverse, so a group with no one at
// risk at any event time does not make it fail), chi-square with k − 1 degrees of freedom.

import Foundation

/// A log-rank comparison of survival between groups.
public struct LogRankTest: Sendable, Equatable {
    /// Events seen in each group, in the order the groups were given.
    public var observed: [Double]
    /// Events expected in each group if all groups shared one hazard.
    public var expected: [Double]
    /// The chi-square statistic; 0 when there are no events.
    public var statistic: Double
    /// k − 1, whatever the rank of the covariance (lifelines' convention).
    public var degreesOfFreedom: Int
    /// P(χ²(k − 1) ≥ statistic).
    public var pValue: Double

    /// Compares the groups, each a list of observations; nil with fewer than two groups.
    /// Observations whose time is not finite and non-negative are left out, as in `KaplanMeier`.
    public init?(groups: [[Observation]]) {
        let k = groups.count
        guard k >= 2 else { return nil }
        var entries: [(time: Double, group: Int, event: Bool)] = []
        for (group, observations) in groups.enumerated() {
            for observation in observations where observation.time.isFinite && observation.time >= 0 {
                entries.append((observation.time, group, observation.event))
            }
        }
        entries.sort { $0.time < $1.time }
        var atRisk = Array(repeating: 0.0, count: k)
        for entry in entries { atRisk[entry.group] += 1 }
        var observed = Array(repeating: 0.0, count: k)
        var expected = Array(repeating: 0.0, count: k)
        var covariance = SymmetricMatrix(size: k - 1)
        var index = 0
        while index < entries.count {
            let time = entries[index].time
            var eventsByGroup = Array(repeating: 0.0, count: k)
            var leaving = Array(repeating: 0.0, count: k)
            while index < entries.count, entries[index].time == time {
                if entries[index].event { eventsByGroup[entries[index].group] += 1 }
                leaving[entries[index].group] += 1
                index += 1
            }
            let d = eventsByGroup.reduce(0, +)
            let n = atRisk.reduce(0, +)
            if d > 0, n > 0 {
                for j in 0..<k {
                    observed[j] += eventsByGroup[j]
                    expected[j] += d * atRisk[j] / n
                }
                if n > 1 {
                    let factor = d * (n - d) / (n - 1) / (n * n)
                    for j in 0..<(k - 1) {
                        for m in 0..<(k - 1) {
                            let delta = j == m ? n : 0
                            covariance[j, m] += factor * atRisk[j] * (delta - atRisk[m])
                        }
                    }
                }
            }
            for j in 0..<k { atRisk[j] -= leaving[j] }
        }
        let difference = (0..<(k - 1)).map { observed[$0] - expected[$0] }
        let inverse = covariance.pseudoInverse()
        var statistic = 0.0
        for j in 0..<(k - 1) {
            for m in 0..<(k - 1) { statistic += difference[j] * inverse[j, m] * difference[m] }
        }
        self.observed = observed
        self.expected = expected
        self.statistic = statistic
        self.degreesOfFreedom = k - 1
        self.pValue = ChiSquare(degreesOfFreedom: Double(k - 1)).survival(statistic)
    }
}
