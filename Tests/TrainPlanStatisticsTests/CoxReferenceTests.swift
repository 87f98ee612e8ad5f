import Testing
import TrainPlanStatistics

// Cox (Efron) and the rank proportional-hazards test against lifelines' CoxPHFitter and
// proportional_hazard_test on the generated sets (one to three covariates) and Rossi (seven).

@Test func coxEfronMatchesLifelinesIncludingRossi() throws {
    var estimates = Agreement("Cox coefficients and standard errors")
    var intervals = Agreement("Cox hazard ratios, intervals, z, p")
    var likelihood = Agreement("Cox log partial likelihood")
    var proportional = Agreement("proportional-hazards test (rank)")
    // lifelines' default stopping rule leaves its coefficients up to 4.8e-6 short of the maximum.
    var defaultFit = Agreement("Cox coefficients vs lifelines' default stopping rule", tolerance: 1e-5)
    var fitted: [String] = []
    for data in SurvivalCase.all {
        guard let covariates = data.covariates else { continue }
        let reference = data.section("cox")
        let names = reference["names"] as? [String] ?? []
        let model = try CoxProportionalHazards.fit(
            observations: data.observations, covariates: covariates, names: names
        ).get()
        fitted.append(data.name)
        let expected = { (key: String) in numbers(reference[key]) }
        for (j, coefficient) in model.coefficients.enumerated() {
            let label = "\(data.name) \(coefficient.name)"
            estimates.check(coefficient.coefficient, expected("coefficients")[j], label)
            defaultFit.check(coefficient.coefficient, expected("defaultFitCoefficients")[j], label)
            estimates.check(coefficient.standardError, expected("standardErrors")[j], "\(label) se")
            intervals.check(coefficient.hazardRatio, expected("hazardRatios")[j], "\(label) HR")
            intervals.check(coefficient.lower, expected("lower")[j], "\(label) lower")
            intervals.check(coefficient.upper, expected("upper")[j], "\(label) upper")
            intervals.check(coefficient.hazardRatioLower, expected("hazardRatioLower")[j], "\(label) HR lower")
            intervals.check(coefficient.hazardRatioUpper, expected("hazardRatioUpper")[j], "\(label) HR upper")
            intervals.check(coefficient.z, expected("z")[j], "\(label) z")
            intervals.check(coefficient.pValue, expected("p")[j], "\(label) p")
        }
        #expect(model.coefficients.count == names.count)
        likelihood.check(model.logPartialLikelihood, number(reference["logPartialLikelihood"]), data.name)
        let checks = try #require(
            model.proportionalHazardsTest(observations: data.observations, covariates: covariates))
        for (j, check) in checks.enumerated() {
            proportional.check(check.statistic, expected("phTestStatistics")[j], "\(data.name) \(check.name)")
            proportional.check(check.pValue, expected("phTestP")[j], "\(data.name) \(check.name) p")
        }
    }
    #expect(fitted.count == 5)
    #expect(fitted.last?.hasPrefix("Rossi") == true)
    estimates.report()
    intervals.report()
    likelihood.report()
    proportional.report()
    defaultFit.report()
}
