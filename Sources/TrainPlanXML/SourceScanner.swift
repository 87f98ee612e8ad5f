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
        /// The tag's attributes, as positions in `SourceScanner.attributes`.
        var attributes: Range<Int>
    }

    /// An attribute's name as written (`prefix:name`), as a range of the scanned bytes, and
    /// where it starts.
    struct Attribute {
        var name: Range<Int>
        var position: XMLPosition
    }

    enum Refusal {
        case tooManyAttributes(XMLPosition, count: Int)
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var line = 1
    private var column = 1

    private(set) var startTags: [StartTag] = []
    /// The attributes of every start tag, tag after tag.
    private(set) var attributes: [Attribute] = []
    private(set) var doctypePosition: XMLPosition?

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            index = 3
        }
        // About one start tag per 60 bytes and one attribute per 40 in hand-written plans.
        startTags.reserveCapacity(bytes.count / 60 + 4)
        attributes.reserveCapacity(bytes.count / 40 + 4)
    }

    private var position: XMLPosition { XMLPosition(line: line, column: column) }

    /// Moves past the byte at `index`, counting lines and columns. A column counts Unicode
    /// scalars: every byte that is not a UTF-8 continuation byte. CR LF is one line end.
    @inline(__always)
    private mutating func advance() {
        let byte = bytes[index]
        index += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte == 0x0D {
            if index < bytes.count, bytes[index] == 0x0A { index += 1 }
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    /// Advances until the byte at `index` is `stop` or the input ends.
    @inline(__always)
    private mutating func advance(until stop: UInt8) {
        while index < bytes.count, bytes[index] != stop { advance() }
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
        let first = terminator.withUTF8Buffer { $0[0] }
        while index < bytes.count {
            advance(until: first)
            if index >= bytes.count || matches(terminator) { break }
            advance()
        }
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
            advance(until: UInt8(ascii: "<"))
            guard index < bytes.count else { break }
            if index + 1 < bytes.count, Self.isNameStart(bytes[index + 1]) {
                if let refusal = scanStartTag(maxAttributes: maxAttributes) { return refusal }
            } else if matches("<!--") {
                skip(past: "-->")
            } else if matches("<![CDATA[") {
                skip(past: "]]>")
            } else if matches("<!") {
                if doctypePosition == nil, matches("<!DOCTYPE") { doctypePosition = position }
                skip(past: ">")
            } else if matches("<?") {
                skip(past: "?>")
            } else {
                advance()
            }
        }
        return nil
    }

    /// Skips a name and returns where it lies (no string is made: most are never looked at).
    private mutating func readName() -> Range<Int> {
        let start = index
        while index < bytes.count, !Self.endsName(bytes[index]) { advance() }
        return start..<index
    }

    private mutating func scanStartTag(maxAttributes: Int) -> Refusal? {
        let tagPosition = position
        let first = attributes.count
        advance()  // '<'
        _ = readName()
        while index < bytes.count {
            let byte = bytes[index]
            if Self.isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") {
                advance()
            } else if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "<") {
                break
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                // A value; in a well-formed tag it follows '='.
                advance()
                advance(until: byte)
                if index < bytes.count { advance() }
            } else {
                let at = position
                attributes.append(Attribute(name: readName(), position: at))
                if attributes.count - first > maxAttributes {
                    return .tooManyAttributes(tagPosition, count: attributes.count - first)
                }
            }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ">") { advance() }
        startTags.append(StartTag(position: tagPosition, attributes: first..<attributes.count))
        return nil
    }
}
