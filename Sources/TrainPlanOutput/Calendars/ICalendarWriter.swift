import TrainPlanCore
import TrainPlanFormats
import TrainPlanReview
import TrainPlanStaffing
import TrainPlanXML

/// A small, strict RFC 5545 serializer: content lines with CRLF ends, folded at 75 octets
/// without splitting a UTF-8 sequence, and TEXT values escaped — only TEXT values.
public enum ICalendarWriter {
    /// A property value and how to write it.
    public enum Value: Sendable {
        /// A TEXT value: backslash, semicolon, comma and newline are escaped.
        case text(String)
        /// Any other value type (DATE-TIME, INTEGER, CAL-ADDRESS, …), written as given.
        case raw(String)
    }

    /// One content line before folding: `NAME;PARAM=VALUE:value`.
    public struct Property: Sendable {
        public var name: String
        public var parameters: [(String, String)]
        public var value: Value

        public init(_ name: String, _ value: Value, parameters: [(String, String)] = []) {
            self.name = name
            self.value = value
            self.parameters = parameters
        }
    }

    /// Escapes a TEXT value (RFC 5545 §3.3.11).
    public static func escapeText(_ text: String) -> String {
        var out: [UInt8] = []
        appendEscaped(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends an escaped TEXT value: `\\`, `\;`, `\,` and `\n` for a line break (CRLF, CR or
    /// LF); other control characters, which TEXT may not hold, are dropped.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var previousWasCR = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: ";"), UInt8(ascii: ","):
                out.append(0x5C)
                out.append(byte)
            case 0x0A:
                if !previousWasCR {
                    out.append(0x5C)
                    out.append(UInt8(ascii: "n"))
                }
            case 0x0D:
                out.append(0x5C)
                out.append(UInt8(ascii: "n"))
            case 0x09: out.append(byte)
            case 0x00..<0x20, 0x7F: break
            default: out.append(byte)
            }
            previousWasCR = byte == 0x0D
        }
    }

    /// A parameter value, quoted when it holds characters that need it.
    static func parameterValue(_ value: String) -> String {
        // By scalars, not Characters: a quote or a colon followed by a combining mark is one
        // Character that a Character comparison would let through.
        var scalars = String.UnicodeScalarView()
        let newlines: Set<Unicode.Scalar> = ["\n", "\u{0B}", "\u{0C}", "\r", "\u{85}", "\u{2028}", "\u{2029}"]
        scalars.append(contentsOf: value.unicodeScalars.filter { $0 != "\"" && !newlines.contains($0) })
        let cleaned = String(scalars)
        return cleaned.unicodeScalars.contains(where: { $0 == ":" || $0 == ";" || $0 == "," })
            ? "\"\(cleaned)\"" : cleaned
    }

    /// The unfolded content line of a property, as bytes.
    static func contentLine(_ property: Property) -> [UInt8] {
        var line = Array(property.name.utf8)
        for (name, value) in property.parameters { line += Array(";\(name)=\(parameterValue(value))".utf8) }
        line.append(UInt8(ascii: ":"))
        switch property.value {
        case .text(let text): appendEscaped(text, to: &line)
        // A raw value (a date, a number, a zone id) never carries a control character: one
        // that slipped past the readers is dropped, so it cannot end the line and inject a
        // property of its own (`X-INJECTED:yes`).
        case .raw(let raw): line += raw.utf8.filter { $0 >= 0x20 && $0 != 0x7F }
        }
        return line
    }

    /// Folds a content line into physical lines of at most 75 octets (continuations start
    /// with one space), never inside a UTF-8 sequence, each ended by CRLF.
    public static func fold(_ line: String) -> String {
        var out: [UInt8] = []
        fold(Array(line.utf8), into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the folded line to `out`: a line may break before any byte that does not
    /// continue a UTF-8 sequence.
    static func fold(_ bytes: [UInt8], into out: inout [UInt8]) {
        // The bytes between breaks go over in one copy each (not one slice per byte: the
        // calendars of a large term are millions of lines).
        bytes.withUnsafeBufferPointer { buffer in
            var length = 0
            var index = 0
            var copied = 0
            while index < buffer.count {
                var end = index + 1
                while end < buffer.count, buffer[end] & 0xC0 == 0x80 { end += 1 }
                let size = end - index
                if length + size > 75 {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied..<index]))
                    out.append(0x0D)
                    out.append(0x0A)
                    out.append(0x20)
                    copied = index
                    length = 1
                }
                length += size
                index = end
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied..<buffer.count]))
        }
        out.append(0x0D)
        out.append(0x0A)
    }

    /// A component: its properties and nested components.
    public struct Component: Sendable {
        public var name: String
        public var properties: [Property]
        public var components: [Component]

        public init(_ name: String, properties: [Property], components: [Component] = []) {
            self.name = name
            self.properties = properties
            self.components = components
        }
    }

    /// Serializes a component tree; every line ends with CRLF, the last one included.
    public static func serialize(_ component: Component) -> String {
        var out: [UInt8] = []
        serialize(component, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func serialize(_ component: Component, into out: inout [UInt8]) {
        fold(Array("BEGIN:\(component.name)".utf8), into: &out)
        for property in component.properties { fold(contentLine(property), into: &out) }
        for child in component.components { serialize(child, into: &out) }
        fold(Array("END:\(component.name)".utf8), into: &out)
    }
}
