// The check of the proportional-hazards assumption (issue 15): lifelines'
// `proportional_hazard_test(cph, df, time_transform="rank")`, the Grambsch–Therneau score test with
// scaled Schoenfeld residuals against the rank of the event time.
//
// With D events, Schoenfeld residuals r (Efron: at a time with m tied events, each is
// x − (1/m) Σₗ (S₁ − (l/m) T₁)/(S₀ − (l/m) T₀)), scaled residuals s = D · r · V (V the coefficients'
// covariance) and centred ranks c = rank − mean rank, the statistic of covariate j is
// (Σ c sⱼ)² / (D · Vⱼⱼ · Σ c²), chi-square with one degree of freedom. The ranks are 1…D over
// events ordered by time, tied events in the order given (lifelines' stable sort).

import Foundation

/// The proportional-hazards test of one covariate.
public struct ProportionalHazardsCheck: Sendable, Equatable {
    /// The covariate's name.
    public var name: String
    /// The chi-square statistic (one degree of freedom).
    public var statistic: Double
    /// P(χ²(1) ≥ statistic): a small value says the covariate's effect changes over time.
    public var pValue: Double
}

extension CoxProportionalHazards {
    /// Tests each covariate's proportional hazards on the data the model was fitted to; nil when
    /// the data do not fit the model (row or covariate counts) or have no events.
    public func proportionalHazardsTest(
        observations: [Observation], covariates: [[Double]]
    ) -> [ProportionalHazardsCheck]? {
        let p = coefficients.count
        guard covariates.count == observations.count, covariates.allSatisfy({ $0.count == p }),
            covariance.count == p, covariance.allSatisfy({ $0.count == p })
        else {
            return nil
        }
        let beta = coefficients.map(\.coefficient)
        let order = observations.indices.sorted {
            let a = observations[$0]
            let b = observations[$1]
            if a.time != b.time { return a.time < b.time }
            if a.event != b.event { return !a.event }
            return $0 < $1
        }
        let eta = covariates.map { row in zip(row, beta).reduce(0) { $0 + $1.0 * $1.1 } }
        let shift = eta.max() ?? 0
        // Residuals of the events, in ascending order of time; built from the latest time back.
        var residuals: [[Double]] = []
        var risk0 = 0.0
        var risk1 = Array(repeating: 0.0, count: p)
        var position = order.count - 1
        while position >= 0 {
            let time = observations[order[position]].time
            var deaths: [Int] = []
            var death0 = 0.0
            var death1 = Array(repeating: 0.0, count: p)
            while position >= 0, observations[order[position]].time == time {
                let i = order[position]
                let score = exp(eta[i] - shift)
                risk0 += score
                for j in 0..<p { risk1[j] += score * covariates[i][j] }
                if observations[i].event {
                    deaths.append(i)
                    death0 += score
                    for j in 0..<p { death1[j] += score * covariates[i][j] }
                }
                position -= 1
            }
            guard !deaths.isEmpty else { continue }
            let m = Double(deaths.count)
            var mean = Array(repeating: 0.0, count: p)
            for l in 0..<deaths.count {
                let fraction = Double(l) / m
                let denominator = risk0 - fraction * death0
                for j in 0..<p { mean[j] += (risk1[j] - fraction * death1[j]) / (denominator * m) }
            }
            // Visited from the latest back, so the group's events go in reversed (later reversed again).
            for i in deaths { residuals.append((0..<p).map { covariates[i][$0] - mean[$0] }) }
        }
        residuals.reverse()
        let d = Double(residuals.count)
        guard d > 0 else { return nil }
        let meanRank = (d + 1) / 2
        let centred = (0..<residuals.count).map { Double($0 + 1) - meanRank }
        let squares = centred.reduce(0) { $0 + $1 * $1 }
        return (0..<p).map { j in
            var sum = 0.0
            for (k, residual) in residuals.enumerated() {
                var scaled = 0.0
                for m in 0..<p { scaled += residual[m] * covariance[m][j] }
                sum += centred[k] * d * scaled
            }
            let statistic = sum * sum / (d * covariance[j][j] * squares)
            return ProportionalHazardsCheck(
                name: coefficients[j].name, statistic: statistic,
                pValue: ChiSquare(degreesOfFreedom: 1).survival(statistic))
        }
    }
}
