extension String {
    /// The text with every control character written out (`\n`, `\r`, `\t`, `\u{1B}`, …), for
    /// a value echoed inside a line of text: a value from a file can then neither start a line
    /// of its own (a forged `::error` command in a CI log, a forged `file:line:col`) nor move
    /// the terminal's cursor.
    package var visible: String { escapingControls(keepingLines: false) }

    /// As `visible`, but keeping line ends and tabs: for whole reports, whose values were
    /// made visible already, on their way to a terminal.
    package var visibleKeepingLines: String { escapingControls(keepingLines: true) }

    private func escapingControls(keepingLines: Bool) -> String {
        // Fast path, one pass over the bytes: C0 controls (line ends and tabs allowed when kept),
        // DEL, and the C1 controls U+0080–U+009F (0xC2 0x80…0x9F in UTF-8).
        var copy = self
        let needed = copy.withUTF8 { bytes in
            var afterC2 = false
            for byte in bytes {
                if byte < 0x20 {
                    if !(keepingLines && (byte == 0x0A || byte == 0x09)) { return true }
                } else if byte == 0x7F || (afterC2 && byte < 0xA0) {
                    return true
                }
                afterC2 = byte == 0xC2
            }
            return false
        }
        guard needed else { return self }
        var result = ""
        result.reserveCapacity(utf8.count + 8)
        for scalar in unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x0A where keepingLines, 0x09 where keepingLines: result.unicodeScalars.append(scalar)
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            case 0x09: result += "\\t"
            case 0..<0x20, 0x7F, 0x80..<0xA0:
                result += "\\u{" + String(value, radix: 16, uppercase: true) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
