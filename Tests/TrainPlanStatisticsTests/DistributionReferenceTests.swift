import Testing
import TrainPlanStatistics

// Distribution functions against scipy.special and scipy.stats (Fixtures/reference.json) to 1e-10.

@Test func regularizedGammaAndBetaMatchScipy() {
    let section = ReferenceFixture.section("distributions")
    var gamma = Agreement("regularized gamma P/Q", tolerance: 1e-10)
    for row in ReferenceFixture.list(section["regularizedGammaP"]) {
        let a = number(row["a"])
        let x = number(row["x"])
        gamma.check(SpecialFunctions.regularizedGammaP(a, x), number(row["p"]), "P(\(a), \(x))")
        gamma.check(SpecialFunctions.regularizedGammaQ(a, x), number(row["q"]), "Q(\(a), \(x))")
    }
    var beta = Agreement("regularized beta", tolerance: 1e-10)
    for row in ReferenceFixture.list(section["regularizedBeta"]) {
        let (a, b, x) = (number(row["a"]), number(row["b"]), number(row["x"]))
        beta.check(SpecialFunctions.regularizedBeta(a, b, x), number(row["value"]), "I(\(a), \(b), \(x))")
    }
    #expect(gamma.count == 70 && beta.count == 30)
    gamma.report()
    beta.report()
}

@Test func chiSquareMatchesScipy() {
    let section = ReferenceFixture.section("distributions")
    var agreement = Agreement("chi-square cdf/sf/quantile", tolerance: 1e-10)
    for row in ReferenceFixture.list(section["chiSquareCDF"]) {
        let chi = ChiSquare(degreesOfFreedom: number(row["df"]))
        let x = number(row["x"])
        agreement.check(chi.cdf(x), number(row["cdf"]), "cdf(\(x); \(chi.degreesOfFreedom))")
        agreement.check(chi.survival(x), number(row["sf"]), "sf(\(x); \(chi.degreesOfFreedom))")
    }
    for row in ReferenceFixture.list(section["chiSquareQuantile"]) {
        let chi = ChiSquare(degreesOfFreedom: number(row["df"]))
        let p = number(row["p"])
        agreement.check(chi.quantile(p), number(row["value"]), "quantile(\(p); \(chi.degreesOfFreedom))")
    }
    #expect(agreement.count > 100)
    agreement.report()
}

@Test func studentTMatchesScipy() {
    let section = ReferenceFixture.section("distributions")
    var agreement = Agreement("Student t cdf/quantile", tolerance: 1e-10)
    for row in ReferenceFixture.list(section["studentTCDF"]) {
        let t = StudentT(degreesOfFreedom: number(row["df"]))
        let x = number(row["x"])
        agreement.check(t.cdf(x), number(row["cdf"]), "cdf(\(x); \(t.degreesOfFreedom))")
    }
    for row in ReferenceFixture.list(section["studentTQuantile"]) {
        let t = StudentT(degreesOfFreedom: number(row["df"]))
        let p = number(row["p"])
        agreement.check(t.quantile(p), number(row["value"]), "quantile(\(p); \(t.degreesOfFreedom))")
    }
    #expect(agreement.count > 90)
    agreement.report()
}

@Test func normalAndNoncentralTMatchScipy() {
    let section = ReferenceFixture.section("distributions")
    var normal = Agreement("normal cdf/quantile", tolerance: 1e-10)
    for row in ReferenceFixture.list(section["normalCDF"]) {
        normal.check(Normal.cdf(number(row["x"])), number(row["cdf"]), "cdf(\(number(row["x"])))")
    }
    for row in ReferenceFixture.list(section["normalQuantile"]) {
        let p = number(row["p"])
        normal.check(Normal.quantile(p), number(row["value"]), "quantile(\(p))")
    }
    var noncentral = Agreement("noncentral t cdf", tolerance: 1e-10)
    for row in ReferenceFixture.list(section["noncentralTCDF"]) {
        let distribution = NoncentralT(degreesOfFreedom: number(row["df"]), noncentrality: number(row["nc"]))
        let x = number(row["x"])
        noncentral.check(distribution.cdf(x), number(row["cdf"]), "cdf(\(x); \(distribution))")
    }
    #expect(normal.count == 20 && noncentral.count == 36)
    normal.report()
    noncentral.report()
}
