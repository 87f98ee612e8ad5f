/// The values of the import formats: each parsed from a field's text, or the sentence that
/// says why it is refused.
package enum RecordValues {
    /// The most minutes one attendance row may give: a day. One row is one offering, and no
    /// offering lasts longer.
    package static let maxMinutes = 1440

    /// An id: 1 to 64 letters, digits, `.`, `_`, `-` or `:`, starting with a letter or digit.
    /// No spaces, so a person's name cannot pass for an id.
    package static func id(_ text: String, what: String) -> Result<String, Refusal> {
        guard !text.isEmpty else { return .failure(Refusal("The \(what) is empty.")) }
        guard text.utf8.count <= 64 else {
            return .failure(Refusal("The \(what) '\(text.prefix(20))…' is longer than 64 characters."))
        }
        let allowed = text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "._-:".unicodeScalars.contains($0)
        }
        guard allowed, let first = text.unicodeScalars.first, !"._-:".unicodeScalars.contains(first) else {
            return .failure(
                Refusal(
                    "The \(what) '\(text)' is not an id: ids are letters, digits, '.', '_', '-' and ':' (no spaces).",
                    hint: "Use the pseudonymous id your program's system gives, e.g. m-0042."))
        }
        return .success(text)
    }

    /// A calendar date written YYYY-MM-DD, between 1900 and 2199.
    package static func date(_ text: String, what: String) -> Result<String, Refusal> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else {
            return .failure(
                Refusal(
                    "The \(what) '\(text)' is not a date written YYYY-MM-DD.",
                    hint: "Write dates as year-month-day, e.g. 2027-03-14."))
        }
        guard (1900...2199).contains(year), (1...12).contains(month), (1...daysIn(month, of: year)).contains(day)
        else { return .failure(Refusal("The \(what) '\(text)' is not a day of the calendar.")) }
        return .success(text)
    }

    private static func daysIn(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Whether a mentor attended: yes/no, y/n, true/false, 1/0, attended/absent (any case).
    package static func attended(_ text: String) -> Result<Bool, Refusal> {
        switch text.lowercased() {
        case "yes", "y", "true", "1", "attended", "present": .success(true)
        case "no", "n", "false", "0", "absent": .success(false)
        default:
            .failure(Refusal("'\(text)' does not say whether the mentor attended.", hint: "Write yes or no."))
        }
    }

    /// Whole minutes from 0 to `maxMinutes`. Digits only, so a number too large for any
    /// integer is refused, never trapped on.
    package static func minutes(_ text: String) -> Result<Int, Refusal> {
        let digits = text.utf8.allSatisfy { (0x30...0x39).contains($0) }
        if text.hasPrefix("-"), text.utf8.dropFirst().allSatisfy({ (0x30...0x39).contains($0) }), text.count > 1 {
            return .failure(Refusal("The minutes present, \(text), are negative."))
        }
        guard !text.isEmpty, digits else {
            return .failure(Refusal("The minutes present, '\(text)', are not a whole number."))
        }
        guard text.count <= 9, let value = Int(text), value <= maxMinutes else {
            return .failure(
                Refusal(
                    "The minutes present, \(text.count > 24 ? String(text.prefix(24)) + "…" : text), are more than "
                        + "\(maxMinutes) (a day): one row is one offering."))
        }
        return .success(value)
    }

    /// A survey wave: `pre`, `post`, or a follow-up `N-month` with N from 1 to 120 (any case;
    /// stored lower-case).
    package static func wave(_ text: String) -> Result<String, Refusal> {
        let wave = text.lowercased()
        if wave == "pre" || wave == "post" { return .success(wave) }
        if wave.hasSuffix("-month") {
            let number = wave.dropLast(6)
            if !number.isEmpty, number.count <= 3, number.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                let months = Int(number), (1...120).contains(months), !number.hasPrefix("0")
            {
                return .success(wave)
            }
        }
        return .failure(
            Refusal(
                "'\(text)' is not a wave trainplan knows.",
                hint: "Waves are pre, post, or a follow-up N-month such as 3-month or 12-month."))
    }

    /// Free text (a site, a closure reason, an item's answer): no control characters, but for
    /// line breaks and tabs where `lineBreaks` allows them (a free-text answer).
    package static func text(_ text: String, what: String, lineBreaks: Bool = false) -> Result<String, Refusal> {
        let refused = text.unicodeScalars.first {
            $0.properties.generalCategory == .control && !(lineBreaks && ["\n", "\r", "\t"].contains($0))
        }
        if let refused {
            let name = refused == "\n" || refused == "\r" ? "a line break" : "a control character"
            return .failure(Refusal("The \(what) holds \(name), which it may not."))
        }
        // A value a spreadsheet would run as a formula when the exported file is opened
        // (=, +, @, or - not starting a number): refused here, so that export can write every
        // stored value as it was imported.
        if let first = text.unicodeScalars.first,
            "=+@".unicodeScalars.contains(first)
                || (first == "-" && Double(text) == nil)
        {
            return .failure(
                Refusal(
                    "The \(what) starts with '\(first)', which a spreadsheet would take for a formula.",
                    hint: "Write it without the leading '\(first)'."))
        }
        return .success(text)
    }
}

/// Why a value is refused, before the place is known.
package struct Refusal: Error, Sendable {
    package var message: String
    package var hint: String?

    package init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}
