// Small dense symmetric matrices for the log-rank and Cox computations (issue 15): a Cholesky
// solve and inverse, and a pseudo-inverse from Jacobi's eigenvalue method. Sizes are the number of
// groups or covariates, so O(n³) is nothing. NaN input gives NaN or nil, never a trap.

import Foundation

/// A square matrix of doubles, stored by rows.
struct SymmetricMatrix: Sendable, Equatable {
    var size: Int
    var values: [Double]

    init(size: Int, repeating value: Double = 0) {
        self.size = max(size, 0)
        self.values = Array(repeating: value, count: self.size * self.size)
    }

    subscript(row: Int, column: Int) -> Double {
        get { values[row * size + column] }
        set { values[row * size + column] = newValue }
    }

    /// The lower Cholesky factor L with L Lᵀ = self; nil unless the matrix is positive definite
    /// (a pivot that is not positive and finite).
    func choleskyFactor() -> SymmetricMatrix? {
        var factor = SymmetricMatrix(size: size)
        for i in 0..<size {
            for j in 0...i {
                var sum = self[i, j]
                for k in 0..<j { sum -= factor[i, k] * factor[j, k] }
                if i == j {
                    guard sum > 0, sum.isFinite else { return nil }
                    factor[i, i] = sum.squareRoot()
                } else {
                    factor[i, j] = sum / factor[j, j]
                }
            }
        }
        return factor
    }

    /// x with self · x = b, for a positive definite matrix; nil otherwise.
    func solve(_ b: [Double]) -> [Double]? {
        guard b.count == size, let factor = choleskyFactor() else { return nil }
        var y = b
        for i in 0..<size {
            for k in 0..<i { y[i] -= factor[i, k] * y[k] }
            y[i] /= factor[i, i]
        }
        for i in stride(from: size - 1, through: 0, by: -1) {
            for k in (i + 1)..<size { y[i] -= factor[k, i] * y[k] }
            y[i] /= factor[i, i]
        }
        return y
    }

    /// The inverse of a positive definite matrix; nil otherwise.
    func inverse() -> SymmetricMatrix? {
        var result = SymmetricMatrix(size: size)
        for column in 0..<size {
            var unit = Array(repeating: 0.0, count: size)
            unit[column] = 1
            guard let solved = solve(unit) else { return nil }
            for row in 0..<size { result[row, column] = solved[row] }
        }
        return result
    }

    /// The Moore–Penrose pseudo-inverse of a symmetric matrix, dropping eigenvalues at or below
    /// 1e-15 of the largest in magnitude (numpy.linalg.pinv's default cut-off).
    func pseudoInverse() -> SymmetricMatrix {
        let (eigenvalues, vectors) = jacobiEigen()
        let largest = eigenvalues.map(abs).max() ?? 0
        var result = SymmetricMatrix(size: size)
        for (index, lambda) in eigenvalues.enumerated() where abs(lambda) > 1e-15 * largest {
            for i in 0..<size {
                for j in 0..<size { result[i, j] += vectors[i, index] * vectors[j, index] / lambda }
            }
        }
        return result
    }

    /// Eigenvalues and eigenvectors (as columns) by cyclic Jacobi rotations; at most 100 sweeps.
    func jacobiEigen() -> ([Double], SymmetricMatrix) {
        var a = self
        var vectors = SymmetricMatrix(size: size)
        for i in 0..<size { vectors[i, i] = 1 }
        for _ in 0..<100 {
            var offDiagonal = 0.0
            var diagonal = 0.0
            for i in 0..<size {
                diagonal += a[i, i] * a[i, i]
                for j in 0..<size where j != i { offDiagonal += a[i, j] * a[i, j] }
            }
            if !(offDiagonal > 1e-32 * diagonal) { break }
            for p in 0..<size {
                for q in (p + 1)..<size where a[p, q] != 0 {
                    let theta = (a[q, q] - a[p, p]) / (2 * a[p, q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot()
                    let s = t * c
                    for k in 0..<size {
                        let akp = a[k, p]
                        let akq = a[k, q]
                        a[k, p] = c * akp - s * akq
                        a[k, q] = s * akp + c * akq
                    }
                    for k in 0..<size {
                        let apk = a[p, k]
                        let aqk = a[q, k]
                        a[p, k] = c * apk - s * aqk
                        a[q, k] = s * apk + c * aqk
                    }
                    for k in 0..<size {
                        let vkp = vectors[k, p]
                        let vkq = vectors[k, q]
                        vectors[k, p] = c * vkp - s * vkq
                        vectors[k, q] = s * vkp + c * vkq
                    }
                }
            }
        }
        return ((0..<size).map { a[$0, $0] }, vectors)
    }
}
