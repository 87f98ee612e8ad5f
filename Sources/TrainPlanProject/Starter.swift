import Foundation
import TrainPlanCore
public import TrainPlanFormats

/// The small working project `trainplan init` writes: four plans that form a short
/// curriculum (a two-step pre-match orientation, a two-step post-match module), the rubric,
/// method catalog and verbs, the schemas (so that an editor can check the files as they are
/// typed), a roster of four trainers and a term of seven offerings that can all be staffed.
public enum Starter {
    /// Every file of the example, by its path in the project folder.
    public static func files() throws(StarterError) -> [(path: String, text: String)] {
        var files: [(path: String, text: String)] = []
        for defaults in BundledDefaults.allCases {
            guard case .bytes(let bytes) = defaults.text else { throw missing(defaults.projectPath) }
            files.append((defaults.projectPath, String(decoding: bytes, as: UTF8.self)))
        }
        for schema in BundledSchema.allCases {
            guard let source = schema.source else { throw missing("Schemas/" + schema.fileName) }
            files.append(("Schemas/" + schema.fileName, String(decoding: source, as: UTF8.self)))
        }
        guard let root = Bundle.module.url(forResource: "Starter", withExtension: nil) else {
            throw missing("Starter")
        }
        for folder in ["SessionPlans", "Rosters"] {
            let names =
                (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
            for name in names.sorted() where name.hasSuffix(".xml") {
                guard
                    let data = FileManager.default.contents(
                        atPath: root.appendingPathComponent("\(folder)/\(name)").path)
                else { throw missing("\(folder)/\(name)") }
                files.append(("\(folder)/\(name)", String(decoding: data, as: UTF8.self)))
            }
        }
        return files
    }

    /// Writes the example into `folder` (created when missing). Refuses, writing nothing, when
    /// any of its files is there already: an existing project is never overwritten.
    public static func write(into folder: String) throws(StarterError) -> [String] {
        let files = try files()
        let prefix = folder == "." ? "" : (folder.hasSuffix("/") ? folder : folder + "/")
        let existing = files.map { prefix + $0.path }.filter { FileManager.default.fileExists(atPath: $0) }
        if !existing.isEmpty {
            throw StarterError(
                message:
                    "trainplan: \(existing.count == files.count ? "the example project is already" : "some files are already") "
                    + "there, and nothing was written: \(existing.prefix(4).joined(separator: ", "))"
                    + (existing.count > 4 ? " and \(existing.count - 4) more" : ""),
                exitCode: 1)
        }
        do {
            try OutputFile.writeAll(files.map { (prefix + $0.path, $0.text) })
        } catch {
            throw StarterError(message: "trainplan: \(error)", exitCode: 2)
        }
        return files.map { prefix + $0.path }
    }

    private static func missing(_ path: String) -> StarterError {
        StarterError(message: "trainplan: the example's \(path) is missing from the installed resources", exitCode: 2)
    }
}

/// Why the example project was not written.
public struct StarterError: Error, Sendable {
    public var message: String
    public var exitCode: Int32
}
