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
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw WriteError(path: path, reason: "a folder of that name is in the way")
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: path, reason: "the folder cannot be created")
        }
        var template = Array(folder.appendingPathComponent(".\(url.lastPathComponent).XXXXXX").path.utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else {
            throw WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data(text.utf8))
            try handle.synchronize()
            try handle.close()
        } catch {
            unlink(temporary)
            throw WriteError(path: path, reason: "\(error.localizedDescription)")
        }
        fchmodAt(temporary)
        return temporary
    }

    /// mkstemp creates files readable by the owner only; outputs are ordinary files.
    private static func fchmodAt(_ path: String) {
        let mask = umask(0)
        umask(mask)
        chmod(path, 0o666 & ~mask)
    }
}
