import Foundation
public import TrainPlanCore
public import TrainPlanFormats
public import TrainPlanXML

/// One plan file after reading and checking: the plan if it could be decoded, and its findings.
public struct PlanResult: Sendable {
    public var file: String
    public var plan: SessionPlan?
    public var findings: [Finding]
    /// The value of each rubric XPath rule on this plan, by expression.
    public var xpathValues: [String: XPathValue] = [:]

    /// Whether the file could not be read or parsed at all.
    public var isUnreadable: Bool { findings.contains(where: \.isFatal) }

    /// A checked plan made elsewhere than from its own file (a session as delivered, issue 16).
    public init(file: String, plan: SessionPlan?, findings: [Finding], xpathValues: [String: XPathValue] = [:]) {
        self.file = file
        self.plan = plan
        self.findings = findings
        self.xpathValues = xpathValues
    }
}

/// The result of checking a set of plans together.
public struct CheckReport: Sendable {
    /// One result per file, in the order the files were given.
    public var plans: [PlanResult]
    /// Findings about the set as a whole (a session id used twice).
    public var setFindings: [Finding]

    /// Creates a report.
    public init(plans: [PlanResult], setFindings: [Finding]) {
        self.plans = plans
        self.setFindings = setFindings
    }

    /// Every finding, sorted by file, line and column.
    public var findings: [Finding] {
        Finding.sortedForOutput(plans.flatMap(\.findings) + setFindings)
    }

    /// Whether any input could not be read or parsed.
    public var hasUnreadableInput: Bool { plans.contains(where: \.isUnreadable) }
}

/// Checks session plans: the format, references into the method catalog and between the plan's
/// own parts, and what the set of plans must satisfy together.
public enum PlanChecker {
    /// Checks many files, two at a time per core, in a deterministic order.
    /// `load` does the I/O; it is called once per file, from several threads.
    public static func check(
        files: [String], catalog: MethodCatalog, xpath: [XPathExpression] = [],
        load: @Sendable (String) -> SourceText
    ) -> CheckReport {
        let results = ResultSlots<PlanResult>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let file = files[index]
            results[index] = checkPlan(load(file), file: file, catalog: catalog, xpath: xpath)
        }
        let plans = results.values
        return CheckReport(plans: plans, setFindings: setFindings(plans))
    }

    /// Reads, validates, decodes and checks one plan.
    ///
    /// The schema is applied only to a plan with an error: the decoder and the reference checks
    /// enforce every rule of the session-plan schema (a property test holds them to it), so on
    /// a plan they accept, validation would find nothing, and it costs as much as the parse.
    public static func checkPlan(
        _ text: SourceText, file: String, catalog: MethodCatalog, xpath: [XPathExpression] = []
    ) -> PlanResult {
        let read = DocumentReader.read(text, file: file, schema: .sessionPlan, xpath: xpath, validate: false)
        guard let root = read.root else { return PlanResult(file: file, plan: nil, findings: read.findings) }
        let decoded = PlanDecoder.decode(root, file: file)
        let references = decoded.plan.map { planFindings($0, catalog: catalog) } ?? []
        var readFindings = read.findings
        if (read.findings + decoded.findings + references).contains(where: { $0.severity == .error }) {
            readFindings = DocumentReader.read(text, file: file, schema: .sessionPlan).findings
        }
        let findings = DocumentReader.merge(schema: readFindings, decoded: decoded.findings) + references
        var values: [String: XPathValue] = [:]
        for (expression, value) in zip(xpath, read.xpathValues) { values[expression.source] = value }
        return PlanResult(
            file: file, plan: decoded.plan, findings: Finding.sortedForOutput(findings), xpathValues: values)
    }

    /// Checks within one decoded plan: ids and references. (Whether the agenda adds up is the
    /// rubric's `agenda-adds-up` criterion.)
    public static func planFindings(_ plan: SessionPlan, catalog: MethodCatalog) -> [Finding] {
        var findings: [Finding] = []
        findings += duplicateIDs(plan.objectives.map { ($0.id, $0.location) }, kind: "objective")
        findings += duplicateIDs(plan.activities.map { ($0.id, $0.location) }, kind: "activity")

        let objectiveIDs = plan.objectives.map(\.id)
        for activity in plan.activities {
            for reference in activity.objectives where !objectiveIDs.contains(reference) {
                findings.append(
                    Finding(
                        id: "unknown-objective",
                        message:
                            "The activity '\(activity.id)' serves '\(reference)', which is not an objective of this plan."
                            + DidYouMean.clause(for: reference, among: objectiveIDs),
                        hint: objectiveIDs.isEmpty
                            ? "Write the objective in <objectives> first."
                            : "Use the id of one of the plan's objectives: \(objectiveIDs.joined(separator: ", ")).",
                        location: activity.objectivesLocation))
            }
            if catalog.method(activity.method) == nil {
                let suggestion = DidYouMean.suggestion(for: activity.method, among: catalog.methods.map(\.id))
                findings.append(
                    Finding(
                        id: "unknown-method",
                        message: "The method '\(activity.method)' is not in the method catalog."
                            + (suggestion.map { " Did you mean '\($0)'?" } ?? ""),
                        hint: suggestion.map { "Write method=\"\($0)\"." }
                            ?? "Use a method listed in Rubrics/methods.xml (see `docs/plan-format.md`), or add it there.",
                        location: activity.methodLocation))
            }
        }

        let stem = fileStem(plan.file)
        if stem != plan.id {
            findings.append(
                Finding(
                    id: "file-name", severity: .warning,
                    message: "The file is called '\(stem).xml' but the session id is '\(plan.id)'.",
                    hint: "Rename the file to '\(plan.id).xml' so that it is easy to find.",
                    location: plan.location))
        }
        return findings
    }

    /// `plan` for `SessionPlans/plan.xml`: the name without folders and without its last extension.
    package static func fileStem(_ path: String) -> String {
        let name = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.utf8.index(after: $0)...] } ?? path[...]
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return String(name) }
        return String(name[..<dot])
    }

    private static func duplicateIDs(_ ids: [(String, SourceLocation)], kind: String) -> [Finding] {
        var first: [String: SourceLocation] = [:]
        var findings: [Finding] = []
        for (id, location) in ids {
            if let earlier = first[id] {
                findings.append(
                    Finding(
                        id: "duplicate-id",
                        message: "The \(kind) id '\(id)' is used twice; the first is at line \(earlier.line).",
                        hint: "Give each \(kind) its own id.", location: location))
            } else {
                first[id] = location
            }
        }
        return findings
    }

    /// Checks across the plans checked together: the same session id in two files.
    public static func setFindings(_ results: [PlanResult]) -> [Finding] {
        var sessions = SessionIDs()
        return results.compactMap(\.plan).sorted(by: { $0.location < $1.location }).compactMap {
            sessions.visit($0.id, at: $0.location)
        }
    }

    /// The session ids seen so far, plan by plan in path order: the one place where a session
    /// id used twice is found (for a whole check and for a stream).
    struct SessionIDs {
        private var first: [String: SourceLocation] = [:]

        /// The finding when an earlier plan already uses `id`.
        mutating func visit(_ id: String, at location: SourceLocation) -> Finding? {
            if let earlier = first[id] { return PlanChecker.duplicateSession(id, at: location, earlier: earlier) }
            first[id] = location
            return nil
        }
    }

    /// The finding for a plan whose session id an earlier plan already uses.
    static func duplicateSession(_ id: String, at location: SourceLocation, earlier: SourceLocation) -> Finding {
        Finding(
            id: "duplicate-session",
            message: "The session id '\(id)' is also used by \(earlier.description).",
            hint: "Give each plan its own id, and name the file after it.", location: location)
    }
}
