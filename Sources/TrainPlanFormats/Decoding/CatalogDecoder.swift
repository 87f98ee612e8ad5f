public import TrainPlanCore
public import TrainPlanXML

/// Reads the method catalog (`Rubrics/methods.xml`) and the verb list (`Rubrics/verbs.xml`).
public enum CatalogDecoder {
    /// Decodes a `methods` document.
    public static func decodeMethods(_ root: XMLElement, file: String) -> (
        catalog: MethodCatalog?, findings: [Finding]
    ) {
        var reader = ElementReader(file: file)
        guard root.name == "methods", root.namespaceURI == nil else {
            reader.report(
                "wrong-document", "This is a <\(root.name)> document, not a method catalog (<methods>).",
                at: root.position)
            return (nil, reader.findings)
        }
        reader.checkShape(
            root, attributes: [], children: ["category", "method"], repeatable: ["category", "method"])
        var categories: [MethodCatalog.Category] = []
        for element in root.children(named: "category") {
            reader.checkShape(
                element, attributes: ["id", "interactive", "practice", "learning"], required: ["id"],
                allowsText: true)
            guard let id = reader.slug("id", of: element) else { continue }
            if categories.contains(where: { $0.id == id }) {
                reader.report("duplicate-id", "The category '\(id)' is defined twice.", at: element.position)
                continue
            }
            categories.append(
                MethodCatalog.Category(
                    id: id, isInteractive: reader.flag("interactive", of: element) ?? false,
                    isPractice: reader.flag("practice", of: element) ?? false,
                    isLearning: reader.flag("learning", of: element) ?? true,
                    description: element.normalizedText, location: reader.location(element)))
        }
        var methods: [MethodCatalog.Method] = []
        for element in root.children(named: "method") {
            reader.checkShape(element, attributes: ["id", "category"], required: ["id", "category"], allowsText: true)
            guard let id = reader.slug("id", of: element), let category = element.attribute("category") else {
                continue
            }
            if methods.contains(where: { $0.id == id }) {
                reader.report("duplicate-id", "The method '\(id)' is defined twice.", at: element.position)
                continue
            }
            if !categories.contains(where: { $0.id == category.value }) {
                reader.report(
                    "unknown-category",
                    "The method '\(id)' names the category '\(category.value)', which is not defined."
                        + DidYouMean.clause(for: category.value, among: categories.map(\.id)),
                    hint: "Define <category id=\"\(category.value)\"/> or use an existing category.",
                    at: category.position)
                continue
            }
            methods.append(
                MethodCatalog.Method(
                    id: id, category: category.value, description: reader.text(of: element, required: true),
                    location: reader.location(element)))
        }
        return (MethodCatalog(categories: categories, methods: methods), reader.findings)
    }

    /// Decodes a `verbs` document.
    public static func decodeVerbs(_ root: XMLElement, file: String) -> (verbs: VerbList?, findings: [Finding]) {
        var reader = ElementReader(file: file)
        guard root.name == "verbs", root.namespaceURI == nil else {
            reader.report(
                "wrong-document", "This is a <\(root.name)> document, not a verb list (<verbs>).",
                at: root.position)
            return (nil, reader.findings)
        }
        reader.checkShape(root, attributes: [], children: ["level", "avoid"], repeatable: ["level"])
        var byLevel: [BloomLevel: [String]] = [:]
        for element in root.children(named: "level") {
            reader.checkShape(
                element, attributes: ["id"], required: ["id"], children: ["verb"], repeatable: ["verb"])
            guard let attribute = element.attribute("id"),
                let level = reader.choice(
                    attribute.value, as: BloomLevel.self, what: "Bloom level", at: attribute.position)
            else { continue }
            byLevel[level, default: []] += verbs(in: element, reader: &reader)
        }
        for level in BloomLevel.allCases where byLevel[level] == nil {
            reader.report(
                "missing-element", "The verb list has no <level id=\"\(level.rawValue)\">.",
                hint: "List the measurable verbs of each of Bloom's six levels.", at: root.position)
        }
        let avoid = reader.child("avoid", of: root).map { element in
            reader.checkShape(element, attributes: [], children: ["verb"], repeatable: ["verb"])
            return verbs(in: element, reader: &reader)
        }
        return (VerbList(verbsByLevel: byLevel, avoid: avoid ?? []), reader.findings)
    }

    private static func verbs(in element: XMLElement, reader: inout ElementReader) -> [String] {
        element.children(named: "verb").map { verb in
            reader.checkShape(verb, attributes: [], allowsText: true)
            return reader.text(of: verb, required: true).lowercased()
        }
    }

}
