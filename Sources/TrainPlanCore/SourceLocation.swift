/// Where something is: a file as the user named it, and a 1-based line and column.
public struct SourceLocation: Hashable, Sendable, Comparable, Codable {
    /// The file's path as given on the command line or found in a folder.
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, in characters.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }

    /// `path:line:col`, as compilers print it (control characters in the path written out).
    public var description: String { "\(file.visible):\(line):\(column)" }
}
