import Foundation

extension PersonnelTaskInstance {
    /// A proven lower bound on the workers any valid assignment needs, at least `lowerBound`
    /// (max-overlap) and often above it where workers have few qualifications.
    ///
    /// Lagrangian relaxation of "every job is covered": for multipliers λ ≥ 0,
    /// L(λ) = Σ_j λ_j + Σ_w min(0, 1 − best_w(λ)), where best_w is the heaviest set of pairwise
    /// non-overlapping jobs worker w may do (weighted interval scheduling, exact by dynamic
    /// programming). Any λ gives L(λ) ≤ the optimum: for a valid assignment, adding
    /// λ_j·(1 − covers of j) ≤ 0 to its worker count and minimising each worker's term apart
    /// gives L(λ). The multipliers are improved by subgradient steps; the result is rounded up
    /// after a safety margin for floating-point error, since the optimum is an integer.
    /// `upper` (a known worker count) sets the step size; `iterations` bounds the work.
    public func lagrangianBound(upper: Int, iterations: Int = 300) -> Int {
        let overlap = lowerBound
        guard !jobs.isEmpty, upper > overlap else { return overlap }
        var coverable = Array(repeating: false, count: jobs.count)
        // Each worker's jobs by end time, with the last earlier-compatible position for the DP.
        var orders: [[Int]] = []
        var previous: [[Int]] = []
        for list in qualifications {
            let order = Array(Set(list)).sorted {
                (jobs[$0].end, jobs[$0].start, $0) < (jobs[$1].end, jobs[$1].start, $1)
            }
            var before: [Int] = []
            before.reserveCapacity(order.count)
            for (position, job) in order.enumerated() {
                // The number of jobs in `order` ending strictly before this one starts (closed intervals).
                var low = 0
                var high = position
                while low < high {
                    let middle = (low + high) / 2
                    if jobs[order[middle]].end < jobs[job].start { low = middle + 1 } else { high = middle }
                }
                before.append(low)
                coverable[job] = true
            }
            orders.append(order)
            previous.append(before)
        }
        var lambda = Array(repeating: 0.0, count: jobs.count)
        var best = Double(overlap)
        var factor = 2.0
        var sinceImproved = 0
        var value = Array(repeating: 0.0, count: jobs.count + 1)
        var gradient = Array(repeating: 0.0, count: jobs.count)
        for _ in 0..<iterations {
            var total = 0.0
            for (job, price) in lambda.enumerated() where coverable[job] {
                total += price
                gradient[job] = 1
            }
            for (order, before) in zip(orders, previous) where !order.isEmpty {
                value[0] = 0
                for (position, job) in order.enumerated() {
                    value[position + 1] = max(value[position], value[before[position]] + lambda[job])
                }
                let heaviest = value[order.count]
                guard heaviest > 1 else { continue }
                total += 1 - heaviest
                // Walk the DP back to the chosen jobs; each is covered once more.
                var position = order.count
                while position > 0 {
                    let job = order[position - 1]
                    if value[position] == value[position - 1] {
                        position -= 1
                    } else {
                        gradient[job] -= 1
                        position = before[position - 1]
                    }
                }
            }
            if total > best + 1e-9 {
                best = total
                sinceImproved = 0
            } else {
                sinceImproved += 1
                if sinceImproved >= 20 {
                    factor /= 2
                    sinceImproved = 0
                }
            }
            if Double(upper) - best < 1 - 1e-6 { break }
            var norm = 0.0
            for (job, g) in gradient.enumerated() where coverable[job] { norm += g * g }
            guard norm > 0, factor > 1e-4 else { break }
            let step = factor * (Double(upper) - total) / norm
            for job in lambda.indices where coverable[job] { lambda[job] = max(0, lambda[job] + step * gradient[job]) }
        }
        let rounded = (best - 1e-6).rounded(.up)
        guard rounded.isFinite, rounded < Double(Int.max / 2) else { return overlap }
        return max(overlap, Int(rounded))
    }
}
