import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TrainPlanFormats

@testable import TrainPlanWorkspace

struct LogSavedBody: Decodable {
    var version: PlanVersion
    var file: String
    var summary: String
    var findings: [String]
    var lost: [String]
}

struct LogRefusalBody: Decodable {
    var error: String
    var findings: [String]
    var disk: String?
    var diskVersion: PlanVersion?
    var mine: String?
}

/// The form of `offering` as the page first shows it (no log on disk yet).
func freshForm(_ served: Served, _ offering: String) throws -> LogForm {
    guard case .success(let context) = served.store.logContext(offering) else {
        Issue.record("no context for \(offering)")
        throw CancellationError()
    }
    return DeliveryDesk.form(
        offering: context.offering, plan: context.plan, existing: nil, version: .absent, trainers: ["mia"])
}

/// al-east-1 as delivered without its role-play.
func withoutRolePlay(_ form: LogForm) -> LogForm {
    var form = form
    form.attendance = "9"
    for index in form.blocks.indices where form.blocks[index].id == "practice" {
        form.blocks[index].skipped = "time"
    }
    return form
}

@Suite("The workspace's delivery-log form", .serialized)
struct DeliveryLogFormTests {
    @Test func theFormIsFilledFromThePlanAndLinkedFromTheTermPage() async throws {
        let served = try Served()
        defer { served.remove() }
        try await served.app.test(.router) { client in
            try await client.execute(uri: "/deliveries/al-east-1", method: .get) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("<h1>Delivery log: al-east-1</h1>"))
                #expect(
                    page.contains(
                        "<tr class=\"log-row\" data-kind=\"activity\" data-id=\"practice\"><td><code>practice</code>"))
                #expect(page.contains("aria-label=\"minutes of practice\" value=\"25\""))
                #expect(page.contains("<input id=\"log-trainers\" value=\""))
                #expect(page.contains("class=\"log-objective\" data-id=\"reflect\" checked"))
                #expect(page.contains("<script src=\"/assets/delivery.js\" defer></script>"))
            }
            try await client.execute(uri: "/term", method: .get) { response in
                #expect(String(buffer: response.body).contains("<a href=\"/deliveries/al-east-1\">al-east-1</a>"))
            }
            try await client.execute(uri: "/assets/delivery.js", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
            }
            for bad in ["/deliveries/no-such-offering", "/deliveries/..%2Fsecret", "/deliveries/.hidden"] {
                try await client.execute(uri: bad, method: .get) { response in
                    #expect(response.status == .notFound, "\(bad)")
                }
            }
        }
    }

    @Test func savingALogWithoutTheRolePlayShowsTheLostPractice() async throws {
        let served = try Served()
        defer { served.remove() }
        let form = withoutRolePlay(try freshForm(served, "al-east-1"))
        let file = served.root + "/Records/deliveries/al-east-1.xml"
        try await served.app.test(.router) { client in
            // Without the page's token nothing is written.
            try await client.execute(
                uri: "/api/deliveries/al-east-1", method: .put, headers: [.contentType: "application/json"],
                body: json(form)
            ) { response in
                #expect(response.status == .forbidden)
            }
            #expect(!FileManager.default.fileExists(atPath: file))
            try await client.execute(
                uri: "/api/deliveries/al-east-1", method: .put, headers: Served.changing, body: json(form)
            ) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let saved = try decoded(LogSavedBody.self, response.body)
                #expect(saved.summary.hasPrefix("planned 31% practice, delivered 0%"))
                #expect(saved.lost.contains { $0.hasSuffix("[practice-share]") && $0.hasPrefix(file + ":") })
                let text = try String(contentsOfFile: file, encoding: .utf8)
                #expect(text.contains("<activity id=\"practice\" skipped=\"time\"/>"))
                #expect(saved.version == PlanVersion(of: Array(text.utf8)))
                // What was written reads back as the same form.
                let reread = served.store.diskLog("al-east-1")
                #expect(reread.version == saved.version)
                #expect(reread.log?.attendance == 9)
            }
        }
    }

    @Test func badNumbersAreRefusedAtTheirLineAndNothingIsWritten() async throws {
        let served = try Served()
        defer { served.remove() }
        let file = served.root + "/Records/deliveries/al-east-1.xml"
        for minutes in ["-5", "99999999999999999999", "ten"] {
            var changed = withoutRolePlay(try freshForm(served, "al-east-1"))
            changed.blocks[0].minutes = minutes
            let form = changed
            try await served.app.test(.router) { client in
                try await client.execute(
                    uri: "/api/deliveries/al-east-1", method: .put, headers: Served.changing, body: json(form)
                ) { response in
                    #expect(response.status == .unprocessableContent, "\(minutes)")
                    let refusal = try decoded(LogRefusalBody.self, response.body)
                    #expect(refusal.error == "The log has errors (below); nothing was written.")
                    #expect(
                        refusal.findings.contains {
                            $0.hasPrefix(file + ":7:26: error: minutes=\"\(minutes)\" on <activity>")
                        },
                        "\(refusal.findings)")
                }
            }
            #expect(!FileManager.default.fileExists(atPath: file))
        }
        var unknown = withoutRolePlay(try freshForm(served, "al-east-1"))
        unknown.blocks.append(
            LogForm.Block(kind: "added", id: "x", method: "no-such-method", minutes: "5", reason: "time"))
        let hostile = unknown
        try await served.app.test(.router) { client in
            try await client.execute(
                uri: "/api/deliveries/al-east-1", method: .put, headers: Served.changing, body: json(hostile)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let refusal = try decoded(LogRefusalBody.self, response.body)
                #expect(
                    refusal.findings.contains {
                        $0.contains("The method 'no-such-method' is not in the method catalog.")
                    })
            }
        }
    }

    @Test func aLogChangedOnDiskSinceTheFormLoadedIsNotOverwritten() async throws {
        let served = try Served()
        defer { served.remove() }
        var first = withoutRolePlay(try freshForm(served, "al-east-1"))
        first.notes = "</notes><!DOCTYPE x [<!ENTITY e \"boom\">]>&e; \"quoted\""
        let form = first
        let file = served.root + "/Records/deliveries/al-east-1.xml"
        try await served.app.test(.router) { client in
            var version = PlanVersion.absent
            try await client.execute(
                uri: "/api/deliveries/al-east-1", method: .put, headers: Served.changing, body: json(form)
            ) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                version = try decoded(LogSavedBody.self, response.body).version
            }
            #expect(served.store.diskLog("al-east-1").log?.notes == form.notes, "the notes are text, escaped")
            var second = form
            // Someone edits the file outside; the page still has the first version.
            let outside = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(
                of: "attendance=\"9\"", with: "attendance=\"11\"")
            try outside.write(toFile: file, atomically: true, encoding: .utf8)
            second.base = version
            second.attendance = "10"
            try await client.execute(
                uri: "/api/deliveries/al-east-1", method: .put, headers: Served.changing, body: json(second)
            ) { response in
                #expect(response.status == .conflict)
                let refusal = try decoded(LogRefusalBody.self, response.body)
                #expect(refusal.error.contains("changed on disk since this page loaded it; nothing was written"))
                #expect(refusal.disk == outside)
                #expect(refusal.mine?.contains("attendance=\"10\"") == true)
            }
            #expect(try String(contentsOfFile: file, encoding: .utf8) == outside)
            // The page that loads now is filled from the file on disk.
            try await client.execute(uri: "/deliveries/al-east-1", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("<input id=\"log-attendance\" inputmode=\"numeric\" value=\"11\">"))
                #expect(page.contains("which this form was filled from"))
            }
        }
    }

    @Test func aHostileLogOnDiskIsEscapedInTheFormAndAHugeFieldIsRefused() async throws {
        let served = try Served()
        defer { served.remove() }
        let folder = served.root + "/Records/deliveries"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try """
        <delivery-log offering="al-east-1" trainers="mia" attendance="3">
          <activity id="welcome" minutes="10"/>
          <notes>&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</notes>
        </delivery-log>
        """.write(toFile: folder + "/al-east-1.xml", atomically: true, encoding: .utf8)
        var huge = withoutRolePlay(try freshForm(served, "al-east-1"))
        huge.notes = String(repeating: "x", count: 70 << 10)
        let tooLarge = huge
        try await served.app.test(.router) { client in
            try await client.execute(uri: "/deliveries/al-east-1", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(!page.contains("<script>alert(1)"))
                #expect(page.contains("&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>"))
                #expect(
                    page.contains(
                        "<code>model</code> Trainer models a reflective reply <span class=\"behind\">not in the log</span>"
                    ))
            }
            try await client.execute(
                uri: "/api/deliveries/al-east-1", method: .put, headers: Served.changing, body: json(tooLarge)
            ) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
    }
}
