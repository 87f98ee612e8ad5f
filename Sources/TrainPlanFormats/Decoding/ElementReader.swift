import TrainPlanCore
import TrainPlanXML

/// Reads one document's elements into values, turning every departure from the format into a
/// finding at the exact attribute or element, with a hint.
struct ElementReader {
    static let xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"
    /// The `xsi:` attributes that point an editor at a schema; XML Schema accepts them anywhere.
    static let xsiAllowed: Set<String> = ["schemaLocation", "noNamespaceSchemaLocation"]

    let file: String
    private(set) var findings: [Finding] = []

    init(file: String) {
        self.file = file
    }

    func location(_ position: XMLPosition) -> SourceLocation {
        SourceLocation(file: file, line: position.line, column: position.column)
    }

    func location(_ element: XMLElement) -> SourceLocation { location(element.position) }

    mutating func report(
        _ id: String, _ message: String, hint: String? = nil, at position: XMLPosition,
        severity: Severity = .error
    ) {
        findings.append(
            Finding(id: id, severity: severity, message: message, hint: hint, location: location(position)))
    }

    /// Reports unknown and missing attributes, unknown or repeated child elements, and text
    /// where the format takes none: every rule of the bundled schemas for the element's shape,
    /// so that a document this accepts is valid against its schema too. The schema-location
    /// `xsi:` attributes are allowed, for editors.
    mutating func checkShape(
        _ element: XMLElement, attributes allowed: [String], required: [String] = [],
        children: [String] = [], repeatable: [String] = [], allowsText: Bool = false
    ) {
        let attributes = element.attributes
        for index in attributes.indices {
            if let namespace = attributes[index].namespaceURI {
                if namespace == Self.xsiNamespace, Self.xsiAllowed.contains(attributes[index].name) { continue }
            } else if allowed.contains(attributes[index].name) {
                continue
            }
            let attribute = attributes[index]
            let known = allowed.map { "'\($0)'" }.joined(separator: ", ")
            report(
                "unknown-attribute",
                "<\(element.name)> has no attribute '\(attribute.qualifiedName)'."
                    + DidYouMean.clause(for: attribute.name, among: allowed),
                hint: allowed.isEmpty
                    ? "Remove the attribute: <\(element.name)> takes none."
                    : "Remove it or use one of \(known).",
                at: attribute.position)
        }
        for name in required where !attributes.contains(where: { $0.name == name && $0.namespaceURI == nil }) {
            report(
                "missing-attribute", "<\(element.name)> needs the attribute '\(name)'.",
                hint: "Add \(name)=\"…\" to the <\(element.name)> tag.", at: element.position)
        }
        var seen: [(name: String, line: Int)] = []
        if !element.children.isEmpty { seen.reserveCapacity(children.count) }
        for child in element.children {
            guard child.namespaceURI == nil, children.contains(child.name) else {
                let qualified = child.prefix.map { "\($0):\(child.name)" } ?? child.name
                let known = children.map { "<\($0)>" }.joined(separator: ", ")
                report(
                    "unknown-element",
                    "<\(qualified)> is not allowed in <\(element.name)>."
                        + DidYouMean.clause(for: child.name, among: children),
                    hint: children.isEmpty
                        ? "<\(element.name)> takes no elements: remove it."
                        : "<\(element.name)> may contain \(known).",
                    at: child.position)
                continue
            }
            if repeatable.contains(child.name) { continue }
            if let first = seen.first(where: { $0.name == child.name }) {
                report(
                    "duplicate-element",
                    "<\(child.name)> appears twice in <\(element.name)>; the first is at line \(first.line).",
                    hint: "Keep one <\(child.name)>.", at: child.position)
            } else {
                seen.append((child.name, child.position.line))
            }
        }
        if !allowsText, element.hasText {
            report(
                "unexpected-text", "<\(element.name)> holds text, which the format does not allow there.",
                hint: "Move the text into an element that takes text (a <title> or <description>).",
                at: element.position)
        }
    }

    /// The words of an attribute value separated by XML white space (space, tab, line ends).
    static func words(_ value: String) -> [String] {
        value.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// The child called `name`; reports it missing when required.
    mutating func child(_ name: String, of element: XMLElement, required: Bool = true) -> XMLElement? {
        if let found = element.child(named: name) { return found }
        if required {
            report(
                "missing-element", "<\(element.name)> needs <\(name)>.",
                hint: "Add <\(name)> inside <\(element.name)>.", at: element.position)
        }
        return nil
    }

    /// The element's text, collapsed; reports it when required and empty.
    mutating func text(of element: XMLElement, required: Bool) -> String {
        let text = element.normalizedText
        if required, text.isEmpty {
            report(
                "missing-text", "<\(element.name)> is empty.", hint: "Write its text between the tags.",
                at: element.position)
        }
        return text
    }

    /// An id attribute that must be a slug.
    mutating func slug(_ name: String, of element: XMLElement) -> String? {
        guard let attribute = element.attribute(name) else { return nil }
        let value = attribute.value
        if Self.isSlug(value) { return value }
        report(
            "invalid-id",
            "'\(value)' is not a valid \(name): ids use lower-case letters, digits and hyphens.",
            hint: "Write it as '\(Self.slugified(value))'.", at: attribute.position)
        return nil
    }

    /// A whole number greater than zero, at most `range.upperBound`; `minutes` attributes get
    /// their own finding id.
    mutating func positiveInteger(_ name: String, of element: XMLElement, in range: ClosedRange<Int>) -> Int? {
        wholeNumber(name, of: element, in: range)
    }

    /// A whole number in `range`. One that is too large to hold is out of range like any other
    /// (never a trap); `minutes` attributes get their own finding id.
    mutating func wholeNumber(_ name: String, of element: XMLElement, in range: ClosedRange<Int>) -> Int? {
        guard let attribute = element.attribute(name) else { return nil }
        let value = attribute.value.trimmingSpaces
        if let number = Int(value), range.contains(number) { return number }
        let isMinutes = name.hasSuffix("minutes")
        let digits = value.utf8.drop { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
        let isWhole = !digits.isEmpty && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        let bounds = "from \(range.lowerBound) to \(range.upperBound)"
        report(
            isMinutes ? "invalid-minutes" : "invalid-number",
            isWhole
                ? "\(name)=\"\(attribute.value)\" on <\(element.name)> is out of range: it must be \(bounds)\(isMinutes ? " minutes" : "")."
                : "\(name)=\"\(attribute.value)\" on <\(element.name)> is not a whole number \(bounds).",
            hint: isMinutes
                ? "Write the length in whole minutes, e.g. \(name)=\"\(min(max(15, range.lowerBound), range.upperBound))\"."
                : "Write a whole number such as \(name)=\"\(max(1, range.lowerBound))\".",
            at: attribute.position)
        return nil
    }

    /// One of an enumeration's raw values, read from an attribute or from text.
    mutating func choice<Value: RawRepresentable & CaseIterable>(
        _ raw: String, as _: Value.Type, what: String, at position: XMLPosition
    ) -> Value? where Value.RawValue == String {
        let value = raw.trimmingSpaces
        if let found = Value(rawValue: value) { return found }
        let names = Value.allCases.map(\.rawValue)
        report(
            "invalid-value",
            "'\(value)' is not a valid \(what)." + DidYouMean.clause(for: value, among: names),
            hint: "Use one of: " + names.joined(separator: ", ") + ".", at: position)
        return nil
    }

    /// A boolean attribute (`true`/`false`, `1`/`0`), or `nil` when absent or invalid.
    mutating func flag(_ name: String, of element: XMLElement) -> Bool? {
        guard let attribute = element.attribute(name) else { return nil }
        switch attribute.value.trimmingSpaces {
        case "true", "1": return true
        case "false", "0": return false
        default:
            report(
                "invalid-value", "\(name)=\"\(attribute.value)\" is not true or false.",
                hint: "Write \(name)=\"true\" or \(name)=\"false\".", at: attribute.position)
            return nil
        }
    }

    static func isSlug(_ value: String) -> Bool {
        guard let first = value.utf8.first, isSlugByte(first), first != UInt8(ascii: "-") else {
            return false
        }
        return value.utf8.allSatisfy(isSlugByte)
    }

    private static func isSlugByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
    }

    static func slugified(_ value: String) -> String {
        let words = value.lowercased().split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
        let slug = words.joined(separator: "-")
        return slug.isEmpty ? "session-1" : slug
    }
}

extension String {
    /// The string without leading and trailing XML white space (space, tab, CR, LF).
    var trimmingSpaces: String {
        let bytes = utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }) else { return "" }
        guard let last = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
        if first == bytes.startIndex, bytes.index(after: last) == bytes.endIndex { return self }
        return String(self[first...last])
    }
}
