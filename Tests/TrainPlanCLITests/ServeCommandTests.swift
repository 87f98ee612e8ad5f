import Foundation
import Testing

/// `trainplan serve` started as a user starts it: a process that prints its address.
final class Server {
    let process = Process()
    private let error = Pipe()
    private(set) var said = ""

    init(_ arguments: [String], in folder: URL) throws {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var binary = products.appendingPathComponent("trainplan")
        if !FileManager.default.fileExists(atPath: binary.path) {
            binary = repositoryRoot.appendingPathComponent(".build/debug/trainplan")
        }
        process.executableURL = binary
        process.arguments = ["serve"] + arguments
        process.currentDirectoryURL = folder
        process.standardError = error
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    /// Reads standard error until `text` appears or the process ends (at most 60 s).
    func wait(for text: String) -> Bool {
        let deadline = Date().addingTimeInterval(60)
        while !said.contains(text), Date() < deadline {
            let data = error.fileHandleForReading.availableData
            if data.isEmpty { return said.contains(text) }
            said += String(decoding: data, as: UTF8.self)
        }
        return said.contains(text)
    }

    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// A port nobody listens on now (the kernel's choice for port 0, given back).
func freePort() -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
    }
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

@Suite("trainplan serve at the command line")
struct ServeCommandTests {
    @Test("outside a project folder it says what to do and exits 2; a bad port is a usage error")
    func refusals() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("trainplan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let outside = try trainplan(["serve"], in: empty)
        #expect(outside.status == 2)
        #expect(outside.standardError.contains("there is no SessionPlans/ folder here"))
        #expect(outside.standardError.contains("trainplan init"))
        for port in ["0", "65536", "-1", "http"] {
            #expect(try trainplan(["serve", "--port", port], in: empty).status == 64, "\(port)")
        }
        // A rubric that cannot be used stops it before it listens.
        let broken = try project(["a.xml": validPlan])
        defer { try? FileManager.default.removeItem(at: broken) }
        try "<rubric>".write(
            to: broken.appendingPathComponent("Rubrics/adult-learning.xml"), atomically: true, encoding: .utf8)
        let unusable = try trainplan(["serve", "--port", String(freePort())], in: broken)
        #expect(unusable.status == 2)
        #expect(unusable.standardError.contains("Rubrics/adult-learning.xml:"))
    }

    @Test("it prints its address, a second server on the same port says the port is in use, Ctrl-C stops it")
    func startsAndStops() throws {
        let folder = try project(["a.xml": validPlan])
        defer { try? FileManager.default.removeItem(at: folder) }
        let port = freePort()
        let server = try Server(["--port", String(port)], in: folder)
        #expect(server.wait(for: "trainplan: the workspace is at http://127.0.0.1:\(port)/ (Ctrl-C stops it)"))
        let second = try trainplan(["serve", "--port", String(port)], in: folder)
        #expect(second.status == 2)
        #expect(second.standardError.contains("port \(port) is in use"))
        server.process.interrupt()
        server.process.waitUntilExit()
        #expect(server.process.terminationReason == .exit)
        #expect(server.process.terminationStatus == 0)
    }

    @Test("beyond loopback it prints an access link with a random token")
    func accessLink() throws {
        let folder = try project(["a.xml": validPlan])
        defer { try? FileManager.default.removeItem(at: folder) }
        let port = freePort()
        let server = try Server(["--host", "0.0.0.0", "--port", String(port)], in: folder)
        #expect(server.wait(for: "share it only with"))
        let link = try #require(try Regex("http://[^/ ]+:\(port)/\\?token=([0-9a-f]{32})").firstMatch(in: server.said))
        #expect(link.output.count == 2)
        _ = server.stop()
    }
}
