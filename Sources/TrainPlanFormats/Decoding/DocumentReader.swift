import Foundation
public import TrainPlanCore
public import TrainPlanXML

/// Reads a document with the safe XML reader and turns reader diagnostics into findings.
public enum DocumentReader {
    /// Parses and validates one document. A missing `root` means the file could not be used.
    /// With `validate` off, the schema is not applied (see `PlanChecker.checkPlan`).
    public static func read(
        _ text: SourceText, file: String, schema: BundledSchema, xpath: [XPathExpression] = [],
        validate: Bool = true
    ) -> (root: XMLElement?, findings: [Finding], xpathValues: [XPathValue]) {
        let bytes: [UInt8]
        switch text {
        case .unreadable(let reason):
            return (
                nil,
                [
                    Finding(
                        id: "unreadable-file", message: "The file cannot be read: \(reason).",
                        hint: "Check the path and the file's permissions.",
                        location: SourceLocation(file: file, line: 1, column: 1), isFatal: true)
                ], []
            )
        case .bytes(let read):
            bytes = read
        }
        var findings: [Finding] = []
        var compiled: XMLSchema?
        switch schema.compiled {
        case .success(let schema):
            compiled = schema
        case .failure(let error):
            compiled = nil
            findings.append(
                Finding(
                    id: "internal-schema", severity: .warning,
                    message: "Schema validation is skipped: \(error.description).",
                    location: SourceLocation(file: file, line: 1, column: 1)))
        }
        if !validate { compiled = nil }
        let result = XMLReader.read(bytes, schema: compiled, xpath: xpath)
        findings += result.diagnostics.map { finding(for: $0, file: file, schema: schema) }
        return (result.root, findings, result.xpathValues)
    }

    static func finding(for diagnostic: XMLDiagnostic, file: String, schema: BundledSchema) -> Finding {
        let hint: String
        switch diagnostic.kind {
        case .tooLarge: hint = "Split the file; no training document needs to be this large."
        case .tooManyAttributes: hint = "Remove the extra attributes; each element takes only a few."
        case .doctype: hint = "Remove the <!DOCTYPE …> declaration; trainplan's formats need none."
        case .encoding: hint = "Save the file as UTF-8 (and declare encoding=\"UTF-8\" or nothing)."
        case .malformed: hint = "Fix the XML at this point; an XML editor highlights the problem."
        case .schema:
            hint = "Compare with Schemas/\(schema.fileName); an editor pointed at it shows what is allowed here."
        }
        let explained = explain(diagnostic.message)
        // Bytes that are not UTF-8 (a Latin-1 file saved without a declaration) are an
        // encoding problem, as docs/security.md documents.
        let kind = explained.isEncoding ? XMLDiagnostic.Kind.encoding : diagnostic.kind
        return Finding(
            id: kind.rawValue, severity: diagnostic.level == .warning ? .warning : .error,
            message: explained.message, hint: explained.hint ?? hint,
            location: SourceLocation(
                file: file, line: max(diagnostic.position.line, 1), column: diagnostic.position.column),
            isFatal: diagnostic.isFatal)
    }

    /// libxml2's messages as one sentence a trainer can read, with a specific hint where one
    /// is known: known messages reworded, the rest on one line, capitalised, with a full stop.
    static func explain(_ message: String) -> (message: String, hint: String?, isEncoding: Bool) {
        var text = message.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        var hint: String?
        var isEncoding = false
        if text.hasPrefix("Input is not proper UTF-8") {
            let bytes = text.range(of: "Bytes: ").map { String(text[$0.upperBound...]) }
            text = "The text is not valid UTF-8 here" + (bytes.map { " (bytes \($0))" } ?? "")
            hint = "Save the file as UTF-8; most editors offer it under \"Save with encoding\"."
            isEncoding = true
        } else if text.hasPrefix("xmlParseEntityRef: no name") || text.hasPrefix("XmlParseEntityRef: no name")
            || text.hasPrefix("EntityRef: expecting ';'")
        {
            text = "A bare '&': in XML an ampersand starts an entity such as &amp;"
            hint = "Write & as &amp; (and < as &lt;)."
        } else if text.hasPrefix("Entity '"), text.hasSuffix("' not defined"),
            case let name = text.dropFirst("Entity '".count).dropLast("' not defined".count)
        {
            text = "'&\(name);' is not an XML entity: only &amp; &lt; &gt; &quot; &apos; and numbers such as &#160; are"
            hint = "Write the character itself (the file is UTF-8), or its number, e.g. &#160; for a no-break space."
        } else if text.hasPrefix("Excessive depth in document") {
            text = "Elements are nested more than \(maximumNesting) levels deep"
            hint = "Training documents nest a few levels; look for tags that are opened and never closed."
        } else if text == "Document is empty" || text.hasPrefix("Start tag expected") {
            text = "The file holds no XML element"
            hint = "Start the file with the document's root element, e.g. <session id=\"…\">."
        } else if text.hasPrefix("Opening and ending tag mismatch: "),
            case let parts = text.dropFirst("Opening and ending tag mismatch: ".count)
                .split(separator: " "),
            parts.count == 5, parts[1] == "line", parts[3] == "and"
        {
            text = "<\(parts[0])> (opened on line \(parts[2])) is not closed before </\(parts[4])>"
            hint = "Close it with </\(parts[0])>, or end its start tag with \"/>\" if it has no content."
        }
        if let first = text.first, first.isLowercase {
            text = first.uppercased() + text.dropFirst()
        }
        if let last = text.last, !".?!".contains(last) { text += "." }
        return (text, hint, isEncoding)
    }

    /// libxml2's nesting limit without XML_PARSE_HUGE, which trainplan never sets.
    static let maximumNesting = 256

    /// Drops schema findings on lines where the decoder already said something more helpful.
    package static func merge(schema: [Finding], decoded: [Finding]) -> [Finding] {
        let errors = decoded.filter { $0.severity == .error }
        let explained = Set(errors.map(\.location.line))
        return schema.filter { finding in
            guard finding.id == XMLDiagnostic.Kind.schema.rawValue else { return true }
            if explained.contains(finding.location.line) { return false }
            // libxml2 puts an attribute's schema error at its element's line; the decoder puts
            // its own at the attribute. The same value in both is the same problem.
            if let range = finding.message.range(of: "The value '"),
                case let rest = finding.message[range.upperBound...],
                let end = rest.firstIndex(of: "'"), case let value = "'\(rest[..<end])'", value.count > 2,
                errors.contains(where: { $0.message.contains(value) })
            {
                return false
            }
            return true
        } + decoded
    }
}
