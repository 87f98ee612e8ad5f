import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanStaffing

/// The workspace's pages: HTML written by the server, with the one script and style sheet of
/// the tool. Every value from a file or a request is escaped (`HTMLReporter.escape`); data for
/// the script travels as JSON in a `<script type="application/json">` element, with `<` written
/// as `\u003c` so that no text can close it.
enum Pages {
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: encode(value))))
    }

    /// JSON with sorted keys (the same answer gives the same bytes).
    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(value)) ?? Data("null".utf8))
    }

    /// JSON safe inside a script element.
    static func embedded(_ value: some Encodable) -> String {
        var out = ""
        for scalar in String(decoding: encode(value), as: UTF8.self).unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    struct Problem: Encodable {
        var error: String
    }

    /// A refusal: JSON for the script, readable as text in a browser too.
    static func problem(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(Problem(error: message), status: status)
    }

    static let e = HTMLReporter.escape

    /// The frame of every page: the navigation, the request token for the script.
    static func page(title: String, token: String, body: String, script: Bool = true) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="trainplan-token" content="\(e(token))">
        <title>\(e(title)) — trainplan</title>
        <link rel="stylesheet" href="/assets/app.css">
        \(script ? "<script src=\"/assets/app.js\" defer></script>" : "")
        </head>
        <body>
        <nav class="top"><a href="/" class="brand">trainplan</a> <a href="/">Plans</a> <a href="/review">Review report</a> <a href="/term">Term</a></nav>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    // MARK: The plans (/)

    static func home(_ project: Project, plansFolder: String, token: String) -> String {
        let review = project.review
        var rows = ""
        for plan in review.plans {
            let stem = PlanChecker.fileStem(plan.file)
            let editable = plan.file == plansFolder + "/" + stem + ".xml" && WorkspaceStore.isSlug(stem)
            let name = e(plan.plan?.title ?? plan.file)
            let link = editable ? "<a href=\"/plans/\(e(stem))\">\(name)</a>" : name
            let errors = plan.findings.count { $0.severity == .error }
            let warnings = plan.findings.count { $0.severity == .warning }
            let score = plan.score.map { String(format: "%.0f%%", $0) } ?? "—"
            rows +=
                "<tr data-plan=\"\(e(stem))\"><td>\(link)<br><small><code>\(e(plan.file))</code></small></td>"
                + "<td class=\"num\">\(score)</td><td><span class=\"badge \(plan.verdict.rawValue)\">\(plan.verdict.rawValue)</span></td>"
                + "<td class=\"num\">\(errors)</td><td class=\"num\">\(warnings)</td>"
                + "<td>\(editable ? "<a href=\"/plans/\(e(stem))/agenda\">agenda</a>" : "")</td></tr>\n"
        }
        var templates = "<option value=\"blank\">A blank plan</option>\n"
        for file in Templates.starterNames {
            templates += "<option value=\"starter:\(e(file))\">Example: \(e(file))</option>\n"
        }
        for plan in review.plans {
            let stem = PlanChecker.fileStem(plan.file)
            guard WorkspaceStore.isSlug(stem) else { continue }
            templates += "<option value=\"plan:\(e(stem))\">Copy of \(e(plan.plan?.title ?? stem))</option>\n"
        }
        var curriculum = ""
        if !review.curriculum.isEmpty {
            curriculum = "<h2>Curriculum</h2>\n<ul class=\"findings\">\n"
            for line in review.curriculum {
                curriculum +=
                    "<li class=\"\(line.assessment.status.rawValue)\"><b>\(e(line.name))</b>: \(e(line.assessment.summary))</li>\n"
            }
            curriculum += "</ul>\n"
        }
        let passed = review.plans.count { $0.verdict == .pass }
        return page(
            title: "Plans", token: token,
            body: """
                <h1>Session plans</h1>
                <p class="lead">\(passed) of \(review.plans.count) plans pass \(e(review.rubric.title)). \
                The <a href="/review">review report</a> has every plan against every criterion.</p>
                <table class="plans">
                <thead><tr><th>Plan</th><th>Score</th><th>Verdict</th><th>Errors</th><th>Warnings</th><th>Print</th></tr></thead>
                <tbody>
                \(rows)</tbody>
                </table>
                \(curriculum)
                <h2>New plan</h2>
                <form id="new-plan" class="new-plan">
                <label>Id (file name) <input name="id" id="new-id" required pattern="[a-z0-9][a-z0-9\\-]*" maxlength="64" placeholder="e.g. listening-skills"></label>
                <label>Title <input name="title" id="new-title" maxlength="200"></label>
                <label>Start from <select name="from" id="new-from">
                \(templates)</select></label>
                <button type="submit" id="new-create">Create</button>
                <p class="message" id="new-message" role="status"></p>
                </form>
                """)
    }

    // MARK: The editor (/plans/<id>)

    struct EditorData: Encodable {
        struct Category: Encodable {
            var id: String
            var description: String
            var colour: String
            var interactive: Bool
            var practice: Bool
            var learning: Bool
        }
        struct Method: Encodable {
            var id: String
            var category: String
            var description: String
        }
        var id: String
        var file: String
        var version: PlanVersion
        var document: PlanDocument
        var categories: [Category]
        var methods: [Method]
        var stages: [String]
        var deliveries: [String]
        var groupings: [String]
        var levels: [String]
        var measures: [String]
        var templates: [String]
    }

    static func editorData(_ plan: DiskPlan, document: PlanDocument, catalog: MethodCatalog) -> EditorData {
        EditorData(
            id: plan.id, file: plan.file, version: plan.version, document: document,
            categories: catalog.categories.map {
                .init(
                    id: $0.id, description: $0.description, colour: HTMLReporter.colour(ofCategory: $0.id),
                    interactive: $0.isInteractive, practice: $0.isPractice, learning: $0.isLearning)
            },
            methods: catalog.methods.map { .init(id: $0.id, category: $0.category, description: $0.description) },
            stages: ["pre-match", "post-match", "other"], deliveries: ["in-person", "virtual", "hybrid"],
            groupings: ["individual", "pairs", "triads", "small-groups", "whole-group"],
            levels: ["remember", "understand", "apply", "analyze", "evaluate", "create"],
            measures: ["reaction", "learning", "behavior", "results"], templates: [])
    }

    static func editor(_ plan: DiskPlan, project: Project, token: String) -> String {
        guard let document = plan.document else {
            return page(
                title: plan.id, token: token,
                body: """
                    <h1>\(e(plan.file))</h1>
                    <p class="error" id="unopenable">This file cannot be opened as a form: \(e(plan.problem ?? "")). \
                    Fix it in a text editor (this page shows it again when it is fixed), or run \
                    <code>trainplan check \(e(plan.file))</code>.</p>
                    <pre class="source">\(e(plan.text))</pre>
                    """, script: false)
        }
        let data = editorData(plan, document: document, catalog: project.catalog)
        let check = PlanEditing.check(document, file: plan.file, in: project)
        return page(
            title: document.title.isEmpty ? plan.id : document.title, token: token,
            body: """
                <script type="application/json" id="tp-data">\(embedded(data))</script>
                <script type="application/json" id="tp-check">\(embedded(check))</script>
                <div class="editor" id="editor">
                <header class="editor-head">
                <h1 id="plan-heading">\(e(document.title.isEmpty ? plan.id : document.title))</h1>
                <p class="file"><code>\(e(plan.file))</code> · <span id="verdict" class="badge"></span> <span id="score"></span></p>
                <div class="actions">
                <button type="button" id="save" class="primary">Save</button>
                <form class="print" action="/plans/\(e(plan.id))/agenda" method="get" target="_blank">
                <label>Starts at <input type="time" name="start" id="print-start" value="09:00" required></label>
                <button type="submit" id="print">Print view</button>
                </form>
                <button type="button" id="duplicate">Duplicate…</button>
                <button type="button" id="delete" class="danger">Delete…</button>
                </div>
                <p class="message" id="message" role="status" aria-live="polite"></p>
                <div id="conflict" class="conflict" hidden></div>
                <div id="confirm-delete" class="confirm" hidden>
                <p>Delete <code>\(e(plan.file))</code>? This cannot be undone here (it can with git).</p>
                <button type="button" id="delete-yes" class="danger">Delete the plan</button> <button type="button" id="delete-no">Keep it</button>
                </div>
                <div id="duplicate-form" class="confirm" hidden>
                <label>New id <input id="duplicate-id" pattern="[a-z0-9][a-z0-9\\-]*" maxlength="64"></label>
                <button type="button" id="duplicate-yes">Make a copy</button> <button type="button" id="duplicate-no">Cancel</button>
                </div>
                </header>
                <div class="columns">
                <form id="plan-form" class="plan-form" autocomplete="off"></form>
                <aside class="side">
                <h2>Timeline</h2>
                <div id="timeline" class="timeline" aria-label="The agenda to scale"></div>
                <p id="total"></p>
                <h2>Time per category</h2>
                <table id="categories" class="categories"></table>
                <h2>Rubric</h2>
                <ul id="criteria" class="criteria"></ul>
                <h2>Findings about the whole plan</h2>
                <ul id="plan-findings" class="findings"></ul>
                </aside>
                </div>
                </div>
                """)
    }

    // MARK: The print view (/plans/<id>/agenda)

    static func agenda(_ plan: SessionPlan, catalog: MethodCatalog, start: Int) -> String {
        AgendaReporter.html(TimedAgenda(plan, catalog: catalog, startOfDay: start), catalog: catalog)
    }

    /// "HH:MM" as minutes after midnight.
    static func clock(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) }), let hours = Int(parts[0]),
            let minutes = Int(parts[1]), (0...23).contains(hours), (0...59).contains(minutes)
        else { return nil }
        return hours * 60 + minutes
    }
}

// MARK: The term (/term)

extension Pages {
    static func term(_ state: TermState, terms: [TermFiles], token: String) -> String {
        var body = "<h1>Term: \(e(state.files.name))</h1>\n"
        if terms.count > 1 {
            body += "<p>Terms: "
            body += terms.map { "<a href=\"/term?term=\(e($0.name))\">\(e($0.name))</a>" }.joined(separator: " · ")
            body += "</p>\n"
        }
        body +=
            "<p class=\"lead\">Read from <code>\(e(state.files.roster))</code> and <code>\(e(state.files.term))</code>"
            + (state.files.previous.map { ", keeping what can stay of <code>\(e($0))</code>" } ?? "")
            + ". Outputs go to <code>\(e(state.files.out))/</code>.</p>\n"
        guard let problem = state.problem, let schedule = state.schedule else {
            body += "<pre class=\"source\" id=\"term-problem\">\(e(state.problemText ?? ""))</pre>\n"
            return page(title: "Term", token: token, body: body)
        }
        if !state.load.findings.isEmpty {
            body += "<h2>Findings</h2>\n<pre class=\"source\">\(e(TextReporter.render(state.load.findings)))</pre>\n"
        }
        body +=
            "<p id=\"staffed\">\(schedule.fullyStaffed) of \(schedule.assignments.count) offerings have a primary and a "
            + "backup. <a href=\"/term/schedule.html?term=\(e(state.files.name))\">Printable schedule</a>.</p>\n"
        body += deliveryLinks(problem.term, logs: state.files)
        if !schedule.gaps.isEmpty {
            body += "<h2>Unstaffed roles</h2>\n<ul class=\"gaps\">\n"
            for gap in schedule.gaps {
                body += "<li><pre>\(e(ScheduleReporter.gapText(gap, problem: problem)))</pre></li>\n"
            }
            body += "</ul>\n"
        }
        if problem.term.observe > 0 || schedule.observed > 0 || !schedule.observationGaps.isEmpty {
            body += "<h2>Observation</h2>\n<p id=\"observed\">"
            body += e(ScheduleReporter.observationSummary(schedule, problem: problem)) + "</p>\n"
            if !schedule.observationGaps.isEmpty {
                body += "<ul class=\"gaps\" id=\"observation-gaps\">\n"
                for gap in schedule.observationGaps {
                    body += "<li><pre>\(e(ScheduleReporter.observationGapText(gap)))</pre></li>\n"
                }
                body += "</ul>\n"
            }
        }
        // The what-if: a trainer away for some dates.
        let dates = problem.term.offerings.map(\.start.date).sorted()
        var trainers = "<option value=\"\">Choose a trainer</option>\n"
        for trainer in problem.trainers {
            trainers += "<option value=\"\(e(trainer.id))\">\(e(trainer.name)) (\(e(trainer.id)))</option>\n"
        }
        body += """
            <h2>What if a trainer is away?</h2>
            <form id="what-if-form" class="what-if" data-term="\(e(state.files.name))">
            <label>Trainer <select id="away-trainer" required>
            \(trainers)</select></label>
            <label>From <input type="date" id="away-from" required data-first="\(e(dates.first?.description ?? ""))"></label>
            <label>To <input type="date" id="away-to" required data-last="\(e(dates.last?.description ?? ""))"></label>
            <label>Reason <input type="text" id="away-reason" maxlength="200" placeholder="e.g. Conference"></label>
            <button type="submit" id="what-if">Show the re-plan</button>
            </form>
            <div id="replan" class="replan" aria-live="polite"></div>
            <p class="message" id="term-message" role="status"></p>

            """
        body +=
            "<h2>Calendar feeds</h2>\n<p>Subscribe in a calendar app to the address of a feed.</p>\n<ul class=\"feeds\">\n"
        for feed in CalendarFeeds.feeds(schedule, problem: problem) {
            body +=
                "<li><a class=\"feed\" href=\"/calendars/\(e(state.files.name))/\(e(feed.fileName))\">\(e(feed.name))</a> "
                + "<small>(\(feed.eventCount) events)</small></li>\n"
        }
        body += "</ul>\n"
        body +=
            "<h2>The schedule</h2>\n<div class=\"schedule\">\n" + scheduleBody(schedule, problem: problem) + "</div>\n"
        let resilience = Resilience.analyze(problem, schedule: schedule)
        body +=
            "<h2>Resilience</h2>\n<pre class=\"coverage\">\(e(ScheduleReporter.coverage(resilience, schedule: schedule, problem: problem)))</pre>\n"
        return page(title: "Term " + state.files.name, token: token, body: body)
    }

    /// The printable schedule's tables, without its page frame.
    static func scheduleBody(_ schedule: Schedule, problem: StaffingProblem) -> String {
        let html = ScheduleReporter.html(schedule, problem: problem)
        guard let start = html.range(of: "<body>"), let end = html.range(of: "</body>", options: .backwards),
            start.upperBound <= end.lowerBound
        else { return "" }
        return String(html[start.upperBound..<end.lowerBound])
    }
}
