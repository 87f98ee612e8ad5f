/// A problem found while reading a document, before any domain meaning is given to it.
public struct XMLDiagnostic: Hashable, Sendable {
    /// What kind of problem it is; each kind has a stable identifier.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// The document is larger than the reader accepts.
        case tooLarge = "xml-too-large"
        /// One element carries more attributes than the reader accepts.
        case tooManyAttributes = "xml-too-many-attributes"
        /// The document has a DOCTYPE; DTDs and entities are refused.
        case doctype = "xml-doctype"
        /// The document is not in UTF-8.
        case encoding = "xml-encoding"
        /// The document is not well-formed XML.
        case malformed = "xml-malformed"
        /// The document does not match its schema.
        case schema = "schema"
    }

    /// How serious a diagnostic is.
    public enum Level: String, Hashable, Sendable {
        case warning, error
    }

    /// The kind of problem.
    public var kind: Kind
    /// Whether it is an error or a warning.
    public var level: Level
    /// A one-line description for a person.
    public var message: String
    /// Where it is; line 0 when libxml2 could not tell.
    public var position: XMLPosition

    /// Creates a diagnostic.
    public init(kind: Kind, level: Level = .error, message: String, position: XMLPosition) {
        self.kind = kind
        self.level = level
        self.message = message
        self.position = position
    }

    /// Whether the document could not be read at all (as opposed to read but invalid).
    public var isFatal: Bool { kind != .schema && level == .error }
}
