// Cox proportional-hazards regression with Efron's handling of tied event times (issue 15), as
// lifelines' `CoxPHFitter` (no penalizer) fits it.
//
// Newton–Raphson on centred and scaled covariates (as lifelines does; the estimates are the same,
// the iteration is better conditioned), from β = 0, with the step halved until the log partial
// likelihood does not fall. Every way the fit can go wrong is a `CoxFitFailure`, never a trap or a
// loop without end: at most `iterationLimit` steps and 60 halvings per step.

import Foundation

/// One covariate's estimate.
public struct CoxCoefficient: Sendable, Equatable {
    /// The covariate's name, as given to `fit`.
    public var name: String
    /// log hazard ratio per unit of the covariate.
    public var coefficient: Double
    /// The standard error, from the inverse information at the estimate.
    public var standardError: Double
    /// exp(coefficient): the factor on the hazard per unit of the covariate.
    public var hazardRatio: Double
    /// The Wald interval of the coefficient: coefficient ∓ z · standardError.
    public var lower: Double
    /// The upper bound (see above).
    public var upper: Double
    /// exp(lower) and exp(upper): the interval of the hazard ratio.
    public var hazardRatioLower: Double
    /// See `hazardRatioLower`.
    public var hazardRatioUpper: Double
    /// coefficient / standardError.
    public var z: Double
    /// The two-sided Wald p-value, P(χ²(1) ≥ z²).
    public var pValue: Double
}

/// Why a Cox model could not be fitted.
public enum CoxFitFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// No subjects, or no covariates.
    case empty
    /// Row `row` has a time that is not finite and non-negative, a covariate that is not finite,
    /// or a different number of covariates from the names.
    case invalidRow(row: Int)
    /// Nobody had the event, so there is nothing to compare.
    case noEvents
    /// The covariate takes one value for everybody.
    case constantCovariate(name: String)
    /// The covariate has two values and one of them belongs to a single subject: a hazard ratio
    /// resting on one person is not an estimate.
    case groupOfOne(name: String)
    /// The coefficient runs off to infinity (the covariate separates who leaves from who stays,
    /// or from when): the likelihood keeps rising without a maximum.
    case separation(name: String)
    /// The information matrix is singular (covariates that are linear combinations of others).
    case singularInformation
    /// Newton–Raphson did not settle within the iteration limit.
    case notConverged(iterations: Int)

    /// One sentence for a report.
    public var description: String {
        switch self {
        case .empty: return "there are no subjects or no covariates"
        case .invalidRow(let row): return "row \(row) has a time or covariate that is not a usable number"
        case .noEvents: return "no subject had the event"
        case .constantCovariate(let name): return "covariate \(name) is the same for everybody"
        case .groupOfOne(let name): return "covariate \(name) singles out one subject"
        case .separation(let name): return "covariate \(name) separates the outcomes (no finite estimate)"
        case .singularInformation: return "the covariates are collinear"
        case .notConverged(let iterations): return "no convergence after \(iterations) iterations"
        }
    }
}

/// A fitted Cox proportional-hazards model.
public struct CoxProportionalHazards: Sendable, Equatable {
    /// One estimate per covariate, in the order of the names.
    public var coefficients: [CoxCoefficient]
    /// The covariance matrix of the coefficients (the inverse information), by rows.
    public var covariance: [[Double]]
    /// The log partial likelihood at the estimate (Efron).
    public var logPartialLikelihood: Double
    /// Newton–Raphson steps taken.
    public var iterations: Int

    /// At most this many Newton–Raphson steps (lifelines allows 500, it converges in under 10).
    public static let iterationLimit = 100
    /// A coefficient beyond this many log units per standard deviation of its covariate is taken
    /// for separation (a hazard ratio of e²⁵ per SD has no finite support in the data).
    static let separationLimit = 25.0

    /// Fits the model. `covariates[i]` holds subject i's values, one per name; `level` sets the
    /// intervals (0.95 for 95 %).
    public static func fit(
        observations: [Observation], covariates: [[Double]], names: [String], level: Double = 0.95
    ) -> Result<CoxProportionalHazards, CoxFitFailure> {
        let p = names.count
        guard !observations.isEmpty, p > 0 else { return .failure(.empty) }
        guard covariates.count == observations.count else {
            return .failure(.invalidRow(row: min(covariates.count, observations.count)))
        }
        for (row, observation) in observations.enumerated() {
            let values = covariates[row]
            guard observation.time.isFinite, observation.time >= 0, values.count == p,
                values.allSatisfy(\.isFinite)
            else { return .failure(.invalidRow(row: row)) }
        }
        guard observations.contains(where: \.event) else { return .failure(.noEvents) }
        let count = Double(observations.count)
        var means = Array(repeating: 0.0, count: p)
        var scales = Array(repeating: 0.0, count: p)
        for j in 0..<p {
            let column = covariates.map { $0[j] }
            let mean = column.reduce(0, +) / count
            let squares = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            means[j] = mean
            scales[j] = (squares / max(count - 1, 1)).squareRoot()
            let distinct = Set(column)
            guard distinct.count > 1, scales[j] > 0 else { return .failure(.constantCovariate(name: names[j])) }
            if distinct.count == 2, distinct.contains(where: { value in column.filter { $0 == value }.count == 1 }) {
                return .failure(.groupOfOne(name: names[j]))
            }
        }
        let data = EfronData(observations: observations, covariates: covariates, means: means, scales: scales)
        switch data.maximize() {
        case .failure(.separation(let index)): return .failure(.separation(name: names[index]))
        case .failure(.singularInformation): return .failure(.singularInformation)
        case .failure(.notConverged(let iterations)): return .failure(.notConverged(iterations: iterations))
        case .success(let (beta, information, logLikelihood, iterations)):
            guard let inverse = information.inverse() else { return .failure(.singularInformation) }
            let z = Normal.quantile(1 - (1 - level) / 2)
            var coefficients: [CoxCoefficient] = []
            var covariance = Array(repeating: Array(repeating: 0.0, count: p), count: p)
            for j in 0..<p {
                for k in 0..<p { covariance[j][k] = inverse[j, k] / (scales[j] * scales[k]) }
                let coefficient = beta[j] / scales[j]
                let error = covariance[j][j].squareRoot()
                let wald = coefficient / error
                coefficients.append(
                    CoxCoefficient(
                        name: names[j], coefficient: coefficient, standardError: error,
                        hazardRatio: exp(coefficient), lower: coefficient - z * error,
                        upper: coefficient + z * error, hazardRatioLower: exp(coefficient - z * error),
                        hazardRatioUpper: exp(coefficient + z * error), z: wald,
                        pValue: ChiSquare(degreesOfFreedom: 1).survival(wald * wald)))
            }
            return .success(
                CoxProportionalHazards(
                    coefficients: coefficients, covariance: covariance, logPartialLikelihood: logLikelihood,
                    iterations: iterations))
        }
    }
}

/// Failures of the maximisation, before names are attached.
enum EfronFailure: Error {
    case separation(Int)
    case singularInformation
    case notConverged(Int)
}

/// The data of a Cox fit, standardised and ordered by time from the latest, with Efron's log
/// partial likelihood and its derivatives.
struct EfronData {
    var p: Int
    /// Standardised covariates, latest time first.
    var rows: [[Double]]
    var times: [Double]
    var events: [Bool]

    init(observations: [Observation], covariates: [[Double]], means: [Double], scales: [Double]) {
        let order = observations.indices.sorted {
            observations[$0].time > observations[$1].time
                || (observations[$0].time == observations[$1].time && $0 < $1)
        }
        p = means.count
        rows = order.map { i in (0..<means.count).map { (covariates[i][$0] - means[$0]) / scales[$0] } }
        times = order.map { observations[$0].time }
        events = order.map { observations[$0].event }
    }

    /// The log partial likelihood, its gradient and the information matrix (minus the Hessian).
    func evaluate(_ beta: [Double]) -> (Double, [Double], SymmetricMatrix) {
        let eta = rows.map { row in zip(row, beta).reduce(0) { $0 + $1.0 * $1.1 } }
        // Shifting every linear predictor by one constant leaves the partial likelihood unchanged
        // and keeps exp from overflowing.
        let shift = eta.max() ?? 0
        var logLikelihood = 0.0
        var gradient = Array(repeating: 0.0, count: p)
        var information = SymmetricMatrix(size: p)
        var risk0 = 0.0
        var risk1 = Array(repeating: 0.0, count: p)
        var risk2 = SymmetricMatrix(size: p)
        var index = 0
        while index < rows.count {
            let time = times[index]
            var deaths = 0
            var death0 = 0.0
            var death1 = Array(repeating: 0.0, count: p)
            var death2 = SymmetricMatrix(size: p)
            while index < rows.count, times[index] == time {
                let row = rows[index]
                let score = exp(eta[index] - shift)
                risk0 += score
                for j in 0..<p {
                    risk1[j] += score * row[j]
                    for k in 0...j { risk2[j, k] += score * row[j] * row[k] }
                }
                if events[index] {
                    deaths += 1
                    death0 += score
                    logLikelihood += eta[index] - shift
                    for j in 0..<p {
                        death1[j] += score * row[j]
                        gradient[j] += row[j]
                        for k in 0...j { death2[j, k] += score * row[j] * row[k] }
                    }
                }
                index += 1
            }
            guard deaths > 0 else { continue }
            let d = Double(deaths)
            for l in 0..<deaths {
                let fraction = Double(l) / d
                let denominator = risk0 - fraction * death0
                logLikelihood -= log(denominator)
                var numerator = Array(repeating: 0.0, count: p)
                for j in 0..<p {
                    numerator[j] = risk1[j] - fraction * death1[j]
                    gradient[j] -= numerator[j] / denominator
                }
                for j in 0..<p {
                    for k in 0...j {
                        information[j, k] +=
                            (risk2[j, k] - fraction * death2[j, k]) / denominator
                            - numerator[j] * numerator[k] / (denominator * denominator)
                    }
                }
            }
        }
        for j in 0..<p {
            for k in 0..<j { information[k, j] = information[j, k] }
        }
        return (logLikelihood, gradient, information)
    }

    /// Newton–Raphson with step halving, from β = 0.
    func maximize() -> Result<([Double], SymmetricMatrix, Double, Int), EfronFailure> {
        var beta = Array(repeating: 0.0, count: p)
        var (logLikelihood, gradient, information) = evaluate(beta)
        for iteration in 1...CoxProportionalHazards.iterationLimit {
            guard let step = information.solve(gradient) else {
                if let index = beta.indices.max(by: { abs(beta[$0]) < abs(beta[$1]) }),
                    abs(beta[index]) > 5
                {
                    return .failure(.separation(index))
                }
                return .failure(.singularInformation)
            }
            var scale = 1.0
            var candidate = beta
            var next = (logLikelihood, gradient, information)
            var improved = false
            for _ in 0..<60 {
                candidate = zip(beta, step).map { $0 + scale * $1 }
                next = evaluate(candidate)
                if next.0.isFinite, next.0 >= logLikelihood - 1e-12 * abs(logLikelihood) {
                    improved = true
                    break
                }
                scale /= 2
            }
            let largest = step.map { abs(scale * $0) }.max() ?? 0
            if !improved {
                // No step along Newton's direction helps: at the maximum to rounding, or stuck.
                if largest < 1e-6 { return .success((beta, information, logLikelihood, iteration)) }
                return .failure(.notConverged(iteration))
            }
            beta = candidate
            (logLikelihood, gradient, information) = next
            if let index = beta.indices.first(where: { abs(beta[$0]) > CoxProportionalHazards.separationLimit }) {
                return .failure(.separation(index))
            }
            if largest < 1e-10 { return .success((beta, information, logLikelihood, iteration)) }
        }
        return .failure(.notConverged(CoxProportionalHazards.iterationLimit))
    }
}
