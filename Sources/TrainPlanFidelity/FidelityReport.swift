public import TrainPlanCore
public import TrainPlanFormats
public import TrainPlanReview
import TrainPlanStatistics

/// The fidelity of a term's delivered offerings: each offering planned against delivered, the
/// observers' ratings and their agreement, and summaries by trainer and by module.
public struct FidelityReport: Sendable {
    /// One planned or added activity of an offering, planned against delivered.
    public struct ActivityRow: Sendable, Hashable {
        public var id: String
        public var method: String
        public var category: String
        /// Minutes in the plan; `nil` for an added activity.
        public var plannedMinutes: Int?
        /// Minutes delivered; `nil` when skipped or not logged.
        public var deliveredMinutes: Int?
        /// Why it was skipped, shortened, lengthened or added.
        public var reason: DeliveryLog.Reason?
        public var skipped: Bool
        /// Whether the log does not mention this planned activity.
        public var unlogged: Bool
        /// Each observer's adherence rating, by observer id (sorted).
        public var ratings: [String: Int]
        /// Where the activity is in the log (the log itself when unlogged).
        public var location: SourceLocation
    }

    /// Minutes of one method category, planned against delivered.
    public struct CategoryRow: Sendable, Hashable {
        public var category: String
        public var planned: Int
        public var delivered: Int
    }

    /// One criterion of the rubric on the plan and on the delivered session.
    public struct CriterionRow: Sendable {
        public var planned: CriterionResult
        public var delivered: CriterionResult
        /// Met in the plan, not met as delivered.
        public var lostInDelivery: Bool {
            planned.assessment.status == .met && delivered.assessment.status == .notMet
        }
    }

    /// Two observers of one offering: how far their adherence ratings agree.
    public struct Agreement: Sendable, Hashable {
        public var offering: String
        public var observers: [String]
        /// Activities both rated.
        public var count: Int
        public var percent: Double?
        public var linear: Double?
        public var quadratic: Double?
    }

    /// One observer's time samples of an offering: how many 2-minute marks fell in each category.
    public struct Sampling: Sendable, Hashable {
        public var observer: String
        /// Categories in catalog order, with their count of samples (only those seen).
        public var counts: [CategoryCount]
        public var total: Int
    }

    /// A category and how many samples fell in it.
    public struct CategoryCount: Sendable, Hashable {
        public var category: String
        public var count: Int
    }

    /// One delivered offering.
    public struct OfferingRow: Sendable {
        /// The trainer's log, or the first observation when there is none.
        public var record: DeliveredSession
        public var observations: [DeliveredSession]
        public var activities: [ActivityRow]
        public var categories: [CategoryRow]
        public var criteria: [CriterionRow]
        /// The share of learning time that is interactive and practice, planned and delivered.
        public var plannedInteractive: Double?
        public var deliveredInteractive: Double?
        public var plannedPractice: Double?
        public var deliveredPractice: Double?
        /// The delivered session's findings for criteria the plan met, at the log's lines.
        public var lostFindings: [Finding]
        /// Each observer's time samples, when they took any.
        public var sampling: [Sampling]
        /// How much of the plan was delivered, in learning minutes (the dose as delivered).
        public var planDelivered: DeliveredMinutes
        public var offering: Offering { record.offering }
        public var plan: SessionPlan { record.plan }
    }

    /// Offerings grouped by a trainer or a module.
    public struct GroupRow: Sendable, Hashable {
        public var id: String
        public var offerings: Int
        public var plannedMinutes: Int
        public var deliveredMinutes: Int
        public var plannedPractice: Double?
        public var deliveredPractice: Double?
        public var skipped: Int
        public var added: Int
        public var meanAdherence: Double?
        /// Delivered sessions that fail the rubric.
        public var deliveredFails: Int
    }

    public var term: String
    public var offerings: [OfferingRow]
    public var agreements: [Agreement]
    public var byTrainer: [GroupRow]
    public var byModule: [GroupRow]
    /// Offerings grouped by the month they were delivered in (`2027-03`), in time order.
    public var byMonth: [GroupRow]
    /// How often each reason was given for a skipped activity, most frequent first.
    public var skipReasons: [(reason: DeliveryLog.Reason, count: Int)]
    /// Every finding about the logs (references, unlogged activities).
    public var findings: [Finding]
    /// Offerings of the term with no log yet.
    public var unlogged: [String]
}

extension FidelityReport {
    /// Builds the report from every log read (in any order) and the findings their reading gave.
    public static func build(logs: [DeliveryLog], readFindings: [Finding], inputs: FidelityInputs) -> FidelityReport {
        var findings = readFindings
        var resolved: [DeliveredSession] = []
        for log in logs.sorted(by: { $0.file < $1.file }) {
            let (session, found) = DeliveredSession.resolve(log, inputs: inputs)
            findings += found
            if let session { resolved.append(session) }
        }
        var byOffering: [String: [DeliveredSession]] = [:]
        for session in resolved { byOffering[session.offering.id, default: []].append(session) }
        var rows: [OfferingRow] = []
        for offering in inputs.term.offerings {
            guard let sessions = byOffering[offering.id] else { continue }
            let logs = sessions.filter { !$0.log.isObservation }
            let observations = sessions.filter(\.log.isObservation).sorted {
                ($0.log.observer ?? "") < ($1.log.observer ?? "")
            }
            for extra in logs.dropFirst() {
                findings.append(
                    Finding(
                        id: "duplicate-log",
                        message:
                            "The offering '\(offering.id)' has a second trainer's log; the first is \(logs[0].log.file).",
                        hint: "Keep one log per offering; an observer's record names its observer=\"…\".",
                        location: extra.log.location))
            }
            var seenObservers: [String: String] = [:]
            var distinct: [DeliveredSession] = []
            for observation in observations {
                let observer = observation.log.observer ?? ""
                if let first = seenObservers[observer] {
                    findings.append(
                        Finding(
                            id: "duplicate-log",
                            message: "'\(observer)' observed '\(offering.id)' twice; the first record is \(first).",
                            hint: "Keep one observation per observer and offering.", location: observation.log.location)
                    )
                    continue
                }
                seenObservers[observer] = observation.log.file
                distinct.append(observation)
            }
            guard let record = logs.first ?? distinct.first else { continue }
            rows.append(row(record, observations: distinct, inputs: inputs))
        }
        let logged = Set(rows.map(\.offering.id))
        return FidelityReport(
            term: inputs.term.id, offerings: rows, agreements: rows.flatMap(agreements),
            byTrainer: groups(rows, by: { $0.record.log.trainers }),
            byModule: groups(rows, by: { [$0.plan.module.id] }),
            byMonth: groups(rows, by: { [month($0.offering.start.date)] }), skipReasons: reasons(rows),
            findings: Finding.sortedForOutput(findings),
            unlogged: inputs.term.offerings.map(\.id).filter { !logged.contains($0) })
    }

    /// `2027-03`: a key that sorts in time order.
    static func month(_ date: LocalDate) -> String {
        let month = String(date.month)
        return "\(date.year)-\(month.count < 2 ? "0" + month : month)"
    }

    static func share(_ part: Int, of whole: Int) -> Double? {
        whole > 0 ? Double(part) / Double(whole) : nil
    }

    private static func row(_ record: DeliveredSession, observations: [DeliveredSession], inputs: FidelityInputs)
        -> OfferingRow
    {
        let catalog = inputs.catalog
        let plan = record.plan
        let logged = Dictionary(
            record.log.plannedActivities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func ratings(_ id: String) -> [String: Int] {
            var out: [String: Int] = [:]
            for observation in observations {
                if let rating = observation.log.plannedActivities.first(where: { $0.id == id })?.adherence {
                    out[observation.log.observer ?? ""] = rating
                }
            }
            return out
        }
        func plannedRow(_ activity: Activity) -> ActivityRow {
            let entry = logged[activity.id]
            return ActivityRow(
                id: activity.id, method: activity.method,
                category: catalog.method(activity.method)?.category ?? activity.method,
                plannedMinutes: activity.minutes, deliveredMinutes: entry?.minutes,
                reason: entry?.skipped ?? entry?.reason, skipped: entry?.skipped != nil, unlogged: entry == nil,
                ratings: ratings(activity.id), location: entry?.location ?? record.log.location)
        }
        // In the order delivered (the log's), added activities where they came; planned activities
        // the log does not mention at the end.
        let planned = Dictionary(plan.activities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var activities: [ActivityRow] = []
        var shown: Set<String> = []
        for block in record.log.blocks {
            switch block {
            case .planned(let entry):
                guard let activity = planned[entry.id], shown.insert(entry.id).inserted else { continue }
                activities.append(plannedRow(activity))
            case .added(let added):
                activities.append(
                    ActivityRow(
                        id: added.id, method: added.method,
                        category: catalog.method(added.method)?.category ?? added.method,
                        plannedMinutes: nil, deliveredMinutes: added.minutes, reason: added.reason, skipped: false,
                        unlogged: false, ratings: [:], location: added.location))
            case .pause: break
            }
        }
        for activity in plan.activities where !shown.contains(activity.id) {
            activities.append(plannedRow(activity))
        }
        var categories: [CategoryRow] = []
        for category in catalog.categories {
            let planned = activities.filter { $0.category == category.id }.reduce(0) { $0 + ($1.plannedMinutes ?? 0) }
            let delivered = activities.filter { $0.category == category.id }.reduce(0) {
                $0 + ($1.deliveredMinutes ?? 0)
            }
            if planned > 0 || delivered > 0 {
                categories.append(CategoryRow(category: category.id, planned: planned, delivered: delivered))
            }
        }
        let plannedContext = PlanContext(plan: plan, catalog: catalog, verbs: inputs.verbs)
        let deliveredContext = PlanContext(plan: record.delivered, catalog: catalog, verbs: inputs.verbs)
        var criteria: [CriterionRow] = []
        for delivered in record.deliveredReview.results {
            guard let planned = record.plannedReview.results.first(where: { $0.id == delivered.id }) else { continue }
            criteria.append(CriterionRow(planned: planned, delivered: delivered))
        }
        let lost = criteria.filter(\.lostInDelivery).flatMap(\.delivered.assessment.findings)
        return OfferingRow(
            record: record, observations: observations, activities: activities, categories: categories,
            criteria: criteria,
            plannedInteractive: share(plannedContext.interactiveMinutes, of: plannedContext.learningMinutes),
            deliveredInteractive: share(deliveredContext.interactiveMinutes, of: deliveredContext.learningMinutes),
            plannedPractice: share(plannedContext.practiceMinutes, of: plannedContext.learningMinutes),
            deliveredPractice: share(deliveredContext.practiceMinutes, of: deliveredContext.learningMinutes),
            lostFindings: Finding.sortedForOutput(lost),
            sampling: observations.compactMap { observation in
                let samples = observation.log.samples
                guard !samples.isEmpty else { return nil }
                let counts = catalog.categories.compactMap { category -> CategoryCount? in
                    let count = samples.filter { $0.category == category.id }.count
                    return count > 0 ? CategoryCount(category: category.id, count: count) : nil
                }
                return Sampling(observer: observation.log.observer ?? "", counts: counts, total: samples.count)
            }, planDelivered: .of(activities, catalog: catalog))
    }

    private static func agreements(_ row: OfferingRow) -> [Agreement] {
        var out: [Agreement] = []
        let observations = row.observations
        for i in observations.indices {
            for j in observations.indices where j > i {
                let first = observations[i].log
                let second = observations[j].log
                var a: [Int] = []
                var b: [Int] = []
                for activity in row.plan.activities {
                    guard let x = first.plannedActivities.first(where: { $0.id == activity.id })?.adherence,
                        let y = second.plannedActivities.first(where: { $0.id == activity.id })?.adherence
                    else { continue }
                    a.append(x)
                    b.append(y)
                }
                let scale = Array(NumberRanges.adherence)
                out.append(
                    Agreement(
                        offering: row.offering.id, observers: [first.observer ?? "", second.observer ?? ""],
                        count: a.count, percent: CohenKappa.percentAgreement(a, b),
                        linear: CohenKappa(a, b, categories: scale, weighting: .linear)?.kappa,
                        quadratic: CohenKappa(a, b, categories: scale, weighting: .quadratic)?.kappa))
            }
        }
        return out
    }

    private static func groups(_ rows: [OfferingRow], by keys: (OfferingRow) -> [String]) -> [GroupRow] {
        var members: [String: [OfferingRow]] = [:]
        for row in rows {
            for key in Set(keys(row)) { members[key, default: []].append(row) }
        }
        return members.keys.sorted().map { key in
            let rows = members[key] ?? []
            func mean(_ values: [Double]) -> Double? {
                values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
            }
            let ratings = rows.flatMap { $0.activities.flatMap { $0.ratings.values.map(Double.init) } }
            return GroupRow(
                id: key, offerings: rows.count,
                plannedMinutes: rows.reduce(0) { $0 + $1.plan.agendaMinutes },
                deliveredMinutes: rows.reduce(0) { $0 + $1.record.delivered.agendaMinutes },
                plannedPractice: mean(rows.compactMap(\.plannedPractice)),
                deliveredPractice: mean(rows.compactMap(\.deliveredPractice)),
                skipped: rows.reduce(0) { $0 + $1.activities.filter { $0.skipped || $0.unlogged }.count },
                added: rows.reduce(0) { $0 + $1.activities.filter { $0.plannedMinutes == nil }.count },
                meanAdherence: mean(ratings),
                deliveredFails: rows.filter { $0.record.deliveredReview.verdict == .fail }.count)
        }
    }

    private static func reasons(_ rows: [OfferingRow]) -> [(reason: DeliveryLog.Reason, count: Int)] {
        var counts: [DeliveryLog.Reason: Int] = [:]
        for row in rows {
            for activity in row.activities where activity.skipped {
                if let reason = activity.reason { counts[reason, default: 0] += 1 }
            }
        }
        let order = DeliveryLog.Reason.allCases
        return order.compactMap { reason in counts[reason].map { (reason, $0) } }
            .sorted {
                ($1.count, order.firstIndex(of: $0.reason) ?? 0) < ($0.count, order.firstIndex(of: $1.reason) ?? 0)
            }
    }

    /// Whether a log has an error or a delivered session fails the rubric.
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }
}
