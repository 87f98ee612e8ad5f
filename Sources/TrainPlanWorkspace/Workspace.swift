import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import TrainPlanCore
public import TrainPlanFormats
import TrainPlanOutput
public import TrainPlanProject
import TrainPlanReview
import TrainPlanStaffing

/// How `trainplan serve` runs: where it listens and which project it serves.
public struct WorkspaceSettings: Sendable {
    /// The address to listen on; loopback unless the person asks for more.
    public var host: String
    public var port: Int
    public var project: ProjectOptions

    public init(host: String = "127.0.0.1", port: Int = 8080, project: ProjectOptions = ProjectOptions()) {
        self.host = host
        self.port = port
        self.project = project
    }

    /// Whether the address is this machine only (no token is needed then).
    public var isLoopback: Bool { ["127.0.0.1", "localhost", "::1"].contains(host) }
}

/// Why the workspace cannot start.
public struct WorkspaceError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public var project: ProjectError?
}

/// The local web workspace (docs/workspace.md).
public enum Workspace {
    /// The largest request body read: more than the largest plan the checker reads (4 MiB),
    /// so that a plan too large is refused with the checker's own finding.
    static let bodyLimit = 32 << 20

    /// Serves the project until the process is stopped; `announce` gets the address to open
    /// (with the access token, when one is needed) once the server listens.
    public static func serve(_ settings: WorkspaceSettings, announce: @escaping @Sendable (String) -> Void)
        async throws
    {
        let store: WorkspaceStore
        do {
            store = try WorkspaceStore(options: settings.project)
        } catch {
            throw WorkspaceError(description: error.message, project: error)
        }
        let accessToken = settings.isLoopback ? nil : Guard.randomToken()
        let guardian = Guard(
            hosts: hostNames(settings.host), port: settings.port, accessToken: accessToken,
            requestToken: Guard.randomToken())
        let router = makeRouter(store: store, guardian: guardian)
        // Listening on every interface, the link names the machine (which others can reach).
        let any = settings.host == "0.0.0.0" || settings.host == "::"
        let name = any ? ProcessInfo.processInfo.hostName.lowercased() : settings.host
        let shown = name.contains(":") ? "[\(name)]" : name
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "trainplan"),
            onServerRunning: { _ in
                announce("http://\(shown):\(settings.port)/" + (accessToken.map { "?token=\($0)" } ?? ""))
            },
            logger: quietLogger())
        try await app.runService()
    }

    /// The names a request's `Host` may carry.
    static func hostNames(_ host: String) -> Set<String> {
        var names: Set<String> = ["127.0.0.1", "localhost", "[::1]"]
        let lower = host.lowercased()
        if lower != "0.0.0.0" && lower != "::" { names.insert(lower.contains(":") ? "[\(lower)]" : lower) }
        if lower == "0.0.0.0" || lower == "::" {
            // Listening on every interface: this machine's own name is one of its names.
            names.insert(ProcessInfo.processInfo.hostName.lowercased())
        }
        return names
    }

    static func quietLogger() -> Logger {
        var logger = Logger(label: "trainplan")
        logger.logLevel = .warning
        return logger
    }

    // MARK: Routes

    static func makeRouter(store: WorkspaceStore, guardian: Guard) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: GuardMiddleware(guardian: guardian))
        let token = guardian.requestToken

        router.get("/") { _, _ in
            let project = store.current()
            return Pages.html(Pages.home(project, plansFolder: store.plansFolder, token: token))
        }
        router.get("/review") { _, _ in
            Pages.html(HTMLReporter.render(store.current().review))
        }
        router.get("/term") { request, _ in
            let name = request.uri.queryParameters["term"].map(String.init)
            guard let files = store.term(name) else {
                return Pages.html(
                    Pages.page(
                        title: "Term", token: token,
                        body: "<h1>Term</h1>\n<p id=\"no-term\">There is no term to schedule: a term needs "
                            + "<code>\(Pages.e(store.rosters))/trainers.xml</code> and a term file beside it "
                            + "(docs/scheduling.md).</p>"))
            }
            let state = TermDesk.state(files, project: store.current())
            return Pages.html(Pages.term(state, terms: store.terms(), token: token))
        }
        router.get("/term/schedule.html") { request, _ in
            let name = request.uri.queryParameters["term"].map(String.init)
            let state = try await termState(store, name)
            guard let problem = state.problem, let schedule = state.schedule else {
                return Pages.problem(.conflict, state.problemText ?? "The term cannot be scheduled.")
            }
            return Pages.html(ScheduleReporter.html(schedule, problem: problem))
        }
        router.get("/calendars/:term/:feed") { _, context in
            let state = try await termState(store, try context.parameters.require("term"))
            let name = try context.parameters.require("feed")
            // Only a feed of this term's schedule; the published copy when out/ has it (what
            // subscribers were given), else the one the page shows.
            guard let problem = state.problem, let schedule = state.schedule,
                let live = CalendarFeeds.feeds(schedule, problem: problem).first(where: { $0.fileName == name })
            else { return Pages.problem(.notFound, "There is no such calendar feed.") }
            var text: String? = live.text
            if case .bytes(let bytes) = InputFiles.read(state.files.out + "/calendars/" + live.fileName) {
                text = String(decoding: bytes, as: UTF8.self)
            }
            guard let text else { return Pages.problem(.notFound, "There is no such calendar feed.") }
            return Response(
                status: .ok, headers: [.contentType: "text/calendar; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        router.post("/api/term/what-if") { request, _ in
            let whatIf: WhatIf = try await decode(request)
            let project = store.current()
            let state = try await termState(store, whatIf.term, project: project)
            switch TermDesk.replan(whatIf, state: state, project: project) {
            case .success(let done): return Pages.json(done.0)
            case .failure(let refusal): return refusal.response
            }
        }
        router.post("/api/term/apply") { request, _ in
            let whatIf: WhatIf = try await decode(request)
            do {
                return Pages.json(try await store.apply(whatIf))
            } catch let refusal as WorkspaceRefusal {
                return refusal.response
            }
        }
        router.get("/favicon.ico") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "image/svg+xml"],
                body: .init(byteBuffer: ByteBuffer(string: Assets.icon)))
        }
        router.get("/assets/:name") { _, context in
            try Assets.response(context.parameters.require("name"))
        }
        router.get("/plans/:id") { _, context in
            let id = try context.parameters.require("id")
            let plan = try await answer { () throws(StoreError) in try await store.disk(id) }
            return Pages.html(Pages.editor(plan, project: store.current(), token: token))
        }
        router.get("/plans/:id/agenda") { request, context in
            let id = try context.parameters.require("id")
            let start = request.uri.queryParameters["start"].map(String.init) ?? "09:00"
            guard let minute = Pages.clock(start) else {
                return Pages.problem(.badRequest, "start= takes a clock time such as 09:00.")
            }
            let file = try await answer { () throws(StoreError) in try await store.path(of: id) }
            let project = store.current()
            guard let plan = project.planResults.first(where: { $0.file == file })?.plan else {
                return Pages.problem(
                    .notFound, "There is no readable plan \(id); `trainplan check \(file)` says why.")
            }
            return Pages.html(Pages.agenda(plan, catalog: project.catalog, start: minute))
        }

        // The script's API: JSON in, JSON out.
        router.get("/api/plans/:id") { _, context in
            let id = try context.parameters.require("id")
            return Pages.json(try await answer { () throws(StoreError) in try await store.disk(id) })
        }
        router.get("/api/plans/:id/version") { _, context in
            let id = try context.parameters.require("id")
            return Pages.json(try await answer { () throws(StoreError) in try await store.version(id) })
        }
        router.post("/api/plans/:id/check") { request, context in
            let id = try context.parameters.require("id")
            let document = try await decodeDocument(request)
            let file: String
            do throws(StoreError) {
                file = try store.path(of: id)
            } catch {
                throw Refusal(error)
            }
            // Checks run beside each other, on a copy of the project; the disk is looked at
            // again at most every quarter second.
            let project = store.current(maxAge: 0.25)
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(
                    byteBuffer: ByteBuffer(bytes: LiveJSON.check(PlanEditing.check(document, file: file, in: project))))
            )
        }
        router.put("/api/plans/:id") { request, context in
            let id = try context.parameters.require("id")
            let save: SaveRequest = try await decode(request)
            let (version, check) = try await answer { () throws(StoreError) in
                try await store.save(save.document, id: id, base: save.base)
            }
            return Pages.json(Saved(version: version, check: check))
        }
        router.post("/api/plans") { request, _ in
            let create: CreateRequest = try await decode(request)
            let project = store.current()
            let document = try await answer { () throws(StoreError) in
                try await template(create, store: store, project: project)
            }
            let (version, check) = try await answer { () throws(StoreError) in
                try await store.create(document, id: create.id)
            }
            return Pages.json(Saved(version: version, check: check), status: .created)
        }
        router.delete("/api/plans/:id") { request, context in
            let id = try context.parameters.require("id")
            guard let base = request.uri.queryParameters["base"].map(String.init) else {
                return Pages.problem(.badRequest, "A delete names the version it deletes (?base=).")
            }
            try await answer { () throws(StoreError) in try await store.delete(id, base: PlanVersion(hash: base)) }
            return Response(status: .noContent)
        }
        addDeliveryRoutes(to: router, store: store, token: token)
        return router
    }

    /// The term named `name`, scheduled as it is on disk.
    static func termState(_ store: WorkspaceStore, _ name: String?, project: Project? = nil) async throws
        -> TermState
    {
        guard let files = store.term(name) else { throw HTTPError(.notFound, message: "There is no such term.") }
        let current: Project
        if let project { current = project } else { current = store.current() }
        return TermDesk.state(files, project: current)
    }

    struct SaveRequest: Decodable {
        var document: PlanDocument
        var base: PlanVersion
    }

    struct CreateRequest: Decodable {
        var id: String
        var title: String?
        /// "blank", "starter:<name>" or "plan:<id>".
        var from: String
    }

    struct Saved: Encodable {
        var version: PlanVersion
        var check: EditorCheck
    }

    /// What a new plan starts as.
    static func template(_ create: CreateRequest, store: WorkspaceStore, project: Project) async throws(StoreError)
        -> PlanDocument
    {
        guard WorkspaceStore.isSlug(create.id) else { throw .badID(create.id) }
        var document: PlanDocument
        if create.from == "blank" {
            document = Templates.blank(id: create.id, title: create.title ?? "")
        } else if create.from.hasPrefix("starter:"), let starter = Templates.starters[String(create.from.dropFirst(8))]
        {
            document = starter
        } else if create.from.hasPrefix("plan:") {
            let source = String(create.from.dropFirst(5))
            guard let copy = try await store.disk(source).document else { throw .noSuchPlan(source) }
            document = copy
        } else {
            throw .noSuchPlan(create.from)
        }
        document.id = create.id
        if let title = create.title, !title.isEmpty { document.title = title }
        return document
    }

    /// The plan of a live check's body, at most `bodyLimit` bytes: read by `PlanJSON` when it
    /// can, else by `JSONDecoder` (whose acceptance and refusal are the rule either way).
    static func decodeDocument(_ request: Request) async throws -> PlanDocument {
        let buffer = try await request.body.collect(upTo: bodyLimit)
        if let document = buffer.withUnsafeReadableBytes({ PlanJSON.document($0) }) { return document }
        do {
            return try JSONDecoder().decode(PlanDocument.self, from: Data(buffer.readableBytesView))
        } catch {
            throw HTTPError(.badRequest, message: "The request is not the JSON the workspace sends.")
        }
    }

    /// A request's JSON body, at most `bodyLimit` bytes.
    static func decode<Value: Decodable>(_ request: Request) async throws -> Value {
        let buffer = try await request.body.collect(upTo: bodyLimit)
        do {
            return try JSONDecoder().decode(Value.self, from: Data(buffer.readableBytesView))
        } catch {
            throw HTTPError(.badRequest, message: "The request is not the JSON the workspace sends.")
        }
    }

    /// Runs a store operation, turning its refusal into the HTTP answer the page shows.
    static func answer<Value>(_ operation: () async throws(StoreError) -> Value) async throws -> Value {
        do {
            return try await operation()
        } catch {
            throw Refusal(error)
        }
    }
}

/// A store's refusal as an HTTP response with a JSON body the page can show.
struct Refusal: HTTPResponseError {
    let error: StoreError

    init(_ error: StoreError) { self.error = error }

    var status: HTTPResponse.Status {
        switch error {
        case .badID: .badRequest
        case .noSuchPlan: .notFound
        case .exists, .conflict: .conflict
        case .notSavable: .unprocessableContent
        case .unopenable: .unprocessableContent
        case .write: .internalServerError
        }
    }

    struct Body: Encodable {
        var error: String
        var disk: DiskPlan?
        /// The page's version as it would be written, beside the disk's in a conflict.
        var mine: String?
        var check: EditorCheck?

        init(error: String, disk: DiskPlan? = nil, mine: String? = nil, check: EditorCheck? = nil) {
            self.error = error
            self.disk = disk
            self.mine = mine
            self.check = check
        }
    }

    var body: Body {
        switch error {
        case .badID(let id):
            Body(
                error:
                    "'\(id.prefix(80))' is not a plan id: ids are lower-case letters, digits and hyphens (at most 64).")
        case .noSuchPlan(let id): Body(error: "There is no plan '\(id.prefix(80))' in the project.")
        case .exists(let id): Body(error: "A plan '\(id)' exists already; choose another id.")
        case .conflict(let disk, let mine):
            disk.version == .absent
                ? Body(
                    error: "\(disk.file) was deleted on disk since this page loaded it; nothing was written. "
                        + "Keep yours to write it again.", disk: disk, mine: mine)
                : Body(
                    error: "\(disk.file) changed on disk since this page loaded it; nothing was written. "
                        + "Both versions are shown: keep yours (save again) or take the one on disk.",
                    disk: disk, mine: mine)
        case .notSavable(let check):
            Body(
                error: "The plan has errors of the format (listed beside the fields); nothing was written.",
                check: check)
        case .unopenable(let file, let why): Body(error: "\(file):\(why.line):\(why.column): \(why.message)")
        case .write(let message): Body(error: message)
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Pages.json(body, status: status)
    }
}
