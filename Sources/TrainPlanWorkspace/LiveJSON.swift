import TrainPlanProject

/// The live check's answer as JSON, written directly: the editor asks for it after every change,
/// and Codable's encoder cost as much as the check itself (docs/performance.md). The same
/// fields as `EditorCheck`'s Codable form, in the same (sorted) order, without `xml`: the page
/// does not need the text it sent back after every keystroke.
enum LiveJSON {
    static func check(_ check: EditorCheck) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024 + check.findings.count * 256)
        out += Array("{\"criteria\":[".utf8)
        for (index, criterion) in check.criteria.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += Array("{\"essential\":".utf8)
            out += Array((criterion.essential ? "true" : "false").utf8)
            key("id", criterion.id, &out)
            key("name", criterion.name, &out)
            key("status", criterion.status, &out)
            key("summary", criterion.summary, &out)
            out += Array(",\"weight\":\(criterion.weight)}".utf8)
        }
        out += Array("],\"file\":".utf8)
        string(check.file, &out)
        out += Array(",\"findings\":[".utf8)
        for (index, finding) in check.findings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += Array("{\"column\":\(finding.column)".utf8)
            if let criterion = finding.criterion { key("criterion", criterion, &out) }
            if let hint = finding.hint { key("hint", hint, &out) }
            key("id", finding.id, &out)
            out += Array(",\"line\":\(finding.line)".utf8)
            key("message", finding.message, &out)
            key("part", finding.part, &out)
            key("severity", finding.severity, &out)
            out.append(UInt8(ascii: "}"))
        }
        out += Array("],\"savable\":".utf8)
        out += Array((check.savable ? "true" : "false").utf8)
        if let score = check.score, score.isFinite { out += Array(",\"score\":\(score)".utf8) }
        key("verdict", check.verdict, &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    private static func key(_ name: String, _ value: String, _ out: inout [UInt8]) {
        out += Array(",\"\(name)\":".utf8)
        string(value, &out)
    }

    /// A JSON string (RFC 8259): quote, backslash and control characters escaped.
    static func string(_ text: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let hex = Array("0123456789abcdef".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                out += Array("\\u00".utf8)
                out += [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
