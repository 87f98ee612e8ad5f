import Foundation
import Testing
import TrainPlanStatistics

// Fixtures/kappa.json is written by Tests/tools/kappa_reference.py from scikit-learn's
// cohen_kappa_score; `--check` recomputes it in CI.

@Suite("Cohen's weighted kappa against scikit-learn")
struct KappaReferenceTests {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/kappa.json")

    static var cases: [[String: Any]] {
        guard let data = try? Data(contentsOf: url),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [] }
        return root["cases"] as? [[String: Any]] ?? []
    }

    @Test func theFixtureHoldsTheCases() {
        #expect(Self.cases.count >= 15)
    }

    @Test(arguments: CohenKappa.Weighting.allCases)
    func kappaMatchesScikitLearn(_ weighting: CohenKappa.Weighting) throws {
        for entry in Self.cases {
            let name = entry["name"] as? String ?? "?"
            let first = try #require(entry["first"] as? [Int])
            let second = try #require(entry["second"] as? [Int])
            let expected = (entry["expected"] as? [String: Any])?[weighting.rawValue]
            let kappa = CohenKappa(first, second, categories: [1, 2, 3, 4, 5], weighting: weighting)
            if expected as? String == "nan" {
                #expect(kappa == nil, "\(name): sklearn finds kappa undefined")
            } else {
                let value = try #require(expected as? Double, "\(name)")
                let measured = try #require(kappa?.kappa, "\(name): kappa is defined")
                #expect(abs(measured - value) <= 1e-12, "\(name) \(weighting): \(measured) vs sklearn \(value)")
            }
        }
    }

    @Test func percentAgreementMatches() throws {
        for entry in Self.cases {
            let first = try #require(entry["first"] as? [Int])
            let second = try #require(entry["second"] as? [Int])
            let value = try #require((entry["expected"] as? [String: Any])?["percent"] as? Double)
            let measured = try #require(CohenKappa.percentAgreement(first, second))
            #expect(abs(measured - value) <= 1e-12)
        }
    }

    @Test func ratingsOffTheScaleOrUnequalListsGiveNoKappa() {
        #expect(CohenKappa([1, 7], [1, 2], categories: [1, 2, 3, 4, 5], weighting: .linear) == nil)
        #expect(CohenKappa([1, 2], [1], categories: [1, 2, 3, 4, 5], weighting: .linear) == nil)
        #expect(CohenKappa([], [], categories: [1, 2, 3, 4, 5], weighting: .quadratic) == nil)
        #expect(CohenKappa.percentAgreement([], []) == nil)
    }
}
