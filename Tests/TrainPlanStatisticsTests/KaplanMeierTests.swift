import Testing
import TrainPlanStatistics

// Reference values worked by hand from the product-limit and Greenwood formulas; the same data
// give the same numbers in lifelines' KaplanMeierFitter (survival_function_, median_survival_time_).

@Test func productLimitWithCensoringAndGreenwood() {
    let km = KaplanMeier([
        Observation(time: 4, event: true), Observation(time: 1, event: true),
        Observation(time: 2, event: false), Observation(time: 3, event: true),
    ])
    #expect(km.steps.map(\.time) == [1, 2, 3, 4])
    #expect(km.steps.map(\.atRisk) == [4, 3, 2, 1])
    #expect(km.steps.map(\.survival) == [0.75, 0.75, 0.375, 0])
    #expect(abs(km.steps[0].variance - 0.046875) < 1e-12)
    #expect(abs(km.steps[2].variance - 0.140625 * (1.0 / 12 + 0.5)) < 1e-12)
    #expect(km.steps[3].variance == .infinity)
    #expect(km.median == 3)
    #expect(km.survival(at: 0.5) == 1)
    #expect(km.survival(at: 3.5) == 0.375)
}

@Test func tiedEventsAreOneStep() {
    let km = KaplanMeier([
        Observation(time: 2, event: true), Observation(time: 2, event: true),
        Observation(time: 2, event: false), Observation(time: 5, event: false),
    ])
    #expect(km.steps.count == 2)
    #expect(km.steps[0].events == 2 && km.steps[0].censored == 1)
    #expect(km.steps[0].survival == 0.5)
    #expect(km.median == 2)
}

@Test func allCensoredHasNoMedianAndHostileTimesAreLeftOut() {
    let km = KaplanMeier([
        Observation(time: 3, event: false), Observation(time: .nan, event: true),
        Observation(time: -1, event: true), Observation(time: .infinity, event: true),
    ])
    #expect(km.steps.count == 1)
    #expect(km.steps[0].survival == 1)
    #expect(km.steps[0].variance == 0)
    #expect(km.median == nil)
    #expect(KaplanMeier([]).steps.isEmpty)
}
