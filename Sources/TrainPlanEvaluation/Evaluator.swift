import Foundation
public import TrainPlanFormats
import TrainPlanRecords
import TrainPlanStatistics

/// Computes the evaluation from the records: values in, values out (no files, no clock).
public enum Evaluator {
    /// Grouping names, as the report shows them.
    static let allMatches = "all matches"
    static let site = "site"
    static let cohort = "cohort"
    static let training = "training received"
    static let arm = "study arm"

    /// The evaluation of `input`, or why the records cannot be evaluated as they are.
    public static func evaluate(_ input: EvaluationInput) throws(EvaluationError) -> Evaluation {
        try checkSurveys(input)
        let dates =
            input.matches.flatMap { [$0.startDate] + ($0.closureDate.map { [$0] } ?? []) }
            + input.surveys.map(\.date)
        let latest = dates.compactMap(CivilDate.init).max()
        guard let asOf = input.asOf ?? latest else { throw .noDates }
        let asOfSource =
            input.asOf != nil
            ? "given with --as-of" : "the latest date in the records (a match's start or closure, or a survey)"
        var notes: [String] = []
        var mentors = MentorTable(input, notes: &notes)
        if let deliveries = input.deliveries {
            for mentor in deliveredMentors(input, deliveries: deliveries, mentors: mentors.doses.keys.sorted()) {
                mentors.delivered[mentor.mentor] = mentor
            }
        }
        let dose = doseSection(mentors, input: input)
        let survival = matchLength(input, mentors: mentors, asOf: asOf, notes: &notes)
        let deliveredDose = input.deliveries.map {
            deliveredDoseSection(input, deliveries: $0, mentors: mentors, observed: survival.observations)
        }
        let surveys = input.instruments.sorted { $0.id < $1.id }.compactMap { instrument in
            surveySection(instrument, input: input, mentors: mentors)
        }
        let study = input.study.map { studySection($0, input: input, asOf: asOf) }
        var evaluation = Evaluation(
            asOf: asOf.description, asOfSource: asOfSource, requirement: input.requirement, notes: notes, dose: dose,
            matchLength: survival.section, surveys: surveys, study: study, deliveredDose: deliveredDose,
            statements: [])
        evaluation.statements = Statements.make(evaluation)
        return evaluation
    }

    /// Every response's instrument has a file, and every answered item is one of its items.
    static func checkSurveys(_ input: EvaluationInput) throws(EvaluationError) {
        let known = Dictionary(input.instruments.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let byInstrument = Dictionary(grouping: input.surveys, by: \.instrument)
        for id in byInstrument.keys.sorted() {
            guard let instrument = known[id] else {
                throw .unknownInstrument(
                    id: id, responses: byInstrument[id]?.count ?? 0, known: known.keys.sorted())
            }
            let items = Set(instrument.items.map(\.id))
            let responses = (byInstrument[id] ?? []).sorted { ($0.respondent, $0.wave) < ($1.respondent, $1.wave) }
            for response in responses {
                for answer in response.answers.sorted(by: { $0.item < $1.item }) where !items.contains(answer.item) {
                    throw .unknownItem(
                        instrument: id, item: answer.item, respondent: response.respondent, wave: response.wave,
                        known: instrument.items.map(\.id))
                }
            }
        }
    }

    // MARK: Mentors and dose

    /// Each mentor's site, cohort, dose and training received.
    struct MentorTable {
        var doses: [String: MentorDose] = [:]
        var uncounted: [String] = []
        /// Each mentor's dose as delivered, when there are delivery logs.
        var delivered: [String: MentorDeliveredDose] = [:]

        init(_ input: EvaluationInput, notes: inout [String]) {
            let plans = Dictionary(input.plans.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let offerings = Dictionary(input.offerings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            var ids = Set(input.attendance.map(\.mentor)).union(input.matches.map(\.mentor))
            if let study = input.study { ids.formUnion(study.rows.map(\.mentor)) }
            let matchesByMentor = Dictionary(grouping: input.matches, by: \.mentor)
            let attendanceByMentor = Dictionary(grouping: input.attendance, by: \.mentor)
            var unknownOfferings: [String: Int] = [:]
            var unknownPlans: [String: Int] = [:]
            for id in ids.sorted() {
                let first = (matchesByMentor[id] ?? []).min { ($0.startDate, $0.match) < ($1.startDate, $1.match) }
                var preMinutes = 0
                var postSessions = 0
                var firstPreMatch: String?
                for row in (attendanceByMentor[id] ?? []) where row.attended {
                    guard let offering = offerings[row.offering] else {
                        unknownOfferings[row.offering, default: 0] += 1
                        continue
                    }
                    guard let plan = plans[offering.plan] else {
                        unknownPlans[offering.plan, default: 0] += 1
                        continue
                    }
                    switch plan.stage {
                    case .preMatch:
                        if plan.delivery == .inPerson { preMinutes += min(row.minutesPresent, plan.durationMinutes) }
                        if firstPreMatch.map({ offering.date < $0 }) ?? true { firstPreMatch = offering.date }
                    case .postMatch: postSessions += 1
                    case .other: break
                    }
                }
                let requirement = input.requirement
                var behind: [String] = []
                if preMinutes < requirement.preMatchMinutes {
                    behind.append(
                        "\(requirement.preMatchMinutes - preMinutes) minutes short of \(requirement.preMatchMinutes) minutes of in-person pre-match training"
                    )
                }
                if postSessions < requirement.postMatchSessions {
                    let missing = requirement.postMatchSessions - postSessions
                    behind.append(
                        "\(missing) post-match session\(missing == 1 ? "" : "s") short of \(requirement.postMatchSessions)"
                    )
                }
                let training =
                    preMinutes >= requirement.preMatchMinutes
                    ? "full pre-match training" : "less pre-match training"
                doses[id] = MentorDose(
                    mentor: id, site: first?.site ?? "no match",
                    cohort: firstPreMatch.map { String($0.prefix(7)) } ?? "no pre-match training",
                    training: training, preMatchMinutes: preMinutes, postMatchSessions: postSessions, behind: behind)
            }
            for (offering, count) in unknownOfferings.sorted(by: { $0.key < $1.key }) {
                uncounted.append(
                    "\(count) attendance row\(count == 1 ? "" : "s") at the offering '\(offering)', which is not in the term: not counted."
                )
            }
            for (plan, count) in unknownPlans.sorted(by: { $0.key < $1.key }) {
                uncounted.append(
                    "\(count) attendance row\(count == 1 ? "" : "s") at offerings of the plan '\(plan)', which is not in SessionPlans/: not counted."
                )
            }
            notes += uncounted
        }

        func label(_ mentor: String, grouping: String, study: StudyAssignment?) -> String? {
            guard let dose = doses[mentor] else { return nil }
            switch grouping {
            case Evaluator.site: return dose.site
            case Evaluator.cohort: return dose.cohort
            case Evaluator.training: return dose.training
            case Evaluator.arm: return study?.arm(of: mentor)
            case Evaluator.deliveredFidelity:
                guard let delivered = delivered[mentor], delivered.compared else { return nil }
                return delivered.group
            default: return Evaluator.allMatches
            }
        }
    }

    static func doseSection(_ mentors: MentorTable, input: EvaluationInput) -> DoseSection {
        let all = mentors.doses.values.sorted { $0.mentor < $1.mentor }
        let groupings = [site, cohort, training].map { name in
            let groups = Dictionary(grouping: all) { mentors.label($0.mentor, grouping: name, study: nil) ?? "" }
            return DoseGrouping(
                name: name,
                groups: groups.keys.sorted().map { label in
                    let members = groups[label] ?? []
                    let count = Double(max(members.count, 1))
                    return DoseGroup(
                        label: label, mentors: members.count,
                        meetingPreMatch: members.filter { $0.preMatchMinutes >= input.requirement.preMatchMinutes }
                            .count,
                        meetingPostMatch: members.filter {
                            $0.postMatchSessions >= input.requirement.postMatchSessions
                        }.count,
                        meanPreMatchHours: Double(members.reduce(0) { $0 + $1.preMatchMinutes }) / 60 / count,
                        meanPostMatchSessions: Double(members.reduce(0) { $0 + $1.postMatchSessions }) / count)
                })
        }
        return DoseSection(mentors: all, groupings: groupings, uncounted: mentors.uncounted)
    }

    // MARK: Match length

    /// A match as a survival observation: months from start to closure, or to the as-of day
    /// while open (censored).
    struct MatchObservation {
        var match: MatchRecord
        var observation: Observation
    }

    static func observations(
        _ matches: [MatchRecord], asOf: CivilDate, notes: inout [String]
    ) -> [MatchObservation] {
        var result: [MatchObservation] = []
        var later: [String] = []
        var closedLater = 0
        for match in matches.sorted(by: { $0.match < $1.match }) {
            guard let start = CivilDate(match.startDate) else { continue }
            guard start <= asOf else {
                later.append(match.match)
                continue
            }
            var event = false
            var end = asOf
            if let closure = match.closureDate.flatMap(CivilDate.init) {
                if closure <= asOf {
                    event = true
                    end = closure
                } else {
                    closedLater += 1
                }
            }
            result.append(
                MatchObservation(
                    match: match,
                    observation: Observation(time: Double(end.day - start.day) / daysPerMonth, event: event)))
        }
        if !later.isEmpty {
            notes.append(
                "\(later.count) match\(later.count == 1 ? "" : "es") started after \(asOf) and \(later.count == 1 ? "is" : "are") left out: \(later.joined(separator: ", "))."
            )
        }
        if closedLater > 0 {
            notes.append(
                "\(closedLater) match\(closedLater == 1 ? "" : "es") closed after \(asOf); as of that day \(closedLater == 1 ? "it was" : "they were") open (censored)."
            )
        }
        return result
    }

    static func matchLength(
        _ input: EvaluationInput, mentors: MentorTable, asOf: CivilDate, notes: inout [String]
    ) -> (section: MatchLengthSection, observations: [MatchObservation]) {
        let observed = observations(input.matches, asOf: asOf, notes: &notes)
        let groupings = [allMatches, site, cohort, training].map { name in
            survivalGrouping(name, observed) { mentors.label($0.match.mentor, grouping: name, study: nil) }
        }
        let closed = observed.filter(\.observation.event).count
        var section = MatchLengthSection(
            matches: observed.count, closed: closed, open: observed.count - closed, groupings: groupings, cox: nil,
            coxNote: nil)
        let hours = observed.map { [Double(mentors.doses[$0.match.mentor]?.preMatchMinutes ?? 0) / 60] }
        switch cox(observed.map(\.observation), covariates: hours, name: "pre-match in-person hours") {
        case .success(let summary): section.cox = summary
        case .failure(let note): section.coxNote = note.text
        }
        return (section, observed)
    }

    struct Note: Error {
        var text: String
    }

    static func cox(_ observations: [Observation], covariates: [[Double]], name: String) -> Result<CoxSummary, Note> {
        guard observations.count >= 2 else {
            return .failure(
                Note(
                    text:
                        "A Cox model needs at least two matches; there \(observations.count == 1 ? "is one" : "are none")."
                ))
        }
        switch CoxProportionalHazards.fit(observations: observations, covariates: covariates, names: [name]) {
        case .failure(let failure):
            return .failure(Note(text: coxFailure(failure, name: name)))
        case .success(let model):
            guard let coefficient = model.coefficients.first else {
                return .failure(Note(text: "The Cox model returned no coefficient."))
            }
            let check = model.proportionalHazardsTest(observations: observations, covariates: covariates)?.first
            return .success(
                CoxSummary(
                    covariate: name, matches: observations.count, closed: observations.filter(\.event).count,
                    hazardRatio: coefficient.hazardRatio, lower: coefficient.hazardRatioLower,
                    upper: coefficient.hazardRatioUpper, pValue: coefficient.pValue,
                    proportionalHazardsStatistic: check?.statistic, proportionalHazardsPValue: check?.pValue))
        }
    }

    static func coxFailure(_ failure: CoxFitFailure, name: String) -> String {
        switch failure {
        case .empty: "There are no matches to fit a Cox model to."
        case .noEvents: "No match has closed yet, so there is nothing to model: a Cox model needs closures."
        case .constantCovariate:
            "Every match has the same \(name), so its effect on closure cannot be estimated."
        case .groupOfOne:
            "Only one match differs in \(name) from all the others; a hazard ratio resting on one match is not an estimate."
        case .separation:
            "The \(name) perfectly separates the matches that closed from those that did not, so the hazard ratio runs to infinity: the data are too few to estimate it."
        case .singularInformation: "The Cox model cannot be estimated: its information matrix is singular."
        case .notConverged(let iterations): "The Cox model did not converge in \(iterations) steps."
        case .invalidRow: "A match has a length or a dose that is not a number."
        }
    }

    /// Group labels in `order` when given (a study's arms, comparison arm first), else sorted.
    static func ordered(_ labels: some Sequence<String>, _ order: [String]?) -> [String] {
        guard let order else { return labels.sorted() }
        return labels.sorted {
            (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1)
        }
    }

    static func survivalGrouping(
        _ name: String, _ observed: [MatchObservation], order: [String]? = nil,
        label: (MatchObservation) -> String?
    ) -> SurvivalGrouping {
        let byGroup = Dictionary(grouping: observed.compactMap { item in label(item).map { ($0, item.observation) } }) {
            $0.0
        }
        let labels = ordered(byGroup.keys, order)
        let groups = labels.map { label in survivalGroup(label, (byGroup[label] ?? []).map(\.1)) }
        var grouping = SurvivalGrouping(name: name, groups: groups, logRank: nil, logRankNote: nil)
        if name != allMatches {
            if labels.count < 2 {
                grouping.logRankNote =
                    "All matches are in one group (\(labels.first ?? "none")), so there is nothing to compare."
            } else if !observed.contains(where: \.observation.event) {
                grouping.logRankNote = "No match has closed, so the groups cannot be compared yet."
            } else if let test = LogRankTest(groups: labels.map { (byGroup[$0] ?? []).map(\.1) }) {
                grouping.logRank = LogRankSummary(
                    statistic: test.statistic, degreesOfFreedom: test.degreesOfFreedom, pValue: test.pValue)
            } else {
                grouping.logRankNote = "The log-rank test cannot be computed on these groups."
            }
        }
        return grouping
    }

    static func survivalGroup(_ label: String, _ observations: [Observation]) -> SurvivalGroup {
        let km = KaplanMeier(observations)
        let band = km.confidenceBand()
        let curve = zip(km.steps, band).map { step, estimate in
            CurvePoint(time: step.time, survival: step.survival, lower: estimate.lower, upper: estimate.upper)
        }
        let median = km.medianInterval()
        let longest = observations.map(\.time).max() ?? 0
        func share(_ months: Double) -> ShareEstimate? {
            guard longest >= months else { return nil }
            let estimate = km.estimate(at: months)
            return ShareEstimate(share: estimate.survival, lower: estimate.lower, upper: estimate.upper)
        }
        let closed = observations.filter(\.event).count
        return SurvivalGroup(
            label: label, matches: observations.count, closed: closed, open: observations.count - closed,
            curve: curve, censored: observations.filter { !$0.event }.map(\.time).sorted(), median: median.median,
            medianLower: median.lower, medianUpper: median.upper, at6: share(6), at12: share(12))
    }

    // MARK: Surveys

    /// Scores of one scale by respondent: pre and post.
    struct Scores {
        var pre: [String: Double] = [:]
        var post: [String: Double] = [:]
        var preItems: [[Double?]] = []
        var postItems: [[Double?]] = []
    }

    static func scores(
        _ responses: [SurveyResponse], items: [String], instrument: Instrument, minimumAnswered: Int
    ) -> Scores {
        let reversed = Set(items.enumerated().filter { instrument.item($0.element)?.reversed ?? false }.map(\.offset))
        let rule = ScaleScoring(
            itemCount: items.count, reversed: reversed, minimum: Double(instrument.scale.minimum),
            maximum: Double(instrument.scale.maximum), minimumAnswered: minimumAnswered)
        var result = Scores()
        for response in responses.sorted(by: { ($0.respondent, $0.wave) < ($1.respondent, $1.wave) }) {
            let answers = Dictionary(
                response.answers.map { ($0.item, $0.value) }, uniquingKeysWith: { first, _ in first })
            let values = items.map { answers[$0].flatMap { Double($0.trimmingCharacters(in: [" "])) } }
            let score = rule.score(values)
            switch response.wave {
            case "pre":
                result.preItems.append(rule.scoredItems(values))
                if let score { result.pre[response.respondent] = score }
            case "post":
                result.postItems.append(rule.scoredItems(values))
                if let score { result.post[response.respondent] = score }
            default: break
            }
        }
        return result
    }

    static func surveySection(
        _ instrument: Instrument, input: EvaluationInput, mentors: MentorTable
    ) -> SurveySection? {
        let responses = input.surveys.filter { $0.instrument == instrument.id }
        let waves = Dictionary(grouping: responses, by: \.wave)
        let other = waves.keys.filter { $0 != "pre" && $0 != "post" }.sorted().map {
            "\($0): \(waves[$0]?.count ?? 0) response\(waves[$0]?.count == 1 ? "" : "s") (not analysed)"
        }
        var scales: [(String, String, [String], Int)] = [
            ("total", instrument.title, instrument.items.map(\.id), instrument.minimumAnswered)
        ]
        scales += instrument.subscales.map { ($0.id, $0.title, $0.items, $0.minimumAnswered) }
        let results = scales.map { id, title, items, minimum in
            let scored = scores(responses, items: items, instrument: instrument, minimumAnswered: minimum)
            let names = [allMatches, site, cohort, training] + (input.deliveries == nil ? [] : [deliveredFidelity])
            let groupings = names.map { name in
                changeGrouping(name, scored, order: name == deliveredFidelity ? deliveredOrder : nil) {
                    name == deliveredFidelity
                        ? mentors.label($0, grouping: name, study: nil)
                        : mentors.label($0, grouping: name, study: nil) ?? "not a mentor of the records"
                }
            }
            return ScaleResult(
                id: id, title: title, items: items, alphaPre: reliability(scored.preItems),
                alphaPost: reliability(scored.postItems), groupings: groupings, attrition: attrition(scored))
        }
        return SurveySection(
            instrument: instrument.id, title: instrument.title, source: instrument.source.text,
            licence: instrument.source.licence, responses: responses.count, scales: results, otherWaves: other)
    }

    static func reliability(_ rows: [[Double?]]) -> Reliability {
        let complete = rows.filter { $0.allSatisfy { $0 != nil } }.count
        if let first = rows.first, first.count < 2 {
            return Reliability(alpha: nil, completeCases: complete, note: "α needs at least two items.")
        }
        guard let alpha = CronbachAlpha(items: rows), alpha.alpha.isFinite else {
            return Reliability(
                alpha: nil, completeCases: complete,
                note: complete < 2
                    ? "α needs at least two respondents who answered every item; there \(complete == 1 ? "is one" : "are \(complete)")."
                    : "α cannot be computed: the items do not vary.")
        }
        return Reliability(alpha: alpha.alpha, completeCases: alpha.completeCases, note: nil)
    }

    static func changeGrouping(
        _ name: String, _ scores: Scores, order: [String]? = nil, label: (String) -> String?
    ) -> ChangeGrouping {
        let respondents = Set(scores.pre.keys).union(scores.post.keys).sorted()
        let byGroup = Dictionary(grouping: respondents.compactMap { id in label(id).map { ($0, id) } }, by: \.0)
            .mapValues { $0.map(\.1) }
        let labels = ordered(byGroup.keys, order)
        let groups = labels.map { group in changeGroup(group, byGroup[group] ?? [], scores) }
        var comparison: GroupComparison?
        if name != allMatches, labels.count == 2 {
            let changes = labels.map { group in
                (byGroup[group] ?? []).compactMap { id -> Double? in
                    guard let pre = scores.pre[id], let post = scores.post[id] else { return nil }
                    return post - pre
                }
            }
            comparison = compare(labels[0], changes[0], labels[1], changes[1], what: "change")
        }
        return ChangeGrouping(name: name, groups: groups, comparison: comparison)
    }

    static func changeGroup(_ label: String, _ respondents: [String], _ scores: Scores) -> ChangeGroup {
        let pre = respondents.compactMap { scores.pre[$0] }
        let post = respondents.compactMap { scores.post[$0] }
        let paired = respondents.filter { scores.pre[$0] != nil && scores.post[$0] != nil }
        var group = ChangeGroup(
            label: label, pre: pre.count, post: post.count, paired: paired.count,
            meanPre: pre.isEmpty ? nil : pre.reduce(0, +) / Double(pre.count),
            meanPost: post.isEmpty ? nil : post.reduce(0, +) / Double(post.count))
        if let change = PairedChange(pre: paired.map { scores.pre[$0] }, post: paired.map { scores.post[$0] }),
            change.standardDeviation > 0
        {
            group.change = change.meanChange
            group.lower = change.lower
            group.upper = change.upper
            group.dz = change.dz
            group.pValue = change.pValue
        } else if paired.count < 2 {
            group.note =
                "A change needs at least two mentors with both a pre and a post score; there \(paired.count == 1 ? "is one" : "are \(paired.count)")."
        } else {
            group.note = "Every mentor's score changed by the same amount, so no interval can be given."
        }
        return group
    }

    /// `second − first` with a Welch interval, Hedges' g and the smallest detectable effect.
    static func compare(
        _ first: String, _ a: [Double], _ second: String, _ b: [Double], what: String
    ) -> GroupComparison {
        var comparison = GroupComparison(first: first, second: second, firstCount: a.count, secondCount: b.count)
        comparison.minimumDetectable =
            a.count >= 2 && b.count >= 2
            ? TwoSamplePower(firstCount: a.count, secondCount: b.count).minimumDetectableEffect() : nil
        guard a.count >= 2, b.count >= 2 else {
            comparison.note =
                "Comparing the \(what) of two groups needs at least two mentors in each; there are \(a.count) and \(b.count)."
            return comparison
        }
        if let test = TwoSampleTTest(first: b, second: a, equalVariances: false), test.t.isFinite {
            comparison.difference = test.difference
            comparison.lower = test.lower
            comparison.upper = test.upper
            comparison.pValue = test.pValue
        } else {
            comparison.note = "The \(what) does not vary within the groups, so no interval can be given."
        }
        if let g = HedgesG(first: b, second: a), g.g.isFinite {
            comparison.g = g.g
            comparison.gLower = g.lower
            comparison.gUpper = g.upper
        }
        return comparison
    }

    static func attrition(_ scores: Scores) -> Attrition {
        let withPre = scores.pre.keys.sorted()
        let completers = withPre.filter { scores.post[$0] != nil }
        let dropped = withPre.filter { scores.post[$0] == nil }
        var result = Attrition(withPre: withPre.count, completers: completers.count, preOnly: dropped.count)
        if !dropped.isEmpty {
            result.baseline = compare(
                "completers", completers.compactMap { scores.pre[$0] }, "non-completers",
                dropped.compactMap { scores.pre[$0] }, what: "baseline score")
        }
        return result
    }
}

extension GroupComparison {
    init(first: String, second: String, firstCount: Int, secondCount: Int) {
        self.init(
            first: first, second: second, firstCount: firstCount, secondCount: secondCount, difference: nil,
            lower: nil, upper: nil, pValue: nil, g: nil, gLower: nil, gUpper: nil, minimumDetectable: nil, note: nil)
    }
}

extension ChangeGroup {
    init(label: String, pre: Int, post: Int, paired: Int, meanPre: Double?, meanPost: Double?) {
        self.init(
            label: label, pre: pre, post: post, paired: paired, meanPre: meanPre, meanPost: meanPost, change: nil,
            lower: nil, upper: nil, dz: nil, pValue: nil, note: nil)
    }
}

extension Attrition {
    init(withPre: Int, completers: Int, preOnly: Int) {
        self.init(withPre: withPre, completers: completers, preOnly: preOnly, baseline: nil)
    }
}
