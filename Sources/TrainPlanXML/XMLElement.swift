/// A position in a source document: 1-based line and column (columns count Unicode scalars).
public struct XMLPosition: Hashable, Sendable, Comparable {
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, in Unicode scalars from the start of the line.
    public var column: Int

    /// Creates a position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: XMLPosition, rhs: XMLPosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// An attribute as written in the source, with the position of its name.
public struct XMLAttribute: Hashable, Sendable {
    /// The local name.
    public var name: String
    /// The namespace prefix as written (`xsi` in `xsi:noNamespaceSchemaLocation`), if any.
    public var prefix: String?
    /// The namespace URI the prefix is bound to, if any.
    public var namespaceURI: String?
    /// The value after XML normalisation (character references resolved).
    public var value: String
    /// Where the attribute's name starts.
    public var position: XMLPosition

    /// The name as written, `prefix:name` or `name`.
    public var qualifiedName: String {
        if let prefix { "\(prefix):\(name)" } else { name }
    }
}

/// An element of a parsed document: its name, attributes, child elements and direct text,
/// each with the position where it starts in the source.
///
/// A class, read-only once built: decoders walk and pass elements around many times, and a
/// copy is then one reference, not seven.
public final class XMLElement: Equatable, Sendable {
    /// The local name.
    public let name: String
    /// The namespace URI of the element, or `nil` for no namespace.
    public let namespaceURI: String?
    /// The namespace prefix as written, if any.
    public let prefix: String?
    /// The attributes in source order (namespace declarations are not attributes).
    public let attributes: [XMLAttribute]
    /// The child elements in source order.
    public let children: [XMLElement]
    /// The element's direct text content (text and CDATA children, concatenated).
    public let text: String
    /// Where the start tag's `<` is.
    public let position: XMLPosition

    /// Creates an element.
    public init(
        name: String, namespaceURI: String?, prefix: String?, attributes: [XMLAttribute],
        children: [XMLElement], text: String, position: XMLPosition
    ) {
        self.name = name
        self.namespaceURI = namespaceURI
        self.prefix = prefix
        self.attributes = attributes
        self.children = children
        self.text = text
        self.position = position
    }

    /// Two elements are equal when they have the same name, attributes, children, text and
    /// position.
    public static func == (lhs: XMLElement, rhs: XMLElement) -> Bool {
        lhs === rhs
            || (lhs.name == rhs.name && lhs.namespaceURI == rhs.namespaceURI && lhs.prefix == rhs.prefix
                && lhs.attributes == rhs.attributes && lhs.children == rhs.children && lhs.text == rhs.text
                && lhs.position == rhs.position)
    }

    /// The attribute without a namespace called `name`, if present.
    public func attribute(_ name: String) -> XMLAttribute? {
        attributes.first { $0.name == name && $0.namespaceURI == nil }
    }

    /// The child elements called `name`, without a namespace.
    public func children(named name: String) -> [XMLElement] {
        children.filter { $0.name == name && $0.namespaceURI == nil }
    }

    /// The first child element called `name`, without a namespace (no list is built).
    public func child(named name: String) -> XMLElement? {
        children.first { $0.name == name && $0.namespaceURI == nil }
    }

    /// The direct text with runs of white space collapsed to one space and the ends trimmed.
    public var normalizedText: String {
        switch textShape {
        case .blank: return ""
        case .normalized: return text
        case .other: break
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if Self.isSpace(byte) {
                pendingSpace = !bytes.isEmpty
            } else {
                if pendingSpace { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether the direct text has anything but white space.
    public var hasText: Bool { textShape != .blank }

    private enum TextShape {
        /// Only white space, or nothing.
        case blank
        /// Already collapsed: no white space at the ends, only single spaces inside. Most titles
        /// and descriptions are, and are then returned without a copy.
        case normalized
        case other
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    /// One pass over the text's bytes.
    private var textShape: TextShape {
        var text = text
        return text.withUTF8 { bytes in
            var previousIsSpace = true
            var normalized = true
            var blank = true
            for byte in bytes {
                if Self.isSpace(byte) {
                    if byte != 0x20 || previousIsSpace { normalized = false }
                    previousIsSpace = true
                } else {
                    blank = false
                    previousIsSpace = false
                }
            }
            if blank { return .blank }
            return normalized && !previousIsSpace ? .normalized : .other
        }
    }
}
