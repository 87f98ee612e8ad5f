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
        Cleanup.register(temporary)
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
        defer { Cleanup.unregister(temporary) }
        if rename(temporary, target) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw OutputFile.WriteError(path: path, reason: reason)
        }
    }

    /// Removes the temporary file; the target is left as it was.
    public func discard() {
        placed = true
        if !isDirect {
            unlink(temporary)
            Cleanup.unregister(temporary)
        }
    }
}

/// Temporary files and folders of the running process, removed when it is interrupted
/// (SIGINT, SIGTERM, SIGHUP) before they are published. (A SIGKILL cannot be caught: the next
/// run removes what it left, `OutputFile.publish`.)
public enum Cleanup {
    private static let state = CleanupState()

    static func register(_ path: String) {
        state.installOnce()
        state.add(path)
    }

    static func unregister(_ path: String) { state.remove(path) }

    /// Runs `make` (which creates a path, or fails with nil) and registers what it made, as one
    /// step against the signal handler: an interruption comes before the path exists or after
    /// it is listed for removal.
    static func registering(_ make: () -> String?) -> String? {
        state.installOnce()
        return state.adding(make)
    }

    /// Runs `step` (the rename that makes `path` live) and unregisters `path`, as one step
    /// against the signal handler: an interruption removes `path` before the step or not at
    /// all, never a folder that `.current` already names.
    static func publishing<T>(_ path: String, _ step: () throws -> T) rethrows -> T {
        try state.publishing(path, step)
    }
}

private final class CleanupState: @unchecked Sendable {
    private let lock = NSLock()
    private var paths = Set<String>()
    private var sources: [any DispatchSourceSignal] = []

    func add(_ path: String) { lock.withLock { _ = paths.insert(path) } }
    func adding(_ make: () -> String?) -> String? {
        lock.withLock {
            let path = make()
            if let path { paths.insert(path) }
            return path
        }
    }
    func remove(_ path: String) { lock.withLock { _ = paths.remove(path) } }

    func publishing<T>(_ path: String, _ step: () throws -> T) rethrows -> T {
        try lock.withLock {
            defer { paths.remove(path) }
            return try step()
        }
    }

    func installOnce() {
        lock.withLock {
            guard sources.isEmpty else { return }
            for number in [SIGINT, SIGTERM, SIGHUP] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [unowned self] in
                    // The lock is held to the end: a publishing step either ran before (and
                    // its folder is no longer listed) or never runs.
                    self.lock.lock()
                    for path in self.paths { try? FileManager.default.removeItem(atPath: path) }
                    // Die of the signal, as the shell expects. libdispatch blocks the signal in
                    // its threads, so unblock it here first; should the process still live,
                    // end it as the shell would report the signal. It must not go on to publish
                    // what was just removed.
                    signal(number, SIG_DFL)
                    var set = sigset_t()
                    sigemptyset(&set)
                    sigaddset(&set, number)
                    pthread_sigmask(SIG_UNBLOCK, &set, nil)
                    raise(number)
                    _exit(128 + number)
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}

extension OutputFile {
    /// Publishes a run's outputs in one step. The files (paths relative to `folder`) are
    /// written whole into a fresh generation folder `folder/.run-XXXXXX/`, and then the link
    /// `folder/.current` is switched to it by one rename; `folder/<name>` for each top-level
    /// name (`assignments.xml`, `calendars`, …) is a link through `.current`. So a reader sees
    /// the previous run's whole set or this run's whole set, never a mix, even after a
    /// SIGKILL at any point; the folder holds exactly this run's files (a feed that is no
    /// longer made is gone); the previous generation, and whatever an interrupted run left,
    /// is removed.
    public static func publish(_ files: [(path: String, text: String)], in folder: String) throws {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: folder, reason: "the folder cannot be created")
        }
        let current = folder + "/.current"
        let live = (try? manager.destinationOfSymbolicLink(atPath: current)) ?? ""
        let tops = Set(files.map { String($0.path.split(separator: "/").first ?? "") })
        // What interrupted runs left: generations nobody points to, temporary files of ours.
        for name in (try? manager.contentsOfDirectory(atPath: folder)) ?? []
        where (name.hasPrefix(".run-") && name != live) || name.hasPrefix(".current.")
            || isStagedTemporary(name, of: tops)
        {
            try? manager.removeItem(atPath: folder + "/" + name)
        }
        // Made and listed for removal in one step against the signal handler (installed first):
        // a SIGTERM between the two used to leave the folder behind.
        let made = Cleanup.registering { () -> String? in
            var template = Array((folder + "/.run-XXXXXX").utf8CString)
            let made = template.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress.map { mkdtemp($0) } ?? nil
            }
            guard made != nil else { return nil }
            return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        guard let generation = made else { throw WriteError(path: folder, reason: String(cString: strerror(errno))) }
        let generationName = (generation as NSString).lastPathComponent
        defer { Cleanup.unregister(generation) }
        do {
            for file in files {
                let path = generation + "/" + file.path
                try manager.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try writeSynced(file.text, to: path)
            }
            let mask = umask(0)
            umask(mask)
            chmod(generation, 0o777 & ~mask)
            // The stable names, each a link through .current (made once; an older layout's
            // real file or folder of that name is replaced).
            for name in tops.sorted() {
                let path = folder + "/" + name
                let wanted = ".current/" + name
                if (try? manager.destinationOfSymbolicLink(atPath: path)) == wanted { continue }
                let link = folder + "/.current.link-" + name
                try? manager.removeItem(atPath: link)
                try manager.createSymbolicLink(atPath: link, withDestinationPath: wanted)
                var status = stat()
                if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
                    // rename() cannot replace a folder: move the old one into the old generation.
                    let aside = folder + "/.run-old-" + name
                    try? manager.removeItem(atPath: aside)
                    try manager.moveItem(atPath: path, toPath: aside)
                }
                guard rename(link, path) == 0 else {
                    throw WriteError(path: path, reason: String(cString: strerror(errno)))
                }
            }
            // The one step.
            let next = folder + "/.current.next"
            try? manager.removeItem(atPath: next)
            try manager.createSymbolicLink(atPath: next, withDestinationPath: generationName)
            let renamed = Cleanup.publishing(generation) { rename(next, current) == 0 ? 0 : errno }
            guard renamed == 0 else {
                throw WriteError(path: current, reason: String(cString: strerror(renamed)))
            }
        } catch let error as WriteError {
            try? manager.removeItem(atPath: generation)
            throw error
        } catch {
            try? manager.removeItem(atPath: generation)
            throw WriteError(path: folder, reason: "\(error.localizedDescription)")
        }
        // The previous generation, and an older layout's files put aside.
        for name in (try? manager.contentsOfDirectory(atPath: folder)) ?? []
        where name.hasPrefix(".run-") && name != generationName {
            try? manager.removeItem(atPath: folder + "/" + name)
        }
    }

    /// `.assignments.xml.Ab12Cd`: a `StagedFile` temporary of one of `names` (a dot, the
    /// name, a dot and six characters), left by a killed run.
    static func isStagedTemporary(_ name: String, of names: Set<String>) -> Bool {
        guard name.hasPrefix("."), name.count > 8 else { return false }
        let base = String(name.dropFirst().dropLast(7))
        return name.dropLast(6).hasSuffix(".") && names.contains(base)
    }

    private static func writeSynced(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data(text.utf8))
            try handle.synchronize()
            try handle.close()
        } catch {
            throw WriteError(path: path, reason: "\(error.localizedDescription)")
        }
    }
}

extension OutputFile {
    /// Why `create` wrote nothing.
    public enum CreateError: Error, CustomStringConvertible {
        case exists(String)
        case failed(path: String, reason: String)

        public var description: String {
            switch self {
            case .exists(let path): "\(path) already exists; it is left as it is"
            case .failed(let path, let reason): "cannot write \(path): \(reason)"
            }
        }
    }

    /// Writes a new file whole or not at all, and never over an existing one: the text goes to
    /// a temporary file beside it, which is then hard-linked to the name (an atomic step that
    /// fails when the name exists) and removed.
    public static func create(_ text: String, at path: String) throws(CreateError) {
        if FileManager.default.fileExists(atPath: path) { throw .exists(path) }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .failed(path: path, reason: "cannot create the folder \(folder)")
            }
        }
        let temporary = (folder.isEmpty ? "." : folder) + "/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            throw .failed(path: path, reason: "cannot write a temporary file in \(folder.isEmpty ? "." : folder)")
        }
        defer { unlink(temporary) }
        if link(temporary, path) != 0 {
            if errno == EEXIST { throw .exists(path) }
            throw .failed(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
