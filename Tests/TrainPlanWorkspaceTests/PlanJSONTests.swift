import Foundation
import Testing
import TrainPlanFormats

@testable import TrainPlanWorkspace

/// The live check's JSON reader answers only for bodies `JSONDecoder` reads, and reads them to
/// the same plan; everything else it leaves to `JSONDecoder` (nil).
struct PlanJSONTests {
    static func fast(_ bytes: [UInt8]) -> PlanDocument? {
        bytes.withUnsafeBytes { PlanJSON.document($0) }
    }

    static func foundation(_ bytes: [UInt8]) -> PlanDocument? {
        try? JSONDecoder().decode(PlanDocument.self, from: Data(bytes))
    }

    static func shipped() throws -> [PlanDocument] {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let folder = repository.appendingPathComponent("SessionPlans").path
        return try FileManager.default.contentsOfDirectory(atPath: folder).sorted().filter { $0.hasSuffix(".xml") }
            .compactMap { name in
                let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
                return try? PlanDocument.read(bytes).get()
            }
    }

    /// Same answer as `JSONDecoder`, or nil; never a plan where `JSONDecoder` refuses.
    static func agrees(_ bytes: [UInt8]) -> Bool {
        let reference = foundation(bytes)
        guard let mine = fast(bytes) else { return true }
        return mine == reference
    }

    @Test("the shipped plans read the same as with JSONDecoder, and this reader answers for them")
    func shippedPlans() throws {
        let plans = try Self.shipped()
        #expect(plans.count >= 5)
        for plan in plans {
            let bytes = Array(try JSONEncoder().encode(plan))
            #expect(Self.fast(bytes) == plan, "\(plan.id)")
            #expect(Self.foundation(bytes) == plan)
            // The page's own serialisation (JSON.stringify: no escaped slashes, spaces allowed).
            let spaced = Array(
                try JSONSerialization.data(
                    withJSONObject: try JSONSerialization.jsonObject(with: Data(bytes)),
                    options: [.prettyPrinted, .withoutEscapingSlashes]))
            #expect(Self.fast(spaced) == plan, "\(plan.id)")
        }
    }

    @Test("escapes, surrogates, nulls and unknown keys")
    func escapes() throws {
        func body(_ title: String, extra: String = "", version: String = "\"1\"") -> [UInt8] {
            Array(
                ("{\"id\":\"a\",\"version\":\(version),\"title\":\(title),\"module\":\"m\",\"step\":\"1\",\"stage\":\"s\","
                    + "\"duration\":\"60\",\"delivery\":\"in-person\",\"audience\":null,\"objectives\":[],"
                    + "\"agenda\":[{\"kind\":\"activity\",\"id\":\"b\",\"method\":\"x\",\"minutes\":\"5\",\"grouping\":\"\","
                    + "\"objectives\":[\"o\"],\"materials\":[],\"title\":null}],\"evaluation\":[]\(extra)}").utf8)
        }
        let good = [
            "\"plain\"", "\"a \\\"quote\\\" and \\\\ and \\/\"", "\"\\b\\f\\n\\r\\t\"", "\"\\u00e9\\u00E9 é\"",
            "\"\\ud83d\\ude00 😀\"", "\"\\u0000\"", "\"\"",
        ]
        for title in good {
            #expect(Self.fast(body(title)) != nil, "\(title)")
            #expect(Self.fast(body(title)) == Self.foundation(body(title)), "\(title)")
        }
        #expect(Self.fast(body("\"t\"", version: "null"))?.version == nil)
        #expect(Self.fast(body("\"t\"", extra: ",\"x\":[1,-2,\"s\",{\"k\":true},null]")) != nil)
        let left = [
            "\"\\ud83d\"", "\"\\ude00\"", "\"\\ud83d\\u0041\"", "\"\\x\"", "\"\\u12\"", "\"a\u{1}b\"", "5", "null",
            "[\"t\"]", "\"unterminated",
        ]
        for title in left {
            #expect(Self.fast(body(title)) == nil, "\(title)")
        }
        #expect(Self.fast(body("\"t\"", extra: ",\"x\":1.5")) == nil)
        #expect(Self.fast(body("\"t\"", extra: ",\"title\":\"again\"")) == nil)
        #expect(Self.fast(Array("\u{FEFF}".utf8) + body("\"t\"")) == nil)
        #expect(Self.fast(body("\"t\"") + Array(" x".utf8)) == nil)
        #expect(Self.fast(Array("{\"not\": \"a plan\"}".utf8)) == nil)
        #expect(Self.fast([]) == nil)
        var invalid = body("\"t\"")
        invalid[invalid.firstIndex(of: UInt8(ascii: "t"))!] = 0xFF
        #expect(Self.fast(invalid) == nil)
    }

    @Test("broken bodies: cut short and changed a byte at a time, never a plan JSONDecoder refuses")
    func broken() throws {
        let plan = try #require(try Self.shipped().first)
        let bytes = Array(try JSONEncoder().encode(plan))
        var generator = SystemRandomNumberGenerator()
        for cut in stride(from: 0, to: bytes.count, by: 7) {
            #expect(Self.agrees(Array(bytes[..<cut])), "cut at \(cut)")
        }
        let alphabet = Array("{}[]\",:\\ unlt0-9eE.\u{0}".utf8) + [0xC3, 0xFF, 0x80]
        for _ in 0..<3000 {
            var changed = bytes
            let at = Int.random(in: 0..<changed.count, using: &generator)
            changed[at] = alphabet.randomElement(using: &generator)!
            #expect(Self.agrees(changed), "\(String(decoding: changed, as: UTF8.self))")
        }
    }
}
