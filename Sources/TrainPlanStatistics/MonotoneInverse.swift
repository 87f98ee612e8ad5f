// Inverting a monotone distribution function: the quantiles of chi-square and t (issue 15).

/// Solves `f(x) = target` for an increasing `f` on `[lower, ∞)`: the upper end is found by
/// doubling, then bisection (geometric while the bracket spans orders of magnitude) narrows it to a
/// relative width of 1e-15. Always terminates; NaN when no bracket is found or `f` gives NaN (a
/// distribution function that could not be evaluated: the search stops at once).
func solveIncreasing(
    from lower: Double, target: Double, start: Double = 1, _ f: (Double) -> Double
) -> Double {
    guard target.isFinite else { return .nan }
    var low = lower
    var high = max(start, lower + 1)
    var doublings = 0
    while true {
        let value = f(high)
        if value.isNaN { return .nan }
        if value >= target { break }
        low = high
        high *= 2
        doublings += 1
        if doublings > 1100 || !high.isFinite { return .nan }
    }
    // From a lower end of 0, steps down by sixteenths reach a tiny root in few evaluations.
    for _ in 0..<2000 {
        let width = high - low
        if width <= 1e-15 * abs(high) || width <= Double.leastNormalMagnitude { break }
        let middle: Double
        if low > 0, high / low > 4 {
            middle = (low * high).squareRoot()
        } else if low == 0, high > 1e-300 {
            middle = high / 16
        } else {
            middle = low + width / 2
        }
        if middle <= low || middle >= high { break }
        let value = f(middle)
        if value.isNaN { return .nan }
        if value < target { low = middle } else { high = middle }
    }
    return low + (high - low) / 2
}
