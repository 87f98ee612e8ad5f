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
    private static func xmlFiles(inFolder folder: String) -> [String] {
        var found: [String] = []
        var pending = [folder.hasSuffix("/") ? String(folder.dropLast()) : folder]
        while let current = pending.popLast() {
            guard let directory = opendir(current) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name.hasPrefix(".") { continue }
                let path = current + "/" + name
                var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
                if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                    var status = stat()
                    isFolder = lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
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
