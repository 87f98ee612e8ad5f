internal import CLibXML2
import Foundation

/// An XPath 1.0 expression to evaluate on a document while it is read.
public struct XPathExpression: Hashable, Sendable {
    /// The expression as written.
    public var source: String

    /// Creates an expression from its source text.
    public init(_ source: String) {
        self.source = source
    }

    /// Longest expression accepted, in bytes.
    public static let maxLength = 1_000
    /// Deepest nesting of brackets (`(`, `[`) accepted: libxml2 compiles by recursion, and
    /// 60,000 opening brackets overflow its stack.
    public static let maxNesting = 32
    /// Steps (libxml2's `opLimit`: operations and nodes visited) one evaluation on one plan
    /// may take; past it the rule cannot be evaluated on that plan.
    public static let maxOperations: UInt = 2_000_000
    /// Longest string any step may build, in bytes (`concat(string(/), …)` on a 4 MiB plan).
    public static let maxStringBytes = 1 << 20

    /// Why the expression is refused before libxml2 sees it: too long or nested too deep.
    var limitError: String? {
        if source.utf8.count > Self.maxLength {
            return "it is longer than \(Self.maxLength) characters"
        }
        var depth = 0
        var deepest = 0
        var quote: UInt8?
        for byte in source.utf8 {
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""): quote = byte
            case UInt8(ascii: "("), UInt8(ascii: "["):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: ")"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        if deepest > Self.maxNesting { return "it nests brackets more than \(Self.maxNesting) deep" }
        return nil
    }

    /// Why the expression cannot be used (libxml2's message when it does not compile, or the
    /// limit it breaks), or `nil` when it can.
    public var compileError: String? {
        if let limitError { return limitError }
        LibXML2.ensureInitialized()
        let collector = ErrorCollector()
        return collector.collecting {
            guard let compiled = xmlXPathCompile(source) else {
                return collector.errors.last?.message ?? "invalid XPath expression"
            }
            xmlXPathFreeCompExpr(compiled)
            return nil
        }
    }
}

/// The result of evaluating an XPath expression.
public enum XPathValue: Hashable, Sendable {
    case boolean(Bool)
    case number(Double)
    case string(String)
    /// A node-set: the position of each node in it, in document order.
    case nodes([XMLPosition])
    /// The expression could not be evaluated; libxml2's message.
    case failure(String)

    /// The value converted to a boolean by XPath's own rules.
    public var booleanValue: Bool? {
        switch self {
        case .boolean(let value): value
        case .number(let value): value != 0 && !value.isNaN
        case .string(let value): !value.isEmpty
        case .nodes(let nodes): !nodes.isEmpty
        case .failure: nil
        }
    }
}

enum XPathEvaluation {
    /// Evaluates with the root element as context node; messages go to the thread's collector.
    static func evaluate(
        _ expression: XPathExpression, in document: xmlDocPtr,
        positions: NodePositions
    ) -> XPathValue {
        if let limit = expression.limitError { return .failure("the expression cannot be used: \(limit)") }
        let cache = XPathThreadCache.current
        guard let context = cache.context(for: document) else { return .failure("no XPath context") }
        context.pointee.node = xmlDocGetRootElement(document)
        context.pointee.opLimit = UInt(XPathExpression.maxOperations)
        context.pointee.opCount = 0
        context.pointee.depth = 0
        cache.stringLimitHit = false
        let watch = XPathWatchdog.shared.start(context)
        defer { XPathWatchdog.shared.finish(watch) }
        guard let compiled = cache.compiled(expression.source),
            let object = xmlXPathCompiledEval(compiled, context)
        else {
            if cache.stringLimitHit {
                cache.stringLimitHit = false
                return .failure("it builds a string of more than \(XPathExpression.maxStringBytes) bytes (the limit)")
            }
            if XPathWatchdog.shared.stopped(context) {
                return .failure(
                    "it ran for more than \(XPathWatchdog.seconds) seconds on this plan (the limit of one rule)")
            }
            if context.pointee.opCount >= context.pointee.opLimit {
                return .failure(
                    "it takes more than \(XPathExpression.maxOperations) steps on this plan (the limit of one rule)")
            }
            return .failure("the expression cannot be evaluated: \(expression.source)")
        }
        defer { xmlXPathFreeObject(object) }
        switch object.pointee.type {
        case XPATH_BOOLEAN:
            return .boolean(object.pointee.boolval != 0)
        case XPATH_NUMBER:
            return .number(object.pointee.floatval)
        case XPATH_STRING:
            return .string(object.pointee.stringval.map { String(cString: $0) } ?? "")
        case XPATH_NODESET:
            var found: [XMLPosition] = []
            if let set = object.pointee.nodesetval, let nodes = set.pointee.nodeTab {
                for index in 0..<Int(set.pointee.nodeNr) {
                    guard let node = nodes[index] else { continue }
                    // A namespace node is an xmlNs, not an xmlNode (only its `type` is at the
                    // same place): it has no line. It stands for the element it is in scope on,
                    // which libxml2 keeps in its `next` field.
                    var subject = node
                    if node.pointee.type == XML_NAMESPACE_DECL {
                        let namespace = UnsafeMutableRawPointer(node).assumingMemoryBound(to: xmlNs.self)
                        guard let parent = namespace.pointee.next else { continue }
                        let element = UnsafeMutableRawPointer(parent).assumingMemoryBound(to: xmlNode.self)
                        guard element.pointee.type == XML_ELEMENT_NODE else { continue }
                        subject = element
                    }
                    let position =
                        positions[UnsafeMutableRawPointer(subject)]
                        ?? XMLPosition(line: Int(xmlGetLineNo(subject)), column: 1)
                    found.append(position)
                }
            }
            return .nodes(found)
        default:
            return .failure("the expression gives a value of an unsupported type")
        }
    }
}

/// Compiled expressions and one XPath context per thread, reused from document to document:
/// compiling an expression and setting up a context cost more than evaluating it on a plan.
/// libxml2 writes into both while evaluating, so they are never shared between threads.
final class XPathThreadCache {
    private var expressions: [String: xmlXPathCompExprPtr?] = [:]
    private var xpathContext: xmlXPathContextPtr?
    /// Set by `boundedConcat` when it refuses to build a string.
    var stringLimitHit = false

    /// A thread-specific slot holding the thread's cache (retained; released when the thread
    /// ends). Foundation's `Thread.current.threadDictionary` cost about 8,000 instructions a
    /// plan: a dictionary bridged per lookup and a dynamic cast.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<XPathThreadCache>.fromOpaque(pointer).release()
        }
        precondition(status == 0, "pthread_key_create failed")
        return key
    }()

    /// This thread's cache.
    static var current: XPathThreadCache {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<XPathThreadCache>.fromOpaque(pointer).takeUnretainedValue()
        }
        let cache = XPathThreadCache()
        pthread_setspecific(key, Unmanaged.passRetained(cache).toOpaque())
        return cache
    }

    /// The thread's context, pointed at `document`.
    func context(for document: xmlDocPtr) -> xmlXPathContextPtr? {
        if xpathContext == nil {
            xpathContext = xmlXPathNewContext(document)
            // libxml2 keeps the objects an evaluation frees for the next one instead of
            // freeing and allocating them again for every node.
            if let xpathContext {
                _ = xmlXPathContextSetCache(xpathContext, 1, -1, 0)
                // concat() is the one function whose result can outgrow its inputs many times
                // over (`concat(/, /, …)` on a 4 MiB plan): it is replaced by one that
                // measures first.
                _ = xmlXPathRegisterFunc(xpathContext, "concat", nil)
                _ = xmlXPathRegisterFunc(xpathContext, "concat", boundedConcat)
            }
        }
        xpathContext?.pointee.doc = document
        return xpathContext
    }

    /// The expression compiled once for this thread; `nil` when it does not compile.
    func compiled(_ source: String) -> xmlXPathCompExprPtr? {
        if let known = expressions[source] { return known }
        let made = xmlXPathCompile(source)
        expressions[source] = made
        return made
    }

    deinit {
        for case let compiled? in expressions.values { xmlXPathFreeCompExpr(compiled) }
        if let xpathContext { xmlXPathFreeContext(xpathContext) }
    }
}

/// XPath's concat(), refusing to build a string of more than `XPathExpression.maxStringBytes`:
/// the size of every argument is measured before anything is joined, and each byte measured
/// counts toward the evaluation's operation limit.
private func boundedConcat(_ parser: xmlXPathParserContextPtr?, _ count: Int32) {
    guard let parser else { return }
    let stack = Int(parser.pointee.valueNr)
    var total = 0
    if count > 0, stack >= Int(count), let values = parser.pointee.valueTab {
        for index in (stack - Int(count))..<stack {
            guard let object = values[index] else { continue }
            var size = 32
            switch object.pointee.type {
            case XPATH_STRING:
                size = Int(xmlStrlen(object.pointee.stringval))
            case XPATH_NODESET, XPATH_XSLT_TREE:
                if let text = xmlXPathCastNodeSetToString(object.pointee.nodesetval) {
                    size = Int(xmlStrlen(text))
                    trainplan_xml_free(text)
                }
            default:
                break
            }
            total += size
            if let context = parser.pointee.context { context.pointee.opCount += UInt(size / 64) }
            if total > XPathExpression.maxStringBytes {
                XPathThreadCache.current.stringLimitHit = true
                xmlXPathErr(parser, Int32(XPATH_MEMORY_ERROR.rawValue))
                return
            }
        }
    }
    xmlXPathConcatFunction(parser, count)
}

/// The last resort against a rule that runs too long: libxml2 spends no operations on some
/// work (converting nodes to strings inside a comparison), so one evaluation that runs for
/// more than `seconds` is stopped by lowering its operation limit from this thread, which
/// libxml2 checks at its next step. (The operation limit, counted in steps, is what stops
/// every ordinary runaway rule, the same way on every machine.)
final class XPathWatchdog: @unchecked Sendable {
    static let shared = XPathWatchdog()
    static let seconds = 2.0

    private let lock = NSLock()
    private var running: [Int: (context: xmlXPathContextPtr, started: Double)] = [:]
    private var stoppedContexts = Set<UnsafeMutableRawPointer>()
    private var next = 0
    private var thread: Thread?

    /// Registers an evaluation on `context`; the token is for `finish`.
    func start(_ context: xmlXPathContextPtr) -> Int {
        lock.withLock {
            next += 1
            running[next] = (context, ProcessInfo.processInfo.systemUptime)
            stoppedContexts.remove(UnsafeMutableRawPointer(context))
            if thread == nil {
                let watcher = Thread { [unowned self] in self.watch() }
                watcher.stackSize = 1 << 16
                thread = watcher
                watcher.start()
            }
            return next
        }
    }

    func finish(_ token: Int) { lock.withLock { _ = running.removeValue(forKey: token) } }

    /// Whether the watchdog stopped the last evaluation on `context`.
    func stopped(_ context: xmlXPathContextPtr) -> Bool {
        lock.withLock { stoppedContexts.contains(UnsafeMutableRawPointer(context)) }
    }

    private func watch() {
        while true {
            Thread.sleep(forTimeInterval: 0.1)
            let now = ProcessInfo.processInfo.systemUptime
            lock.withLock {
                for (_, evaluation) in running where now - evaluation.started > Self.seconds {
                    // At the limit (not past it: libxml2 subtracts, unsigned), and again every
                    // round, as the evaluating thread may write back its own count.
                    evaluation.context.pointee.opCount = evaluation.context.pointee.opLimit
                    stoppedContexts.insert(UnsafeMutableRawPointer(evaluation.context))
                }
            }
        }
    }
}
