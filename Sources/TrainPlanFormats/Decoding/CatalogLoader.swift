public import TrainPlanCore
import TrainPlanXML

/// Reads the method catalog and the verb list from their files' text.
public enum CatalogLoader {
    /// Reads `Rubrics/methods.xml` (or another catalog).
    public static func methods(_ text: SourceText, file: String) -> Loaded<MethodCatalog> {
        DocumentReader.load(text, file: file, schema: .methods, keepsValueWithErrors: true) {
            CatalogDecoder.decodeMethods($0, file: file)
        }
    }

    /// Reads `Rubrics/verbs.xml` (or another verb list).
    public static func verbs(_ text: SourceText, file: String) -> Loaded<VerbList> {
        DocumentReader.load(text, file: file, schema: .verbs, keepsValueWithErrors: true) {
            CatalogDecoder.decodeVerbs($0, file: file)
        }
    }
}
