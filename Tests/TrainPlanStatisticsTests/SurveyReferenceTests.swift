import Testing
import TrainPlanStatistics

// Scale scores, Cronbach's α, paired change, Hedges' g, Student and Welch t and the minimum
// detectable effect against numpy, scipy.stats and statsmodels (Fixtures/reference.json).

/// The fixture's survey: answers (NaN for a missing answer) and the scoring rule.
struct SurveyCase {
    var values: [String: Any]
    var scoring: ScaleScoring

    init() {
        values = ReferenceFixture.section("survey")
        scoring = ScaleScoring(
            itemCount: values["items"] as? Int ?? 0, reversed: Set(values["reversed"] as? [Int] ?? []),
            minimum: number(values["scaleMinimum"]), maximum: number(values["scaleMaximum"]),
            minimumAnswered: values["minimumAnswered"] as? Int ?? 0)
    }

    func answers(_ key: String) -> [[Double?]] {
        (values[key] as? [Any] ?? []).map { row in numbers(row).map { $0.isNaN ? nil : $0 } }
    }

    func scores(_ key: String) -> [Double?] {
        answers(key).map(scoring.score)
    }

    /// Post − pre change of the respondents in `arm` who have both scores.
    func changes(arm: Int) -> [Double] {
        let arms = values["arm"] as? [Int] ?? []
        return zip(zip(scores("pre"), scores("post")), arms).compactMap { pair, group in
            guard group == arm, let before = pair.0, let after = pair.1 else { return nil }
            return after - before
        }
    }

    func section(_ key: String) -> [String: Any] {
        values[key] as? [String: Any] ?? [:]
    }
}

@Test func scaleScoresAndCronbachAlphaMatchNumpy() throws {
    let survey = SurveyCase()
    var agreement = Agreement("scale scores and Cronbach's alpha")
    for key in ["pre", "post"] {
        let expected = numbers(survey.values[key + "Scores"])
        let actual = survey.scores(key)
        #expect(actual.count == 40 && expected.count == 40)
        for (index, score) in actual.enumerated() {
            agreement.check(score ?? .nan, expected[index], "\(key) respondent \(index)")
        }
    }
    #expect(survey.scores("pre")[3] == nil)
    let alpha = try #require(CronbachAlpha(items: survey.answers("pre").map(survey.scoring.scoredItems)))
    agreement.check(alpha.alpha, number(survey.values["cronbachAlpha"]), "alpha")
    #expect(alpha.completeCases == survey.values["cronbachAlphaCompleteCases"] as? Int)
    agreement.report()
}

@Test func pairedChangeMatchesScipyTtestRel() throws {
    let survey = SurveyCase()
    let expected = survey.section("paired")
    let change = try #require(PairedChange(pre: survey.scores("pre"), post: survey.scores("post")))
    var agreement = Agreement("paired change (ttest_rel), d_z")
    #expect(change.count == expected["n"] as? Int)
    agreement.check(change.meanChange, number(expected["meanChange"]), "mean")
    agreement.check(change.standardDeviation, number(expected["sdChange"]), "sd")
    agreement.check(change.t, number(expected["t"]), "t")
    agreement.check(change.degreesOfFreedom, number(expected["df"]), "df")
    agreement.check(change.pValue, number(expected["p"]), "p")
    agreement.check(change.lower, number(expected["lower"]), "lower")
    agreement.check(change.upper, number(expected["upper"]), "upper")
    agreement.check(change.dz, number(expected["dz"]), "d_z")
    agreement.report()
}

@Test func twoGroupComparisonsMatchScipyAndTheFormula() throws {
    let survey = SurveyCase()
    let treated = survey.changes(arm: 1)
    let control = survey.changes(arm: 0)
    var agreement = Agreement("Hedges' g, Student and Welch t")
    let g = try #require(HedgesG(first: treated, second: control))
    let expectedG = survey.section("hedges")
    #expect(g.firstCount == expectedG["n1"] as? Int && g.secondCount == expectedG["n2"] as? Int)
    for (actual, key) in [
        (g.d, "d"), (g.g, "g"), (g.standardError, "standardError"), (g.lower, "lower"), (g.upper, "upper"),
    ] {
        agreement.check(actual, number(expectedG[key]), "Hedges \(key)")
    }
    for (equal, key) in [(true, "student"), (false, "welch")] {
        let test = try #require(TwoSampleTTest(first: treated, second: control, equalVariances: equal))
        let expected = survey.section(key)
        agreement.check(test.t, number(expected["t"]), "\(key) t")
        agreement.check(test.degreesOfFreedom, number(expected["df"]), "\(key) df")
        agreement.check(test.pValue, number(expected["p"]), "\(key) p")
        agreement.check(test.difference, number(expected["difference"]), "\(key) difference")
        agreement.check(test.lower, number(expected["lower"]), "\(key) lower")
        agreement.check(test.upper, number(expected["upper"]), "\(key) upper")
    }
    agreement.report()
}

@Test func powerAndMinimumDetectableEffectMatchStatsmodels() throws {
    var agreement = Agreement("power and minimum detectable effect (TTestIndPower)")
    // solve_power stops within about 2e-6 of the root of its own power function.
    var solver = Agreement("minimum detectable effect vs solve_power's stopping point", tolerance: 1e-5)
    let rows = ReferenceFixture.list(ReferenceFixture.root["power"])
    #expect(rows.count == 4)
    for row in rows {
        let n = try #require(row["n"] as? Int)
        let planning = TwoSamplePower(firstCount: n, secondCount: n)
        let effect = try #require(planning.minimumDetectableEffect())
        agreement.check(effect, number(row["minimumDetectableEffect"]), "n = \(n)")
        solver.check(effect, number(row["solvePower"]), "n = \(n)")
        for point in ReferenceFixture.list(row["powers"]) {
            let d = number(point["effectSize"])
            agreement.check(planning.power(effectSize: d), number(point["power"]), "power n = \(n), d = \(d)")
        }
        // The example: 24 per group detects d ≈ 0.82 (0.826) with 80 % power.
        if n == 24 { #expect(effect > 0.82 && effect < 0.83) }
    }
    agreement.report()
    solver.report()
}
