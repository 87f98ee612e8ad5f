import Testing
import TrainPlanStatistics

// Kaplan–Meier, log-rank, Cox and the proportional-hazards test against lifelines 0.30.3 on the
// generated sets and the Rossi recidivism data (Fixtures/reference.json), to 1e-6.

/// One survival data set of the fixture, with lifelines' results.
struct SurvivalCase {
    var name: String
    var observations: [Observation]
    var groups: [Int]
    var covariates: [[Double]]?
    var values: [String: Any]

    static var all: [SurvivalCase] {
        ReferenceFixture.list(ReferenceFixture.root["survival"]).map { row in
            let times = numbers(row["time"])
            let events = (row["event"] as? [Int]) ?? []
            return SurvivalCase(
                name: row["name"] as? String ?? "?",
                observations: zip(times, events).map { Observation(time: $0, event: $1 == 1) },
                groups: (row["group"] as? [Int]) ?? [],
                covariates: (row["covariates"] as? [Any])?.map(numbers),
                values: row)
        }
    }

    /// The observations split by group label, labels in ascending order (as lifelines sorts them).
    var observationsByGroup: [[Observation]] {
        Set(groups).sorted().map { label in
            zip(observations, groups).filter { $0.1 == label }.map(\.0)
        }
    }

    func section(_ key: String) -> [String: Any] {
        values[key] as? [String: Any] ?? [:]
    }
}

/// lifelines writes "inf" where the curve never reaches one half; here that is nil.
func finiteOrNil(_ value: Double) -> Double? {
    value.isFinite ? value : nil
}

@Test func kaplanMeierCurveBandAndMedianMatchLifelines() {
    let cases = SurvivalCase.all
    #expect(cases.count == 8)
    var curve = Agreement("Kaplan–Meier S(t)")
    var band = Agreement("Kaplan–Meier log(-log) band")
    var landmarks = Agreement("S(6), S(12) with interval")
    var medians = 0
    for data in cases {
        let km = KaplanMeier(data.observations)
        let reference = data.section("kaplanMeier")
        let timeline = numbers(reference["timeline"])
        let survival = numbers(reference["survival"])
        let lower = numbers(reference["lower"])
        let upper = numbers(reference["upper"])
        #expect(timeline.count > 1 && timeline.count == survival.count, "\(data.name)")
        for (index, time) in timeline.enumerated() {
            let estimate = km.estimate(at: time)
            curve.check(estimate.survival, survival[index], "\(data.name) t=\(time)")
            band.check(estimate.lower, lower[index], "\(data.name) lower t=\(time)")
            band.check(estimate.upper, upper[index], "\(data.name) upper t=\(time)")
        }
        let median = km.medianInterval()
        #expect(median.median == finiteOrNil(number(reference["median"])), "\(data.name) median")
        #expect(median.lower == finiteOrNil(number(reference["medianLower"])), "\(data.name) median lower")
        #expect(median.upper == finiteOrNil(number(reference["medianUpper"])), "\(data.name) median upper")
        if median.median != nil { medians += 1 }
        for point in ReferenceFixture.list(reference["at"]) {
            let time = number(point["time"])
            let estimate = km.estimate(at: time)
            landmarks.check(estimate.survival, number(point["survival"]), "\(data.name) S(\(time))")
            landmarks.check(estimate.lower, number(point["lower"]), "\(data.name) lower S(\(time))")
            landmarks.check(estimate.upper, number(point["upper"]), "\(data.name) upper S(\(time))")
        }
    }
    #expect(medians >= 4)
    curve.report()
    band.report()
    landmarks.report()
}

@Test func logRankMatchesLifelinesForTwoToFourGroups() throws {
    var agreement = Agreement("log-rank statistic and p")
    for data in SurvivalCase.all {
        let reference = data.section("logrank")
        let test = try #require(LogRankTest(groups: data.observationsByGroup), "\(data.name)")
        #expect(test.degreesOfFreedom == reference["df"] as? Int, "\(data.name)")
        agreement.check(test.statistic, number(reference["statistic"]), "\(data.name) statistic")
        agreement.check(test.pValue, number(reference["p"]), "\(data.name) p")
        if let pair = reference["twoGroupStatistic"] as? [String: Any] {
            agreement.check(test.statistic, number(pair["statistic"]), "\(data.name) logrank_test")
        }
    }
    #expect(agreement.count >= 14)
    agreement.report()
}

@Test func aGroupWithoutEventsIsTestedButHasNoFiniteHazardRatio() throws {
    let data = try #require(SurvivalCase.all.first { $0.name == "a group without events" })
    let byGroup = data.observationsByGroup
    #expect(byGroup.count == 2 && byGroup[1].allSatisfy { !$0.event })
    let test = try #require(LogRankTest(groups: byGroup))
    #expect(abs(test.statistic - number(data.section("logrank")["statistic"])) < 1e-9)
    let fit = CoxProportionalHazards.fit(
        observations: data.observations, covariates: data.groups.map { [Double($0)] }, names: ["group"])
    #expect(fit == .failure(.separation(name: "group")))
}
