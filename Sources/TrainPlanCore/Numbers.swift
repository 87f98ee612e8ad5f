/// A whole number from a measured or configured value, clamped so that no value can trap.
package func wholeNumber(_ value: Double) -> Int {
    guard value.isFinite else { return value > 0 ? Int.max / 2 : 0 }
    return Int(max(min(value.rounded(.down), 1e15), -1e15))
}

/// A number as a person writes it: `0.5`, `20`, `2.25`.
package func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    let rounded = (value * 100).rounded() / 100
    var text = String(rounded)
    while text.contains("."), text.hasSuffix("0") { text.removeLast() }
    // 254.999 rounds to 255.0: "255", never "255." (which SVG does not read as a number).
    if text.hasSuffix(".") { text.removeLast() }
    return text
}

/// `62%` from a fraction.
package func percent(_ fraction: Double) -> String { "\(wholeNumber((fraction * 100).rounded()))%" }

extension String {
    /// The string with zeros in front up to `width` characters (`7` → `07`).
    package func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
