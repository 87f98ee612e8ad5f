public import TrainPlanCore
import TrainPlanXML

/// Reads survey instruments (`Rubrics/instruments/*.xml`) through the safe XML reader and the
/// instrument schema; every problem is a finding at its line and column.
public enum InstrumentLoader {
    /// The folder of a project's instruments.
    public static let folder = "Rubrics/instruments"

    /// Reads one instrument; its value is `nil` when the file has an error.
    public static func instrument(_ text: SourceText, file: String) -> Loaded<Instrument> {
        DocumentReader.load(text, file: file, schema: .instrument, keepsValueWithErrors: false) { root in
            var reader = ElementReader(file: file)
            let value = decode(root, reader: &reader)
            return (value, reader.findings)
        }
    }

    private static func decode(_ root: XMLElement, reader: inout ElementReader) -> Instrument? {
        guard root.name == "instrument", root.namespaceURI == nil else {
            reader.report(
                "wrong-document", "This is a <\(root.name)> document, not a survey instrument (<instrument>).",
                at: root.position)
            return nil
        }
        reader.checkShape(
            root, attributes: ["id", "version"], required: ["id"],
            children: ["title", "source", "scale", "items", "subscales", "scoring"])
        let id = reader.slug("id", of: root)
        let title = reader.child("title", of: root).map { reader.text(of: $0, required: true) } ?? ""
        let source = decodeSource(root, reader: &reader)
        let scale = decodeScale(root, reader: &reader)
        let items = decodeItems(root, reader: &reader)
        let subscales = decodeSubscales(root, items: items, reader: &reader)
        var minimumAnswered: Int?
        if let scoring = reader.child("scoring", of: root) {
            reader.checkShape(scoring, attributes: ["rule", "min-answered"], required: ["rule", "min-answered"])
            if let rule = scoring.attribute("rule") {
                _ = reader.choice(rule.value, as: ScoringRule.self, what: "scoring rule", at: rule.position)
            }
            minimumAnswered = reader.positiveInteger("min-answered", of: scoring, in: 1...500)
            if let count = minimumAnswered, !items.isEmpty, count > items.count,
                let attribute = scoring.attribute("min-answered")
            {
                reader.report(
                    "instrument-min-answered",
                    "min-answered=\"\(count)\" asks for more answered items than the instrument has (\(items.count)).",
                    hint: "Write a number from 1 to \(items.count); about two thirds of the items is usual.",
                    at: attribute.position)
                minimumAnswered = nil
            }
        }
        guard let id, let source, let scale, !items.isEmpty, let subscales, let minimumAnswered else { return nil }
        return Instrument(
            id: id, version: root.attribute("version")?.value, title: title, source: source, scale: scale,
            items: items, subscales: subscales, minimumAnswered: minimumAnswered, location: reader.location(root))
    }

    /// The scoring rules an instrument may name: only the mean of the answered items so far.
    enum ScoringRule: String, CaseIterable {
        case meanOfAnswered = "mean-of-answered"
    }

    private static func decodeSource(_ root: XMLElement, reader: inout ElementReader) -> Instrument.Source? {
        guard let element = reader.child("source", of: root) else { return nil }
        reader.checkShape(element, attributes: ["licence", "url"], required: ["licence"], allowsText: true)
        let text = reader.text(of: element, required: true)
        guard let licence = element.attribute("licence")?.value.trimmingSpaces else { return nil }
        if licence.isEmpty {
            reader.report(
                "missing-text", "licence=\"\" is empty: say under what terms the instrument is used.",
                hint: "Write the licence (licence=\"CC-BY-4.0\") or the permission you hold.",
                at: element.attribute("licence")?.position ?? element.position)
            return nil
        }
        guard !text.isEmpty else { return nil }
        return Instrument.Source(text: text, licence: licence, url: element.attribute("url")?.value.trimmingSpaces)
    }

    private static func decodeScale(_ root: XMLElement, reader: inout ElementReader) -> Instrument.ResponseScale? {
        guard let element = reader.child("scale", of: root) else { return nil }
        reader.checkShape(
            element, attributes: ["min", "max"], required: ["min", "max"], children: ["label"], repeatable: ["label"])
        let minimum = reader.wholeNumber("min", of: element, in: 0...100)
        let maximum = reader.wholeNumber("max", of: element, in: 0...100)
        guard let minimum, let maximum else { return nil }
        guard minimum < maximum else {
            reader.report(
                "instrument-scale",
                "The response scale runs from \(minimum) to \(maximum): its maximum must be above its minimum.",
                hint: "Write the lowest point as min and the highest as max, e.g. min=\"1\" max=\"5\".",
                at: element.attribute("max")?.position ?? element.position)
            return nil
        }
        var labels: [Instrument.Label] = []
        var valid = true
        for label in element.children(named: "label") {
            reader.checkShape(label, attributes: ["value"], required: ["value"], allowsText: true)
            let text = reader.text(of: label, required: true)
            guard let value = reader.wholeNumber("value", of: label, in: 0...100) else {
                valid = false
                continue
            }
            if !(minimum...maximum).contains(value) || labels.contains(where: { $0.value == value }) {
                reader.report(
                    "instrument-scale",
                    labels.contains(where: { $0.value == value })
                        ? "The point \(value) is labelled twice."
                        : "The label's value \(value) is not a point of the scale (\(minimum) to \(maximum)).",
                    hint: "Label each point from \(minimum) to \(maximum) at most once.",
                    at: label.attribute("value")?.position ?? label.position)
                valid = false
                continue
            }
            labels.append(Instrument.Label(value: value, text: text))
        }
        return valid ? Instrument.ResponseScale(minimum: minimum, maximum: maximum, labels: labels) : nil
    }

    private static func decodeItems(_ root: XMLElement, reader: inout ElementReader) -> [Instrument.Item] {
        guard let element = reader.child("items", of: root) else { return [] }
        reader.checkShape(element, attributes: [], children: ["item"], repeatable: ["item"])
        var items: [Instrument.Item] = []
        var seen: [String: Int] = [:]
        var valid = true
        for item in element.children(named: "item") {
            reader.checkShape(item, attributes: ["id", "reverse"], required: ["id"], allowsText: true)
            let text = reader.text(of: item, required: true)
            let reversed = reader.flag("reverse", of: item)
            guard let id = reader.slug("id", of: item) else {
                valid = false
                continue
            }
            if let line = seen[id] {
                reader.report(
                    "duplicate-id", "The item id '\(id)' is used twice; the first is at line \(line).",
                    hint: "Give each item its own id: the survey file's column for it.",
                    at: item.attribute("id")?.position ?? item.position)
                valid = false
                continue
            }
            seen[id] = item.position.line
            if item.attribute("reverse") != nil, reversed == nil { valid = false }
            items.append(
                Instrument.Item(id: id, text: text, reversed: reversed ?? false, location: reader.location(item)))
        }
        if element.children(named: "item").isEmpty {
            reader.report(
                "missing-element", "The instrument has no items.", hint: "Add <item id=\"…\">…</item> for each item.",
                at: element.position)
        }
        return valid ? items : []
    }

    private static func decodeSubscales(
        _ root: XMLElement, items: [Instrument.Item], reader: inout ElementReader
    ) -> [Instrument.Subscale]? {
        guard let element = reader.child("subscales", of: root, required: false) else { return [] }
        reader.checkShape(element, attributes: [], children: ["subscale"], repeatable: ["subscale"])
        let known = items.map(\.id)
        var subscales: [Instrument.Subscale] = []
        var valid = true
        var seen: [String: Int] = [:]
        for subscale in element.children(named: "subscale") {
            reader.checkShape(
                subscale, attributes: ["id", "items", "min-answered"], required: ["id", "items", "min-answered"],
                allowsText: true)
            let title = reader.text(of: subscale, required: true)
            let minimum = reader.positiveInteger("min-answered", of: subscale, in: 1...500)
            guard let id = reader.slug("id", of: subscale), let list = subscale.attribute("items"), let minimum
            else {
                valid = false
                continue
            }
            if let line = seen[id] {
                reader.report(
                    "duplicate-id", "The subscale id '\(id)' is used twice; the first is at line \(line).",
                    hint: "Give each subscale its own id.", at: subscale.attribute("id")?.position ?? subscale.position)
                valid = false
                continue
            }
            seen[id] = subscale.position.line
            let ids = ElementReader.words(list.value)
            var unknown = false
            for item in ids where !known.contains(item) {
                reader.report(
                    "instrument-unknown-item",
                    "The subscale '\(id)' names the item '\(item)', which the instrument does not have."
                        + DidYouMean.clause(for: item, among: known),
                    hint: "Name items of <items> by their id, separated by spaces.", at: list.position)
                unknown = true
            }
            if ids.isEmpty || Set(ids).count != ids.count {
                reader.report(
                    "instrument-unknown-item", "The subscale '\(id)' must name each of its items once.",
                    hint: "List its item ids separated by spaces, each once.", at: list.position)
                unknown = true
            }
            if !unknown, minimum > ids.count {
                reader.report(
                    "instrument-min-answered",
                    "min-answered=\"\(minimum)\" asks for more answered items than the subscale '\(id)' has (\(ids.count)).",
                    hint: "Write a number from 1 to \(ids.count).",
                    at: subscale.attribute("min-answered")?.position ?? subscale.position)
                unknown = true
            }
            if unknown {
                valid = false
                continue
            }
            subscales.append(
                Instrument.Subscale(
                    id: id, title: title, items: ids, minimumAnswered: minimum, location: reader.location(subscale)))
        }
        return valid ? subscales : nil
    }
}
