public import TrainPlanCore
import TrainPlanXML

/// Reads a rubric (`Rubrics/adult-learning.xml`): criteria with thresholds, weights and evidence,
/// and custom XPath rules, each checked so that a bad line is a finding at that line.
public enum RubricLoader {
    /// Reads and checks a rubric file's text; `criteria` are the built-in criteria a
    /// `<criterion>` line may name (the review stage's registry; `RubricLoader.rubric(_:file:)`
    /// there passes it).
    public static func rubric(_ text: SourceText, file: String, criteria: [CriterionDefaults]) -> Loaded<Rubric> {
        let known = Dictionary(criteria.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return DocumentReader.load(text, file: file, schema: .rubric, keepsValueWithErrors: true) { root in
            var reader = ElementReader(file: file)
            let rubric = decode(root, file: file, criteria: (criteria.map(\.id), known), reader: &reader)
            return (rubric, reader.findings)
        }
    }

    private static func decode(
        _ root: XMLElement, file: String, criteria: (ids: [String], byID: [String: CriterionDefaults]),
        reader: inout ElementReader
    ) -> Rubric? {
        guard root.name == "rubric", root.namespaceURI == nil else {
            reader.report(
                "wrong-document", "This is a <\(root.name)> document, not a rubric (<rubric>).", at: root.position)
            return nil
        }
        reader.checkShape(
            root, attributes: ["id", "version", "pass"], required: ["id", "pass"],
            children: ["title", "criterion", "assert"], repeatable: ["criterion", "assert"])
        let id = reader.slug("id", of: root)
        let title = reader.child("title", of: root).map { reader.text(of: $0, required: true) }
        let pass = number("pass", of: root, reader: &reader, range: 0...100)
        var entries: [Rubric.Entry] = []
        var seen: [String: XMLPosition] = [:]
        for element in root.children where element.namespaceURI == nil {
            guard element.name == "criterion" || element.name == "assert" else { continue }
            guard let entryID = reader.slug("id", of: element) else {
                if element.attribute("id") == nil {
                    reader.report(
                        "missing-attribute", "<\(element.name)> needs the attribute 'id'.",
                        hint: "Add id=\"…\".", at: element.position)
                }
                continue
            }
            if let first = seen[entryID] {
                reader.report(
                    "duplicate-id", "The rubric lists '\(entryID)' twice; the first is at line \(first.line).",
                    hint: "Keep one line per criterion.", at: element.position)
                continue
            }
            seen[entryID] = element.position
            let entry =
                element.name == "criterion"
                ? decodeCriterion(element, id: entryID, criteria: criteria, reader: &reader)
                : decodeAssertion(element, id: entryID, reader: &reader)
            if let entry { entries.append(entry) }
        }
        guard let id, let title, let pass else { return nil }
        return Rubric(
            id: id, version: root.attribute("version")?.value, title: title, pass: pass, entries: entries, file: file)
    }

    private static func decodeCriterion(
        _ element: XMLElement, id: String, criteria: (ids: [String], byID: [String: CriterionDefaults]),
        reader: inout ElementReader
    ) -> Rubric.Entry? {
        reader.checkShape(
            element, attributes: ["id", "weight", "min", "max", "essential"], required: ["id"],
            children: ["evidence"])
        guard let criterion = criteria.byID[id] else {
            let known = criteria.ids
            reader.report(
                "unknown-criterion",
                "There is no built-in criterion '\(id)'." + DidYouMean.clause(for: id, among: known),
                hint: "`trainplan rules` lists the criteria; write a custom rule as <assert test=\"…\"> instead.",
                at: element.attribute("id")?.position ?? element.position)
            return nil
        }
        var threshold = criterion.threshold
        if element.attribute("min") != nil || element.attribute("max") != nil {
            // No criterion measures anything beyond a million (minutes, shares, counts); a
            // larger number is a typo, and would not fit the whole numbers hints are made of.
            threshold = Threshold(
                minimum: number("min", of: element, reader: &reader, range: 0...1_000_000),
                maximum: number("max", of: element, reader: &reader, range: 0...1_000_000))
        }
        return .criterion(
            Rubric.CriterionSetting(
                id: id, weight: weight(of: element, reader: &reader) ?? criterion.weight, threshold: threshold,
                essential: reader.flag("essential", of: element) ?? criterion.essential,
                evidence: evidence(in: element, reader: &reader) ?? criterion.evidence,
                location: reader.location(element)))
    }

    private static func decodeAssertion(_ element: XMLElement, id: String, reader: inout ElementReader)
        -> Rubric.Entry?
    {
        reader.checkShape(
            element, attributes: ["id", "test", "weight", "essential", "hint"], required: ["id", "test"],
            children: ["evidence"], allowsText: true)
        guard let test = element.attribute("test") else { return nil }
        let expression = XPathExpression(test.value)
        if let error = expression.compileError {
            reader.report(
                "invalid-xpath", "The rule '\(id)' has an XPath expression that does not compile: \(error).",
                hint: "Check brackets and quotes; in XML write < as &lt; and > as &gt;.", at: test.position)
            return nil
        }
        let description = element.normalizedText
        return .assertion(
            Rubric.Assertion(
                id: id, weight: weight(of: element, reader: &reader) ?? 1,
                essential: reader.flag("essential", of: element) ?? false, test: expression,
                description: description.isEmpty ? test.value : description, hint: element.attribute("hint")?.value,
                evidence: evidence(in: element, reader: &reader), location: reader.location(element)))
    }

    private static func evidence(in element: XMLElement, reader: inout ElementReader) -> Evidence? {
        guard let evidence = element.child(named: "evidence") else { return nil }
        reader.checkShape(evidence, attributes: ["strength"], required: ["strength"], allowsText: true)
        guard let strength = evidence.attribute("strength"),
            let value = reader.choice(
                strength.value, as: EvidenceStrength.self, what: "evidence strength", at: strength.position)
        else { return nil }
        return Evidence(value, reader.text(of: evidence, required: true))
    }

    private static func weight(of element: XMLElement, reader: inout ElementReader) -> Int? {
        reader.wholeNumber("weight", of: element, in: NumberRanges.weight)
    }

    private static func number(
        _ name: String, of element: XMLElement, reader: inout ElementReader, range: ClosedRange<Double>? = nil
    ) -> Double? {
        guard let attribute = element.attribute(name) else { return nil }
        if let value = Double(attribute.value.trimmingSpaces), value.isFinite, range?.contains(value) ?? true {
            return value
        }
        reader.report(
            "invalid-number", "\(name)=\"\(attribute.value)\" is not a valid number here.",
            hint: range.map { "Write a number from \(formatNumber($0.lowerBound)) to \(formatNumber($0.upperBound))." }
                ?? "Write a number such as \(name)=\"0.5\".", at: attribute.position)
        return nil
    }

}
