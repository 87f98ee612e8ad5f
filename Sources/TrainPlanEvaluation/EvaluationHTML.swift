/// The evaluation as one self-contained HTML page: inline style, Kaplan–Meier curves drawn as
/// SVG by trainplan, no scripts and nothing loaded from elsewhere.
public enum EvaluationHTML {
    /// Escapes text and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static let palette = ["#1b6ca8", "#c0392b", "#27864a", "#8e44ad", "#d68910", "#566573"]

    public static func render(_ evaluation: Evaluation) -> String {
        let n = NumberText.self
        let e = escape
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Evaluation of the trainings</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1c2833; line-height: 1.45; }
            table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
            th, td { border: 1px solid #d5d8dc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            .behind { color: #a93226; }
            svg { max-width: 100%; height: auto; }
            .note { color: #566573; }
            </style>
            </head>
            <body>
            <h1>Evaluation of the trainings</h1>

            """
        out +=
            "<p>As of <strong>\(e(evaluation.asOf))</strong> (\(e(evaluation.asOfSource))). Requirement: \(evaluation.requirement.preMatchMinutes) minutes of in-person pre-match training and \(evaluation.requirement.postMatchSessions) post-match sessions.</p>\n"
        out += "<h2>What the data can and cannot say</h2>\n<ul>\n"
        for statement in evaluation.statements {
            out += "<li><strong>\(e(statement.topic))</strong>: \(e(statement.text))</li>\n"
        }
        out += "</ul>\n"
        if !evaluation.notes.isEmpty {
            out += "<h2>Left out</h2>\n<ul>\n" + evaluation.notes.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n"
        }
        out += "<h2>Training dose</h2>\n"
        out +=
            "<table><tr><th>mentor</th><th>site</th><th>cohort</th><th>pre-match in-person minutes</th><th>post-match sessions</th><th>behind</th></tr>\n"
        for mentor in evaluation.dose.mentors {
            out +=
                "<tr><td>\(e(mentor.mentor))</td><td>\(e(mentor.site))</td><td>\(e(mentor.cohort))</td><td class=\"n\">\(mentor.preMatchMinutes)</td><td class=\"n\">\(mentor.postMatchSessions)</td><td\(mentor.behind.isEmpty ? "" : " class=\"behind\"")>\(mentor.behind.isEmpty ? "no" : e(mentor.behind.joined(separator: "; ")))</td></tr>\n"
        }
        out += "</table>\n"
        for grouping in evaluation.dose.groupings {
            out +=
                "<h3>By \(e(grouping.name))</h3>\n<table><tr><th>group</th><th>mentors</th><th>meeting pre-match</th><th>meeting post-match</th><th>mean pre-match hours</th><th>mean post-match sessions</th></tr>\n"
            for group in grouping.groups {
                out +=
                    "<tr><td>\(e(group.label))</td><td class=\"n\">\(group.mentors)</td><td class=\"n\">\(group.meetingPreMatch)</td><td class=\"n\">\(group.meetingPostMatch)</td><td class=\"n\">\(n.fixed(group.meanPreMatchHours, 2))</td><td class=\"n\">\(n.fixed(group.meanPostMatchSessions, 2))</td></tr>\n"
            }
            out += "</table>\n"
        }
        let length = evaluation.matchLength
        out += "<h2>Match length</h2>\n"
        out +=
            "<p>\(length.matches) matches, \(length.closed) closed, \(length.open) open (censored on \(e(evaluation.asOf)), marked | on the curves). Months of 30.4375 days.</p>\n"
        for grouping in length.groupings { out += survival(grouping) }
        out += "<h3>Cox model: closure and training dose</h3>\n<p>" + cox(length.cox, note: length.coxNote) + "</p>\n"
        if let section = evaluation.deliveredDose { out += deliveredDose(section) }
        for survey in evaluation.surveys {
            out += "<h2>Survey: \(e(survey.title)) (<code>\(e(survey.instrument))</code>)</h2>\n"
            out += "<p>Source: \(e(survey.source)) Licence: \(e(survey.licence)). \(survey.responses) responses.</p>\n"
            if !survey.otherWaves.isEmpty {
                out += "<ul>" + survey.otherWaves.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
            }
            for scale in survey.scales {
                out +=
                    "<h3>\(scale.id == "total" ? "Whole scale" : "Subscale " + e(scale.id)): \(e(scale.title))</h3>\n"
                out +=
                    "<p>Items: \(scale.items.map(e).joined(separator: ", ")). α before: \(e(EvaluationMarkdown.alpha(scale.alphaPre))); α after: \(e(EvaluationMarkdown.alpha(scale.alphaPost))).</p>\n"
                for grouping in scale.groupings { out += change(grouping) }
                let attrition = scale.attrition
                out +=
                    "<p>Attrition: \(attrition.withPre) with a pre score, \(attrition.completers) with both, \(attrition.preOnly) with a pre score only."
                if let baseline = attrition.baseline {
                    out += " " + comparison(baseline, what: "Baseline, non-completers minus completers")
                }
                out += "</p>\n"
            }
        }
        if let study = evaluation.study {
            out += "<h2>Study <code>\(e(study.id))</code></h2>\n"
            out +=
                "<p>Assigned on \(e(study.assignedOn)) by stratified randomisation (seed \(e(study.seed)), strata: \(e(study.strata))); arms: \(study.arms.map(e).joined(separator: ", ")).</p>\n<ul>"
            out += study.allocation.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
            for change in study.change { out += self.change(change) }
            if let grouping = study.matchLength { out += survival(grouping) }
            out += "<p>" + cox(study.cox, note: study.coxNote) + "</p>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    static func survival(_ grouping: SurvivalGrouping, heading: String = "h3") -> String {
        let n = NumberText.self
        let e = escape
        var out = "<\(heading)>By \(e(grouping.name))</\(heading)>\n" + plot(grouping)
        out +=
            "<table><tr><th>group</th><th>matches</th><th>closed</th><th>open</th><th>median months (95 % CI)</th><th>lasting 6 months</th><th>lasting 12 months</th></tr>\n"
        let share = n.share
        for group in grouping.groups {
            let median = n.median(group)
            out +=
                "<tr><td>\(e(group.label))</td><td class=\"n\">\(group.matches)</td><td class=\"n\">\(group.closed)</td><td class=\"n\">\(group.open)</td><td>\(median)</td><td>\(share(group.at6))</td><td>\(share(group.at12))</td></tr>\n"
        }
        out += "</table>\n"
        if let test = grouping.logRank {
            out +=
                "<p>Log-rank test: χ² = \(n.fixed(test.statistic, 3)), df \(test.degreesOfFreedom), \(n.p(test.pValue)).</p>\n"
        } else if let note = grouping.logRankNote {
            out += "<p class=\"note\">No log-rank test: \(e(note))</p>\n"
        }
        return out
    }

    /// Kaplan–Meier step curves of the groups, with a tick at each censored match.
    static func plot(_ grouping: SurvivalGrouping) -> String {
        let n = NumberText.self
        let width = 760.0
        let height = 300.0
        let left = 50.0
        let right = 260.0
        let top = 15.0
        let bottom = 40.0
        let longest = grouping.groups.flatMap { $0.curve.map(\.time) + $0.censored }.max() ?? 0
        let span = max(3, (longest / 3).rounded(.up) * 3)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        func x(_ months: Double) -> String { n.fixed(left + months / span * plotWidth, 1) }
        func y(_ survival: Double) -> String { n.fixed(top + (1 - survival) * plotHeight, 1) }
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Kaplan–Meier curves by \(escape(grouping.name))\">\n"
        out +=
            "<rect x=\"\(Int(left))\" y=\"\(Int(top))\" width=\"\(Int(plotWidth))\" height=\"\(Int(plotHeight))\" fill=\"none\" stroke=\"#aab7b8\"/>\n"
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            out +=
                "<line x1=\"\(Int(left) - 4)\" y1=\"\(y(tick))\" x2=\"\(Int(left))\" y2=\"\(y(tick))\" stroke=\"#566573\"/><text x=\"\(Int(left) - 7)\" y=\"\(y(tick))\" font-size=\"11\" text-anchor=\"end\" dominant-baseline=\"middle\">\(n.fixed(tick * 100, 0)) %</text>\n"
        }
        let step = span <= 12 ? 3.0 : 6.0
        for tick in stride(from: 0.0, through: span, by: step) {
            out +=
                "<line x1=\"\(x(tick))\" y1=\"\(n.fixed(top + plotHeight, 1))\" x2=\"\(x(tick))\" y2=\"\(n.fixed(top + plotHeight + 4, 1))\" stroke=\"#566573\"/><text x=\"\(x(tick))\" y=\"\(n.fixed(top + plotHeight + 16, 1))\" font-size=\"11\" text-anchor=\"middle\">\(n.fixed(tick, 0))</text>\n"
        }
        out +=
            "<text x=\"\(n.fixed(left + plotWidth / 2, 1))\" y=\"\(Int(height) - 5)\" font-size=\"12\" text-anchor=\"middle\">months since the match started</text>\n"
        for (index, group) in grouping.groups.enumerated() {
            let color = palette[index % palette.count]
            var path = "M\(x(0)),\(y(1))"
            for point in group.curve {
                path += " H\(x(point.time)) V\(y(point.survival))"
            }
            let end = max(group.curve.last?.time ?? 0, group.censored.last ?? 0)
            path += " H\(x(end))"
            out += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            for time in group.censored {
                let survival = group.curve.last(where: { $0.time <= time })?.survival ?? 1
                let mark = top + (1 - survival) * plotHeight
                let upper = n.fixed(mark - 5, 1)
                let lower = n.fixed(mark + 5, 1)
                out +=
                    "<line x1=\"\(x(time))\" y1=\"\(upper)\" x2=\"\(x(time))\" y2=\"\(lower)\" stroke=\"\(color)\" stroke-width=\"1.5\"/>\n"
            }
            let legendY = Double(index) * 18 + top + 10
            out +=
                "<line x1=\"\(n.fixed(width - right + 12, 1))\" y1=\"\(n.fixed(legendY, 1))\" x2=\"\(n.fixed(width - right + 30, 1))\" y2=\"\(n.fixed(legendY, 1))\" stroke=\"\(color)\" stroke-width=\"2\"/><text x=\"\(n.fixed(width - right + 35, 1))\" y=\"\(n.fixed(legendY, 1))\" font-size=\"11\" dominant-baseline=\"middle\">\(escape(group.label)) (\(group.matches))</text>\n"
        }
        return out + "</svg>\n"
    }

    static func cox(_ cox: CoxSummary?, note: String?) -> String {
        let n = NumberText.self
        guard let cox else { return "No Cox model: \(escape(note ?? "not computed"))." }
        var out =
            "Covariate: \(escape(cox.covariate)) (\(cox.matches) matches, \(cox.closed) closed). Hazard ratio \(n.fixed(cox.hazardRatio, 3)) (\(n.interval(cox.lower, cox.upper, 3))), \(n.p(cox.pValue))."
        if let statistic = cox.proportionalHazardsStatistic, let p = cox.proportionalHazardsPValue {
            out += " Proportional-hazards check: χ² = \(n.fixed(statistic, 3)), \(n.p(p))."
        }
        return out
    }

    static func change(_ grouping: ChangeGrouping) -> String {
        let n = NumberText.self
        let e = escape
        var out =
            "<h4>Change by \(e(grouping.name))</h4>\n<table><tr><th>group</th><th>pre</th><th>post</th><th>both</th><th>mean pre</th><th>mean post</th><th>change (95 % CI)</th><th>d_z</th><th>p</th></tr>\n"
        for group in grouping.groups {
            let changeText =
                group.change.map { n.fixed($0, 2) + " (" + n.interval(group.lower, group.upper, 2) + ")" }
                ?? e(group.note ?? "")
            out +=
                "<tr><td>\(e(group.label))</td><td class=\"n\">\(group.pre)</td><td class=\"n\">\(group.post)</td><td class=\"n\">\(group.paired)</td><td class=\"n\">\(group.meanPre.map { n.fixed($0, 2) } ?? "")</td><td class=\"n\">\(group.meanPost.map { n.fixed($0, 2) } ?? "")</td><td>\(changeText)</td><td class=\"n\">\(group.dz.map { n.fixed($0, 2) } ?? "")</td><td class=\"n\">\(group.pValue.map { n.fixed($0, 3) } ?? "")</td></tr>\n"
        }
        out += "</table>\n"
        if let comparison = grouping.comparison {
            out += "<p>" + self.comparison(comparison, what: "Difference in change") + "</p>\n"
        }
        return out
    }

    static func comparison(_ comparison: GroupComparison, what: String) -> String {
        NumberText.comparison(comparison, what: what, escape: escape)
    }
}
