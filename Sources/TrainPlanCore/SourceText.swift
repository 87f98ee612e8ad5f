/// A file's bytes, or why they could not be had, as handed in by whoever does the I/O.
public enum SourceText: Sendable {
    case bytes([UInt8])
    /// The file could not be read; the reason for a person.
    case unreadable(String)
}
