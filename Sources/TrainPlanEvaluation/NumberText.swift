import Foundation

/// Numbers as the report writes them: fixed decimals, never "-0", the same text on every run.
enum NumberText {
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "not a number" : (value > 0 ? "∞" : "−∞") }
        let text = String(format: "%.\(digits)f", value)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            return String(text.dropFirst())
        }
        return text
    }

    static func p(_ value: Double) -> String { value < 0.001 ? "p < 0.001" : "p = " + fixed(value, 3) }

    static func percent(_ value: Double) -> String { fixed(value * 100, 0) + " %" }

    static func months(_ value: Double) -> String { fixed(value, 1) }

    static func interval(_ lower: Double?, _ upper: Double?, _ digits: Int, unit: String = "") -> String {
        switch (lower, upper) {
        case (let lower?, let upper?): return "95 % CI \(fixed(lower, digits)) to \(fixed(upper, digits))\(unit)"
        case (let lower?, nil): return "95 % CI from \(fixed(lower, digits))\(unit), its upper end not reached"
        case (nil, let upper?): return "95 % CI up to \(fixed(upper, digits))\(unit)"
        case (nil, nil): return "95 % CI not reached"
        }
    }

    static func plural(_ count: Int, _ word: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? word : plural ?? word + "s")"
    }

    /// A comparison between two groups in words, with `escape` applied to the group names
    /// (HTML's or Markdown's): the one sentence both reports print.
    static func comparison(_ comparison: GroupComparison, what: String, escape e: (String) -> String) -> String {
        let n = NumberText.self
        var out =
            "\(what) (\(e(comparison.second)) minus \(e(comparison.first)), \(comparison.secondCount) and \(comparison.firstCount) mentors): "
        if let difference = comparison.difference {
            out += "\(n.fixed(difference, 2)) (\(n.interval(comparison.lower, comparison.upper, 2)))"
            if let p = comparison.pValue { out += ", \(n.p(p))" }
            if let g = comparison.g {
                out += ", Hedges' g = \(n.fixed(g, 2)) (\(n.interval(comparison.gLower, comparison.gUpper, 2)))"
            }
        } else {
            out += e(comparison.note ?? "not computed")
        }
        if let mde = comparison.minimumDetectable {
            out += "; smallest effect detectable with 80 % power: d = \(n.fixed(mde, 2))"
        }
        return out + "."
    }

    /// A share of matches reaching a length, with its interval (both reports' cells).
    static func share(_ estimate: ShareEstimate?) -> String {
        guard let estimate else { return "not followed that long" }
        return "\(percent(estimate.share)) (\(fixed(estimate.lower * 100, 0))–\(fixed(estimate.upper * 100, 0)) %)"
    }

    /// A group's median match length with its interval, or "not reached".
    static func median(_ group: SurvivalGroup) -> String {
        group.median.map { months($0) + " (" + interval(group.medianLower, group.medianUpper, 1) + ")" }
            ?? "not reached"
    }
}
