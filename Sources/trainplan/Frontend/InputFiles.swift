import Foundation
import TrainPlanKit

/// Finds and reads input files. The only place that reads plans from disk.
enum InputFiles {
    /// Files larger than this are not read whole; the XML reader refuses them anyway.
    static let readLimit = 4 << 20

    /// The bytes of a file, at most `readLimit + 1` of them, or why it cannot be read.
    static func read(_ path: String) -> SourceText {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .unreadable("no such file")
        }
        if isDirectory.boolValue { return .unreadable("it is a folder") }
        // Only regular files: a FIFO or a device would block or never end.
        let type = (try? FileManager.default.attributesOfItem(atPath: path)[.type]) as? FileAttributeType
        guard type == .typeRegular else { return .unreadable("it is not a regular file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .unreadable("permission denied or not a regular file")
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: readLimit + 1) ?? Data()
            return .bytes([UInt8](data))
        } catch {
            return .unreadable(error.localizedDescription)
        }
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Whether any of the paths is a folder.
    static func anyFolder(_ paths: [String]) -> Bool {
        paths.contains { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    /// The `.xml` files named by `paths`: files as given, folders searched recursively, sorted.
    /// A path that does not exist is kept, so that reading it reports it.
    static func xmlFiles(in paths: [String]) -> (files: [String], emptyFolders: [String]) {
        var files: [String] = []
        var emptyFolders: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                files.append(path)
                continue
            }
            let found = xmlFiles(inFolder: path)
            if found.isEmpty { emptyFolders.append(path) }
            files += found
        }
        var seen = Set<String>()
        return (files.filter { seen.insert($0).inserted }, emptyFolders)
    }

    private static func xmlFiles(inFolder folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            guard name.hasSuffix(".xml") else { continue }
            let prefix = folder.hasSuffix("/") ? folder : folder + "/"
            found.append(prefix + relative)
        }
        return found.sorted()
    }
}

/// Standard error, for progress and summaries.
enum Console {
    static func error(_ text: String, terminator: String = "\n") {
        FileHandle.standardError.write(Data((text + terminator).utf8))
    }

    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
