// Cronbach's α, the internal consistency of a scale on the program's own data (issue 15).

/// Cronbach's α = k/(k − 1) · (1 − Σ var(itemᵢ) / var(Σ items)), sample variances (n − 1), over the
/// respondents who answered every item (listwise deletion); give it scored items (reverse items
/// already turned round, as `ScaleScoring.scoredItems` returns them).
public struct CronbachAlpha: Sendable, Equatable {
    /// α; at most 1, and negative when items disagree more than chance.
    public var alpha: Double
    /// The respondents who answered every item, on whom α was computed.
    public var completeCases: Int
    /// The number of items k.
    public var itemCount: Int

    /// Nil with fewer than two items or two complete respondents, or when the total score does not
    /// vary (α is undefined). Rows shorter than the first are incomplete.
    public init?(items rows: [[Double?]]) {
        guard let first = rows.first else { return nil }
        let k = first.count
        guard k >= 2 else { return nil }
        let complete: [[Double]] = rows.compactMap { row in
            guard row.count == k else { return nil }
            let values = row.compactMap { $0 }
            return values.count == k && values.allSatisfy(\.isFinite) ? values : nil
        }
        guard complete.count >= 2 else { return nil }
        let itemVariances = (0..<k).map { j in sampleVariance(complete.map { $0[j] }) }
        let totalVariance = sampleVariance(complete.map { $0.reduce(0, +) })
        guard totalVariance > 0 else { return nil }
        let kk = Double(k)
        alpha = kk / (kk - 1) * (1 - itemVariances.reduce(0, +) / totalVariance)
        completeCases = complete.count
        itemCount = k
    }
}

/// The mean of at least one value.
func mean(_ values: [Double]) -> Double {
    values.reduce(0, +) / Double(values.count)
}

/// The sample variance (divisor n − 1) of at least two values, by the two-pass formula.
func sampleVariance(_ values: [Double]) -> Double {
    let center = mean(values)
    return values.reduce(0) { $0 + ($1 - center) * ($1 - center) } / Double(values.count - 1)
}
