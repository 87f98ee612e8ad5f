public import TrainPlanCore
public import TrainPlanFormats
import TrainPlanOutput
public import TrainPlanReview
import TrainPlanXML

/// One delivery log or observation resolved against its offering and plan: the session as it
/// was delivered, as a plan value whose blocks sit at the log's lines, and both reviewed with the
/// same rubric.
public struct DeliveredSession: Sendable {
    public var log: DeliveryLog
    public var offering: Offering
    /// The plan the offering delivers.
    public var plan: SessionPlan
    /// The plan as delivered: delivered minutes, skipped activities removed, added ones in, in
    /// the order of the log; every block and the session itself located in the log.
    public var delivered: SessionPlan
    /// The plan's review and the delivered session's, with the same rubric.
    public var plannedReview: PlanReview
    public var deliveredReview: PlanReview
    /// Planned activities the log does not mention (counted as not delivered).
    public var unlogged: [Activity]
}

/// What the fidelity stage needs from the project: the term, the plans by id, the catalogs.
public struct FidelityInputs: Sendable {
    public var term: Term
    /// Every plan that could be used, by session id.
    public var plans: [String: SessionPlan]
    /// Each plan's own review, by session id.
    public var reviews: [String: PlanReview]
    public var catalog: MethodCatalog
    public var verbs: VerbList
    public var rubric: Rubric
    /// The roster, when there is one: the trainers and observers a log names are checked on it.
    public var roster: Roster?

    public init(
        term: Term, plans: [String: SessionPlan], reviews: [String: PlanReview], catalog: MethodCatalog,
        verbs: VerbList, rubric: Rubric, roster: Roster?
    ) {
        self.term = term
        self.plans = plans
        self.reviews = reviews
        self.catalog = catalog
        self.verbs = verbs
        self.rubric = rubric
        self.roster = roster
    }

    /// The inputs of a project: `review`'s usable plans (the first of each session id) with their
    /// reviews, as `trainplan fidelity` and the workspace's log form resolve logs against them.
    public init(term: Term, review: Review, catalog: MethodCatalog, verbs: VerbList, rubric: Rubric, roster: Roster?) {
        var plans: [String: SessionPlan] = [:]
        var reviews: [String: PlanReview] = [:]
        for planReview in review.plans {
            guard let plan = planReview.plan, plans[plan.id] == nil else { continue }
            plans[plan.id] = plan
            reviews[plan.id] = planReview
        }
        self.init(
            term: term, plans: plans, reviews: reviews, catalog: catalog, verbs: verbs, rubric: rubric, roster: roster)
    }

    /// The offering with this id, and its plan.
    public func offering(_ id: String) -> (offering: Offering, plan: SessionPlan?)? {
        guard let offering = term.offerings.first(where: { $0.id == id }) else { return nil }
        return (offering, plans[offering.session])
    }
}

extension DeliveredSession {
    /// Resolves a log against the term and its plan. Every reference the log makes (offering,
    /// plan, activity, method, objective, category, trainer) is checked, each finding at the
    /// log's line; a log with an error gives no session.
    public static func resolve(_ log: DeliveryLog, inputs: FidelityInputs) -> (DeliveredSession?, [Finding]) {
        var findings: [Finding] = []
        guard let (offering, found) = inputs.offering(log.offering) else {
            let ids = inputs.term.offerings.map(\.id)
            findings.append(
                Finding(
                    id: "unknown-offering",
                    message: "The offering '\(log.offering)' is not in the term '\(inputs.term.id)'."
                        + DidYouMean.clause(for: log.offering, among: ids),
                    hint: "Write the id of the offering as the term (\(inputs.term.location.file)) names it.",
                    location: log.offeringLocation))
            return (nil, findings)
        }
        guard let plan = found else {
            findings.append(
                Finding(
                    id: "unknown-plan",
                    message:
                        "The offering '\(offering.id)' delivers '\(offering.session)', which is not a usable plan.",
                    hint: "Fix the plan SessionPlans/\(offering.session).xml (trainplan check names its errors).",
                    location: log.offeringLocation))
            return (nil, findings)
        }
        if let named = log.plan, named != plan.id {
            findings.append(
                Finding(
                    id: "wrong-plan",
                    message:
                        "The log names the plan '\(named)', but the offering '\(offering.id)' delivers '\(plan.id)'.",
                    hint: "Write plan=\"\(plan.id)\", or log the offering that delivered '\(named)'.",
                    location: log.planLocation ?? log.location))
        }
        if let roster = inputs.roster {
            let known = roster.trainers.map(\.id)
            for trainer in log.trainers + (log.observer.map { [$0] } ?? []) where !known.contains(trainer) {
                findings.append(
                    Finding(
                        id: "unknown-trainer",
                        message: "'\(trainer)' is not on the roster." + DidYouMean.clause(for: trainer, among: known),
                        hint: "Use the id the roster (\(roster.location.file)) gives them.",
                        location: log.observer == trainer && !log.trainers.contains(trainer)
                            ? log.observerLocation ?? log.location : log.trainersLocation))
            }
        }
        let planned = plan.activities
        let plannedIDs = planned.map(\.id)
        var blocks: [AgendaItem] = []
        for block in log.blocks {
            switch block {
            case .planned(let entry):
                guard let activity = planned.first(where: { $0.id == entry.id }) else {
                    findings.append(
                        Finding(
                            id: "unknown-activity",
                            message: "The plan '\(plan.id)' has no activity '\(entry.id)'."
                                + DidYouMean.clause(for: entry.id, among: plannedIDs),
                            hint:
                                "Log planned activities by their id in the plan; an activity the plan lacks is <added>.",
                            location: entry.idLocation))
                    continue
                }
                guard let minutes = entry.minutes else { continue }
                blocks.append(
                    .activity(
                        Activity(
                            id: activity.id, method: activity.method, methodLocation: entry.location,
                            minutes: minutes, grouping: activity.grouping, objectives: activity.objectives,
                            objectivesLocation: entry.location, title: activity.title,
                            description: activity.description, materials: activity.materials, notes: activity.notes,
                            location: entry.location)))
            case .added(let entry):
                if plannedIDs.contains(entry.id) {
                    findings.append(
                        Finding(
                            id: "duplicate-id",
                            message: "The added activity '\(entry.id)' has the id of a planned one.",
                            hint:
                                "Log a planned activity as <activity id=\"\(entry.id)\" …/>, or give the added one its own id.",
                            location: entry.location))
                }
                if inputs.catalog.method(entry.method) == nil {
                    findings.append(
                        Finding(
                            id: "unknown-method",
                            message: "The method '\(entry.method)' is not in the method catalog."
                                + DidYouMean.clause(for: entry.method, among: inputs.catalog.methods.map(\.id)),
                            hint: "Use a method id from Rubrics/methods.xml.", location: entry.methodLocation))
                    continue
                }
                blocks.append(
                    .activity(
                        Activity(
                            id: entry.id, method: entry.method, methodLocation: entry.methodLocation,
                            minutes: entry.minutes, grouping: .wholeGroup, objectives: [],
                            objectivesLocation: entry.location, title: nil, description: nil, materials: [],
                            notes: nil, location: entry.location)))
            case .pause(let minutes, let location):
                blocks.append(.pause(Break(minutes: minutes, location: location)))
            }
        }
        let objectiveIDs = plan.objectives.map(\.id)
        for message in log.keyMessages where !objectiveIDs.contains(message.objective) {
            findings.append(
                Finding(
                    id: "unknown-objective",
                    message: "The plan '\(plan.id)' has no objective '\(message.objective)'."
                        + DidYouMean.clause(for: message.objective, among: objectiveIDs),
                    hint: "Key messages are the plan's objectives, by id.", location: message.location))
        }
        let length = blocks.reduce(0) { $0 + $1.minutes }
        let categories = inputs.catalog.categories.map(\.id)
        for sample in log.samples {
            if !categories.contains(sample.category) {
                findings.append(
                    Finding(
                        id: "unknown-category",
                        message: "'\(sample.category)' is not a method category of the catalog."
                            + DidYouMean.clause(for: sample.category, among: categories),
                        hint: "Use one of: \(categories.joined(separator: ", ")).", location: sample.location))
            } else if sample.minute >= max(length, 1) {
                findings.append(
                    Finding(
                        id: "invalid-number",
                        message:
                            "The sample at minute \(sample.minute) is after the session's end (it lasted \(length) minutes).",
                        hint: "Samples are taken from minute 0 to the last even minute before the end.",
                        location: sample.location))
            }
        }
        let logged = Set(log.plannedActivities.map(\.id))
        let unlogged = planned.filter { !logged.contains($0.id) }
        for activity in unlogged {
            findings.append(
                Finding(
                    id: "unlogged-activity", severity: .warning,
                    message: "The planned activity '\(activity.id)' is not in the log; it is counted as not delivered.",
                    hint: "Add <activity id=\"\(activity.id)\" minutes=\"…\"/> or skipped=\"…\" with the reason.",
                    location: log.location))
        }
        if findings.contains(where: { $0.severity == .error }) { return (nil, findings) }
        var delivered = plan
        delivered.agenda = blocks
        delivered.durationMinutes = length
        delivered.durationLocation = log.location
        delivered.agendaLocation = log.location
        delivered.location = log.location
        // An objective's finding (never practised as delivered) points at its key message in the log,
        // or at the log itself when the log does not mention it: never into the plan's file.
        delivered.objectives = plan.objectives.map { objective in
            var moved = objective
            moved.location =
                log.keyMessages.first { $0.objective == objective.id }?.location ?? log.location
            return moved
        }
        let values = xpathValues(of: delivered, rubric: inputs.rubric)
        let deliveredReview = Reviewer.review(
            PlanResult(file: log.file, plan: delivered, findings: [], xpathValues: values), rubric: inputs.rubric,
            catalog: inputs.catalog, verbs: inputs.verbs)
        let plannedReview =
            inputs.reviews[plan.id]
            ?? Reviewer.review(
                PlanResult(
                    file: plan.file, plan: plan, findings: [], xpathValues: xpathValues(of: plan, rubric: inputs.rubric)
                ),
                rubric: inputs.rubric, catalog: inputs.catalog, verbs: inputs.verbs)
        return (
            DeliveredSession(
                log: log, offering: offering, plan: plan, delivered: delivered, plannedReview: plannedReview,
                deliveredReview: deliveredReview, unlogged: unlogged),
            findings
        )
    }

    /// The rubric's custom rules evaluated on the session written as a plan (the same XML shape
    /// `check` evaluates them on), so that a rule about methods sees the methods delivered.
    static func xpathValues(of plan: SessionPlan, rubric: Rubric) -> [String: XPathValue] {
        let expressions = rubric.assertions.map(\.test)
        guard !expressions.isEmpty else { return [:] }
        let read = XMLReader.read(Array(planXML(plan).utf8), xpath: expressions)
        var values: [String: XPathValue] = [:]
        for (expression, value) in zip(expressions, read.xpathValues) { values[expression.source] = value }
        return values
    }

    /// A plan as session-plan XML, with the parts a custom rule can ask about.
    static func planXML(_ plan: SessionPlan) -> String {
        let e = HTMLReporter.escape
        var out = "<session id=\"\(e(plan.id))\">\n  <title>\(e(plan.title))</title>\n"
        out += "  <module id=\"\(e(plan.module.id))\" step=\"\(plan.module.step)\"/>\n"
        out += "  <stage>\(plan.stage.rawValue)</stage>\n  <duration minutes=\"\(plan.durationMinutes)\"/>\n"
        out += "  <delivery mode=\"\(plan.delivery.rawValue)\"/>\n  <objectives>\n"
        for objective in plan.objectives {
            let level = objective.level.map { " level=\"\($0.rawValue)\"" } ?? ""
            out += "    <objective id=\"\(e(objective.id))\"\(level)>\(e(objective.text))</objective>\n"
        }
        out += "  </objectives>\n  <agenda>\n"
        for item in plan.agenda {
            switch item {
            case .activity(let activity):
                let objectives =
                    activity.objectives.isEmpty
                    ? "" : " objectives=\"\(e(activity.objectives.joined(separator: " ")))\""
                out +=
                    "    <activity id=\"\(e(activity.id))\" method=\"\(e(activity.method))\" minutes=\"\(activity.minutes)\""
                    + " grouping=\"\(activity.grouping.rawValue)\"\(objectives)/>\n"
            case .pause(let pause):
                out += "    <break minutes=\"\(pause.minutes)\"/>\n"
            }
        }
        out += "  </agenda>\n  <evaluation>\n"
        for measure in plan.evaluation {
            out += "    <measure level=\"\(measure.level.rawValue)\">\(e(measure.description))</measure>\n"
        }
        return out + "  </evaluation>\n</session>\n"
    }
}
