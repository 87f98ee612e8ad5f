internal import CLibXML2

/// One-time process setup of libxml2, and the per-call collection of its messages.
enum LibXML2 {
    /// Initialises libxml2 once, before any concurrent use, and installs an external-entity
    /// loader that loads nothing (no file, no network, no schema include).
    private static let initialized: Bool = {
        xmlInitParser()
        trainplan_install_refusing_entity_loader()
        return true
    }()

    static func ensureInitialized() {
        _ = initialized
    }
}

/// Collects libxml2's structured errors for one call on the current thread.
///
/// libxml2 keeps its error handlers per thread, and a read runs on one thread without
/// suspending, so concurrent reads on other threads never see each other's messages.
final class ErrorCollector {
    struct Raw {
        var level: XMLDiagnostic.Level
        var message: String
        var line: Int
        var column: Int
        var node: UnsafeMutableRawPointer?
    }

    private(set) var errors: [Raw] = []

    func reset() { errors.removeAll() }

    func record(_ error: UnsafePointer<xmlError>) {
        let level: XMLDiagnostic.Level = error.pointee.level == XML_ERR_WARNING ? .warning : .error
        var message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        errors.append(
            Raw(
                level: level, message: message, line: Int(error.pointee.line),
                column: Int(error.pointee.int2), node: error.pointee.node))
    }

    /// Runs `body` with libxml2's messages on this thread going to this collector.
    func collecting<T>(_ body: () -> T) -> T {
        trainplan_silence_generic_errors()
        let context = Unmanaged.passUnretained(self).toOpaque()
        xmlSetStructuredErrorFunc(context, collectStructuredError)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        return withExtendedLifetime(self) { body() }
    }

    /// The collected errors as diagnostics, placed at their node's position when known.
    func diagnostics(kind: XMLDiagnostic.Kind, positions: NodePositions = NodePositions())
        -> [XMLDiagnostic]
    {
        errors.map { raw in
            let position =
                raw.node.flatMap { positions[$0] }
                ?? XMLPosition(line: max(raw.line, 0), column: max(raw.column, 1))
            return XMLDiagnostic(kind: kind, level: raw.level, message: raw.message, position: position)
        }
    }
}

let collectStructuredError: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue().record(error)
}

/// The source position of each libxml2 node the tree builder saw, in document order.
///
/// Recorded for every node but looked up only for a schema error or an XPath node-set, so it
/// is a plain list: appending is cheap, and the rare lookup can afford a scan.
struct NodePositions {
    private var nodes: [UnsafeMutableRawPointer] = []
    private var positions: [XMLPosition] = []

    init(capacity: Int = 0) {
        nodes.reserveCapacity(capacity)
        positions.reserveCapacity(capacity)
    }

    mutating func record(_ node: UnsafeMutableRawPointer, at position: XMLPosition) {
        nodes.append(node)
        positions.append(position)
    }

    subscript(node: UnsafeMutableRawPointer) -> XMLPosition? {
        nodes.firstIndex(of: node).map { positions[$0] }
    }
}
