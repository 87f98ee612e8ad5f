/// The evaluation as Markdown: the same sections as the HTML page, without the plots.
public enum EvaluationMarkdown {
    /// Escapes a value echoed into Markdown (also inside a table cell): the punctuation that can
    /// start emphasis, code, links or headings, and `|`, get a backslash (parentheses need none once
    /// brackets are escaped), `<`, `>` and `&` become entities, line breaks become spaces.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\t": out += " "
            case "\\", "`", "*", "_", "[", "]", "|", "#", "~":
                out += "\\" + String(character)
            default: out.append(character)
            }
        }
        return out
    }

    public static func render(_ evaluation: Evaluation) -> String {
        let n = NumberText.self
        let e = escape
        var out = "# Evaluation of the trainings\n\n"
        out +=
            "As of **\(evaluation.asOf)** (\(e(evaluation.asOfSource))). Requirement: \(evaluation.requirement.preMatchMinutes) minutes of in-person pre-match training and \(evaluation.requirement.postMatchSessions) post-match sessions (the rubric's `pre-match-hours` and `post-match-points`).\n\n"
        out += "## What the data can and cannot say\n\n"
        for statement in evaluation.statements { out += "- **\(e(statement.topic))**: \(e(statement.text))\n" }
        if !evaluation.notes.isEmpty {
            out += "\n## Left out\n\n"
            for note in evaluation.notes { out += "- \(e(note))\n" }
        }
        out += "\n## Training dose\n\n"
        out +=
            "| mentor | site | cohort | pre-match in-person minutes | post-match sessions | behind |\n|---|---|---|---:|---:|---|\n"
        for mentor in evaluation.dose.mentors {
            out +=
                "| \(e(mentor.mentor)) | \(e(mentor.site)) | \(e(mentor.cohort)) | \(mentor.preMatchMinutes) | \(mentor.postMatchSessions) | \(mentor.behind.isEmpty ? "no" : e(mentor.behind.joined(separator: "; "))) |\n"
        }
        for grouping in evaluation.dose.groupings {
            out +=
                "\n**By \(e(grouping.name))**\n\n| group | mentors | meeting pre-match | meeting post-match | mean pre-match hours | mean post-match sessions |\n|---|---:|---:|---:|---:|---:|\n"
            for group in grouping.groups {
                out +=
                    "| \(e(group.label)) | \(group.mentors) | \(group.meetingPreMatch) | \(group.meetingPostMatch) | \(n.fixed(group.meanPreMatchHours, 2)) | \(n.fixed(group.meanPostMatchSessions, 2)) |\n"
            }
        }
        out += "\n## Match length\n\n"
        out +=
            "\(evaluation.matchLength.matches) matches, \(evaluation.matchLength.closed) closed, \(evaluation.matchLength.open) open (censored on \(evaluation.asOf)). Lengths in months of 30.4375 days.\n"
        for grouping in evaluation.matchLength.groupings { out += survival(grouping) }
        out += "\n### Cox model: closure and training dose\n\n"
        out += cox(evaluation.matchLength.cox, note: evaluation.matchLength.coxNote)
        if let section = evaluation.deliveredDose { out += deliveredDose(section) }
        for survey in evaluation.surveys {
            out += "\n## Survey: \(e(survey.title)) (`\(e(survey.instrument))`)\n\n"
            out += "Source: \(e(survey.source)) Licence: \(e(survey.licence)). \(survey.responses) responses.\n"
            for wave in survey.otherWaves { out += "\n- \(e(wave))" }
            for scale in survey.scales {
                out += "\n### \(scale.id == "total" ? "Whole scale" : "Subscale " + e(scale.id)): \(e(scale.title))\n\n"
                out +=
                    "Items: \(scale.items.map(e).joined(separator: ", ")). α before: \(e(alpha(scale.alphaPre))); α after: \(e(alpha(scale.alphaPost))).\n"
                for grouping in scale.groupings { out += change(grouping) }
                let attrition = scale.attrition
                out +=
                    "\nAttrition: \(attrition.withPre) with a pre score, \(attrition.completers) with both, \(attrition.preOnly) with a pre score only.\n"
                if let baseline = attrition.baseline {
                    out += "\n" + comparison(baseline, what: "Baseline, non-completers minus completers")
                }
            }
        }
        if let study = evaluation.study {
            out += "\n## Study `\(e(study.id))`\n\n"
            out +=
                "Assigned on \(e(study.assignedOn)) by stratified randomisation (seed \(e(study.seed)), strata: \(e(study.strata))); arms: \(study.arms.map(e).joined(separator: ", ")).\n\n"
            for line in study.allocation { out += "- \(e(line))\n" }
            for change in study.change { out += self.change(change) }
            if let grouping = study.matchLength { out += survival(grouping) }
            out += "\n" + cox(study.cox, note: study.coxNote)
        }
        return out
    }

    static func survival(_ grouping: SurvivalGrouping, heading: String = "###") -> String {
        let n = NumberText.self
        let e = escape
        var out =
            "\n\(heading) By \(e(grouping.name))\n\n| group | matches | closed | open | median months (95 % CI) | lasting 6 months | lasting 12 months |\n|---|---:|---:|---:|---|---|---|\n"
        let share = n.share
        for group in grouping.groups {
            let median = n.median(group)
            out +=
                "| \(e(group.label)) | \(group.matches) | \(group.closed) | \(group.open) | \(median) | \(share(group.at6)) | \(share(group.at12)) |\n"
        }
        if let test = grouping.logRank {
            out +=
                "\nLog-rank test: χ² = \(n.fixed(test.statistic, 3)), df \(test.degreesOfFreedom), \(n.p(test.pValue)).\n"
        } else if let note = grouping.logRankNote {
            out += "\nNo log-rank test: \(e(note))\n"
        }
        return out
    }

    static func cox(_ cox: CoxSummary?, note: String?) -> String {
        let n = NumberText.self
        guard let cox else { return "No Cox model: \(escape(note ?? "not computed")).\n" }
        var out =
            "Covariate: \(escape(cox.covariate)) (\(cox.matches) matches, \(cox.closed) closed). Hazard ratio \(n.fixed(cox.hazardRatio, 3)) (\(n.interval(cox.lower, cox.upper, 3))), \(n.p(cox.pValue)).\n"
        if let statistic = cox.proportionalHazardsStatistic, let p = cox.proportionalHazardsPValue {
            out += "Proportional-hazards check: χ² = \(n.fixed(statistic, 3)), \(n.p(p)).\n"
        }
        return out
    }

    /// α with its count of complete answers, or why there is none (plain text, not escaped).
    static func alpha(_ reliability: Reliability?) -> String {
        guard let reliability else { return "none" }
        if let alpha = reliability.alpha {
            return "\(NumberText.fixed(alpha, 3)) (\(reliability.completeCases) complete)"
        }
        return reliability.note ?? "none"
    }

    static func change(_ grouping: ChangeGrouping) -> String {
        let n = NumberText.self
        let e = escape
        var out =
            "\n**Change by \(e(grouping.name))**\n\n| group | pre | post | both | mean pre | mean post | change (95 % CI) | d_z | p |\n|---|---:|---:|---:|---:|---:|---|---:|---:|\n"
        for group in grouping.groups {
            let changeText =
                group.change.map { n.fixed($0, 2) + " (" + n.interval(group.lower, group.upper, 2) + ")" }
                ?? e(group.note ?? "")
            out +=
                "| \(e(group.label)) | \(group.pre) | \(group.post) | \(group.paired) | \(group.meanPre.map { n.fixed($0, 2) } ?? "") | \(group.meanPost.map { n.fixed($0, 2) } ?? "") | \(changeText) | \(group.dz.map { n.fixed($0, 2) } ?? "") | \(group.pValue.map { n.fixed($0, 3) } ?? "") |\n"
        }
        if let comparison = grouping.comparison {
            out += "\n" + self.comparison(comparison, what: "Difference in change")
        }
        return out
    }

    static func comparison(_ comparison: GroupComparison, what: String) -> String {
        NumberText.comparison(comparison, what: what, escape: escape) + "\n"
    }
}
