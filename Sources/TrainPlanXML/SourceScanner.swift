/// A linear pass over the raw bytes, run before libxml2 sees them.
///
/// It refuses what libxml2 2.9.14 handles badly (an element with thousands of attributes makes
/// its duplicate-attribute check quadratic), and it records where every start tag and attribute
/// name begins: libxml2 keeps only a line per node, and that line is where the start tag ends.
/// On a well-formed document without a DOCTYPE, the n-th start tag found here is the n-th
/// element in document order. On malformed input the scan still ends, and its positions are
/// simply not used.
struct SourceScanner {
    struct StartTag {
        var position: XMLPosition
        /// Each attribute's name as written (`prefix:name`), as a range of the scanned bytes.
        var attributes: [(name: Range<Int>, position: XMLPosition)]
    }

    enum Refusal {
        case tooManyAttributes(XMLPosition, count: Int)
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var line = 1
    private var column = 1

    private(set) var startTags: [StartTag] = []
    private(set) var doctypePosition: XMLPosition?

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            index = 3
        }
    }

    private var position: XMLPosition { XMLPosition(line: line, column: column) }

    private func peek(_ offset: Int = 0) -> UInt8? {
        let at = index + offset
        return at < bytes.count ? bytes[at] : nil
    }

    private mutating func advance() {
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\n"):
            line += 1
            column = 1
        case UInt8(ascii: "\r"):
            if peek() == UInt8(ascii: "\n") { index += 1 }
            line += 1
            column = 1
        default:
            // Count Unicode scalars: every byte that is not a UTF-8 continuation byte.
            if byte & 0xC0 != 0x80 { column += 1 }
        }
    }

    private func matches(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { expected in
            for offset in 0..<count where bytes[index + offset] != expected[offset] { return false }
            return true
        }
    }

    private mutating func skip(past terminator: StaticString) {
        while index < bytes.count, !matches(terminator) { advance() }
        for _ in 0..<terminator.utf8CodeUnitCount where index < bytes.count { advance() }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
            || byte == 0x3A || byte >= 0x80
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: "=") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "<")
    }

    /// Scans the whole input; stops early with a refusal when an element has more than
    /// `maxAttributes` attributes.
    mutating func scan(maxAttributes: Int) -> Refusal? {
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                advance()
                continue
            }
            if matches("<!--") {
                skip(past: "-->")
            } else if matches("<![CDATA[") {
                skip(past: "]]>")
            } else if matches("<!") {
                if doctypePosition == nil, matches("<!DOCTYPE") { doctypePosition = position }
                skip(past: ">")
            } else if matches("<?") {
                skip(past: "?>")
            } else if let next = peek(1), Self.isNameStart(next) {
                if let refusal = scanStartTag(maxAttributes: maxAttributes) { return refusal }
            } else {
                advance()
            }
        }
        return nil
    }

    /// Skips a name and returns where it lies (no string is made: most are never looked at).
    private mutating func readName() -> Range<Int> {
        let start = index
        while let byte = peek(), !Self.endsName(byte) { advance() }
        return start..<index
    }

    private mutating func scanStartTag(maxAttributes: Int) -> Refusal? {
        var tag = StartTag(position: position, attributes: [])
        advance()  // '<'
        _ = readName()
        while let byte = peek() {
            if Self.isSpace(byte) {
                advance()
            } else if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "<") {
                break
            } else if byte == UInt8(ascii: "/") {
                advance()
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                // A value; in a well-formed tag it follows '='.
                advance()
                while let inner = peek(), inner != byte { advance() }
                if index < bytes.count { advance() }
            } else if byte == UInt8(ascii: "=") {
                advance()
            } else {
                let at = position
                let name = readName()
                tag.attributes.append((name, at))
                if tag.attributes.count > maxAttributes {
                    return .tooManyAttributes(tag.position, count: tag.attributes.count)
                }
            }
        }
        if peek() == UInt8(ascii: ">") { advance() }
        startTags.append(tag)
        return nil
    }
}
