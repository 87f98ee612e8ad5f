import Foundation

/// The evaluation as JSON: every field of `Evaluation`, keys sorted, so that the same records
/// give the same bytes.
public enum EvaluationJSON {
    public static func render(_ evaluation: Evaluation) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        guard let data = try? encoder.encode(evaluation) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
