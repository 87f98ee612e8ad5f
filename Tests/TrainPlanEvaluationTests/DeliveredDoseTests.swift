import Foundation
import Testing
import TrainPlanEvaluation
import TrainPlanFormats
import TrainPlanRecords
import TrainPlanStatistics

/// A log's minutes: total, practice and interactive, each planned and delivered.
private func minutes(_ total: (Int, Int), practice: (Int, Int), interactive: (Int, Int)) -> DeliveredMinutes {
    DeliveredMinutes(
        planned: total.0, delivered: total.1, plannedPractice: practice.0, deliveredPractice: practice.1,
        plannedInteractive: interactive.0, deliveredInteractive: interactive.1)
}

private func attended(_ mentor: String, _ offering: String) -> AttendanceRecord {
    AttendanceRecord(mentor: mentor, offering: offering, attended: true, minutesPresent: 60)
}

@Suite("trainplan evaluate: the dose as delivered, from the delivery logs")
struct DeliveredDoseTests {
    /// or-1 lost half its practice, sa-1 was delivered in full, or-2 has no log.
    let deliveries = [
        DeliveredOffering(
            offering: "or-1", log: "Records/deliveries/or-1.xml", attendance: 1,
            minutes: minutes((80, 60), practice: (20, 10), interactive: (50, 40))),
        DeliveredOffering(
            offering: "sa-1", log: "Records/deliveries/sa-1.xml", attendance: 9,
            minutes: minutes((50, 50), practice: (30, 30), interactive: (40, 40))),
    ]

    func evaluation() throws -> Evaluation {
        let attendance = [
            attended("m-a", "or-1"), attended("m-a", "sa-1"),  // 40 of 50 practice: 80 %, high
            attended("m-b", "or-1"),  // 10 of 20: low
            attended("m-c", "or-2"),  // no log at all
            attended("m-d", "sa-1"), attended("m-d", "or-2"),  // one of two logged: left out
            attended("m-d", "li-1"),  // post-match: not part of the delivered dose
        ]
        let matches = ["m-a", "m-b", "m-c", "m-d"].enumerated().map { index, mentor in
            match("x\(index)", mentor, "2027-04-01", index % 2 == 0 ? nil : "2027-09-01")
        }
        var given = input(attendance: attendance, matches: matches, asOf: "2027-12-31")
        given.deliveries = deliveries
        return try Evaluator.evaluate(given)
    }

    @Test func eachMentorsShareComesFromTheLogsOfThePreMatchSessionsAttended() throws {
        let section = try #require(try evaluation().deliveredDose)
        let mentors = Dictionary(uniqueKeysWithValues: section.mentors.map { ($0.mentor, $0) })
        #expect(mentors["m-a"]?.minutes == minutes((130, 110), practice: (50, 40), interactive: (90, 80)))
        #expect(mentors["m-a"]?.group == "≥ 80 % of planned practice delivered")
        #expect(mentors["m-b"]?.group == "< 80 % of planned practice delivered")
        #expect(mentors["m-c"]?.group == "no delivery log for any session attended")
        #expect(mentors["m-c"]?.compared == false)
        #expect(mentors["m-d"]?.sessions == 2, "the post-match session is not counted")
        #expect(mentors["m-d"]?.logged == 1)
        #expect(mentors["m-d"]?.group == "sessions attended without a delivery log")
        #expect(mentors["m-d"]?.compared == false, "a missing log is not taken as full delivery")
        #expect(section.matchLength.groups.map(\.matches) == [1, 1], "m-c and m-d are left out")
    }

    @Test func theReportsSayWhatIsMissingAndWhereTheLogsDisagreeWithTheRecords() throws {
        let evaluation = try evaluation()
        let markdown = EvaluationMarkdown.render(evaluation)
        #expect(markdown.contains("\n## Dose as delivered\n"))
        #expect(
            markdown.contains(
                "| or-1 | orientation | 2027-03-06 | 2 | `Records/deliveries/or-1.xml` | 1 | 60 of 80 min (75 %) | 10 of 20 min (50 %) | 40 of 50 min (80 %) |"
            ))
        #expect(markdown.contains("| or-2 | orientation | 2027-04-10 | 2 | **none** |  | no log | no log | no log |"))
        #expect(
            markdown.contains(
                "| m-a | 2 | 2 | 110 of 130 min (85 %) | 40 of 50 min (80 %) | 80 of 90 min (89 %) | ≥ 80 % of planned practice delivered |"
            ))
        #expect(
            markdown.contains(
                "- The log Records/deliveries/or-1.xml says 1 participant came to or-1, but the records have 2 mentors attending it: one of them is wrong."
            ))
        #expect(
            markdown.contains(
                "- 1 pre-match offering has no usable delivery log: or-2. Their mentors are left out of the comparison, not counted as fully delivered."
            ))
        let html = EvaluationHTML.render(evaluation)
        #expect(html.contains("<h2>Dose as delivered</h2>"))
        #expect(
            html.contains(
                "<tr><td>m-b</td><td class=\"n\">1</td><td class=\"n\">1</td><td>60 of 80 min (75 %)</td><td>10 of 20 min (50 %)</td><td>40 of 50 min (80 %)</td><td>&lt; 80 % of planned practice delivered</td></tr>"
            ))
        #expect(html.contains("aria-label=\"Kaplan–Meier curves by delivered fidelity\""))
        #expect(
            evaluation.statements.map(\.text).contains(
                "2 of 4 mentors with pre-match training have a delivery log for every pre-match session attended; 2 mentors have sessions without a log and are left out of the comparison (missing, not counted as fully delivered)."
            ))
        #expect(EvaluationMarkdown.render(evaluation) == markdown)
        #expect(EvaluationHTML.render(evaluation) == html)
        #expect(EvaluationJSON.render(evaluation).contains("\"deliveredDose\" : {"))
    }

    @Test func withoutDeliveryLogsTheReportHasNoSuchSection() throws {
        let evaluation = try Evaluator.evaluate(
            input(attendance: [attended("m-a", "or-1")], matches: [match("x", "m-a", "2027-04-01")]))
        #expect(evaluation.deliveredDose == nil)
        #expect(!EvaluationMarkdown.render(evaluation).contains("Dose as delivered"))
        #expect(!EvaluationHTML.render(evaluation).contains("Dose as delivered"))
        #expect(!EvaluationJSON.render(evaluation).contains("deliveredDose"))
        #expect(!EvaluationMarkdown.render(evaluation).contains("delivered fidelity"))
    }

    @Test func theCoxModelAddsDeliveredPracticeToPreMatchHours() throws {
        // Ten mentors, each at their own logged or-1 offering copy and some at sa-1.
        var attendance: [AttendanceRecord] = []
        var matches: [MatchRecord] = []
        var logs: [DeliveredOffering] = []
        var offerings = offerings
        let practice = [20, 0, 10, 20, 5, 15, 20, 0, 20, 10]
        let closures: [String?] = [
            "2027-05-10", nil, "2027-09-01", nil, "2027-06-15", "2027-10-01", "2027-11-01", "2027-04-20", nil, nil,
        ]
        for index in 0..<10 {
            let id = "or-k\(index)"
            offerings.append(TrainingOffering(id: id, plan: "orientation", date: "2027-03-06"))
            logs.append(
                DeliveredOffering(
                    offering: id, log: "Records/deliveries/\(id).xml", attendance: 5,
                    minutes: minutes((80, 60 + practice[index]), practice: (20, practice[index]), interactive: (50, 40))
                ))
            attendance.append(attended("m-\(index)", id))
            if index % 3 == 0 { attendance.append(attended("m-\(index)", "sa-1")) }
            matches.append(match("x\(index)", "m-\(index)", "2027-04-01", closures[index]))
        }
        logs.append(deliveries[1])
        let given = EvaluationInput(
            attendance: attendance, matches: matches, surveys: [], instruments: [], plans: plans,
            offerings: offerings, requirement: requirement, asOf: CivilDate("2027-12-31"), deliveries: logs)
        let section = try #require(try Evaluator.evaluate(given).deliveredDose)
        let cox = try #require(section.cox, "\(section.coxNote ?? "")")
        let start = try #require(CivilDate("2027-04-01"))
        let end = try #require(CivilDate("2027-12-31"))
        let observations = closures.map { closure in
            Observation(
                time: Double((closure.flatMap(CivilDate.init) ?? end).day - start.day) / 30.4375, event: closure != nil)
        }
        let covariates = (0..<10).map { index -> [Double] in
            let hours = Double(min(60, 90) + (index % 3 == 0 ? 60 : 0)) / 60
            let share = index % 3 == 0 ? Double(practice[index] + 30) / 50 : Double(practice[index]) / 20
            return [hours, share * 10]
        }
        let model = try CoxProportionalHazards.fit(
            observations: observations, covariates: covariates, names: ["hours", "practice"]
        ).get()
        #expect(abs(cox.hazardRatio - model.coefficients[1].hazardRatio) < 1e-12)
        #expect(abs(cox.lower - model.coefficients[1].hazardRatioLower) < 1e-12)
        #expect(cox.matches == 10)
        #expect(
            cox.covariate
                == "planned practice delivered, per 10 percentage points (adjusted for pre-match in-person hours)")
        let markdown = EvaluationMarkdown.render(try Evaluator.evaluate(given))
        #expect(
            markdown.contains("### Cox model: closure and delivered practice\n\nCovariate: planned practice delivered"))
    }
}
