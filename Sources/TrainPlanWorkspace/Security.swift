import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// What every request must show before any handler sees it (docs/security.md, "The workspace"):
///
/// - its `Host` is one of the server's own names (no DNS rebinding: a page of another site that
///   resolves its name to 127.0.0.1 sends that name);
/// - when the server listens beyond loopback (`--host`), the access token, as `?token=` once
///   (which sets a cookie and redirects) or as that cookie;
/// - when it changes anything (any method but GET and HEAD): the page's request token in the
///   `X-Trainplan-Token` header, which another site's page cannot read or send without a CORS
///   answer this server never gives, and an `Origin` (when the browser sends one) that is the
///   server's own.
struct Guard: Sendable {
    /// The names the server answers to, lower-cased, without the port.
    var hosts: Set<String>
    var port: Int
    /// Required on every request when set.
    var accessToken: String?
    /// Required on every state-changing request.
    var requestToken: String

    static let cookie = "trainplan_access"
    static let header = HTTPField.Name("X-Trainplan-Token")!

    /// Why a request is refused, or nil.
    func refusal(_ request: Request) -> Response? {
        guard let authority = request.head.authority, let (host, givenPort) = Self.split(authority),
            hosts.contains(host.lowercased()), givenPort == nil || givenPort == port
        else {
            return Pages.problem(
                .misdirectedRequest,
                "This server answers only to its own address (\(hosts.sorted().joined(separator: ", ")) on port \(port))."
            )
        }
        if let accessToken {
            let given = request.uri.queryParameters["token"].map(String.init) ?? Self.cookieValue(request)
            guard let given, Self.same(given, accessToken) else {
                return Pages.problem(
                    .unauthorized,
                    "This workspace needs its access link, which `trainplan serve` printed when it started.")
            }
        }
        if request.method != .get && request.method != .head {
            guard let token = request.headers[Self.header], Self.same(token, requestToken) else {
                return Pages.problem(.forbidden, "A change must come from the workspace's own page (reload it).")
            }
            if let origin = request.headers[.origin] {
                let allowed = hosts.map { "http://\($0):\(port)" }
                guard allowed.contains(origin.lowercased()) else {
                    return Pages.problem(.forbidden, "A change must come from the workspace's own page.")
                }
            }
            if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], site != "same-origin", site != "none" {
                return Pages.problem(.forbidden, "A change must come from the workspace's own page.")
            }
        }
        return nil
    }

    /// `host[:port]`, with `[v6]` addresses; nil when it is not that shape.
    static func split(_ authority: String) -> (String, Int?)? {
        var host = Substring(authority)
        var port: Int?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            let rest = host[host.index(after: close)...]
            host = host[...close]
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let number = Int(rest.dropFirst()), (1...65535).contains(number) else {
                    return nil
                }
                port = number
            }
        } else if let colon = host.lastIndex(of: ":") {
            guard let number = Int(host[host.index(after: colon)...]), (1...65535).contains(number) else { return nil }
            port = number
            host = host[..<colon]
        }
        guard !host.isEmpty, !host.contains("@") else { return nil }
        return (String(host), port)
    }

    static func cookieValue(_ request: Request) -> String? {
        for field in request.headers[values: .cookie] {
            for pair in field.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == cookie {
                    return String(parts[1])
                }
            }
        }
        return nil
    }

    /// Compares in time independent of where the first difference is.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }

    /// A random token of 128 bits, in hex.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let hex = String(generator.next() as UInt32, radix: 16)
            return String(repeating: "0", count: 8 - hex.count) + hex
        }.joined()
    }
}

/// The guard as a middleware, plus the headers every answer carries.
struct GuardMiddleware<Context: RequestContext>: RouterMiddleware {
    let guardian: Guard

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if let refusal = guardian.refusal(request) { return Self.harden(refusal) }
        // The access link: the token moves into a cookie, and out of the address bar.
        if guardian.accessToken != nil, request.uri.queryParameters["token"] != nil, request.method == .get {
            var response = Response(status: .seeOther, headers: [.location: request.uri.path])
            response.headers[.setCookie] =
                "\(Guard.cookie)=\(guardian.accessToken ?? ""); Path=/; HttpOnly; SameSite=Strict"
            return Self.harden(response)
        }
        let response: Response
        do {
            response = try await next(request, context)
        } catch let refusal as Refusal {
            response = try refusal.response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            response = Pages.problem(error.status, Self.describe(error))
        }
        return Self.harden(response)
    }

    private static func describe(_ error: any HTTPResponseError) -> String {
        switch error.status {
        case .contentTooLarge: "The request is larger than the workspace accepts (\(Workspace.bodyLimit >> 20) MiB)."
        case .notFound: "There is no such page."
        default: "The request cannot be answered (\(error.status.code))."
        }
    }

    /// No framing by other sites, no scripts but the tool's own, no guessing of types, no
    /// referrer leaving the machine.
    static func harden(_ response: Response) -> Response {
        var response = response
        response.headers[.contentSecurityPolicy] =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
