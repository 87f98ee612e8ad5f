public import TrainPlanFormats
public import TrainPlanRecords

/// A session plan as the evaluation needs it: when in the curriculum it comes, how it is
/// delivered and how long it is.
public struct TrainingPlan: Hashable, Sendable {
    public var id: String
    public var stage: SessionPlan.Stage
    public var delivery: SessionPlan.DeliveryMode
    public var durationMinutes: Int

    public init(id: String, stage: SessionPlan.Stage, delivery: SessionPlan.DeliveryMode, durationMinutes: Int) {
        self.id = id
        self.stage = stage
        self.delivery = delivery
        self.durationMinutes = durationMinutes
    }
}

/// An offering of a term as the evaluation needs it: which plan it delivers, and on which day.
public struct TrainingOffering: Hashable, Sendable {
    public var id: String
    public var plan: String
    /// YYYY-MM-DD.
    public var date: String

    public init(id: String, plan: String, date: String) {
        self.id = id
        self.plan = plan
        self.date = date
    }
}

/// What the curriculum asks of every mentor: the thresholds of the rubric's curriculum
/// criteria `pre-match-hours` (minutes of in-person pre-match training) and `post-match-points`
/// (post-match sessions), applied to what each mentor attended.
public struct DoseRequirement: Hashable, Sendable, Codable {
    public var preMatchMinutes: Int
    public var postMatchSessions: Int

    public init(preMatchMinutes: Int, postMatchSessions: Int) {
        self.preMatchMinutes = preMatchMinutes
        self.postMatchSessions = postMatchSessions
    }

    /// The thresholds the rubric sets for the two criteria, or `defaults`' where it sets none.
    public init(rubric: Rubric, defaults: [CriterionDefaults]) {
        func minimum(_ id: String, fallback: Double) -> Double {
            for entry in rubric.entries {
                if case .criterion(let setting) = entry, setting.id == id, let value = setting.threshold.minimum {
                    return value
                }
            }
            return defaults.first { $0.id == id }?.threshold.minimum ?? fallback
        }
        self.init(
            preMatchMinutes: Int(minimum("pre-match-hours", fallback: 120).rounded(.up)),
            postMatchSessions: Int(minimum("post-match-points", fallback: 2).rounded(.up)))
    }
}

/// Everything `Evaluator.evaluate` reads: the records, the instruments, the curriculum and the
/// day the evaluation is as of.
public struct EvaluationInput: Sendable {
    public var attendance: [AttendanceRecord]
    public var matches: [MatchRecord]
    public var surveys: [SurveyResponse]
    public var instruments: [Instrument]
    public var plans: [TrainingPlan]
    public var offerings: [TrainingOffering]
    public var requirement: DoseRequirement
    /// The day open matches are censored at; nil for the latest date in the records.
    public var asOf: CivilDate?
    /// A comparison study's assignment of mentors to arms, when there is one.
    public var study: StudyAssignment?
    /// The delivery logs of the offerings (one per offering), when the project keeps them; nil
    /// leaves the dose as delivered out of the report.
    public var deliveries: [DeliveredOffering]?

    public init(
        attendance: [AttendanceRecord], matches: [MatchRecord], surveys: [SurveyResponse],
        instruments: [Instrument], plans: [TrainingPlan], offerings: [TrainingOffering],
        requirement: DoseRequirement, asOf: CivilDate? = nil, study: StudyAssignment? = nil,
        deliveries: [DeliveredOffering]? = nil
    ) {
        self.attendance = attendance
        self.matches = matches
        self.surveys = surveys
        self.instruments = instruments
        self.plans = plans
        self.offerings = offerings
        self.requirement = requirement
        self.asOf = asOf
        self.study = study
        self.deliveries = deliveries
    }
}

/// Why the records cannot be evaluated as they are.
public enum EvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Survey responses name an instrument that has no file.
    case unknownInstrument(id: String, responses: Int, known: [String])
    /// Responses answer an item the instrument does not have.
    case unknownItem(instrument: String, item: String, respondent: String, wave: String, known: [String])
    /// There are no dated records, so there is no day to evaluate as of.
    case noDates

    public var description: String {
        switch self {
        case .unknownInstrument(let id, let responses, let known):
            "\(responses) survey response\(responses == 1 ? " uses" : "s use") the instrument '\(id)', but there is no "
                + "Rubrics/instruments/\(id).xml"
                + (known.isEmpty
                    ? " (there are no instruments)." : " (the instruments are: \(known.joined(separator: ", "))).")
        case .unknownItem(let instrument, let item, let respondent, let wave, let known):
            "The survey response of '\(respondent)' (\(wave)) answers the item '\(item)', which the instrument "
                + "'\(instrument)' does not have (its items: \(known.joined(separator: ", "))); its score would be wrong."
        case .noDates:
            "The records hold no dates (no matches and no surveys), so there is nothing to evaluate as of."
        }
    }

    /// What to do about it.
    public var hint: String {
        switch self {
        case .unknownInstrument(let id, _, _):
            "Add Rubrics/instruments/\(id).xml (docs/evaluation.md, \"Instruments\"), or correct the instrument column of the survey file."
        case .unknownItem(let instrument, let item, _, _, _):
            "Add <item id=\"\(item)\"> to Rubrics/instruments/\(instrument).xml, or rename the survey file's column to the item's id."
        case .noDates:
            "Import matches or surveys first (trainplan records import …)."
        }
    }
}
