import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TrainPlanCore
import TrainPlanFidelity
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanStaffing

// The delivery-log form (issue 16 point 1, docs/workspace.md "Delivery logs"): a page per
// offering of the term, pre-filled like `trainplan log new`, saved to
// Records/deliveries/<offering>.xml through the same reader and rules as `trainplan fidelity`.

/// What the form holds, sent by the page and pre-filled by the server. Numbers travel as the
/// text typed, so that the log's own reader judges them (with its messages and ranges).
struct LogForm: Codable, Sendable, Equatable {
    /// One row of the session, in the order it was delivered.
    struct Block: Codable, Sendable, Equatable {
        /// "activity" (planned), "added" or "break".
        var kind: String
        var id: String = ""
        var method: String = ""
        var minutes: String = ""
        /// A reason code when a planned activity was skipped, else empty.
        var skipped: String = ""
        var reason: String = ""
        /// For the page only: the plan's minutes and title of a planned activity.
        var planned: Int?
        var title: String?
    }

    struct KeyMessage: Codable, Sendable, Equatable {
        var id: String
        var delivered: Bool
        /// For the page only: the objective's text.
        var text: String?
    }

    /// The version of the log on disk the form was made from (`absent` for a new log).
    var base: PlanVersion
    var trainers: String
    var attendance: String
    var date: String
    var blocks: [Block]
    var objectives: [KeyMessage]
    var notes: String
}

/// The answer to a save: the version written and what the fidelity report says of it.
struct LogSaved: Encodable, Sendable {
    var version: PlanVersion
    var file: String
    /// "planned 31% practice, delivered 0%; …", as `trainplan fidelity` prints it.
    var summary: String
    /// The log's findings and, after them, the criteria lost in delivery, as `file:line:column: …`.
    var findings: [String]
    var lost: [String]
}

/// A log refused: why, with its findings, and in a conflict both versions.
struct LogRefusal: Error, Sendable, Encodable {
    var status: Int
    var error: String
    var findings: [String] = []
    var disk: String?
    var diskVersion: PlanVersion?
    var mine: String?

    var response: Response {
        Pages.json(self, status: HTTPResponse.Status(code: status))
    }
}

enum DeliveryDesk {
    /// The most a form may say in one field, in bytes: far above any real log, far below the body cap.
    static let fieldLimit = 64 << 10

    /// The term, plans and catalogs a log is resolved against, as `trainplan fidelity` reads them.
    static func inputs(_ files: TermFiles, project: Project) -> Result<FidelityInputs, LogRefusal> {
        let read = StaffingLoader.term(InputFiles.read(files.term), file: files.term)
        guard let term = read.value else {
            return .failure(
                LogRefusal(
                    status: 409, error: "The term \(files.term) cannot be read; fix it first.",
                    findings: read.findings.map(line)))
        }
        let roster = StaffingLoader.roster(InputFiles.read(files.roster), file: files.roster).value
        return .success(
            FidelityInputs(
                term: term, review: project.review, catalog: project.catalog, verbs: project.verbs,
                rubric: project.rubric, roster: roster))
    }

    static func line(_ finding: Finding) -> String {
        "\(finding.location.file):\(finding.location.line):\(finding.location.column): \(finding.severity): \(finding.message)"
            + " [\(finding.id)]"
    }

    /// An offering id that is also a safe file name (the term's ids are checked by its schema too).
    static func isFileName(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard (1...64).contains(bytes.count), bytes[0] != UInt8(ascii: ".") else { return false }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }

    /// The form for an offering: from its log on disk when there is one, else from the plan, as
    /// `trainplan log new` writes it (the trainer from out/assignments.xml or the offering's pin).
    static func form(
        offering: Offering, plan: SessionPlan, existing: DeliveryLog?, version: PlanVersion, trainers: [String]
    ) -> LogForm {
        let activities = Dictionary(plan.activities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func planned(_ id: String, minutes: String, skipped: String, reason: String) -> LogForm.Block {
            LogForm.Block(
                kind: "activity", id: id, minutes: minutes, skipped: skipped, reason: reason,
                planned: activities[id]?.minutes, title: activities[id]?.title)
        }
        guard let log = existing else {
            let blocks = plan.agenda.map { item -> LogForm.Block in
                switch item {
                case .activity(let activity):
                    return planned(activity.id, minutes: String(activity.minutes), skipped: "", reason: "")
                case .pause(let pause): return LogForm.Block(kind: "break", minutes: String(pause.minutes))
                }
            }
            return LogForm(
                base: version, trainers: trainers.joined(separator: " "), attendance: "",
                date: offering.start.date.description, blocks: blocks,
                objectives: plan.objectives.map { LogForm.KeyMessage(id: $0.id, delivered: true, text: $0.text) },
                notes: "")
        }
        var blocks: [LogForm.Block] = log.blocks.map { block in
            switch block {
            case .planned(let entry):
                return planned(
                    entry.id, minutes: entry.minutes.map(String.init) ?? "", skipped: entry.skipped?.rawValue ?? "",
                    reason: entry.reason?.rawValue ?? "")
            case .added(let entry):
                return LogForm.Block(
                    kind: "added", id: entry.id, method: entry.method, minutes: String(entry.minutes),
                    reason: entry.reason.rawValue)
            case .pause(let minutes, _): return LogForm.Block(kind: "break", minutes: String(minutes))
            }
        }
        // A planned activity the log leaves out is shown, empty, at the end: the page says so.
        let logged = Set(log.plannedActivities.map(\.id))
        for activity in plan.activities where !logged.contains(activity.id) {
            blocks.append(planned(activity.id, minutes: "", skipped: "", reason: ""))
        }
        let messages = Dictionary(
            log.keyMessages.map { ($0.objective, $0.delivered) }, uniquingKeysWith: { first, _ in first })
        return LogForm(
            base: version, trainers: log.trainers.joined(separator: " "),
            attendance: log.attendance.map(String.init) ?? "", date: log.date?.description ?? "", blocks: blocks,
            objectives: plan.objectives.map {
                LogForm.KeyMessage(id: $0.id, delivered: messages[$0.id] ?? true, text: $0.text)
            }, notes: log.notes)
    }

    /// The log the form describes, in the layout `trainplan log new` writes; every value escaped.
    /// A planned activity with neither minutes nor a skip reason is left out (not logged).
    static func xml(_ form: LogForm, offering: Offering, plan: SessionPlan) -> String {
        let e = HTMLReporter.escape
        func attribute(_ name: String, _ value: String) -> String {
            value.isEmpty ? "" : " \(name)=\"\(e(value))\""
        }
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- Delivery log of \(LogTemplate.comment(offering.id)), written in the trainplan workspace (docs/fidelity.md). -->
            <delivery-log xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                          xsi:noNamespaceSchemaLocation="../../Schemas/delivery-log.xsd"
                          offering="\(e(offering.id))" plan="\(e(plan.id))"\(attribute("date", form.date.trimmed))
                          trainers="\(e(form.trainers.trimmed))" attendance="\(e(form.attendance.trimmed))">

            """
        for block in form.blocks {
            switch block.kind {
            case "activity":
                if !block.skipped.isEmpty {
                    out += "  <activity id=\"\(e(block.id))\" skipped=\"\(e(block.skipped))\"/>\n"
                } else if !block.minutes.trimmed.isEmpty {
                    out +=
                        "  <activity id=\"\(e(block.id))\" minutes=\"\(e(block.minutes.trimmed))\"\(attribute("reason", block.reason))/>\n"
                }
            case "added":
                out +=
                    "  <added id=\"\(e(block.id.trimmed))\" method=\"\(e(block.method))\" minutes=\"\(e(block.minutes.trimmed))\" reason=\"\(e(block.reason))\"/>\n"
            default:
                out += "  <break minutes=\"\(e(block.minutes.trimmed))\"/>\n"
            }
        }
        for message in form.objectives {
            out += "  <objective id=\"\(e(message.id))\" delivered=\"\(message.delivered)\"/>\n"
        }
        return out + "  <notes>\(e(form.notes))</notes>\n</delivery-log>\n"
    }

    /// The log read and resolved as `trainplan fidelity` would: its findings, and its offering's
    /// row of the report when it is usable.
    static func review(_ text: String, file: String, inputs: FidelityInputs) -> (
        findings: [Finding], row: FidelityReport.OfferingRow?
    ) {
        let read = DeliveryLogLoader.log(.bytes(Array(text.utf8)), file: file)
        guard let log = read.value else { return (read.findings, nil) }
        let report = FidelityReport.build(logs: [log], readFindings: read.findings, inputs: inputs)
        return (report.findings, report.offerings.first { $0.offering.id == log.offering })
    }
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespaces) }
}

extension WorkspaceStore {
    /// The folder of delivery logs: `Records/deliveries/` beside the roster's folder.
    nonisolated var deliveries: String {
        let parent = (rosters as NSString).deletingLastPathComponent
        return (parent.isEmpty ? "" : parent + "/") + "Records/deliveries"
    }

    /// The offering, its plan and the inputs to resolve its log, or why there is no form for it.
    nonisolated func logContext(_ id: String) -> Result<
        (files: TermFiles, offering: Offering, plan: SessionPlan, inputs: FidelityInputs), LogRefusal
    > {
        guard DeliveryDesk.isFileName(id), let files = term(nil) else {
            return .failure(LogRefusal(status: 404, error: "There is no term with an offering '\(id.prefix(80))'."))
        }
        switch DeliveryDesk.inputs(files, project: current()) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let inputs):
            guard let (offering, plan) = inputs.offering(id) else {
                return .failure(
                    LogRefusal(status: 404, error: "The term has no offering '\(id.prefix(80))'."))
            }
            guard let plan else {
                return .failure(
                    LogRefusal(
                        status: 409,
                        error: "The offering '\(id)' delivers '\(offering.session)', which is not a usable plan; "
                            + "fix it first (trainplan check)."))
            }
            return .success((files, offering, plan, inputs))
        }
    }

    /// The log of `id` on disk: its text, version and value (nil when there is none or it cannot be read).
    nonisolated func diskLog(_ id: String) -> (text: String, version: PlanVersion, log: DeliveryLog?) {
        let file = deliveries + "/" + id + ".xml"
        guard case .bytes(let bytes) = InputFiles.read(file) else { return ("", .absent, nil) }
        let text = String(decoding: bytes, as: UTF8.self)
        return (text, PlanVersion(of: bytes), DeliveryLogLoader.log(.bytes(bytes), file: file).value)
    }

    /// Writes the form as Records/deliveries/<id>.xml, atomically, when it reads as a usable log
    /// and the file on disk is still the version the form was made from.
    func saveLog(_ form: LogForm, id: String) throws(LogRefusal) -> LogSaved {
        let context: (files: TermFiles, offering: Offering, plan: SessionPlan, inputs: FidelityInputs)
        switch logContext(id) {
        case .failure(let refusal): throw refusal
        case .success(let found): context = found
        }
        let fields =
            [form.trainers, form.attendance, form.date, form.notes]
            + form.blocks.flatMap {
                [$0.id, $0.method, $0.minutes, $0.skipped, $0.reason]
            }
        guard fields.allSatisfy({ $0.utf8.count <= DeliveryDesk.fieldLimit }), form.blocks.count <= 1000 else {
            throw LogRefusal(status: 413, error: "The log is larger than any session: at most 1,000 rows of 64 KiB.")
        }
        let file = deliveries + "/" + id + ".xml"
        let text = DeliveryDesk.xml(form, offering: context.offering, plan: context.plan)
        let (findings, row) = DeliveryDesk.review(text, file: file, inputs: context.inputs)
        guard let row, !findings.contains(where: { $0.severity == .error }) else {
            throw LogRefusal(
                status: 422, error: "The log has errors (below); nothing was written.",
                findings: findings.map(DeliveryDesk.line))
        }
        let disk = diskLog(id)
        guard disk.version == form.base else {
            throw LogRefusal(
                status: 409,
                error: disk.version == .absent
                    ? "\(file) was deleted on disk since this page loaded it; nothing was written. Save again to write yours."
                    : "\(file) changed on disk since this page loaded it; nothing was written. Both versions are shown: "
                        + "save again to keep yours, or reload to take the one on disk.",
                disk: disk.text, diskVersion: disk.version, mine: text)
        }
        do {
            try FileManager.default.createDirectory(atPath: deliveries, withIntermediateDirectories: true)
            InputFiles.release(file)
            try OutputFile.write(text, to: file)
        } catch {
            throw LogRefusal(status: 500, error: "\(file): \(error)")
        }
        return LogSaved(
            version: PlanVersion(of: Array(text.utf8)), file: file, summary: FidelityReporter.practiceLine(row),
            findings: findings.map(DeliveryDesk.line), lost: row.lostFindings.map(DeliveryDesk.line))
    }
}

extension Workspace {
    /// The delivery-log routes: the form and its save.
    static func addDeliveryRoutes(to router: Router<BasicRequestContext>, store: WorkspaceStore, token: String) {
        router.get("/deliveries/:offering") { _, context in
            let id = try context.parameters.require("offering")
            switch store.logContext(id) {
            case .failure(let refusal): return Pages.problem(HTTPResponse.Status(code: refusal.status), refusal.error)
            case .success(let found):
                let disk = store.diskLog(id)
                // The trainer as `trainplan log new` finds them: the schedule's primary, else the pin.
                var trainers = [found.offering.primary].compactMap { $0 }
                if let previous = found.files.previous,
                    let set = StaffingLoader.assignments(InputFiles.read(previous), file: previous).value,
                    set.term == found.inputs.term.id,
                    let assignment = set.assignments.first(where: { $0.offering == id })
                {
                    trainers = [assignment.primary].compactMap { $0 }
                }
                let form = DeliveryDesk.form(
                    offering: found.offering, plan: found.plan, existing: disk.log, version: disk.version,
                    trainers: trainers)
                return Pages.html(
                    Pages.deliveryLog(
                        form, offering: found.offering, plan: found.plan, catalog: found.inputs.catalog,
                        file: store.deliveries + "/" + id + ".xml", exists: disk.version != .absent, token: token))
            }
        }
        router.put("/api/deliveries/:offering") { request, context in
            let id = try context.parameters.require("offering")
            let form: LogForm = try await decode(request)
            do {
                return Pages.json(try await store.saveLog(form, id: id))
            } catch let refusal as LogRefusal {
                return refusal.response
            }
        }
    }
}
