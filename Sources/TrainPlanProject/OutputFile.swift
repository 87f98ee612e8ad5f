import Foundation
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanReview
import TrainPlanStaffing

/// Writes outputs so that they cannot half-happen: a temporary file in the same folder,
/// flushed, then renamed over the target.
public enum OutputFile {
    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "cannot write \(path): \(reason)" }
    }

    /// Writes several outputs as one: every file goes to a temporary file first, and only when
    /// all of them are written are they renamed into place. A failure on the way leaves every
    /// previous output as it was. (A target that is a device or a pipe, such as `/dev/stdout`,
    /// is written directly: it cannot be replaced, and must not be.)
    public static func writeAll(_ files: [(path: String, text: String)]) throws {
        var staged: [StagedFile] = []
        for file in files {
            let output = try StagedFile(for: file.path)
            try output.write(file.text)
            try output.finish()
            staged.append(output)
        }
        for (index, output) in staged.enumerated() {
            do {
                try output.moveIntoPlace()
            } catch {
                for rest in staged[(index + 1)...] { rest.discard() }
                throw error
            }
        }
    }

    public static func write(_ text: String, to path: String) throws {
        try writeAll([(path, text)])
    }
}

/// A temporary file beside its target, written piece by piece and renamed into place only
/// when complete: a report streamed plan by plan still appears whole or not at all.
public final class StagedFile {
    public let path: String
    /// Where the text goes until it is complete; the target itself when that is not a regular file.
    let temporary: String
    /// Whether the target is a device or a pipe, written in place.
    let isDirect: Bool
    /// The file replaced: `path`, or the file it links to.
    private var target: String
    private let handle: FileHandle
    /// Whether the temporary file has a complete text that someone must rename or remove.
    private var finished = false
    private var placed = false

    public init(for path: String) throws {
        self.path = path
        var target = path
        var status = stat()
        if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK {
            if path.hasPrefix("/dev/") || path.hasPrefix("/proc/") {
                // /dev/stdout, /proc/self/fd/1: the descriptor behind the link, written in
                // place (appended to, as the shell's redirection would be).
                let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
                guard descriptor >= 0 else {
                    throw OutputFile.WriteError(path: path, reason: String(cString: strerror(errno)))
                }
                temporary = path
                self.target = path
                isDirect = true
                handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
                return
            }
            // Any other link: the file it points to is replaced, and the link stays a link.
            guard let resolved = realpath(path, nil) else {
                throw OutputFile.WriteError(path: path, reason: "it is a link to a file that does not exist")
            }
            target = String(cString: resolved)
            free(resolved)
        }
        if InputFiles.isInput(target) {
            throw OutputFile.WriteError(
                path: path, reason: "it is one of the inputs; write the output somewhere else")
        }
        if stat(target, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            guard status.st_mode & S_IFMT != S_IFDIR else {
                throw OutputFile.WriteError(path: path, reason: "a folder of that name is in the way")
            }
            // /dev/null, /dev/stdout, a pipe: renaming a file over it would replace the device.
            let descriptor = open(target, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw OutputFile.WriteError(path: path, reason: String(cString: strerror(errno)))
            }
            temporary = target
            self.target = target
            isDirect = true
            handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            return
        }
        self.target = target
        let url = URL(fileURLWithPath: target)
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
        temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        isDirect = false
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    deinit {
        if !placed { discard() }
    }

    public func write(_ text: String) throws {
        do {
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw OutputFile.WriteError(path: path, reason: "\(error.localizedDescription)")
        }
    }

    /// Flushes and closes the text, readable like any output.
    public func finish() throws {
        guard !finished else { return }
        do {
            if !isDirect { try handle.synchronize() }
            try handle.close()
        } catch {
            throw OutputFile.WriteError(path: path, reason: "\(error.localizedDescription)")
        }
        finished = true
        guard !isDirect else { return }
        let mask = umask(0)
        umask(mask)
        chmod(temporary, 0o666 & ~mask)
    }

    /// Renames the finished temporary file over the target.
    public func moveIntoPlace() throws {
        try finish()
        placed = true
        guard !isDirect else { return }
        if rename(temporary, target) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw OutputFile.WriteError(path: path, reason: reason)
        }
    }

    /// Removes the temporary file; the target is left as it was.
    public func discard() {
        placed = true
        if !isDirect { unlink(temporary) }
    }
}
