internal import CLibXML2

/// An XML Schema compiled once from memory and shared by every read that validates with it.
///
/// The compiled schema is only read while validating; each validation gets its own context.
public final class XMLSchema: @unchecked Sendable {
    /// A schema that did not compile.
    public struct CompileError: Error, CustomStringConvertible, Sendable {
        /// The schema's name as given.
        public var name: String
        /// libxml2's messages.
        public var messages: [String]

        /// Creates a compile error.
        public init(name: String, messages: [String]) {
            self.name = name
            self.messages = messages
        }

        public var description: String {
            "schema \(name) does not compile: " + messages.joined(separator: "; ")
        }
    }

    private let pointer: xmlSchemaPtr

    /// Compiles a schema. Includes and imports are not followed: schemas must be self-contained.
    public init(source: [UInt8], name: String) throws(CompileError) {
        LibXML2.ensureInitialized()
        let collector = ErrorCollector()
        let compiled: xmlSchemaPtr? = collector.collecting {
            source.withUnsafeBufferPointer { buffer in
                buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                    guard let parser = xmlSchemaNewMemParserCtxt(base, Int32(buffer.count)) else {
                        return nil
                    }
                    defer { xmlSchemaFreeParserCtxt(parser) }
                    return xmlSchemaParse(parser)
                }
            }
        }
        guard let compiled else {
            throw CompileError(name: name, messages: collector.errors.map(\.message))
        }
        pointer = compiled
    }

    deinit {
        xmlSchemaFree(pointer)
    }

    /// Validates a parsed document; errors go to the calling thread's collector.
    func validate(_ document: xmlDocPtr) {
        guard let context = xmlSchemaNewValidCtxt(pointer) else { return }
        defer { xmlSchemaFreeValidCtxt(context) }
        _ = xmlSchemaValidateDoc(context, document)
    }
}
