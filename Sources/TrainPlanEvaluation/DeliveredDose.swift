public import TrainPlanFormats
import TrainPlanRecords
import TrainPlanStatistics

// The dose as delivered (issue 16): for each mentor, how much of the plans of the pre-match
// sessions they attended was actually delivered, from the delivery logs, and match length and
// survey change by it. Observational, like every comparison of the report that is not a study.

/// One offering's delivery log as the evaluation needs it.
public struct DeliveredOffering: Sendable, Hashable {
    public var offering: String
    /// The log's file, as the report names it.
    public var log: String
    /// How many participants the log says came (an observation has none).
    public var attendance: Int?
    public var minutes: DeliveredMinutes

    public init(offering: String, log: String, attendance: Int?, minutes: DeliveredMinutes) {
        self.offering = offering
        self.log = log
        self.attendance = attendance
        self.minutes = minutes
    }
}

/// The dose as delivered: per pre-match offering and per mentor, and the outcomes by it.
public struct DeliveredDoseSection: Codable, Sendable, Equatable {
    /// The share of planned practice at or above which a mentor's sessions count as delivered
    /// with high fidelity.
    public var threshold: Double
    /// Every pre-match offering a mentor of the records attended, with its log or none.
    public var offerings: [DeliveredOfferingRow]
    public var mentors: [MentorDeliveredDose]
    /// The mentors by their group (high, low, and those left out and why).
    public var groups: [DeliveredDoseGroup]
    /// Match length by delivered fidelity (high against low; mentors without complete logs left out).
    public var matchLength: SurvivalGrouping
    /// The hazard ratio of closure per 10 percentage points of planned practice delivered,
    /// adjusted for pre-match in-person hours.
    public var cox: CoxSummary?
    public var coxNote: String?
    /// Inconsistencies between the logs and the records, and what was left out.
    public var notes: [String]
}

/// One pre-match offering: how many mentors of the records attended it, and its log.
public struct DeliveredOfferingRow: Codable, Sendable, Equatable {
    public var offering: String
    public var plan: String
    public var date: String
    public var mentorsAttending: Int
    /// The log's file; nil when the offering has no usable log.
    public var log: String?
    public var attendance: Int?
    public var minutes: DeliveredMinutes?
}

/// One mentor's dose as delivered, over the pre-match sessions they attended.
public struct MentorDeliveredDose: Codable, Sendable, Equatable {
    public var mentor: String
    /// Pre-match sessions attended, and how many of them have a log.
    public var sessions: Int
    public var logged: Int
    /// Summed over the logged sessions.
    public var minutes: DeliveredMinutes
    /// High, low, or why the mentor is left out of the comparison.
    public var group: String
    /// Whether the mentor is in the comparison (every session attended logged, practice planned).
    public var compared: Bool
}

/// The mentors of one delivered-fidelity group, their minutes pooled.
public struct DeliveredDoseGroup: Codable, Sendable, Equatable {
    public var label: String
    public var mentors: Int
    public var minutes: DeliveredMinutes
}

extension Evaluator {
    static let deliveredFidelity = "delivered fidelity"
    static let deliveredThreshold = 0.8

    static func highLabel(_ threshold: Double) -> String {
        "≥ \(NumberText.percent(threshold)) of planned practice delivered"
    }

    static func lowLabel(_ threshold: Double) -> String {
        "< \(NumberText.percent(threshold)) of planned practice delivered"
    }

    /// The comparison's groups in order: low first, so that a difference reads high minus low.
    static var deliveredOrder: [String] { [lowLabel(deliveredThreshold), highLabel(deliveredThreshold)] }

    /// Each mentor's dose as delivered over the pre-match offerings they attended.
    static func deliveredMentors(_ input: EvaluationInput, deliveries: [DeliveredOffering], mentors: [String])
        -> [MentorDeliveredDose]
    {
        let plans = Dictionary(input.plans.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let offerings = Dictionary(input.offerings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let logs = Dictionary(deliveries.map { ($0.offering, $0) }, uniquingKeysWith: { first, _ in first })
        let attendance = Dictionary(grouping: input.attendance, by: \.mentor)
        let threshold = deliveredThreshold
        return mentors.map { mentor in
            var sessions = 0
            var logged = 0
            var minutes = DeliveredMinutes.zero
            for row in (attendance[mentor] ?? []) where row.attended {
                guard let offering = offerings[row.offering], plans[offering.plan]?.stage == .preMatch else {
                    continue
                }
                sessions += 1
                if let log = logs[offering.id] {
                    logged += 1
                    minutes = minutes + log.minutes
                }
            }
            let group: String
            var compared = false
            if sessions == 0 {
                group = "no pre-match session attended"
            } else if logged == 0 {
                group = "no delivery log for any session attended"
            } else if logged < sessions {
                group = "sessions attended without a delivery log"
            } else if let practice = minutes.practiceShare {
                group = practice >= threshold ? highLabel(threshold) : lowLabel(threshold)
                compared = true
            } else {
                group = "no practice planned in the sessions attended"
            }
            return MentorDeliveredDose(
                mentor: mentor, sessions: sessions, logged: logged, minutes: minutes, group: group,
                compared: compared)
        }
    }

    static func deliveredDoseSection(
        _ input: EvaluationInput, deliveries: [DeliveredOffering], mentors: MentorTable,
        observed: [MatchObservation]
    ) -> DeliveredDoseSection {
        let threshold = deliveredThreshold
        let people = mentors.delivered.values.sorted { $0.mentor < $1.mentor }
        let plans = Dictionary(input.plans.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let logs = Dictionary(deliveries.map { ($0.offering, $0) }, uniquingKeysWith: { first, _ in first })
        var attending: [String: Int] = [:]
        for row in input.attendance where row.attended { attending[row.offering, default: 0] += 1 }
        var notes: [String] = []
        var rows: [DeliveredOfferingRow] = []
        for offering in input.offerings.sorted(by: { ($0.date, $0.id) < ($1.date, $1.id) })
        where plans[offering.plan]?.stage == .preMatch {
            let count = attending[offering.id] ?? 0
            guard count > 0 else { continue }
            let log = logs[offering.id]
            rows.append(
                DeliveredOfferingRow(
                    offering: offering.id, plan: offering.plan, date: offering.date, mentorsAttending: count,
                    log: log?.log, attendance: log?.attendance, minutes: log?.minutes))
            if let log, let came = log.attendance, came < count {
                notes.append(
                    "The log \(log.log) says \(NumberText.plural(came, "participant")) came to \(offering.id), but the records have \(NumberText.plural(count, "mentor")) attending it: one of them is wrong."
                )
            }
        }
        let missing = rows.filter { $0.log == nil }.map(\.offering)
        if !missing.isEmpty {
            notes.append(
                "\(NumberText.plural(missing.count, "pre-match offering has", "pre-match offerings have")) no usable delivery log: \(missing.joined(separator: ", ")). Their mentors are left out of the comparison, not counted as fully delivered."
            )
        }
        let byGroup = Dictionary(grouping: people, by: \.group)
        let order = deliveredOrder
        let groups = byGroup.keys.sorted {
            (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1)
        }.map { label in
            let members = byGroup[label] ?? []
            return DeliveredDoseGroup(
                label: label, mentors: members.count, minutes: members.reduce(.zero) { $0 + $1.minutes })
        }
        let compared = observed.filter { mentors.delivered[$0.match.mentor]?.compared ?? false }
        let left = observed.count - compared.count
        if left > 0 {
            notes.append(
                "\(NumberText.plural(left, "match is", "matches are")) left out of the comparisons by delivered fidelity: their mentor's pre-match sessions are not all logged (or none was attended)."
            )
        }
        let grouping = survivalGrouping(deliveredFidelity, compared, order: deliveredOrder) {
            mentors.label($0.match.mentor, grouping: deliveredFidelity, study: nil)
        }
        var section = DeliveredDoseSection(
            threshold: threshold, offerings: rows, mentors: people, groups: groups, matchLength: grouping, cox: nil,
            coxNote: nil, notes: notes)
        let covariates = compared.map { item -> [Double] in
            let dose = mentors.doses[item.match.mentor]
            let practice = mentors.delivered[item.match.mentor]?.minutes.practiceShare ?? 0
            return [Double(dose?.preMatchMinutes ?? 0) / 60, practice * 10]
        }
        switch adjustedCox(compared.map(\.observation), covariates: covariates) {
        case .success(let summary): section.cox = summary
        case .failure(let note): section.coxNote = note.text
        }
        return section
    }

    /// The Cox model of closure on pre-match hours and delivered practice; the summary is that of
    /// delivered practice.
    static func adjustedCox(_ observations: [Observation], covariates: [[Double]]) -> Result<CoxSummary, Note> {
        let name = "planned practice delivered, per 10 percentage points"
        let names = ["pre-match in-person hours", name]
        guard observations.count >= 2 else {
            return .failure(Note(text: "A Cox model needs at least two matches with complete delivery logs."))
        }
        switch CoxProportionalHazards.fit(observations: observations, covariates: covariates, names: names) {
        case .failure(let failure):
            if case .constantCovariate(let which) = failure {
                return .failure(
                    Note(
                        text:
                            "Every compared match has the same \(which), so its effect on closure cannot be estimated.")
                )
            }
            return .failure(Note(text: coxFailure(failure, name: name)))
        case .success(let model):
            guard model.coefficients.count == 2 else {
                return .failure(Note(text: "The Cox model returned no coefficient for delivered practice."))
            }
            let coefficient = model.coefficients[1]
            let check = model.proportionalHazardsTest(observations: observations, covariates: covariates)
            let practiceCheck = (check?.count ?? 0) > 1 ? check?[1] : nil
            return .success(
                CoxSummary(
                    covariate: name + " (adjusted for pre-match in-person hours)", matches: observations.count,
                    closed: observations.filter(\.event).count, hazardRatio: coefficient.hazardRatio,
                    lower: coefficient.hazardRatioLower, upper: coefficient.hazardRatioUpper,
                    pValue: coefficient.pValue, proportionalHazardsStatistic: practiceCheck?.statistic,
                    proportionalHazardsPValue: practiceCheck?.pValue))
        }
    }
}

extension NumberText {
    /// Minutes delivered of those planned, with the share: "85 of 90 min (94 %)".
    static func delivered(_ part: Int, of whole: Int) -> String {
        whole > 0 ? "\(part) of \(whole) min (\(percent(Double(part) / Double(whole))))" : "none planned"
    }

    /// The three shares of a delivered-minutes total, as table cells.
    static func deliveredCells(_ minutes: DeliveredMinutes?) -> [String] {
        guard let minutes else { return ["no log", "no log", "no log"] }
        return [
            delivered(minutes.delivered, of: minutes.planned),
            delivered(minutes.deliveredPractice, of: minutes.plannedPractice),
            delivered(minutes.deliveredInteractive, of: minutes.plannedInteractive),
        ]
    }

    /// What the section is, in words (both reports print it).
    static func deliveredIntroduction(_ section: DeliveredDoseSection) -> String {
        "For each mentor, how much of the plans of the pre-match sessions they attended was delivered, from the "
            + "delivery logs: each planned activity counts its delivered minutes up to its planned minutes (a skipped "
            + "one 0; an added activity, logistics and breaks nothing). A mentor with a log for every pre-match session "
            + "attended is compared: at least \(percent(section.threshold)) of the planned practice delivered against less. "
            + "A session without a log is missing, not counted as delivered. The sessions were not assigned: those that "
            + "lost practice differ in trainer, site and cohort too, so these comparisons are observational."
    }
}
