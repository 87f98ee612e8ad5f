// Agreement between two observers of the same session (issue 16): Cohen's weighted κ and
// percent agreement, over ordered rating categories.

/// Cohen's κ for two raters who rated the same items on one ordered scale of `categories`
/// (1 to 5 for adherence), unweighted, linearly or quadratically weighted:
/// κ = 1 − Σ wᵢⱼ Oᵢⱼ / Σ wᵢⱼ Eᵢⱼ, with O the observed table of rating pairs, E the table expected
/// from each rater's own distribution (outer product of the margins / n), and the disagreement
/// weight wᵢⱼ = 0 on the diagonal and otherwise 1, |i − j| or (i − j)² for category positions i, j.
/// The same definition as scikit-learn's `cohen_kappa_score(…, labels=…, weights=…)`.
public struct CohenKappa: Sendable, Equatable {
    /// How a disagreement between two categories counts.
    public enum Weighting: String, Sendable, CaseIterable {
        /// Any disagreement counts 1 (Cohen's original κ).
        case unweighted
        /// A disagreement counts by how many categories apart the ratings are.
        case linear
        /// A disagreement counts by the square of that distance.
        case quadratic
    }

    /// κ: 1 for perfect agreement, 0 for what chance gives, negative for less.
    public var kappa: Double
    /// The number of items both raters rated.
    public var count: Int

    /// Nil when no item was rated, a rating is not one of `categories`, or κ is undefined
    /// (both raters used one and the same category for every item, so chance explains all).
    public init?(_ first: [Int], _ second: [Int], categories: [Int], weighting: Weighting) {
        guard first.count == second.count, !first.isEmpty, !categories.isEmpty else { return nil }
        var position: [Int: Int] = [:]
        for (index, category) in categories.enumerated() where position[category] == nil {
            position[category] = index
        }
        let k = categories.count
        var observed = [Double](repeating: 0, count: k * k)
        var rowTotals = [Double](repeating: 0, count: k)
        var columnTotals = [Double](repeating: 0, count: k)
        for (a, b) in zip(first, second) {
            guard let i = position[a], let j = position[b] else { return nil }
            observed[i * k + j] += 1
            rowTotals[i] += 1
            columnTotals[j] += 1
        }
        let n = Double(first.count)
        var disagreement = 0.0
        var expectedDisagreement = 0.0
        for i in 0..<k {
            for j in 0..<k where i != j {
                let distance = Double(abs(i - j))
                let weight: Double =
                    switch weighting {
                    case .unweighted: 1
                    case .linear: distance
                    case .quadratic: distance * distance
                    }
                disagreement += weight * observed[i * k + j]
                expectedDisagreement += weight * rowTotals[i] * columnTotals[j] / n
            }
        }
        guard expectedDisagreement > 0 else { return nil }
        kappa = 1 - disagreement / expectedDisagreement
        count = first.count
    }

    /// The share of items both raters put in the same category; nil when there are none or the
    /// lists differ in length.
    public static func percentAgreement(_ first: [Int], _ second: [Int]) -> Double? {
        guard first.count == second.count, !first.isEmpty else { return nil }
        return Double(zip(first, second).filter { $0 == $1 }.count) / Double(first.count)
    }
}
