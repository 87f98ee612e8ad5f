import Foundation
import Testing
import TrainPlanCore
import TrainPlanEvaluation
import TrainPlanFormats
import TrainPlanRecords
import TrainPlanStatistics

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The shipped example instrument.
func shippedInstrument() throws -> Instrument {
    let path = "Rubrics/instruments/mentor-confidence.xml"
    let data = try Data(contentsOf: repositoryRoot.appendingPathComponent(path))
    return try #require(InstrumentLoader.instrument(.bytes([UInt8](data)), file: path).value)
}

let plans = [
    TrainingPlan(id: "orientation", stage: .preMatch, delivery: .inPerson, durationMinutes: 90),
    TrainingPlan(id: "safety", stage: .preMatch, delivery: .inPerson, durationMinutes: 60),
    TrainingPlan(id: "online-intro", stage: .preMatch, delivery: .virtual, durationMinutes: 60),
    TrainingPlan(id: "listening", stage: .postMatch, delivery: .inPerson, durationMinutes: 90),
]
let offerings = [
    TrainingOffering(id: "or-1", plan: "orientation", date: "2027-03-06"),
    TrainingOffering(id: "sa-1", plan: "safety", date: "2027-03-06"),
    TrainingOffering(id: "on-1", plan: "online-intro", date: "2027-03-07"),
    TrainingOffering(id: "li-1", plan: "listening", date: "2027-04-01"),
    TrainingOffering(id: "or-2", plan: "orientation", date: "2027-04-10"),
]
let requirement = DoseRequirement(preMatchMinutes: 120, postMatchSessions: 1)

func match(_ id: String, _ mentor: String, site: String = "East", _ start: String, _ closure: String? = nil)
    -> MatchRecord
{
    MatchRecord(
        match: id, mentor: mentor, youth: "y-" + id, site: site, startDate: start, closureDate: closure,
        closureReason: closure == nil ? nil : "moved")
}

func input(
    attendance: [AttendanceRecord] = [], matches: [MatchRecord] = [], surveys: [SurveyResponse] = [],
    instruments: [Instrument] = [], asOf: String? = nil, study: StudyAssignment? = nil
) -> EvaluationInput {
    EvaluationInput(
        attendance: attendance, matches: matches, surveys: surveys, instruments: instruments, plans: plans,
        offerings: offerings, requirement: requirement, asOf: asOf.flatMap(CivilDate.init), study: study)
}

@Suite("trainplan evaluate: numbers from small hand-made records")
struct EvaluationNumberTests {
    @Test func doseCountsInPersonPreMatchMinutesUpToThePlanAndListsWhoIsBehind() throws {
        let attendance = [
            // 100 minutes present at a 90-minute plan count as 90; the virtual session not at all.
            AttendanceRecord(mentor: "m-a", offering: "or-1", attended: true, minutesPresent: 100),
            AttendanceRecord(mentor: "m-a", offering: "sa-1", attended: true, minutesPresent: 45),
            AttendanceRecord(mentor: "m-a", offering: "on-1", attended: true, minutesPresent: 60),
            AttendanceRecord(mentor: "m-b", offering: "or-2", attended: true, minutesPresent: 90),
            AttendanceRecord(mentor: "m-b", offering: "sa-1", attended: true, minutesPresent: 60),
            AttendanceRecord(mentor: "m-b", offering: "li-1", attended: true, minutesPresent: 90),
            AttendanceRecord(mentor: "m-b", offering: "gone-1", attended: true, minutesPresent: 90),
            AttendanceRecord(mentor: "m-c", offering: "or-1", attended: false, minutesPresent: 0),
        ]
        let evaluation = try Evaluator.evaluate(
            input(attendance: attendance, matches: [match("x1", "m-a", "2027-03-20")]))
        let doses = Dictionary(uniqueKeysWithValues: evaluation.dose.mentors.map { ($0.mentor, $0) })
        #expect(doses["m-a"]?.preMatchMinutes == 135)
        #expect(doses["m-a"]?.behind == ["1 post-match session short of 1"])
        #expect(doses["m-b"]?.preMatchMinutes == 150)
        #expect(doses["m-b"]?.postMatchSessions == 1)
        #expect(doses["m-b"]?.behind == [])
        #expect(doses["m-b"]?.cohort == "2027-03", "the first pre-match offering attended (sa-1) gives the cohort")
        #expect(doses["m-c"]?.preMatchMinutes == 0)
        #expect(doses["m-c"]?.cohort == "no pre-match training")
        #expect(
            doses["m-c"]?.behind == [
                "120 minutes short of 120 minutes of in-person pre-match training", "1 post-match session short of 1",
            ])
        #expect(
            evaluation.notes.contains(
                "1 attendance row at the offering 'gone-1', which is not in the term: not counted."))
        #expect(evaluation.statements.first?.text.hasPrefix("2 of 3 mentors are behind") == true)
    }

    @Test func matchLengthIsKaplanMeierInMonthsCensoredAtTheAsOfDay() throws {
        let matches = [
            match("a1", "m-1", site: "East", "2027-01-01", "2027-04-01"),
            match("a2", "m-2", site: "East", "2027-01-01", "2027-07-01"),
            match("a3", "m-3", site: "East", "2027-01-01"),
            match("b1", "m-4", site: "West", "2027-02-01", "2027-03-01"),
            match("b2", "m-5", site: "West", "2027-02-01", "2027-05-01"),
            // Closes after the as-of day: open on it.
            match("b3", "m-6", site: "West", "2027-02-01", "2028-01-01"),
            // Starts after the as-of day: left out.
            match("c1", "m-7", site: "West", "2027-12-15"),
        ]
        let evaluation = try Evaluator.evaluate(input(matches: matches, asOf: "2027-12-01"))
        #expect(evaluation.asOf == "2027-12-01")
        #expect(evaluation.matchLength.matches == 6)
        #expect(evaluation.matchLength.closed == 4)
        let east = [
            Observation(time: 90 / 30.4375, event: true), Observation(time: 181 / 30.4375, event: true),
            Observation(time: 334 / 30.4375, event: false),
        ]
        let west = [
            Observation(time: 28 / 30.4375, event: true), Observation(time: 89 / 30.4375, event: true),
            Observation(time: 303 / 30.4375, event: false),
        ]
        let site = try #require(evaluation.matchLength.groupings.first { $0.name == "site" })
        #expect(site.groups.map(\.label) == ["East", "West"])
        let km = KaplanMeier(east)
        #expect(site.groups[0].curve.map(\.survival) == km.steps.map(\.survival))
        #expect(site.groups[0].median == km.medianInterval().median)
        #expect(site.groups[0].censored == [334 / 30.4375])
        #expect(site.groups[0].at6?.share == km.estimate(at: 6).survival)
        #expect(site.groups[0].at12 == nil, "no East match has been followed for 12 months")
        let test = try #require(LogRankTest(groups: [east, west]))
        #expect(site.logRank?.statistic == test.statistic)
        #expect(site.logRank?.pValue == test.pValue)
        #expect(evaluation.notes.contains("1 match started after 2027-12-01 and is left out: c1."))
        #expect(evaluation.notes.contains("1 match closed after 2027-12-01; as of that day it was open (censored)."))
    }

    @Test func theAsOfDayDefaultsToTheLatestDateInTheRecords() throws {
        let evaluation = try Evaluator.evaluate(
            input(matches: [match("a1", "m-1", "2027-01-01", "2027-04-01"), match("a2", "m-2", "2027-05-09")]))
        #expect(evaluation.asOf == "2027-05-09")
    }

    @Test func whatCannotBeComputedIsSaidInWords() throws {
        let evaluation = try Evaluator.evaluate(
            input(matches: [match("a1", "m-1", "2027-01-01"), match("a2", "m-2", site: "West", "2027-02-01")]))
        #expect(evaluation.matchLength.cox == nil)
        #expect(
            evaluation.matchLength.coxNote
                == "No match has closed yet, so there is nothing to model: a Cox model needs closures.")
        let site = try #require(evaluation.matchLength.groupings.first { $0.name == "site" })
        #expect(site.logRankNote == "No match has closed, so the groups cannot be compared yet.")
        #expect(
            evaluation.statements.map(\.text).contains(
                "Fewer than half of the matches have closed, so the median length cannot be estimated yet; it is longer than the longest follow-up."
            ))
        #expect(
            evaluation.statements.map(\.text).contains(
                "No match has been followed for 12 months yet, so the share reaching 12 months is not known."))
    }

    @Test func coxWithDoseMatchesTheStatisticsModule() throws {
        var attendance: [AttendanceRecord] = []
        var matches: [MatchRecord] = []
        let minutes = [0, 60, 90, 120, 150, 45, 135, 90]
        let closures: [String?] = ["2027-03-01", "2027-05-01", nil, "2027-11-01", nil, "2027-04-15", nil, "2027-08-01"]
        for index in 0..<8 {
            let mentor = "m-\(index)"
            if minutes[index] > 0 {
                attendance.append(
                    AttendanceRecord(
                        mentor: mentor, offering: "or-1", attended: true,
                        minutesPresent: min(minutes[index], 90)))
            }
            if minutes[index] > 90 {
                attendance.append(
                    AttendanceRecord(
                        mentor: mentor, offering: "sa-1", attended: true, minutesPresent: minutes[index] - 90))
            }
            matches.append(match("x\(index)", mentor, "2027-01-01", closures[index]))
        }
        let evaluation = try Evaluator.evaluate(input(attendance: attendance, matches: matches, asOf: "2027-12-31"))
        let end = try #require(CivilDate("2027-12-31"))
        let start = try #require(CivilDate("2027-01-01"))
        let observations = closures.map { closure in
            Observation(
                time: Double((closure.flatMap(CivilDate.init) ?? end).day - start.day) / 30.4375, event: closure != nil)
        }
        let hours = evaluation.dose.mentors.sorted { $0.mentor < $1.mentor }.map { [Double($0.preMatchMinutes) / 60] }
        #expect(hours.map { $0[0] * 60 } == minutes.map(Double.init))
        let model = try CoxProportionalHazards.fit(
            observations: observations, covariates: hours, names: ["pre-match in-person hours"]
        ).get()
        let cox = try #require(evaluation.matchLength.cox)
        #expect(cox.hazardRatio == model.coefficients[0].hazardRatio)
        #expect(cox.lower == model.coefficients[0].hazardRatioLower)
        #expect(cox.upper == model.coefficients[0].hazardRatioUpper)
        #expect(
            cox.proportionalHazardsPValue
                == model.proportionalHazardsTest(observations: observations, covariates: hours)?.first?.pValue)
    }
}

@Suite("trainplan evaluate: surveys")
struct EvaluationSurveyTests {
    func response(_ who: String, _ wave: String, _ values: [Int?], instrument: String = "mentor-confidence")
        -> SurveyResponse
    {
        SurveyResponse(
            respondent: who, instrument: instrument, wave: wave, date: wave == "pre" ? "2027-03-01" : "2027-09-01",
            answers: values.enumerated().compactMap { index, value in
                value.map { SurveyAnswer(item: "c\(index + 1)", value: String($0)) }
            })
    }

    @Test func scoresAlphaChangeAndAttritionAreTheStatisticsModules() throws {
        let instrument = try shippedInstrument()
        let pre: [[Int?]] = [[2, 3, 2, 3, 4, 3], [3, 3, 4, 3, 3, 2], [4, 4, 4, 5, 2, 1], [2, 2, 3, 2, 4, 4]]
        let post: [[Int?]] = [[3, 4, 3, 3, 3, 2], [4, 3, 4, 4, 2, 2], [5, 4, 5, 5, 1, nil]]
        var surveys: [SurveyResponse] = []
        for (index, values) in pre.enumerated() { surveys.append(response("m-\(index)", "pre", values)) }
        for (index, values) in post.enumerated() { surveys.append(response("m-\(index)", "post", values)) }
        let evaluation = try Evaluator.evaluate(input(surveys: surveys, instruments: [instrument]))
        let scale = try #require(evaluation.surveys.first?.scales.first)
        let rule = ScaleScoring(itemCount: 6, reversed: [4, 5], minimum: 1, maximum: 5, minimumAnswered: 4)
        let preScores = pre.map { rule.score($0.map { $0.map(Double.init) }) }
        let postScores = post.map { rule.score($0.map { $0.map(Double.init) }) }
        let alpha = try #require(CronbachAlpha(items: pre.map { rule.scoredItems($0.map { $0.map(Double.init) }) }))
        #expect(scale.alphaPre?.alpha == alpha.alpha)
        let change = try #require(PairedChange(pre: Array(preScores.prefix(3)), post: postScores))
        let all = try #require(scale.groupings.first?.groups.first)
        #expect(all.paired == 3)
        #expect(all.change == change.meanChange)
        #expect(all.lower == change.lower)
        #expect(all.dz == change.dz)
        #expect(scale.attrition.preOnly == 1)
        #expect(scale.attrition.completers == 3)
        #expect(
            scale.attrition.baseline?.note
                == "Comparing the baseline score of two groups needs at least two mentors in each; there are 3 and 1.")
        // The subscales are scored from their own items.
        #expect(evaluation.surveys.first?.scales.map(\.id) == ["total", "relationship", "role"])
    }

    @Test func theSmallestDetectableEffectIsComputedFromTheGroupSizes() throws {
        let instrument = try shippedInstrument()
        var surveys: [SurveyResponse] = []
        var matches: [MatchRecord] = []
        for index in 0..<48 {
            let mentor = String(format: "m-%02d", index)
            let site = index < 24 ? "East" : "West"
            matches.append(match("x\(index)", mentor, site: site, "2027-03-01"))
            let base = 2 + index % 3
            surveys.append(response(mentor, "pre", [base, base, base + 1, base, 6 - base, 5 - base]))
            surveys.append(response(mentor, "post", [base + 1, base, base + 1, base + index % 2, 5 - base, 5 - base]))
        }
        let evaluation = try Evaluator.evaluate(input(matches: matches, surveys: surveys, instruments: [instrument]))
        let mde = try #require(TwoSamplePower(firstCount: 24, secondCount: 24).minimumDetectableEffect())
        #expect(String(format: "%.2f", mde) == "0.83")
        #expect(
            evaluation.statements.map(\.text).contains(
                "With 24 and 24 mentors in the two groups of site, only differences in change of d ≥ 0.83 can be detected with 80 % power (two-sided α = 0.05): only very large effects; a smaller real effect would most likely be missed."
            ))
    }

    @Test func anUnknownInstrumentOrItemIsRefusedWithWhatToDo() throws {
        let instrument = try shippedInstrument()
        #expect(throws: EvaluationError.unknownInstrument(id: "other", responses: 1, known: ["mentor-confidence"])) {
            try Evaluator.evaluate(
                input(surveys: [response("m-1", "pre", [1, 2], instrument: "other")], instruments: [instrument]))
        }
        let extra = SurveyResponse(
            respondent: "m-1", instrument: "mentor-confidence", wave: "pre", date: "2027-03-01",
            answers: [SurveyAnswer(item: "c1", value: "3"), SurveyAnswer(item: "c9", value: "2")])
        do {
            _ = try Evaluator.evaluate(input(surveys: [extra], instruments: [instrument]))
            Issue.record("an item not in the instrument must be refused")
        } catch {
            #expect(
                error
                    == .unknownItem(
                        instrument: "mentor-confidence", item: "c9", respondent: "m-1", wave: "pre",
                        known: ["c1", "c2", "c3", "c4", "c5", "c6"]))
            #expect(
                error.description.contains(
                    "answers the item 'c9', which the instrument 'mentor-confidence' does not have"))
            #expect(error.hint.contains("Add <item id=\"c9\"> to Rubrics/instruments/mentor-confidence.xml"))
        }
        #expect(throws: EvaluationError.noDates) { try Evaluator.evaluate(input()) }
    }
}

@Suite("trainplan evaluate: the reports")
struct EvaluationReportTests {
    @Test func valuesEchoedIntoHTMLAndMarkdownAreEscaped() throws {
        let hostile = "<script>alert(1)</script>|x"
        let evaluation = try Evaluator.evaluate(
            input(matches: [
                match("a1", "m|1", site: hostile, "2027-01-01", "2027-03-01"), match("a2", "m-2", "2027-02-01"),
            ]))
        let html = EvaluationHTML.render(evaluation)
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;|x"))
        let markdown = EvaluationMarkdown.render(evaluation)
        #expect(!markdown.contains("<script"))
        #expect(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt;\\|x"))
        #expect(markdown.contains("| m\\|1 |"))
        // The dose row of m|1 still has its six cells: the | inside values are escaped.
        let row = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| m\\|1 |") })
        #expect(row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 7)
    }

    @Test func theHTMLIsSelfContainedWithKaplanMeierCurvesAndCensorMarks() throws {
        let evaluation = try Evaluator.evaluate(
            input(matches: [
                match("a1", "m-1", "2027-01-01", "2027-03-01"), match("a2", "m-2", "2027-01-01"),
                match("a3", "m-3", site: "West", "2027-01-01", "2027-06-01"),
            ]))
        let html = EvaluationHTML.render(evaluation)
        #expect(!html.contains("<script"))
        #expect(!html.contains("src="))
        #expect(!html.contains("href="))
        #expect(html.components(separatedBy: "<svg").count - 1 == 4, "one plot per grouping")
        #expect(html.contains("stroke-width=\"1.5\""), "a censor mark")
        #expect(EvaluationHTML.render(evaluation) == html)
        #expect(EvaluationJSON.render(evaluation) == EvaluationJSON.render(evaluation))
    }
}
