internal import CLibXML2

/// Limits the reader enforces before libxml2 sees a document.
public struct XMLReadLimits: Hashable, Sendable {
    /// The largest document accepted, in bytes.
    public var maxBytes: Int
    /// The most attributes one element may carry.
    public var maxAttributesPerElement: Int

    /// Creates limits.
    public init(maxBytes: Int = 4 << 20, maxAttributesPerElement: Int = 64) {
        self.maxBytes = maxBytes
        self.maxAttributesPerElement = maxAttributesPerElement
    }

    /// Generous for any hand-written training file (plans are a few kilobytes).
    public static let `default` = XMLReadLimits()
}

/// What reading a document produced: its element tree, if it could be parsed, and every
/// diagnostic in source order.
public struct XMLReadResult: Sendable {
    /// The root element, or `nil` when the document could not be parsed or was refused.
    public var root: XMLElement?
    /// Problems found, sorted by position.
    public var diagnostics: [XMLDiagnostic]
    /// The value of each requested XPath expression, in request order; empty when not parsed.
    public var xpathValues: [XPathValue]
}

/// Reads XML safely with libxml2: from memory, no network, no DTD, no entity substitution,
/// no XInclude, no recovery from errors, and a refusal of any DOCTYPE.
///
/// Safe to call from several threads at once; libxml2's own messages are collected per call
/// and never printed.
public enum XMLReader {
    /// Parses `bytes`, optionally validates against `schema` and evaluates `xpath` expressions
    /// on the parsed document.
    public static func read(
        _ bytes: [UInt8],
        schema: XMLSchema? = nil,
        xpath: [XPathExpression] = [],
        limits: XMLReadLimits = .default
    ) -> XMLReadResult {
        LibXML2.ensureInitialized()
        if bytes.count > limits.maxBytes {
            return refused(
                .tooLarge,
                "the file is \(bytes.count) bytes; trainplan reads XML files of at most \(limits.maxBytes) bytes",
                XMLPosition(line: 1, column: 1))
        }
        if let encoding = foreignEncoding(bytes) {
            return refused(
                .encoding, "the file is in \(encoding); trainplan reads UTF-8 only",
                XMLPosition(line: 1, column: 1))
        }
        return bytes.withUnsafeBufferPointer { buffer in
            var scanner = SourceScanner(buffer)
            if case .tooManyAttributes(let at, let count) = scanner.scan(
                maxAttributes: limits.maxAttributesPerElement)
            {
                return refused(
                    .tooManyAttributes,
                    "an element has \(count) or more attributes; at most \(limits.maxAttributesPerElement) are accepted",
                    at)
            }
            if let at = scanner.doctypePosition {
                return refused(
                    .doctype,
                    "DOCTYPE declarations are not allowed: trainplan does not read DTDs or entities",
                    at)
            }
            return parse(buffer, scanner: scanner, schema: schema, xpath: xpath)
        }
    }

    private static func refused(_ kind: XMLDiagnostic.Kind, _ message: String, _ at: XMLPosition)
        -> XMLReadResult
    {
        XMLReadResult(
            root: nil, diagnostics: [XMLDiagnostic(kind: kind, message: message, position: at)],
            xpathValues: [])
    }

    /// Names the encoding when a byte-order mark or the first bytes show something other than UTF-8.
    private static func foreignEncoding(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0x00, 0x3C]) { return "UTF-16 (big-endian)" }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0x3C, 0x00]) {
            return "UTF-16 (little-endian)"
        }
        if bytes.starts(with: [0x4C, 0x6F, 0xA7, 0x94]) { return "EBCDIC" }
        return nil
    }

    private static func parse(
        _ buffer: UnsafeBufferPointer<UInt8>,
        scanner: SourceScanner,
        schema: XMLSchema?,
        xpath: [XPathExpression]
    ) -> XMLReadResult {
        let collector = ErrorCollector()
        return collector.collecting {
            guard let base = buffer.baseAddress, buffer.count > 0 else {
                return XMLReadResult(
                    root: nil,
                    diagnostics: [
                        XMLDiagnostic(
                            kind: .malformed, message: "the file is empty",
                            position: XMLPosition(line: 1, column: 1))
                    ], xpathValues: [])
            }
            let context = base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlCreateMemoryParserCtxt($0, Int32(buffer.count))
            }
            guard let context else {
                return XMLReadResult(
                    root: nil,
                    diagnostics: [
                        XMLDiagnostic(
                            kind: .malformed, message: "libxml2 could not start a parser",
                            position: XMLPosition(line: 1, column: 1))
                    ], xpathValues: [])
            }
            defer { xmlFreeParserCtxt(context) }
            // A second guard besides the scan: a DOCTYPE stops the parser before its internal
            // subset is read, so no entity is ever declared.
            context.pointee.sax.pointee.internalSubset = stopAtDoctype
            context.pointee.sax.pointee.externalSubset = nil
            _ = xmlCtxtUseOptions(context, Int32(safeParseOptions))
            _ = xmlParseDocument(context)

            let document = context.pointee.myDoc
            context.pointee.myDoc = nil
            defer { if let document { xmlFreeDoc(document) } }

            let stopped = context.pointee.errNo == Int32(XML_ERR_USER_STOP.rawValue)
            guard let document, context.pointee.wellFormed != 0, !stopped,
                let rootNode = xmlDocGetRootElement(document)
            else {
                // The first error is the cause; libxml2's later ones are mostly its consequences.
                var diagnostics = Array(
                    collector.diagnostics(kind: .malformed).filter { $0.level == .error }.prefix(1))
                if stopped {
                    diagnostics.insert(
                        XMLDiagnostic(
                            kind: .doctype,
                            message: "DOCTYPE declarations are not allowed: trainplan does not read DTDs or entities",
                            position: XMLPosition(line: 1, column: 1)), at: 0)
                }
                if !diagnostics.contains(where: { $0.level == .error }) {
                    diagnostics.append(
                        XMLDiagnostic(
                            kind: .malformed, message: "the document has no root element",
                            position: XMLPosition(line: 1, column: 1)))
                }
                return XMLReadResult(root: nil, diagnostics: diagnostics, xpathValues: [])
            }
            if let declared = document.pointee.encoding.map({ String(cString: $0) }),
                !["UTF-8", "UTF8", "US-ASCII", "ASCII"].contains(declared.uppercased())
            {
                return refused(
                    .encoding, "the file declares encoding \"\(declared)\"; trainplan reads UTF-8 only",
                    XMLPosition(line: 1, column: 1))
            }
            let warnings = collector.diagnostics(kind: .malformed)
            collector.reset()

            var builder = TreeBuilder(scanner: scanner, source: buffer)
            let root = builder.element(rootNode)

            var schemaDiagnostics: [XMLDiagnostic] = []
            if let schema {
                schema.validate(document)
                schemaDiagnostics = collector.diagnostics(kind: .schema, positions: builder.positions)
                collector.reset()
            }
            let values = xpath.map { XPathEvaluation.evaluate($0, in: document, positions: builder.positions) }
            let diagnostics = (warnings + schemaDiagnostics).sorted { $0.position < $1.position }
            return XMLReadResult(root: root, diagnostics: diagnostics, xpathValues: values)
        }
    }

    /// Network off, CDATA as text, line numbers past 65535; never NOENT, DTDLOAD, HUGE or RECOVER.
    private static let safeParseOptions =
        XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue
}

/// The internal-subset callback: stop the parser at once.
private let stopAtDoctype: internalSubsetSAXFunc = { context, _, _, _ in
    guard let context else { return }
    xmlStopParser(context.assumingMemoryBound(to: xmlParserCtxt.self))
}

/// Builds the Swift tree from libxml2's, giving each element the position the scan found.
struct TreeBuilder {
    let startTags: [SourceScanner.StartTag]
    let scannedAttributes: [SourceScanner.Attribute]
    var next = 0
    /// The position of each libxml2 node seen, so that schema errors can point at it.
    var positions: NodePositions
    /// Names come from the parser's dictionary, one pointer per distinct name: each is made a
    /// Swift string once. A document has a few dozen names, so a list beats hashing.
    private var names: [(pointer: UnsafeRawPointer, name: String)] = []

    mutating func name(_ pointer: UnsafePointer<xmlChar>) -> String {
        let key = UnsafeRawPointer(pointer)
        for entry in names where entry.pointer == key { return entry.name }
        let made = String(cString: pointer)
        names.append((key, made))
        return made
    }

    /// The bytes the scanner read, for matching attribute names against it.
    let source: UnsafeBufferPointer<UInt8>

    init(scanner: SourceScanner, source: UnsafeBufferPointer<UInt8>) {
        startTags = scanner.startTags
        scannedAttributes = scanner.attributes
        self.source = source
        positions = NodePositions(capacity: startTags.count + scannedAttributes.count)
    }

    mutating func element(_ node: xmlNodePtr) -> XMLElement {
        let tag = next < startTags.count ? next : nil
        next += 1
        let position =
            tag.map { startTags[$0].position } ?? XMLPosition(line: Int(xmlGetLineNo(node)), column: 1)
        positions.record(UnsafeMutableRawPointer(node), at: position)

        var attributes: [XMLAttribute] = []
        if let first = node.pointee.properties {
            var count = 0
            var property: xmlAttrPtr? = first
            while let attribute = property {
                count += 1
                property = attribute.pointee.next
            }
            attributes.reserveCapacity(count)
            property = first
            while let attribute = property {
                let namespace = attribute.pointee.ns
                let written = namespace?.pointee.prefix
                var at = position
                if let tag {
                    for scanned in scannedAttributes[startTags[tag].attributes]
                    where isName(scanned.name, prefix: written, local: attribute.pointee.name) {
                        at = scanned.position
                        break
                    }
                }
                attributes.append(
                    XMLAttribute(
                        name: name(attribute.pointee.name), prefix: written.map { String(cString: $0) },
                        namespaceURI: namespace?.pointee.href.map { String(cString: $0) },
                        value: Self.text(of: attribute.pointee.children), position: at))
                positions.record(UnsafeMutableRawPointer(attribute), at: at)
                property = attribute.pointee.next
            }
        }

        var children: [XMLElement] = []
        var text = ""
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                if children.isEmpty { children.reserveCapacity(Int(xmlChildElementCount(node))) }
                children.append(element(current))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { text += String(cString: content) }
            default:
                break
            }
            child = current.pointee.next
        }
        return XMLElement(
            name: name(node.pointee.name),
            namespaceURI: node.pointee.ns?.pointee.href.map { String(cString: $0) },
            prefix: node.pointee.ns?.pointee.prefix.map { String(cString: $0) },
            attributes: attributes, children: children, text: text, position: position)
    }

    /// Whether the source bytes in `range` spell `prefix:local` (or `local` without a prefix).
    private func isName(_ range: Range<Int>, prefix: UnsafePointer<xmlChar>?, local: UnsafePointer<xmlChar>) -> Bool {
        var index = range.lowerBound
        func consume(_ text: UnsafePointer<xmlChar>) -> Bool {
            var cursor = text
            while cursor.pointee != 0 {
                guard index < range.upperBound, source[index] == cursor.pointee else { return false }
                index += 1
                cursor += 1
            }
            return true
        }
        if let prefix {
            guard consume(prefix), index < range.upperBound, source[index] == UInt8(ascii: ":") else { return false }
            index += 1
        }
        return consume(local) && index == range.upperBound
    }

    private static func text(of first: xmlNodePtr?) -> String {
        if let only = first, only.pointee.next == nil, let content = only.pointee.content {
            return String(cString: content)
        }
        var result = ""
        var node = first
        while let current = node {
            if let content = current.pointee.content { result += String(cString: content) }
            node = current.pointee.next
        }
        return result
    }
}
