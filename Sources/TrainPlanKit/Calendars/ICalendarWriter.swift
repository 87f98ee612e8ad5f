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
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n":
                if !previousWasCR { out += "\\n" }
            case "\r": out += "\\n"
            default:
                // Other control characters are not allowed in TEXT; drop them.
                if scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F {
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            previousWasCR = scalar == "\r"
        }
        return out
    }

    /// A parameter value, quoted when it holds characters that need it.
    static func parameterValue(_ value: String) -> String {
        let cleaned = value.filter { $0 != "\"" && !$0.isNewline }
        return cleaned.contains(where: { ":;,".contains($0) }) ? "\"\(cleaned)\"" : cleaned
    }

    /// The unfolded content line of a property.
    static func contentLine(_ property: Property) -> String {
        var line = property.name
        for (name, value) in property.parameters { line += ";\(name)=\(parameterValue(value))" }
        switch property.value {
        case .text(let text): line += ":" + escapeText(text)
        case .raw(let raw): line += ":" + raw
        }
        return line
    }

    /// Folds a content line into physical lines of at most 75 octets (continuations start
    /// with one space), never inside a UTF-8 sequence, each ended by CRLF.
    public static func fold(_ line: String) -> String {
        var out = ""
        var current: [UInt8] = []
        var limit = 75
        for scalar in line.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if current.count + bytes.count > limit {
                out += String(decoding: current, as: UTF8.self) + "\r\n"
                current = [0x20]
                limit = 75
            }
            current += bytes
        }
        return out + String(decoding: current, as: UTF8.self) + "\r\n"
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
        var out = fold("BEGIN:\(component.name)")
        for property in component.properties { out += fold(contentLine(property)) }
        for child in component.components { out += serialize(child) }
        return out + fold("END:\(component.name)")
    }
}
