import Testing
import TrainPlanStatistics

// Reference values worked by hand from the product-limit and Greenwood formulas and checked with
// lifelines 0.30.3: KaplanMeierFitter().fit([4, 1, 2, 3], [1, 1, 0, 1]) gives survival_function_
// 0.75, 0.75, 0.375, 0, median_survival_time_ 3 and _cumulative_sq_ 1/12, 1/12, 7/12 (the variance is
// S² times that sum). Where S reaches 0 lifelines keeps the last sum; here the variance is infinite.

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
