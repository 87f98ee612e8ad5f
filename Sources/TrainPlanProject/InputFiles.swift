import Foundation
public import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanReview
import TrainPlanStaffing

/// Finds and reads input files. The only place that reads plans from disk.
public enum InputFiles {
    /// Files larger than this are not read whole; the XML reader refuses them anyway.
    public static let readLimit = 4 << 20

    /// The bytes of a file, at most `readLimit + 1` of them, or why it cannot be read.
    /// One open, one fstat and the reads: no path is looked up twice.
    public static func read(_ path: String) -> SourceText {
        // Non-blocking open: opening a FIFO for reading would otherwise wait for a writer.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT, ENOTDIR: return .unreadable("no such file")
            case EACCES, EPERM: return .unreadable("permission denied")
            default: return .unreadable(String(cString: strerror(errno)))
            }
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .unreadable(String(cString: strerror(errno))) }
        inputs.insert(status)
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .unreadable("it is a folder")
        // Only regular files: a FIFO or a device would block or never end.
        default: return .unreadable("it is not a regular file")
        }
        // Sized by fstat, grown if the file grows meanwhile; never past the limit + 1 byte,
        // which is enough for the reader to refuse the file as too large.
        var bytes: [UInt8] = []
        var capacity = min(Int(status.st_size), readLimit) + 1
        while bytes.count <= readLimit {
            let filled = bytes.count
            if filled == capacity { capacity = min(capacity * 2, readLimit + 1) }
            bytes.append(contentsOf: repeatElement(0, count: capacity - filled))
            let got = bytes.withUnsafeMutableBytes { buffer in
                Foundation.read(descriptor, buffer.baseAddress! + filled, capacity - filled)
            }
            bytes.removeSubrange((filled + max(got, 0))...)
            if got < 0 {
                if errno == EINTR { continue }
                return .unreadable(String(cString: strerror(errno)))
            }
            if got == 0 { break }
        }
        return .bytes(bytes)
    }

    /// The files read so far (device and inode), which no output may replace.
    private static let inputs = InputSet()

    /// Whether `path` is a file this run has read (or listed to read): outputs never replace
    /// an input (`check p.xml --output p.xml`).
    public static func isInput(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && inputs.contains(status)
    }

    /// Marks files as inputs before they are read, so that an output created first (a
    /// streamed report) cannot replace one.
    public static func protect(_ paths: [String]) {
        for path in paths {
            var status = stat()
            if stat(path, &status) == 0 { inputs.insert(status) }
        }
    }

    /// Lets an output replace an input that it is meant to replace (the previous schedule,
    /// read with `--previous` and written again).
    public static func release(_ path: String) {
        var status = stat()
        if stat(path, &status) == 0 { inputs.remove(status) }
    }

    public static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Whether any of the paths is a folder.
    public static func anyFolder(_ paths: [String]) -> Bool {
        paths.contains { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    /// The `.xml` files named by `paths`: files as given, folders searched recursively, sorted.
    /// A path that does not exist is kept, so that reading it reports it.
    public static func xmlFiles(in paths: [String]) -> (files: [String], emptyFolders: [String]) {
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

    /// Every `.xml` file under `folder`, hidden files and folders skipped, sorted. A plain
    /// directory walk: at ten thousand files, FileManager's enumerator cost more than reading them.
    /// A link to a folder is followed (once: a link back up the tree is not walked again); a
    /// folder that cannot be opened is listed itself, so that reading it reports why
    /// (`unreadable-file`, exit 2) instead of skipping it.
    private static func xmlFiles(inFolder folder: String) -> [String] {
        var found: [String] = []
        var pending = [folder.hasSuffix("/") ? String(folder.dropLast()) : folder]
        var walked = Set<[UInt64]>()
        while let current = pending.popLast() {
            var status = stat()
            if stat(current, &status) == 0,
                !walked.insert([UInt64(status.st_dev), UInt64(status.st_ino)]).inserted
            {
                continue
            }
            guard let directory = opendir(current) else {
                found.append(current)
                continue
            }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name.hasPrefix(".") { continue }
                let path = current + "/" + name
                var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
                if entry.pointee.d_type == UInt8(DT_UNKNOWN) || entry.pointee.d_type == UInt8(DT_LNK) {
                    var status = stat()
                    isFolder = stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
                }
                if isFolder {
                    pending.append(path)
                } else if name.hasSuffix(".xml") {
                    found.append(path)
                }
            }
        }
        return found.sorted()
    }
}

/// Device and inode numbers of files, behind a lock (plans are read on every core).
private final class InputSet: @unchecked Sendable {
    private let lock = NSLock()
    private var files = Set<[UInt64]>()

    private static func key(_ status: stat) -> [UInt64] { [UInt64(status.st_dev), UInt64(status.st_ino)] }

    func insert(_ status: stat) { lock.withLock { _ = files.insert(Self.key(status)) } }
    func remove(_ status: stat) { lock.withLock { _ = files.remove(Self.key(status)) } }
    func contains(_ status: stat) -> Bool { lock.withLock { files.contains(Self.key(status)) } }
}
