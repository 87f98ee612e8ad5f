import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TrainPlanCore
import TrainPlanFormats
import TrainPlanProject
import TrainPlanReview

@testable import TrainPlanWorkspace

/// A copy of the shipped project in a temporary folder, served in-process.
struct Served {
    let root: String
    let store: WorkspaceStore
    let app: Application<RouterResponder<BasicRequestContext>>
    static let requestToken = "request-token-for-tests"

    init(accessToken: String? = nil) throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        root = NSTemporaryDirectory() + "trainplan-workspace-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for folder in ["SessionPlans", "Rubrics", "Rosters"] {
            try FileManager.default.copyItem(
                atPath: repository.appendingPathComponent(folder).path, toPath: root + "/" + folder)
        }
        store = try WorkspaceStore(
            options: ProjectOptions(
                plans: [root + "/SessionPlans"], rubric: root + "/Rubrics/adult-learning.xml",
                methods: root + "/Rubrics/methods.xml", verbs: root + "/Rubrics/verbs.xml", asCurriculum: true),
            rosters: root + "/Rosters", out: root + "/out")
        let guardian = Guard(
            hosts: ["localhost", "127.0.0.1"], port: 8080, accessToken: accessToken, requestToken: Self.requestToken)
        app = Application(router: Workspace.makeRouter(store: store, guardian: guardian))
    }

    func file(_ id: String) -> String { root + "/SessionPlans/" + id + ".xml" }

    func bytes(_ id: String) -> [UInt8] { Array(FileManager.default.contents(atPath: file(id)) ?? Data()) }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    static let changing: HTTPFields = [
        Guard.header: requestToken, .contentType: "application/json", .origin: "http://localhost:8080",
    ]
}

func json(_ value: some Encodable) -> ByteBuffer {
    let encoder = JSONEncoder()
    return ByteBuffer(bytes: Array(try! encoder.encode(value)))
}

func decoded<Value: Decodable>(_ type: Value.Type, _ buffer: ByteBuffer) throws -> Value {
    try JSONDecoder().decode(type, from: Data(buffer.readableBytesView))
}

struct SaveBody: Encodable {
    var document: PlanDocument
    var base: PlanVersion
}

struct SavedBody: Decodable {
    var version: PlanVersion
    var check: EditorCheck
}

/// The live check's answer: an `EditorCheck` without the text.
struct LiveCheck: Decodable {
    var findings: [EditorFinding]
    var savable: Bool
    var verdict: String
}

struct RefusalBody: Decodable {
    var error: String
    var disk: DiskPlan?
    var mine: String?
    var check: EditorCheck?
}

@Suite("The workspace's pages and API, in-process")
struct WorkspaceTests {
    @Test("the pages answer, list every plan, and echo nothing unescaped")
    func pages() async throws {
        let served = try Served()
        defer { served.remove() }
        try await served.app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("<a href=\"/plans/active-listening\">Active listening with your mentee</a>"))
                #expect(page.components(separatedBy: "<tr data-plan=").count - 1 == 12)
                #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            }
            try await client.execute(uri: "/plans/active-listening", method: .get) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("<script type=\"application/json\" id=\"tp-data\">"))
                #expect(page.contains("<script src=\"/assets/app.js\" defer></script>"))
                #expect(!page.contains("http://") || !page.contains("<script src=\"http"))
            }
            try await client.execute(uri: "/plans/active-listening/agenda?start=18:30", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("18:30–"))
            }
            try await client.execute(uri: "/plans/active-listening/agenda?start=25:00", method: .get) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/review", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("plans pass"))
            }
            for asset in ["app.js", "app.css"] {
                try await client.execute(uri: "/assets/" + asset, method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.body.readableBytes > 1000)
                }
            }
            try await client.execute(uri: "/assets/../Package.swift", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("a title that would break out of the page is escaped in the page and in its data")
    func escaping() async throws {
        let served = try Served()
        defer { served.remove() }
        var document = try PlanDocument.read(served.bytes("active-listening")).get()
        document.title = "</script><script>alert(1)</script> & \"quotes\""
        try Data(document.xml().utf8).write(to: URL(fileURLWithPath: served.file("active-listening")))
        try await served.app.test(.router) { client in
            try await client.execute(uri: "/plans/active-listening", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(!page.contains("<script>alert(1)"))
                #expect(page.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(page.contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"))
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(!String(buffer: response.body).contains("<script>alert(1)"))
            }
        }
    }

    @Test("the live check gives the findings check gives the same file, at the part of the form they are about")
    func liveCheckMatchesTheCommandLine() async throws {
        let served = try Served()
        defer { served.remove() }
        var document = try PlanDocument.read(served.bytes("active-listening")).get()
        document.agenda[1].minutes = "-5"
        document.agenda[2].method = "roleplay"
        let edited = document
        // The same edit as a file on disk, checked as `check` does.
        let other = try Served()
        defer { other.remove() }
        try Data(document.xml().utf8).write(to: URL(fileURLWithPath: other.file("active-listening")))
        let fromDisk = try Project.load(await other.store.options).review.plans.first {
            $0.file.hasSuffix("/active-listening.xml")
        }!
        try await served.app.test(.router) { client in
            try await client.execute(
                uri: "/api/plans/active-listening/check", method: .post, headers: Served.changing, body: json(edited)
            ) { response in
                #expect(response.status == .ok)
                let check = try decoded(LiveCheck.self, response.body)
                let minutes = try #require(check.findings.first { $0.id == "invalid-minutes" })
                #expect(minutes.part == "block-1")
                #expect(minutes.message.contains("minutes=\"-5\""))
                let method = try #require(check.findings.first { $0.id == "unknown-method" })
                #expect(method.part == "block-2")
                #expect(method.message.contains("Did you mean 'role-play'?"))
                #expect(!check.savable)
                let expected = fromDisk.findings.map {
                    "\($0.location.line):\($0.location.column) \($0.id) \($0.message)"
                }
                #expect(check.findings.map { "\($0.line):\($0.column) \($0.id) \($0.message)" } == expected)
            }
        }
    }

    @Test("opening and saving without a change leaves every shipped plan byte-identical")
    func saveUnchangedIsIdentical() async throws {
        let served = try Served()
        defer { served.remove() }
        let ids = try FileManager.default.contentsOfDirectory(atPath: served.root + "/SessionPlans").map {
            String($0.dropLast(4))
        }.sorted()
        #expect(ids.count == 12)
        try await served.app.test(.router) { client in
            for id in ids {
                let before = served.bytes(id)
                let disk = try await client.execute(uri: "/api/plans/" + id, method: .get) {
                    try decoded(DiskPlan.self, $0.body)
                }
                let document = try #require(disk.document)
                try await client.execute(
                    uri: "/api/plans/" + id, method: .put, headers: Served.changing,
                    body: json(SaveBody(document: document, base: disk.version))
                ) { response in
                    #expect(response.status == .ok, "\(id)")
                    let saved = try decoded(SavedBody.self, response.body)
                    #expect(saved.version == disk.version)
                }
                #expect(served.bytes(id) == before, "\(id)")
            }
        }
    }

    @Test("a save over a file that changed on disk is refused with both versions; nothing is written")
    func conflict() async throws {
        let served = try Served()
        defer { served.remove() }
        try await served.app.test(.router) { client in
            let disk = try await client.execute(uri: "/api/plans/goal-setting", method: .get) {
                try decoded(DiskPlan.self, $0.body)
            }
            // Someone edits the file outside (an editor, git pull).
            let outside = String(decoding: served.bytes("goal-setting"), as: UTF8.self)
                .replacingOccurrences(of: "<title>", with: "<title>Edited outside: ")
            try Data(outside.utf8).write(to: URL(fileURLWithPath: served.file("goal-setting")))
            var mine = try #require(disk.document)
            mine.title = "Mine"
            try await client.execute(
                uri: "/api/plans/goal-setting", method: .put, headers: Served.changing,
                body: json(SaveBody(document: mine, base: disk.version))
            ) { response in
                #expect(response.status == .conflict)
                let refusal = try decoded(RefusalBody.self, response.body)
                #expect(refusal.error.contains("changed on disk"))
                #expect(refusal.disk?.text == outside)
                #expect(refusal.disk?.document?.title.hasPrefix("Edited outside: ") == true)
                #expect(refusal.mine == mine.xml())
            }
            #expect(String(decoding: served.bytes("goal-setting"), as: UTF8.self) == outside)
            // Deleted outside: the page's version is refused once, then written back over "absent".
            try FileManager.default.removeItem(atPath: served.file("goal-setting"))
            try await client.execute(
                uri: "/api/plans/goal-setting", method: .put, headers: Served.changing,
                body: json(SaveBody(document: mine, base: disk.version))
            ) { response in
                #expect(response.status == .conflict)
                let refusal = try decoded(RefusalBody.self, response.body)
                #expect(refusal.error.contains("was deleted on disk"))
                #expect(refusal.disk?.version == .absent)
            }
            try await client.execute(
                uri: "/api/plans/goal-setting", method: .put, headers: Served.changing,
                body: json(SaveBody(document: mine, base: .absent))
            ) { response in
                #expect(response.status == .ok)
            }
            #expect(try PlanDocument.read(served.bytes("goal-setting")).get().title == "Mine")
            try Data(outside.utf8).write(to: URL(fileURLWithPath: served.file("goal-setting")))
            // The page now shows the outside edit.
            try await client.execute(uri: "/", method: .get) { response in
                #expect(String(buffer: response.body).contains("Edited outside: "))
            }
        }
    }

    @Test("two tabs saving the same plan from the same version: one is written, the other refused")
    func twoTabs() async throws {
        let served = try Served()
        defer { served.remove() }
        try await served.app.test(.router) { client in
            let disk = try await client.execute(uri: "/api/plans/youth-safety", method: .get) {
                try decoded(DiskPlan.self, $0.body)
            }
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for tab in ["first tab", "second tab"] {
                    var document = disk.document!
                    document.title = tab
                    group.addTask {
                        try await client.execute(
                            uri: "/api/plans/youth-safety", method: .put, headers: Served.changing,
                            body: json(SaveBody(document: document, base: disk.version))
                        ) { $0.status }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.sorted { $0.code < $1.code } == [.ok, .conflict])
            let title = try PlanDocument.read(served.bytes("youth-safety")).get().title
            #expect(title == "first tab" || title == "second tab")
        }
    }

    @Test("bad input from the page gets the checker's findings and never writes a file")
    func badInputIsNeverWritten() async throws {
        let served = try Served()
        defer { served.remove() }
        let before = served.bytes("first-meetings")
        try await served.app.test(.router) { client in
            let disk = try await client.execute(uri: "/api/plans/first-meetings", method: .get) {
                try decoded(DiskPlan.self, $0.body)
            }
            var negative = try #require(disk.document)
            negative.agenda[0].minutes = "-5"
            var unknown = try #require(disk.document)
            unknown.agenda[0].method = "interpretive-dance"
            var huge = try #require(disk.document)
            huge.title = String(repeating: "x", count: 10 << 20)
            for (document, id) in [(negative, "invalid-minutes"), (unknown, "unknown-method"), (huge, "xml-too-large")]
            {
                try await client.execute(
                    uri: "/api/plans/first-meetings", method: .put, headers: Served.changing,
                    body: json(SaveBody(document: document, base: disk.version))
                ) { response in
                    #expect(response.status == .unprocessableContent, "\(id)")
                    let refusal = try decoded(RefusalBody.self, response.body)
                    #expect(refusal.check?.findings.contains { $0.severity == "error" } == true, "\(id)")
                    #expect(refusal.check?.savable == false)
                }
            }
            // A body past the limit is refused before it is read whole.
            try await client.execute(
                uri: "/api/plans/first-meetings/check", method: .post, headers: Served.changing,
                body: ByteBuffer(repeating: UInt8(ascii: " "), count: Workspace.bodyLimit + 1)
            ) { response in
                #expect(response.status == .contentTooLarge)
            }
            try await client.execute(
                uri: "/api/plans/first-meetings/check", method: .post, headers: Served.changing,
                body: ByteBuffer(string: "{\"not\": \"a plan\"}")
            ) { response in
                #expect(response.status == .badRequest)
            }
        }
        #expect(served.bytes("first-meetings") == before)
    }

    @Test("a new plan from a template, a copy, and a delete with its version")
    func createDuplicateDelete() async throws {
        struct Create: Encodable {
            var id: String
            var title: String?
            var from: String
        }
        let served = try Served()
        defer { served.remove() }
        try await served.app.test(.router) { client in
            try await client.execute(
                uri: "/api/plans", method: .post, headers: Served.changing,
                body: json(Create(id: "listening-basics", title: "Listening basics", from: "blank"))
            ) { response in
                #expect(response.status == .created)
                let saved = try decoded(SavedBody.self, response.body)
                #expect(saved.check.savable)
            }
            let blank = try PlanDocument.read(served.bytes("listening-basics")).get()
            #expect(blank.id == "listening-basics" && blank.title == "Listening basics")
            try await client.execute(
                uri: "/api/plans", method: .post, headers: Served.changing,
                body: json(Create(id: "listening-basics", from: "blank"))
            ) { response in
                #expect(response.status == .conflict)
            }
            try await client.execute(
                uri: "/api/plans", method: .post, headers: Served.changing,
                body: json(Create(id: "circle-copy", from: "plan:mentor-circle"))
            ) { response in
                #expect(response.status == .created)
            }
            var original = try PlanDocument.read(served.bytes("mentor-circle")).get()
            original.id = "circle-copy"
            #expect(served.bytes("circle-copy") == Array(original.xml().utf8))
            for bad in ["../escape", "Upper", "", String(repeating: "a", count: 65), "a/b", "a.xml"] {
                try await client.execute(
                    uri: "/api/plans", method: .post, headers: Served.changing,
                    body: json(Create(id: bad, from: "blank"))
                ) { response in
                    #expect(response.status == .badRequest, "\(bad)")
                }
            }
            let version = PlanVersion(of: served.bytes("circle-copy"))
            try await client.execute(
                uri: "/api/plans/circle-copy?base=0000000000000000", method: .delete, headers: Served.changing
            ) { response in
                #expect(response.status == .conflict)
            }
            try await client.execute(
                uri: "/api/plans/circle-copy?base=\(version.hash)", method: .delete, headers: Served.changing
            ) { response in
                #expect(response.status == .noContent)
            }
            #expect(!FileManager.default.fileExists(atPath: served.file("circle-copy")))
            try await client.execute(uri: "/", method: .get) { response in
                #expect(!String(buffer: response.body).contains("data-plan=\"circle-copy\""))
            }
        }
    }

    @Test("changes need the page's token and its origin; the access token guards every request")
    func requestsAreGuarded() async throws {
        let served = try Served(accessToken: "access-token")
        defer { served.remove() }
        let document = try PlanDocument.read(served.bytes("health-topics")).get()
        try await served.app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/?token=wrong", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/plans/health-topics?token=access-token", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/plans/health-topics")
                #expect(response.headers[.setCookie]?.contains("HttpOnly; SameSite=Strict") == true)
            }
            let cookie: HTTPFields = [.cookie: "\(Guard.cookie)=access-token"]
            try await client.execute(uri: "/", method: .get, headers: cookie) { response in
                #expect(response.status == .ok)
            }
            var withoutToken = Served.changing
            withoutToken[Guard.header] = nil
            withoutToken[.cookie] = "\(Guard.cookie)=access-token"
            var crossSite = Served.changing
            crossSite[.origin] = "http://evil.example"
            crossSite[.cookie] = "\(Guard.cookie)=access-token"
            var fetchedCrossSite = Served.changing
            fetchedCrossSite[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
            fetchedCrossSite[.cookie] = "\(Guard.cookie)=access-token"
            for headers in [withoutToken, crossSite, fetchedCrossSite] {
                try await client.execute(
                    uri: "/api/plans/health-topics/check", method: .post, headers: headers, body: json(document)
                ) { response in
                    #expect(response.status == .forbidden)
                }
            }
            var good = Served.changing
            good[.cookie] = "\(Guard.cookie)=access-token"
            try await client.execute(
                uri: "/api/plans/health-topics/check", method: .post, headers: good, body: json(document)
            ) { response in
                #expect(response.status == .ok)
            }
        }
    }
}

@Test("the live check's hand-written JSON is what the Codable encoder writes, less the text")
func liveJSONMatchesCodable() throws {
    let weird = "a \"quote\", a \\ and a\nline\u{1}\t end é 🙂 </script>"
    let finding: [String: Any] = [
        "part": "block-1", "line": 3, "column": 4, "severity": "warning", "id": "x", "message": weird,
        "hint": weird, "criterion": "interactive-share",
    ]
    var bare = finding
    bare["hint"] = nil
    bare["criterion"] = nil
    let fields: [String: Any] = [
        "file": "SessionPlans/a\"b.xml", "findings": [finding, bare],
        "criteria": [
            ["id": "c", "name": "N \u{7}", "status": "met", "summary": weird, "essential": true, "weight": 3]
        ], "score": 96.15384615384616, "verdict": "pass", "savable": true, "xml": "<session/>",
    ]
    let check = try JSONDecoder().decode(EditorCheck.self, from: JSONSerialization.data(withJSONObject: fields))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var expected = try JSONSerialization.jsonObject(with: encoder.encode(check)) as! [String: Any]
    expected["xml"] = nil
    let written = try JSONSerialization.jsonObject(with: Data(LiveJSON.check(check))) as! [String: Any]
    func canonical(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }
    #expect(try canonical(written) == canonical(expected))
    var noScore = check
    noScore.score = nil
    let withoutScore = try JSONSerialization.jsonObject(with: Data(LiveJSON.check(noScore))) as! [String: Any]
    #expect(withoutScore["score"] == nil)
}

@Suite("The term in the workspace, in-process")
struct TermTests {
    struct Asked: Encodable {
        var trainer: String
        var from: String
        var to: String
        var reason: String?
    }

    struct Answer: Decodable {
        struct Change: Decodable {
            var offering: String
            var role: String?
            var from: String?
            var to: String?
            var reason: String
        }
        var summary: String
        var changes: [Change]
        var gaps: [String]
        var rosterLine: String
        var written: [String]?
    }

    func read(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }

    @Test("the term page, a what-if that writes nothing, and applying it: roster and out/ written")
    func whatIfThenApply() async throws {
        let served = try Served()
        defer { served.remove() }
        let roster = read(served.root + "/Rosters/trainers.xml")
        try await served.app.test(.router) { client in
            try await client.execute(uri: "/term", method: .get) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("<div class=\"schedule\">"))
                #expect(page.contains("href=\"/calendars/spring-2027/trainer-ana.ics\""))
                #expect(page.contains("<h2>Observation</h2>\n<p id=\"observed\">Observed: 12 of 40 offerings"))
                #expect(page.contains("<th>Observer</th>"))
                #expect(page.contains("href=\"/calendars/spring-2027/trainer-joy.ics\""))
            }
            let asked = Asked(trainer: "ana", from: "2027-03-01", to: "2027-06-30", reason: "Conference & <travel>")
            let replan = try await client.execute(
                uri: "/api/term/what-if", method: .post, headers: Served.changing, body: json(asked)
            ) { response in
                #expect(response.status == .ok)
                return try decoded(Answer.self, response.body)
            }
            #expect(!replan.changes.isEmpty)
            // Ana's duties go to others (and may move others' in turn); none goes to her.
            #expect(replan.changes.contains { $0.from == "ana" })
            #expect(!replan.changes.contains { $0.to == "ana" })
            #expect(
                replan.rosterLine
                    == "<away from=\"2027-03-01\" to=\"2027-06-30\">Conference &amp; &lt;travel&gt;</away>")
            #expect(read(served.root + "/Rosters/trainers.xml") == roster, "a what-if writes nothing")
            #expect(!FileManager.default.fileExists(atPath: served.root + "/out"))
            let applied = try await client.execute(
                uri: "/api/term/apply", method: .post, headers: Served.changing, body: json(asked)
            ) { response in
                #expect(response.status == .ok)
                return try decoded(Answer.self, response.body)
            }
            #expect(applied.changes.map(\.offering) == replan.changes.map(\.offering))
            let after = read(served.root + "/Rosters/trainers.xml")
            #expect(after.contains("    " + replan.rosterLine + "\n  </trainer>"))
            #expect(after.components(separatedBy: "\n").count == roster.components(separatedBy: "\n").count + 1)
            let assignments = read(served.root + "/out/assignments.xml")
            for change in replan.changes {
                #expect(assignments.contains("offering=\"\(change.offering)\""))
            }
            // The published feed is served, and a second apply after reading it still writes.
            try await client.execute(uri: "/calendars/spring-2027/trainer-ana.ics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
                #expect(String(buffer: response.body) == read(served.root + "/out/calendars/trainer-ana.ics"))
            }
            let second = Asked(trainer: "raj", from: "2027-04-01", to: "2027-04-30", reason: nil)
            try await client.execute(
                uri: "/api/term/apply", method: .post, headers: Served.changing, body: json(second)
            ) { response in
                #expect(response.status == .ok)
            }
            #expect(
                read(served.root + "/Rosters/trainers.xml").contains(
                    "<away from=\"2027-04-01\" to=\"2027-04-30\">away</away>"))
        }
    }

    @Test("a what-if that cannot be asked is refused with a reason, and nothing is written")
    func badWhatIfs() async throws {
        let served = try Served()
        defer { served.remove() }
        let roster = read(served.root + "/Rosters/trainers.xml")
        try await served.app.test(.router) { client in
            for (asked, says) in [
                (Asked(trainer: "nobody", from: "2027-03-01", to: "2027-03-02"), "no trainer"),
                (Asked(trainer: "ana", from: "03/01/2027", to: "2027-03-02"), "YYYY-MM-DD"),
                (Asked(trainer: "ana", from: "2027-03-05", to: "2027-03-02"), "comes after"),
                (Asked(trainer: "ana", from: "2027-02-30", to: "2027-03-02"), "YYYY-MM-DD"),
                (Asked(trainer: "ana", from: "2027-03-01", to: "2027-03-02", reason: "two\nlines"), "one line"),
            ] {
                for path in ["/api/term/what-if", "/api/term/apply"] {
                    try await client.execute(uri: path, method: .post, headers: Served.changing, body: json(asked)) {
                        response in
                        #expect(response.status == .badRequest, "\(asked)")
                        #expect(String(buffer: response.body).contains(says), "\(asked)")
                    }
                }
            }
            try await client.execute(uri: "/calendars/spring-2027/..%2F..%2FRosters%2Ftrainers.xml", method: .get) {
                response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/calendars/spring-2027/nobody.ics", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
        #expect(read(served.root + "/Rosters/trainers.xml") == roster)
        #expect(!FileManager.default.fileExists(atPath: served.root + "/out"))
    }
}

@Suite("The request guard")
struct GuardTests {
    func request(_ authority: String?, method: HTTPRequest.Method = .get) -> Request {
        Request(
            head: HTTPRequest(method: method, scheme: "http", authority: authority, path: "/"),
            body: RequestBody(buffer: ByteBuffer()))
    }

    @Test("a Host that is not the server's own is refused (no DNS rebinding)")
    func hosts() {
        let guardian = Guard(
            hosts: Workspace.hostNames("127.0.0.1"), port: 8080, accessToken: nil, requestToken: "t")
        for good in ["127.0.0.1:8080", "localhost:8080", "LOCALHOST:8080", "[::1]:8080", "localhost"] {
            #expect(guardian.refusal(request(good)) == nil, "\(good)")
        }
        for bad in [
            "evil.example:8080", "evil.example", "127.0.0.1:8081", "127.0.0.1.evil.example:8080", "localhost:80:80",
            "user@localhost:8080", "", "[::1", "localhost:99999",
        ] {
            #expect(guardian.refusal(request(bad))?.status == .misdirectedRequest, "\(bad)")
        }
        #expect(guardian.refusal(request(nil))?.status == .misdirectedRequest)
    }

    @Test("tokens are random and compared whole")
    func tokens() {
        let a = Guard.randomToken()
        let b = Guard.randomToken()
        #expect(a.count == 32 && b.count == 32 && a != b)
        #expect(Guard.same("abc", "abc") && !Guard.same("abc", "abd") && !Guard.same("abc", "ab"))
    }

    @Test("plan ids are slugs, so no path leaves the plans folder")
    func slugs() {
        for good in ["a", "active-listening", "0-1", String(repeating: "a", count: 64)] {
            #expect(WorkspaceStore.isSlug(good))
        }
        for bad in ["", "-a", "A", "a_b", "a/b", "..", "a.xml", "é", String(repeating: "a", count: 65), "a\u{0}"] {
            #expect(!WorkspaceStore.isSlug(bad), "\(bad)")
        }
    }
}
