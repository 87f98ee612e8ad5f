import Foundation
import Testing
import TrainPlanCore
import TrainPlanOutput
import TrainPlanReview
import TrainPlanXML

/// The ids a source file raises: the `id:` argument of every `Finding(…)`, the first argument
/// of every `report(…)` (the element reader's findings) and the `[id]` of the command line's
/// messages. Non-literal ids are returned as their expression.
private func raisedIDs(in source: String) -> (literals: Set<String>, expressions: [String]) {
    var literals = Set<String>()
    var expressions: [String] = []
    func firstArgument(after marker: String) -> [String] {
        var found: [String] = []
        var rest = source[...]
        while let range = rest.range(of: marker) {
            var depth = 0
            var argument = ""
            for character in rest[range.upperBound...] {
                if character == "(" || character == "[" { depth += 1 }
                if character == ")" || character == "]" {
                    if depth == 0 { break }
                    depth -= 1
                }
                if character == ",", depth == 0 { break }
                argument.append(character)
            }
            found.append(argument.trimmingCharacters(in: .whitespacesAndNewlines))
            rest = rest[range.upperBound...]
        }
        return found
    }
    let literal = /"([a-z][a-z0-9-]*)"/
    for argument in firstArgument(after: "Finding(") + firstArgument(after: ".report(")
        + firstArgument(
            after: "reader.report(")
    {
        let argument =
            argument.hasPrefix("id:") ? String(argument.dropFirst(3)).trimmingCharacters(in: .whitespaces) : argument
        let matches = argument.matches(of: literal).map { String($0.1) }
        if matches.isEmpty { expressions.append(argument) } else { literals.formUnion(matches) }
    }
    for match in source.matches(of: /\[([a-z][a-z0-9-]*)\]"/) { literals.insert(String(match.1)) }
    return (literals, expressions)
}

@Suite("Every finding id a user can see is declared once")
struct FindingIDTests {
    /// Every Swift file of the package's modules and the command line.
    func sources() throws -> [(path: String, text: String)] {
        let root = repositoryRoot.appendingPathComponent("Sources")
        let enumerator = try #require(FileManager.default.enumerator(atPath: root.path))
        return try enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted().map {
            ($0, try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8))
        }
    }

    @Test func everyRaisedIDIsDeclared() throws {
        let criteria = Set(allCriteria.map(\.id))
        var raised = Set<String>()
        for (path, text) in try sources() where !path.hasSuffix("FindingIDs.swift") {
            let found = raisedIDs(in: text)
            raised.formUnion(found.literals)
            for expression in found.expressions {
                // A criterion raises its own id; a custom rule the id its rubric gives it; the
                // XML reader's diagnostics their kind, checked below.
                let allowed =
                    (expression == "id" && (path.contains("/Criteria/") || path.hasSuffix("ElementReader.swift")))
                    || expression == "assertion.id"
                    || (expression == "kind.rawValue" && path.hasSuffix("DocumentReader.swift"))
                    || expression.hasPrefix("_ id: String")
                #expect(allowed, "\(path) raises a finding whose id is '\(expression)': declare how it is known")
            }
        }
        raised.formUnion(XMLDiagnostic.Kind.allCases.map(\.rawValue))
        #expect(raised.count >= 35, "the scan found the ids (found \(raised.count))")
        let undeclared = raised.filter { FindingIDs.kind($0) == nil && !criteria.contains($0) }
        #expect(undeclared.isEmpty, "raised but not declared in FindingIDs.all: \(undeclared.sorted())")
    }

    @Test func everyDeclaredIDIsRaisedAndDeclaredOnce() throws {
        let ids = FindingIDs.all.map(\.id)
        #expect(Set(ids).count == ids.count, "an id is declared twice")
        let text = try sources().filter { !$0.path.hasSuffix("FindingIDs.swift") }.map(\.text).joined()
        for id in ids {
            #expect(text.contains("\"\(id)\"") || text.contains("[\(id)]"), "'\(id)' is declared but never raised")
        }
        #expect(FindingIDs.all.allSatisfy { !$0.summary.isEmpty && !$0.summary.contains("\n") })
    }

    @Test func rulesAllListsEveryID() {
        let listing = RulesReporter.findingIDs(markdown: false)
        for kind in FindingIDs.all { #expect(listing.contains(kind.id + " "), "\(kind.id) missing") }
        for criterion in allCriteria { #expect(listing.contains(criterion.id + " ")) }
    }

    @Test func theDocsListEveryID() throws {
        let docs = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/finding-ids.md"), encoding: .utf8)
        for kind in FindingIDs.all { #expect(docs.contains("`\(kind.id)`"), "docs/finding-ids.md lacks \(kind.id)") }
    }
}
