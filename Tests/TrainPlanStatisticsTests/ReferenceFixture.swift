import Foundation
import Testing

// Reads Fixtures/reference.json, written by Tests/tools/statistics_reference.py from lifelines,
// scipy, statsmodels and numpy. Non-finite numbers are the strings "inf", "-inf" and "nan".

enum ReferenceFixture {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/reference.json")

    /// Parsed on each use (the file is small): `[String: Any]` cannot be a shared constant.
    static var root: [String: Any] {
        guard let data = try? Data(contentsOf: url),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return object
    }

    static func section(_ key: String) -> [String: Any] {
        root[key] as? [String: Any] ?? [:]
    }

    static func list(_ value: Any?) -> [[String: Any]] {
        value as? [[String: Any]] ?? []
    }
}

/// A fixture number: JSON numbers, and the strings the script writes for non-finite values.
func number(_ value: Any?) -> Double {
    switch value {
    case let number as NSNumber: return number.doubleValue
    case let text as String:
        switch text {
        case "inf": return .infinity
        case "-inf": return -.infinity
        default: return .nan
        }
    default: return .nan
    }
}

func numbers(_ value: Any?) -> [Double] {
    (value as? [Any] ?? []).map(number)
}

/// Compares values to a reference and remembers the largest differences, so each test can report
/// the agreement it measured. Differences are absolute, and relative to |expected| where that is
/// above 1; non-finite values must match exactly.
struct Agreement {
    var label: String
    var tolerance: Double
    var maximumAbsolute = 0.0
    var maximumRelative = 0.0
    var count = 0

    init(_ label: String, tolerance: Double = 1e-6) {
        self.label = label
        self.tolerance = tolerance
    }

    mutating func check(
        _ actual: Double, _ expected: Double, _ context: @autoclosure () -> String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        count += 1
        if !expected.isFinite || !actual.isFinite {
            let same = (expected.isNaN && actual.isNaN) || expected == actual
            #expect(same, "\(label) \(context()): \(actual) != \(expected)", sourceLocation: sourceLocation)
            return
        }
        let absolute = abs(actual - expected)
        let relative = absolute / max(abs(expected), 1e-300)
        maximumAbsolute = max(maximumAbsolute, absolute)
        if expected != 0 { maximumRelative = max(maximumRelative, relative) }
        #expect(
            absolute <= tolerance * max(1, abs(expected)),
            "\(label) \(context()): \(actual) != \(expected)", sourceLocation: sourceLocation)
    }

    func report() {
        print("agreement \(label): \(count) values, max abs \(maximumAbsolute), max rel \(maximumRelative)")
    }
}
