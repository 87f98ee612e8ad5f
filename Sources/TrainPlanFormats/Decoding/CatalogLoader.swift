public import TrainPlanCore
import TrainPlanXML

/// Reads the method catalog and the verb list from their files' text.
public enum CatalogLoader {
    /// Reads `Rubrics/methods.xml` (or another catalog).
    public static func methods(_ text: SourceText, file: String) -> (catalog: MethodCatalog?, findings: [Finding]) {
        let read = DocumentReader.read(text, file: file, schema: .methods)
        guard let root = read.root else { return (nil, read.findings) }
        let decoded = CatalogDecoder.decodeMethods(root, file: file)
        let findings = DocumentReader.merge(schema: read.findings, decoded: decoded.findings)
        return (decoded.catalog, Finding.sortedForOutput(findings))
    }

    /// Reads `Rubrics/verbs.xml` (or another verb list).
    public static func verbs(_ text: SourceText, file: String) -> (verbs: VerbList?, findings: [Finding]) {
        let read = DocumentReader.read(text, file: file, schema: .verbs)
        guard let root = read.root else { return (nil, read.findings) }
        let decoded = CatalogDecoder.decodeVerbs(root, file: file)
        let findings = DocumentReader.merge(schema: read.findings, decoded: decoded.findings)
        return (decoded.verbs, Finding.sortedForOutput(findings))
    }
}
