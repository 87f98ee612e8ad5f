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

    /// libxml2's message when the expression does not compile, or `nil` when it does.
    public var compileError: String? {
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
        let cache = XPathThreadCache.current
        guard let context = cache.context(for: document) else { return .failure("no XPath context") }
        context.pointee.node = xmlDocGetRootElement(document)
        guard let compiled = cache.compiled(expression.source),
            let object = xmlXPathCompiledEval(compiled, context)
        else {
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
                    let position =
                        positions[UnsafeMutableRawPointer(node)]
                        ?? XMLPosition(line: Int(xmlGetLineNo(node)), column: 1)
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

    private static let key = "trainplan.XPathThreadCache"

    /// This thread's cache.
    static var current: XPathThreadCache {
        let dictionary = Thread.current.threadDictionary
        if let cache = dictionary[key] as? XPathThreadCache { return cache }
        let cache = XPathThreadCache()
        dictionary[key] = cache
        return cache
    }

    /// The thread's context, pointed at `document`.
    func context(for document: xmlDocPtr) -> xmlXPathContextPtr? {
        if xpathContext == nil {
            xpathContext = xmlXPathNewContext(document)
            // libxml2 keeps the objects an evaluation frees for the next one instead of
            // freeing and allocating them again for every node.
            if let xpathContext { _ = xmlXPathContextSetCache(xpathContext, 1, -1, 0) }
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
