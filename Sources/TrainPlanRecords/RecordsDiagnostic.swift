public import TrainPlanCore

/// One problem of an import: where it is, what is wrong, and what to change.
public struct RecordsDiagnostic: Hashable, Sendable, CustomStringConvertible {
    /// The file as the user named it, and the line and column of the field.
    public var location: SourceLocation
    /// What is wrong, in one sentence.
    public var message: String
    /// What to change, when there is something concrete to say.
    public var hint: String?

    /// Creates a diagnostic.
    public init(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// `file:line:column: error: message`, and the hint on a line of its own. Values from the
    /// file are echoed with their control characters written out, so none can forge a line.
    public var description: String {
        var text = "\(location.description): error: \(message.visible)"
        if let hint { text += "\n    hint: \(hint.visible)" }
        return text
    }
}

/// Why a file was not imported. Nothing of the file is stored in either case.
public enum ImportFailure: Error, Sendable {
    /// The file cannot be read as CSV: missing, not UTF-8, too large, empty, or a quote out of
    /// place (exit status 2).
    case unreadable(RecordsDiagnostic)
    /// The file was read, and rows or columns of it are refused: a bad value, a missing or
    /// unknown column, a youth-name column, a row that conflicts with a stored one (exit status 1).
    /// `more` counts the problems past `ImportLimits.maxDiagnostics`, which are not kept.
    case refused([RecordsDiagnostic], more: Int = 0)

    /// The diagnostics kept, in file order.
    public var diagnostics: [RecordsDiagnostic] {
        switch self {
        case .unreadable(let diagnostic): [diagnostic]
        case .refused(let diagnostics, _): diagnostics
        }
    }

    /// How many problems there were past the ones kept.
    public var more: Int {
        switch self {
        case .unreadable: 0
        case .refused(_, let more): more
        }
    }

    /// The exit status the command line gives: 2 for a file that cannot be read, 1 for one refused.
    public var exitCode: Int32 {
        switch self {
        case .unreadable: 2
        case .refused: 1
        }
    }
}

/// The limits of one import, so that no file can exhaust memory or trap a number.
public struct ImportLimits: Sendable {
    /// The largest file read (256 MiB: about five million attendance rows).
    public var maxBytes: Int
    /// The longest value of one field.
    public var maxFieldBytes: Int
    /// The most columns of a row (a survey with many items stays well under it).
    public var maxColumns: Int
    /// The most diagnostics kept for one file; the rest are counted (a file of a million bad
    /// rows does not become a million messages in memory).
    public var maxDiagnostics: Int

    /// Creates limits.
    public init(maxBytes: Int, maxFieldBytes: Int = 4096, maxColumns: Int = 1000, maxDiagnostics: Int = 50) {
        self.maxBytes = maxBytes
        self.maxFieldBytes = maxFieldBytes
        self.maxColumns = maxColumns
        self.maxDiagnostics = maxDiagnostics
    }

    /// The limits the command line uses.
    public static let standard = ImportLimits(maxBytes: 256 << 20)
}

extension ImportFailure {
    /// The refusal of a file larger than `limits.maxBytes`, for a reader that knows the size
    /// before reading it.
    public static func tooLarge(file: String, bytes: Int, limits: ImportLimits = .standard) -> ImportFailure {
        .unreadable(
            RecordsDiagnostic(
                SourceLocation(file: file, line: 1, column: 1),
                "The file is \(bytes) bytes, over the limit of \(limits.maxBytes) bytes for one import.",
                hint: "Split it into several files and import them one after another."))
    }
}

/// The diagnostics of one file: the first `limit` kept, the rest counted.
struct DiagnosticSink {
    let limit: Int
    private(set) var kept: [RecordsDiagnostic] = []
    private(set) var more = 0

    init(limit: Int) { self.limit = limit }

    var isEmpty: Bool { kept.isEmpty }

    mutating func append(_ diagnostic: RecordsDiagnostic) {
        if kept.count < limit { kept.append(diagnostic) } else { more += 1 }
    }

    mutating func append(contentsOf diagnostics: [RecordsDiagnostic]) {
        for diagnostic in diagnostics { append(diagnostic) }
    }

    var failure: ImportFailure { .refused(kept, more: more) }
}
