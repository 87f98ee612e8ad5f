import Foundation
import Testing
import TrainPlanXML

private func read(_ text: String, schema: XMLSchema? = nil, xpath: [XPathExpression] = []) -> XMLReadResult {
    XMLReader.read(Array(text.utf8), schema: schema, xpath: xpath)
}

@Suite("Element tree with source positions")
struct TreeTests {
    @Test func elementsAndAttributesKeepLineAndColumn() throws {
        let result = read(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <session id="a">
              <title>Hi &amp; welcome</title>
                <agenda><activity id="x"
                   method="lecture" minutes="5"/></agenda>
            </session>
            """)
        let root = try #require(result.root)
        #expect(result.diagnostics.isEmpty)
        #expect(root.position == XMLPosition(line: 2, column: 1))
        #expect(root.attribute("id")?.position == XMLPosition(line: 2, column: 10))
        #expect(root.children(named: "title").first?.text == "Hi & welcome")
        let activity = try #require(root.children(named: "agenda").first?.children.first)
        #expect(activity.position == XMLPosition(line: 4, column: 13))
        #expect(activity.attribute("method")?.position == XMLPosition(line: 5, column: 8))
        #expect(activity.attribute("minutes")?.value == "5")
    }

    @Test func columnsCountCharactersNotBytesAndCRLFEndsALine() throws {
        let text = "\u{FEFF}<s>\r\n<t a=\"é\"/><u é=\"1\" b=\"2\"/>\r\n</s>"
        let root = try #require(read(text).root)
        #expect(root.position == XMLPosition(line: 1, column: 1))
        #expect(root.children[0].position == XMLPosition(line: 2, column: 1))
        #expect(root.children[1].position == XMLPosition(line: 2, column: 11))
        #expect(root.children[1].attribute("b")?.position == XMLPosition(line: 2, column: 20))
    }

    @Test func commentsAndCDATADoNotShiftPositions() throws {
        let root = try #require(
            read("<s><!-- <fake a='1'> --><![CDATA[<also fake>]]>\n  <real/></s>").root)
        #expect(root.children.count == 1)
        #expect(root.children[0].name == "real")
        #expect(root.children[0].position == XMLPosition(line: 2, column: 3))
        #expect(root.text.contains("<also fake>"))
    }
}

@Suite("Hostile documents are refused quickly and never expanded", .timeLimit(.minutes(1)))
struct HostileInputTests {
    func expectRefused(_ text: String, _ kind: XMLDiagnostic.Kind, sourceLocation: SourceLocation = #_sourceLocation) {
        let result = read(text)
        #expect(result.root == nil, sourceLocation: sourceLocation)
        #expect(result.diagnostics.first?.kind == kind, "\(result.diagnostics)", sourceLocation: sourceLocation)
    }

    @Test func billionLaughs() {
        var entities = "<!ENTITY lol \"lol\">"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            entities += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
        }
        expectRefused("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\(entities)]>\n<lolz>&lol9;</lolz>", .doctype)
    }

    @Test func quadraticBlowup() {
        let big = String(repeating: "a", count: 50_000)
        let body = String(repeating: "&a;", count: 50_000)
        expectRefused("<!DOCTYPE k [<!ENTITY a \"\(big)\">]><k>\(body)</k>", .doctype)
    }

    @Test func externalEntityPointingAtPasswd() {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE s [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<s>&x;</s>"
        expectRefused(text, .doctype)
        #expect(read(text).diagnostics.first?.position == XMLPosition(line: 2, column: 1))
    }

    @Test func parameterEntity() {
        expectRefused(
            "<!DOCTYPE s [<!ENTITY % p SYSTEM \"http://example.invalid/x.dtd\"> %p;]><s/>", .doctype)
    }

    @Test func externalDTD() {
        expectRefused("<!DOCTYPE s SYSTEM \"file:///etc/passwd\"><s/>", .doctype)
    }

    @Test func undeclaredEntityIsMalformed() {
        expectRefused("<s>&x;</s>", .malformed)
    }

    @Test func xincludeIsNeverProcessed() throws {
        let root = try #require(
            read(
                "<s xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"/etc/passwd\" parse=\"text\"/></s>"
            ).root)
        #expect(root.children.first?.name == "include")
        #expect(root.children.first?.namespaceURI == "http://www.w3.org/2001/XInclude")
        #expect(!root.text.contains("root:"))
    }

    @Test func deepNesting() {
        let depth = 100_000
        expectRefused(String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth), .malformed)
    }

    @Test func fiftyThousandAttributes() {
        let attributes = (0..<50_000).map { "a\($0)=\"1\"" }.joined(separator: " ")
        expectRefused("<s \(attributes)/>", .tooManyAttributes)
    }

    @Test func overTheSizeCap() {
        let result = XMLReader.read(
            Array("<s>\(String(repeating: "x", count: 2000))</s>".utf8), limits: XMLReadLimits(maxBytes: 1000))
        #expect(result.root == nil)
        #expect(result.diagnostics.map(\.kind) == [.tooLarge])
    }

    @Test func invalidUTF8() {
        let result = XMLReader.read(Array("<s>".utf8) + [0xFF, 0xFE] + Array("</s>".utf8))
        #expect(result.root == nil)
        #expect(result.diagnostics.map(\.kind) == [.malformed])
        #expect(result.diagnostics.first?.position.line == 1)
    }

    @Test func emptyFile() {
        expectRefused("", .malformed)
        expectRefused("   \n", .malformed)
    }

    @Test func otherEncodingsAreRefused() {
        expectRefused("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><s/>", .encoding)
        let utf16 = XMLReader.read([0xFF, 0xFE] + Array("<s/>".utf16.flatMap { [UInt8($0), 0] }))
        #expect(utf16.diagnostics.map(\.kind) == [.encoding])
    }
}

@Suite("Schemas and XPath")
struct SchemaAndXPathTests {
    static let schemaSource = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:element name="s">
            <xs:complexType>
              <xs:sequence><xs:element name="n" type="xs:positiveInteger" maxOccurs="unbounded"/></xs:sequence>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """

    @Test func schemaErrorsPointAtTheElement() throws {
        let schema = try XMLSchema(source: Array(Self.schemaSource.utf8), name: "test.xsd")
        let result = read("<s>\n  <n>3</n>\n  <n>-1</n>\n</s>", schema: schema)
        #expect(result.root != nil)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.kind == .schema)
        #expect(result.diagnostics.first?.position == XMLPosition(line: 3, column: 3))
    }

    @Test func schemaIncludesAreNotFollowed() {
        let source = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:include schemaLocation="file:///etc/passwd"/>
            </xs:schema>
            """
        #expect(throws: XMLSchema.CompileError.self) {
            try XMLSchema(source: Array(source.utf8), name: "include.xsd")
        }
    }

    @Test func xpathValuesAndNodePositions() {
        let result = read(
            "<s>\n  <a m='x'/>\n  <a m='y'/>\n</s>",
            xpath: [
                XPathExpression("count(//a) = 2"), XPathExpression("//a[@m='y']"),
                XPathExpression("string(//a/@m)"),
            ])
        #expect(result.xpathValues[0] == .boolean(true))
        #expect(result.xpathValues[1] == .nodes([XMLPosition(line: 3, column: 3)]))
        #expect(result.xpathValues[2] == .string("x"))
    }

    @Test func badXPathIsReportedNotFatal() {
        #expect(XPathExpression("count(//a[").compileError != nil)
        #expect(XPathExpression("count(//a)").compileError == nil)
    }
}

@Suite("Concurrent reads")
struct ConcurrencyTests {
    @Test func manyThreadsReadAndValidateAtOnce() throws {
        let schema = try XMLSchema(source: Array(SchemaAndXPathTests.schemaSource.utf8), name: "test.xsd")
        let documents = [
            "<s><n>1</n><n>2</n></s>", "<s><n>0</n></s>", "<s><n>1</n></s", "<!DOCTYPE s><s/>",
            "<s><m/></s>",
        ]
        let expected = documents.map { read($0, schema: schema) }
        let mismatches = Mismatches()
        DispatchQueue.concurrentPerform(iterations: 400) { index in
            let which = index % documents.count
            let result = read(documents[which], schema: schema)
            if result.root != expected[which].root || result.diagnostics != expected[which].diagnostics {
                mismatches.add(index)
            }
        }
        #expect(mismatches.count == 0)
    }
}

final class Mismatches: @unchecked Sendable {
    private let lock = NSLock()
    private var indexes: [Int] = []
    func add(_ index: Int) { lock.withLock { indexes.append(index) } }
    var count: Int { lock.withLock { indexes.count } }
}
