import Foundation

/// Writes outputs so that they cannot half-happen: a temporary file in the same folder,
/// flushed, then renamed over the target.
enum OutputFile {
    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "cannot write \(path): \(reason)" }
    }

    /// Writes several outputs as one: every file goes to a temporary file first, and only when
    /// all of them are written are they renamed into place. A failure on the way leaves every
    /// previous output as it was.
    static func writeAll(_ files: [(path: String, text: String)]) throws {
        var staged: [(temporary: String, path: String)] = []
        do {
            for file in files { staged.append((try stage(file.text, for: file.path), file.path)) }
        } catch {
            for file in staged { unlink(file.temporary) }
            throw error
        }
        for (index, file) in staged.enumerated() where rename(file.temporary, file.path) != 0 {
            let reason = String(cString: strerror(errno))
            for rest in staged[index...] { unlink(rest.temporary) }
            throw WriteError(path: file.path, reason: reason)
        }
    }

    static func write(_ text: String, to path: String) throws {
        try writeAll([(path, text)])
    }

    /// Writes `text` to a new temporary file beside `path` and returns its path.
    private static func stage(_ text: String, for path: String) throws -> String {
        let staged = try StagedFile(for: path)
        try staged.write(text)
        return try staged.finish()
    }
}

/// A temporary file beside its target, written piece by piece and renamed into place only
/// when complete: a report streamed plan by plan still appears whole or not at all.
final class StagedFile {
    let path: String
    let temporary: String
    private let handle: FileHandle
    private var finished = false

    init(for path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw OutputFile.WriteError(path: path, reason: "a folder of that name is in the way")
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputFile.WriteError(path: path, reason: "the folder cannot be created")
        }
        var template = Array(folder.appendingPathComponent(".\(url.lastPathComponent).XXXXXX").path.utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else {
            throw OutputFile.WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        self.path = path
        temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    deinit {
        if !finished { unlink(temporary) }
    }

    func write(_ text: String) throws {
        do {
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw OutputFile.WriteError(path: path, reason: "\(error.localizedDescription)")
        }
    }

    /// Flushes and closes the temporary file, readable like any output; returns its path.
    /// The caller renames it into place (or unlinks it).
    func finish() throws -> String {
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw OutputFile.WriteError(path: path, reason: "\(error.localizedDescription)")
        }
        finished = true
        let mask = umask(0)
        umask(mask)
        chmod(temporary, 0o666 & ~mask)
        return temporary
    }

    /// Finishes and renames the file into place.
    func commit() throws {
        let staged = try finish()
        if rename(staged, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(staged)
            throw OutputFile.WriteError(path: path, reason: reason)
        }
    }
}
