/// One kind of finding trainplan can raise that is not a rubric line: its stable id, where it
/// comes from, and a one-line description. Rubric criteria are declared by the criteria
/// registry (TrainPlanReview), custom rules by the rubric file that defines them.
public struct FindingKind: Hashable, Sendable {
    /// What kind of input the finding is about.
    public enum Area: String, Hashable, Sendable, CaseIterable {
        /// Any XML input: reading, encoding, limits, the schema.
        case file
        /// A session plan, or the plans checked together.
        case plan
        /// The method catalog, the verb list or the rubric.
        case rubric
        /// A roster, a term or a previous assignments file, and scheduling them.
        case staffing
        /// A delivery log or an observation, resolved against the term and its plan (issue 16).
        case delivery
        /// The command line.
        case command
    }

    public var id: String
    public var area: Area
    /// What holds when the finding is absent, in one line.
    public var summary: String
    /// How serious it is when raised.
    public var severity: Severity
    /// Whether a plan's review may carry it (SARIF lists these as rules of a plan report).
    public var inPlanReports: Bool

    public init(
        _ id: String, _ area: Area, _ summary: String, severity: Severity = .error, inPlanReports: Bool = false
    ) {
        self.id = id
        self.area = area
        self.summary = summary
        self.severity = severity
        self.inPlanReports = inPlanReports
    }
}

/// Every finding id trainplan raises outside the rubric, declared once. `trainplan rules --all`
/// lists them, docs/finding-ids.md describes them, and a test fails when code raises an id
/// that is not here.
public enum FindingIDs {
    public static let all: [FindingKind] = [
        // Reading any XML input (TrainPlanXML's diagnostics) and the format's schema.
        .init("xml-malformed", .file, "The file is well-formed XML.", inPlanReports: true),
        .init("xml-doctype", .file, "The file has no DOCTYPE: DTDs and entities are refused.", inPlanReports: true),
        .init("xml-encoding", .file, "The file is UTF-8.", inPlanReports: true),
        .init("xml-too-large", .file, "The file is at most 4 MiB.", inPlanReports: true),
        .init(
            "xml-too-many-attributes", .file, "No element carries more than 64 attributes.", inPlanReports: true),
        .init("schema", .file, "The file matches the format's XML Schema.", inPlanReports: true),
        .init("unknown-element", .file, "Every element is part of the format.", inPlanReports: true),
        .init("unknown-attribute", .file, "Every attribute is part of the format.", inPlanReports: true),
        .init("missing-element", .file, "Every required element is present.", inPlanReports: true),
        .init("missing-attribute", .file, "Every required attribute is present.", inPlanReports: true),
        .init("missing-text", .file, "Every element that needs text has some.", inPlanReports: true),
        .init("duplicate-element", .file, "Elements that may appear once appear once.", inPlanReports: true),
        .init("unexpected-text", .file, "Text appears only where the format takes text.", inPlanReports: true),
        .init("invalid-id", .file, "Ids are lower-case letters, digits and hyphens.", inPlanReports: true),
        .init("invalid-minutes", .file, "Minutes are whole numbers greater than zero.", inPlanReports: true),
        .init("invalid-number", .file, "Numbers are in range.", inPlanReports: true),
        .init("invalid-value", .file, "Enumerated values are ones the format knows.", inPlanReports: true),
        // A plan's references, and the plans checked together.
        .init(
            "duplicate-id", .plan, "Activity and objective ids are unique within a plan.",
            inPlanReports: true),
        .init("unknown-objective", .plan, "Activities serve objectives the plan defines.", inPlanReports: true),
        .init("unknown-method", .plan, "Activities use methods from the method catalog.", inPlanReports: true),
        .init("duplicate-session", .plan, "Each session id is used by one file.", inPlanReports: true),
        .init("file-name", .plan, "A plan's file is named after its id.", severity: .warning, inPlanReports: true),
        .init("wrong-document", .file, "The file is the kind of document expected.", inPlanReports: true),
        .init("unreadable-file", .file, "The file exists and can be read.", inPlanReports: true),
        .init(
            "internal-schema", .file,
            "The bundled XML Schema compiles (if not, validation is skipped with this warning).", severity: .warning,
            inPlanReports: true),
        // The method catalog, the verb list and the rubric.
        .init("unknown-category", .rubric, "Every method of the catalog names a category the catalog defines."),
        .init("unknown-criterion", .rubric, "Every <criterion> of a rubric names a built-in criterion."),
        .init("invalid-xpath", .rubric, "Every custom rule's XPath expression compiles."),
        // Survey instruments (Rubrics/instruments/).
        .init("instrument-scale", .rubric, "An instrument's response scale runs upwards, each point labelled once."),
        .init("instrument-unknown-item", .rubric, "Every subscale names items of its instrument, each once."),
        .init(
            "instrument-min-answered", .rubric,
            "A scoring rule's min-answered is at most the number of items it scores."),
        // Rosters, terms, previous assignments, and resolving them against the plans.
        .init("invalid-date", .staffing, "Dates are YYYY-MM-DD and starts YYYY-MM-DDTHH:MM, on real days."),
        .init("invalid-time", .staffing, "Times of day are HH:MM from 00:00 to 23:59."),
        .init("invalid-range", .staffing, "A window or an absence ends after it starts."),
        .init("unknown-time-zone", .staffing, "Time zones are IANA names (Region/City)."),
        .init("dst-gap", .staffing, "No offering starts at a local time the clocks skip (daylight saving)."),
        .init("unknown-plan", .staffing, "Every offering delivers a session plan of the project."),
        .init(
            "unknown-module", .staffing, "Every module a trainer is qualified for has a session plan.",
            severity: .warning),
        .init("unknown-trainer", .staffing, "Every pinned trainer is on the roster."),
        .init(
            "time-zone-differs", .staffing,
            "The roster and the term are written in the same time zone, or the difference is meant."),
        .init(
            "unqualified-pin", .staffing,
            "Every pinned trainer is qualified for the offering's module, and every pinned observer may observe it."),
        .init(
            "same-trainer-twice", .staffing,
            "No trainer is pinned to two roles of one offering (primary, backup, observer)."),
        .init(
            "no-observer", .staffing, "A term that asks for observers has someone on the roster who observes.",
            severity: .warning),
        .init(
            "previous-term", .staffing, "Previous assignments (--previous) belong to the term being scheduled.",
            severity: .warning),
        .init(
            "plan-has-errors", .staffing,
            "No offering is staffed from a plan with errors without a warning naming it (it is staffed all the same).",
            severity: .warning),
        // Delivery logs and observations (Records/deliveries/), against the term and the plan.
        .init("unknown-offering", .delivery, "Every delivery log names an offering of the term."),
        .init("wrong-plan", .delivery, "A log's plan is the plan its offering delivers."),
        .init(
            "unknown-activity", .delivery, "A log's activities are the plan's activities, by id (others are <added>)."),
        .init(
            "unlogged-activity", .delivery,
            "A log accounts for every planned activity (delivered minutes or skipped with a reason).",
            severity: .warning),
        .init(
            "duplicate-log", .delivery,
            "An offering has one trainer's log, and one observation per observer."),
        // The command line.
        .init("no-plans", .command, "A folder given to check holds at least one session plan (*.xml)."),
        .init("smptsp-format", .command, "A personnel task scheduling instance is in the OR-Library ptask format."),
    ]

    /// The declared kind with this id.
    public static func kind(_ id: String) -> FindingKind? { byID[id] }

    private static let byID = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
}
