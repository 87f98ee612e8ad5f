import Foundation
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanStaffing

/// A plan's version on disk: a hash of its bytes. A save names the version it was made from,
/// and is refused when the file is no longer that version.
struct PlanVersion: Hashable, Sendable, Codable {
    var hash: String

    /// FNV-1a (64 bits) of the bytes, in hex: a change detector, not a security measure (the
    /// server's tokens are the security measure).
    init(of bytes: [UInt8]) {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        let hex = String(value, radix: 16)
        hash = String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The version of a file that is not there.
    static let absent = PlanVersion(hash: "absent")

    init(hash: String) { self.hash = hash }
}

/// Why a request about plans cannot be done; each case is one HTTP status and one message.
enum StoreError: Error, Sendable {
    case badID(String)
    case noSuchPlan(String)
    case exists(String)
    /// The file changed since the page loaded it: what is on disk now.
    case conflict(disk: DiskPlan, mine: String?)
    /// The plan has an error of the format; nothing was written.
    case notSavable(EditorCheck)
    case unopenable(file: String, PlanDocument.Unopenable)
    case write(String)
}

/// A plan file as it is on disk now.
struct DiskPlan: Sendable, Codable {
    var id: String
    var file: String
    var version: PlanVersion
    /// The file's text (as UTF-8, invalid bytes replaced: it is shown, never written back).
    var text: String
    /// The form's value, when the file can be opened as a form.
    var document: PlanDocument?
    /// Why it cannot, when it cannot.
    var problem: String?
}

/// The project the workspace serves: loaded once, kept up to date with the disk (edits from
/// outside are picked up on the next request), and the only writer of plan files. All of its
/// changes go through this actor, one at a time, so two tabs saving the same plan cannot both
/// win: the second names a version that is no longer on disk and is refused.
actor WorkspaceStore {
    let options: ProjectOptions
    /// The folder plans are edited in (`SessionPlans`), relative to the working directory.
    let plansFolder: String
    /// The project as last read, behind a lock: checks read it without waiting for the actor.
    private let cache: ProjectCache
    /// The folder of the roster and the terms, and the folder outputs go to.
    let rosters: String
    let out: String

    init(options: ProjectOptions, rosters: String = "Rosters", out: String = "out") throws(ProjectError) {
        self.options = options
        self.rosters = rosters
        self.out = out
        self.plansFolder = options.plans.first ?? "SessionPlans"
        cache = ProjectCache(project: try Project.load(options), seen: Self.signatures(options))
    }

    /// The project as it is on disk now (looked at again when `maxAge` seconds have passed).
    /// Not isolated to the actor: a live check must not queue behind a save or a re-plan.
    nonisolated func current(maxAge: TimeInterval = 0) -> Project {
        cache.current(maxAge: maxAge) { Self.signatures(options) }
    }

    /// The project, looked at again now (what every write starts and ends with).
    private var project: Project { current() }

    private func refresh() { _ = current() }

    /// Device, inode, size and modification time of every input: the plans and the catalogs.
    static func signatures(_ options: ProjectOptions) -> [String: [Int64]] {
        var out: [String: [Int64]] = [:]
        let files =
            InputFiles.xmlFiles(in: options.plans).files + [
                options.methods, options.verbs, options.rubricPath,
            ]
        for path in files {
            var status = stat()
            guard stat(path, &status) == 0 else { continue }
            out[path] = [
                Int64(status.st_dev), Int64(status.st_ino), Int64(status.st_size), Int64(status.st_mtim.tv_sec),
                Int64(status.st_mtim.tv_nsec),
            ]
        }
        return out
    }

    // MARK: Plans by id

    /// A plan id the workspace accepts: the schema's slug, at most 64 characters. Ids are file
    /// names, so this is also what keeps every path inside the plans folder.
    static func isSlug(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard (1...64).contains(bytes.count) else { return false }
        func allowed(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        return allowed(bytes[0]) && bytes.allSatisfy { allowed($0) || $0 == UInt8(ascii: "-") }
    }

    nonisolated func path(of id: String) throws(StoreError) -> String {
        guard Self.isSlug(id) else { throw .badID(id) }
        return plansFolder + "/" + id + ".xml"
    }

    /// The plan `id` as it is on disk.
    func disk(_ id: String) throws(StoreError) -> DiskPlan {
        let file = try path(of: id)
        guard case .bytes(let bytes) = InputFiles.read(file) else { throw .noSuchPlan(id) }
        var plan = DiskPlan(
            id: id, file: file, version: PlanVersion(of: bytes), text: String(decoding: bytes, as: UTF8.self),
            document: nil, problem: nil)
        switch PlanDocument.read(bytes) {
        case .success(let document): plan.document = document
        case .failure(let why): plan.problem = "\(file):\(why.line):\(why.column): \(why.message)"
        }
        return plan
    }

    /// The version of plan `id` on disk now (`absent` when there is none).
    func version(_ id: String) throws(StoreError) -> PlanVersion {
        let file = try path(of: id)
        guard case .bytes(let bytes) = InputFiles.read(file) else { return .absent }
        return PlanVersion(of: bytes)
    }

    /// Writes `document` as plan `id`, if the file on disk is still `base` and the plan has no
    /// error of the format. Returns the new version and the check of what was written.
    func save(_ document: PlanDocument, id: String, base: PlanVersion) throws(StoreError) -> (
        PlanVersion, EditorCheck
    ) {
        let file = try path(of: id)
        let onDisk = try version(id)
        guard onDisk == base else {
            // Deleted outside while the page had it open: the page's version is not lost; saving
            // it again over "absent" writes it back.
            if onDisk == .absent {
                throw .conflict(
                    disk: DiskPlan(
                        id: id, file: file, version: .absent, text: "", document: nil,
                        problem: "\(file) was deleted on disk"), mine: document.xml())
            }
            throw .conflict(disk: try disk(id), mine: document.xml())
        }
        return try write(document, to: file)
    }

    /// Creates plan `id` from `document`; refused when a file of that name exists.
    func create(_ document: PlanDocument, id: String) throws(StoreError) -> (PlanVersion, EditorCheck) {
        let file = try path(of: id)
        guard try version(id) == .absent else { throw .exists(id) }
        return try write(document, to: file)
    }

    /// Deletes plan `id` if it is still `base` on disk.
    func delete(_ id: String, base: PlanVersion) throws(StoreError) {
        let file = try path(of: id)
        let onDisk = try version(id)
        if onDisk == .absent { throw .noSuchPlan(id) }
        guard onDisk == base else { throw .conflict(disk: try disk(id), mine: nil) }
        do {
            try FileManager.default.removeItem(atPath: file)
        } catch {
            throw .write("\(file): could not delete: \(error.localizedDescription)")
        }
        refresh()
    }

    private func write(_ document: PlanDocument, to file: String) throws(StoreError) -> (PlanVersion, EditorCheck) {
        refresh()
        let check = PlanEditing.check(document, file: file, in: project)
        guard check.savable else { throw .notSavable(check) }
        // The plan was read as an input; this write is meant to replace it.
        InputFiles.release(file)
        do {
            try OutputFile.write(check.xml, to: file)
        } catch {
            throw .write("\(file): \(error)")
        }
        refresh()
        return (PlanVersion(of: Array(check.xml.utf8)), check)
    }
}

// MARK: The term

extension WorkspaceStore {
    /// The project's terms (none without a roster).
    nonisolated func terms() -> [TermFiles] { TermFiles.all(rosters: rosters, out: out) }

    /// The term named `name` (the first when nil).
    nonisolated func term(_ name: String?) -> TermFiles? {
        let all = terms()
        guard let name else { return all.first }
        return all.first { $0.name == name }
    }

    /// Adds the what-if's time off to the roster and writes the re-plan into the term's
    /// output folder, as `trainplan schedule --previous` would with that roster: the roster
    /// first (checked before it is written), then every output in one step.
    func apply(_ request: WhatIf) throws(WorkspaceRefusal) -> Replan {
        refresh()
        guard let files = term(request.term) else { throw WorkspaceRefusal(.badRequest, "There is no such term.") }
        let state = TermDesk.state(files, project: project)
        guard let roster = state.load.roster else {
            throw WorkspaceRefusal(.conflict, state.problemText ?? "The roster cannot be read.")
        }
        var (replan, problem, schedule): (Replan, StaffingProblem, Schedule)
        switch TermDesk.replan(request, state: state, project: project) {
        case .failure(let refusal): throw refusal
        case .success(let done): (replan, problem, schedule) = done
        }
        guard case .success(let (trainer, away)) = TermDesk.away(request, roster: roster) else {
            throw WorkspaceRefusal(.badRequest, "The time off cannot be read.")
        }
        guard case .bytes(let bytes) = InputFiles.read(files.roster),
            let text = TermDesk.roster(String(decoding: bytes, as: UTF8.self), adding: away, to: trainer)
        else {
            throw WorkspaceRefusal(
                .conflict,
                "\(files.roster): the trainer's element is not written one child per line, so nothing was written; "
                    + "add this line inside <trainer id=\"\(trainer.id)\"> by hand: \(TermDesk.awayLine(away))")
        }
        // The new roster must read back with the new time off and nothing else changed.
        let reread = StaffingLoader.roster(.bytes(Array(text.utf8)), file: files.roster)
        guard let value = reread.value, !reread.findings.contains(where: { $0.severity == .error }),
            value.trainer(trainer.id)?.away.count == trainer.away.count + 1
        else {
            throw WorkspaceRefusal(
                .conflict,
                "\(files.roster): adding the time off would break the roster, so nothing was written:\n"
                    + TextReporter.render(reread.findings))
        }
        let outputs = TermRun.outputs(schedule, problem: problem, now: TermRun.now)
        do {
            InputFiles.release(files.roster)
            try OutputFile.write(text, to: files.roster)
            try OutputFile.publish(outputs.files, in: files.out)
        } catch {
            throw WorkspaceRefusal(.internalServerError, "Writing failed: \(error)")
        }
        refresh()
        replan.written = [files.roster] + outputs.files.map { files.out + "/" + $0.path }.sorted()
        return replan
    }
}

/// The project and what its inputs were at the last look, behind a lock. A look at the disk
/// (stat of every input) and the re-reading of what changed happen under the lock, so that two
/// requests never update the project at once; reading it is a copy (its storage is shared).
final class ProjectCache: @unchecked Sendable {
    private let lock = NSLock()
    private var project: Project
    private var seen: [String: [Int64]]
    private var lastLook = Date.distantPast

    init(project: Project, seen: [String: [Int64]]) {
        self.project = project
        self.seen = seen
    }

    func current(maxAge: TimeInterval, signatures: () -> [String: [Int64]]) -> Project {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastLook) >= maxAge else { return project }
        lastLook = now
        let found = signatures()
        guard found != seen else { return project }
        let changed = Set(found.keys).union(seen.keys).filter { found[$0] != seen[$0] }.sorted()
        // Catalogs first: they re-check every plan anyway.
        let catalogs = [project.options.methods, project.options.verbs, project.options.rubricPath]
        for path in changed.sorted(by: { catalogs.contains($0) && !catalogs.contains($1) }) {
            // A catalog that cannot be used keeps the last good one (check shows its findings).
            try? project.update(path)
        }
        seen = found
        return project
    }
}
