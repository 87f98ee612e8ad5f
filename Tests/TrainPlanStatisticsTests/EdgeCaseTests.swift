import Foundation
import Testing
import TrainPlanStatistics

// Edge cases with values worked by hand: no events, all censored, ties, a group of one, missing
// items, and hostile input that must give NaN or a typed failure, never a trap.

@Test func allCensoredCurveStaysAtOneWithNoMedianOrInterval() {
    let km = KaplanMeier([3, 5, 5, 8].map { Observation(time: $0, event: false) })
    #expect(km.estimate(at: 6) == SurvivalEstimate(time: 6, survival: 1, lower: 1, upper: 1))
    #expect(km.medianInterval() == MedianSurvival(median: nil, lower: nil, upper: nil))
    let test = LogRankTest(groups: [
        [Observation(time: 3, event: false)], [Observation(time: 5, event: false)],
    ])
    #expect(test?.statistic == 0 && test?.pValue == 1 && test?.degreesOfFreedom == 1)
}

@Test func logRankWithAGroupOfOneIsWorkedByHand() throws {
    // At t = 1 all three are at risk and the lone subject leaves: E = 1/3, V = 1·2/2 · 1·2/9 = 2/9.
    // After that its group has no one at risk. Statistic (1 − 1/3)² / (2/9) = 2; p = erfc(1).
    let test = try #require(
        LogRankTest(groups: [
            [Observation(time: 1, event: true)],
            [Observation(time: 2, event: true), Observation(time: 3, event: true)],
        ]))
    #expect(abs(test.statistic - 2) < 1e-12)
    #expect(abs(test.pValue - erfc(1)) < 1e-12)
    #expect(test.observed == [1, 2])
    #expect(abs(test.expected[0] - 1.0 / 3) < 1e-12)
    #expect(LogRankTest(groups: [[Observation(time: 1, event: true)]]) == nil)
}

@Test func kaplanMeierIntervalIsWorkedByHand() throws {
    // Four at risk, one leaves at t = 1: S = 3/4, Greenwood sum 1/(4·3) = 1/12. The log(−log)
    // bounds are S^exp(±z √(1/12) / log(4/3)).
    let km = KaplanMeier([1, 2, 3, 4].map { Observation(time: $0, event: $0 == 1) })
    let estimate = km.estimate(at: 1.5)
    let spread = Normal.quantile(0.975) * (1.0 / 12).squareRoot() / log(4.0 / 3)
    #expect(abs(estimate.lower - pow(0.75, exp(spread))) < 1e-14)
    #expect(abs(estimate.upper - pow(0.75, exp(-spread))) < 1e-14)
    #expect(estimate.lower < 0.75 && estimate.upper > 0.75)
    #expect(km.estimate(at: 0.5) == SurvivalEstimate(time: 0.5, survival: 1, lower: 1, upper: 1))
    #expect(km.estimate(at: 1, level: 2).lower.isNaN)
}

@Test func coxEfronTiesAreWorkedByHand() throws {
    // Two tied events at t = 1 (x = 1 and 0) among five at risk (x = 1, 0, 0, 0, 1), one at t = 2
    // among three (x = 0, 0, 1). With u = e^β, Efron's log partial likelihood is
    // β − log(2u + 3) − log((3u + 5)/2) − log(u + 2), so the estimate solves
    // 1 = 2u/(2u + 3) + 3u/(3u + 5) + u/(u + 2); Breslow's would solve 1 = 4u/(2u + 3) + u/(u + 2).
    let observations = [
        Observation(time: 1, event: true), Observation(time: 1, event: true),
        Observation(time: 2, event: true), Observation(time: 3, event: false),
        Observation(time: 3, event: false),
    ]
    let model = try CoxProportionalHazards.fit(
        observations: observations, covariates: [[1], [0], [0], [0], [1]], names: ["x"]
    ).get()
    let beta = model.coefficients[0].coefficient
    let u = exp(beta)
    #expect(abs(1 - 2 * u / (2 * u + 3) - 3 * u / (3 * u + 5) - u / (u + 2)) < 1e-10)
    #expect(abs(1 - 4 * u / (2 * u + 3) - u / (u + 2)) > 0.01)
    let logLikelihood = beta - log(2 * u + 3) - log((3 * u + 5) / 2) - log(u + 2)
    #expect(abs(model.logPartialLikelihood - logLikelihood) < 1e-12)
    let information =
        6 * u / ((2 * u + 3) * (2 * u + 3)) + 15 * u / ((3 * u + 5) * (3 * u + 5))
        + 2 * u / ((u + 2) * (u + 2))
    #expect(abs(model.coefficients[0].standardError - 1 / information.squareRoot()) < 1e-10)
}

@Test func coxFailuresAreTypedNotTraps() {
    let six = (1...6).map { Observation(time: Double($0), event: true) }
    func fit(_ observations: [Observation], _ rows: [[Double]], _ names: [String] = ["x"]) -> CoxFitFailure? {
        if case .failure(let failure) = CoxProportionalHazards.fit(
            observations: observations, covariates: rows, names: names)
        {
            return failure
        }
        return nil
    }
    let censored = six.map { Observation(time: $0.time, event: false) }
    #expect(fit(censored, (1...6).map { [Double($0)] }) == .noEvents)
    #expect(fit(six, [[1], [0], [0], [0], [0], [0]]) == .groupOfOne(name: "x"))
    #expect(fit(six, [[1], [1], [1], [0], [0], [0]]) == .separation(name: "x"))
    #expect(fit(six, Array(repeating: [2], count: 6)) == .constantCovariate(name: "x"))
    #expect(fit(six, (1...6).map { [Double($0 % 3), Double($0 % 3) * 2] }, ["a", "b"]) == .singularInformation)
    #expect(fit(six, [[1], [0], [.nan], [0], [1], [0]]) == .invalidRow(row: 2))
    #expect(fit(six, [[1], [0]]) == .invalidRow(row: 2))
    #expect(fit([], [], []) == .empty)
    #expect(CoxFitFailure.separation(name: "dose").description.contains("dose"))
}

@Test func scaleScoreRuleHandlesMissingAndReversedItems() throws {
    let scoring = ScaleScoring(itemCount: 6, reversed: [1], minimum: 1, maximum: 5, minimumAnswered: 4)
    // Item 2 reversed: 1 → 5. Answered 5, 5, 4, 3: mean 17/4.
    #expect(scoring.score([5, 1, nil, 4, nil, 3]) == 4.25)
    // Three answered (7 is off the scale and counts as missing): below the minimum of four.
    #expect(scoring.score([5, nil, nil, 7, 2, 3]) == nil)
    #expect(scoring.score([]) == nil)
    #expect(scoring.scoredItems([.nan, 2]) == [nil, 4, nil, nil, nil, nil])
}

@Test func cronbachAlphaUsesCompleteCasesWorkedByHand() throws {
    // Complete rows (1, 2), (2, 3), (3, 3): item variances 1 and 1/3, total variance 7/3, so
    // α = 2 (1 − (4/3)/(7/3)) = 6/7. The row with a missing answer is left out.
    let alpha = try #require(CronbachAlpha(items: [[1, 2], [2, 3], [3, 3], [nil, 1]]))
    #expect(abs(alpha.alpha - 6.0 / 7) < 1e-14)
    #expect(alpha.completeCases == 3)
    #expect(CronbachAlpha(items: [[1, 2], [nil, 3]]) == nil)
    #expect(CronbachAlpha(items: [[2, 2], [2, 2]]) == nil)
}

@Test func degenerateComparisonsGiveDocumentedValues() throws {
    // Every change is +1: no spread, so d_z and t are infinite and p is 0.
    let change = try #require(PairedChange(pre: [1, 2, 3, nil], post: [2, 3, 4, 9]))
    #expect(change.count == 3 && change.meanChange == 1 && change.standardDeviation == 0)
    #expect(change.dz == .infinity && change.t == .infinity && change.pValue == 0)
    #expect(PairedChange(pre: [1], post: [2]) == nil)
    #expect(HedgesG(first: [1, 1], second: [1, 1]) == nil)
    #expect(TwoSampleTTest(first: [1], second: [1, 2], equalVariances: false) == nil)
    #expect(TwoSamplePower(firstCount: 1, secondCount: 1).minimumDetectableEffect() == nil)
    #expect(TwoSamplePower(firstCount: 24, secondCount: 24, alpha: .nan).power(effectSize: 1).isNaN)
}

@Test func hostileDistributionInputGivesNaNOrTheDocumentedLimit() {
    #expect(SpecialFunctions.regularizedGammaP(-1, 2).isNaN)
    #expect(SpecialFunctions.regularizedGammaP(1, .nan).isNaN)
    #expect(SpecialFunctions.regularizedGammaQ(2, .infinity) == 0)
    #expect(SpecialFunctions.regularizedBeta(1, 1, 1.5).isNaN)
    #expect(ChiSquare(degreesOfFreedom: -3).cdf(1).isNaN)
    #expect(ChiSquare(degreesOfFreedom: .nan).quantile(0.5).isNaN)
    #expect(ChiSquare(degreesOfFreedom: 2).quantile(1) == .infinity)
    #expect(ChiSquare(degreesOfFreedom: 2).survival(-5) == 1)
    // exp(−x/2) for two degrees of freedom.
    #expect(abs(ChiSquare(degreesOfFreedom: 2).survival(3) - exp(-1.5)) < 1e-15)
    #expect(StudentT(degreesOfFreedom: 0).cdf(1).isNaN)
    #expect(StudentT(degreesOfFreedom: 3).quantile(-0.1).isNaN)
    #expect(StudentT(degreesOfFreedom: .infinity).cdf(1.96) == Normal.cdf(1.96))
    #expect(abs(StudentT(degreesOfFreedom: 1e15).quantile(0.975) - Normal.quantile(0.975)) < 1e-12)
    #expect(Normal.quantile(0) == -.infinity && Normal.quantile(1) == .infinity && Normal.quantile(2).isNaN)
    #expect(NoncentralT(degreesOfFreedom: 10, noncentrality: 1e6).cdf(1).isNaN)
    // Huge shapes either answer or give NaN within the iteration limit.
    let huge = ChiSquare(degreesOfFreedom: 1e300)
    #expect(huge.cdf(1) == 0 || huge.cdf(1).isNaN)
    let value = ChiSquare(degreesOfFreedom: 1e15).quantile(0.5)
    #expect(value.isNaN || abs(value / 1e15 - 1) < 1e-6)
    // One degree of freedom is the Cauchy distribution: F(x) = 1/2 + atan(x)/π.
    #expect(abs(StudentT(degreesOfFreedom: 1).cdf(2) - (0.5 + atan(2.0) / Double.pi)) < 1e-14)
}
