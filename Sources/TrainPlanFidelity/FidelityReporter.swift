import Foundation
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanReview

/// The fidelity report as one self-contained HTML page and as Markdown: values in, text out,
/// every echoed value escaped.
public enum FidelityReporter {
    /// A share as a whole percentage ("31%"), or a dash.
    static func percent(_ share: Double?) -> String {
        guard let share, share.isFinite else { return "–" }
        return "\(Int((share * 100).rounded()))%"
    }

    static func decimal(_ value: Double?, digits: Int = 2) -> String {
        guard let value, value.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        let negative = rounded < 0
        let whole = Int(abs(rounded))
        let fraction = Int((abs(rounded) - Double(whole)) * scale + 0.5)
        var fractionText = String(fraction)
        while fractionText.count < digits { fractionText = "0" + fractionText }
        return (negative ? "-" : "") + "\(whole)" + (digits > 0 ? "." + fractionText : "")
    }

    /// "planned 31% practice, delivered 0%".
    public static func practiceLine(_ row: FidelityReport.OfferingRow) -> String {
        "planned \(percent(row.plannedPractice)) practice, delivered \(percent(row.deliveredPractice)); "
            + "planned \(percent(row.plannedInteractive)) interactive, delivered \(percent(row.deliveredInteractive))"
    }

    static func place(_ location: SourceLocation) -> String {
        "\(location.file):\(location.line):\(location.column)"
    }

    static func status(_ result: CriterionResult) -> String {
        switch result.assessment.status {
        case .met: "met"
        case .notMet: "not met"
        case .notApplicable: "n/a"
        }
    }

    static func delivered(_ activity: FidelityReport.ActivityRow) -> String {
        if activity.unlogged { return "not logged" }
        if activity.skipped { return "skipped" }
        return activity.deliveredMinutes.map(String.init) ?? "–"
    }

    // MARK: HTML

    public static func html(_ report: FidelityReport) -> String {
        let e = HTMLReporter.escape
        var body = "<h1>Fidelity of delivery — \(e(report.term))</h1>\n"
        body +=
            "<p class=\"lead\">\(report.offerings.count) delivered offering\(report.offerings.count == 1 ? "" : "s") logged; "
            + "\(report.unlogged.count) offering\(report.unlogged.count == 1 ? "" : "s") of the term without a log. "
            + "Each delivered session is checked with the same rubric as its plan.</p>\n"
        body += "<h2>Offerings</h2>\n<table>\n<thead><tr><th>Offering</th><th>Plan</th><th>Date</th><th>Trainers</th>"
        body += "<th class=\"num\">Came</th><th class=\"num\">Minutes planned → delivered</th>"
        body += "<th>Practice planned → delivered</th><th>Interactive planned → delivered</th><th>Skipped</th>"
        body += "<th>Score planned → delivered</th><th>Verdict as delivered</th></tr></thead>\n<tbody>\n"
        for row in report.offerings {
            let log = row.record.log
            let skipped = row.activities.filter { $0.skipped || $0.unlogged }.map(\.id)
            body +=
                "<tr><td><a href=\"#\(e(row.offering.id))\">\(e(row.offering.id))</a></td><td>\(e(row.plan.id))</td>"
                + "<td>\(e(log.date?.description ?? "–"))</td><td>\(e(log.trainers.joined(separator: ", ")))</td>"
                + "<td class=\"num\">\(log.attendance.map(String.init) ?? "–")</td>"
                + "<td class=\"num\">\(row.plan.agendaMinutes) → \(row.record.delivered.agendaMinutes)</td>"
                + "<td>\(percent(row.plannedPractice)) → \(percent(row.deliveredPractice))</td>"
                + "<td>\(percent(row.plannedInteractive)) → \(percent(row.deliveredInteractive))</td>"
                + "<td>\(e(skipped.isEmpty ? "–" : skipped.joined(separator: ", ")))</td>"
                + "<td>\(percent(row.record.plannedReview.score)) → \(percent(row.record.deliveredReview.score))</td>"
                + "<td class=\"\(row.record.deliveredReview.verdict == .pass ? "pass" : "fail")\">\(row.record.deliveredReview.verdict.rawValue)</td></tr>\n"
        }
        body += "</tbody>\n</table>\n"
        body += groupHTML("By trainer", report.byTrainer) + groupHTML("By module", report.byModule)
        body += groupHTML("Over time (by month delivered)", report.byMonth)
        body += "<h2>Why activities were skipped</h2>\n"
        if report.skipReasons.isEmpty {
            body += "<p>No activity was skipped.</p>\n"
        } else {
            body += "<ul>\n"
            for (reason, count) in report.skipReasons { body += "<li>\(e(reason.rawValue)): \(count)</li>\n" }
            body += "</ul>\n"
        }
        body += "<h2>Agreement between observers</h2>\n"
        if report.agreements.isEmpty {
            body += "<p>No offering has two observations yet.</p>\n"
        } else {
            body +=
                "<table>\n<thead><tr><th>Offering</th><th>Observers</th><th class=\"num\">Activities rated by both</th>"
            body += "<th class=\"num\">Exact agreement</th><th class=\"num\">Weighted κ (linear)</th>"
            body += "<th class=\"num\">Weighted κ (quadratic)</th></tr></thead>\n<tbody>\n"
            for agreement in report.agreements {
                body +=
                    "<tr><td>\(e(agreement.offering))</td><td>\(e(agreement.observers.joined(separator: " and ")))</td>"
                    + "<td class=\"num\">\(agreement.count)</td><td class=\"num\">\(percent(agreement.percent))</td>"
                    + "<td class=\"num\">\(decimal(agreement.linear))</td><td class=\"num\">\(decimal(agreement.quadratic))</td></tr>\n"
            }
            body += "</tbody>\n</table>\n"
        }
        if !report.findings.isEmpty {
            body += "<h2>Problems in the logs</h2>\n<ul>\n"
            for finding in report.findings {
                body +=
                    "<li><code>\(e(place(finding.location)))</code> \(finding.severity.rawValue): \(e(finding.message)) [\(e(finding.id))]</li>\n"
            }
            body += "</ul>\n"
        }
        for row in report.offerings { body += offeringHTML(row) }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Fidelity of delivery — \(e(report.term))</title>
            <style>\(HTMLReporter.style)
            td.pass{color:#1a7f37}td.fail{color:#b3261e;font-weight:600}
            @page{margin:15mm}</style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    static func groupHTML(_ title: String, _ groups: [FidelityReport.GroupRow]) -> String {
        let e = HTMLReporter.escape
        var out = "<h2>\(e(title))</h2>\n<table>\n<thead><tr><th></th><th class=\"num\">Offerings</th>"
        out += "<th class=\"num\">Minutes planned → delivered</th><th>Practice planned → delivered (mean)</th>"
        out += "<th class=\"num\">Skipped</th><th class=\"num\">Added</th><th class=\"num\">Mean adherence (1–5)</th>"
        out += "<th class=\"num\">Delivered sessions failing the rubric</th></tr></thead>\n<tbody>\n"
        for group in groups {
            out +=
                "<tr><td>\(e(group.id))</td><td class=\"num\">\(group.offerings)</td>"
                + "<td class=\"num\">\(group.plannedMinutes) → \(group.deliveredMinutes)</td>"
                + "<td>\(percent(group.plannedPractice)) → \(percent(group.deliveredPractice))</td>"
                + "<td class=\"num\">\(group.skipped)</td><td class=\"num\">\(group.added)</td>"
                + "<td class=\"num\">\(decimal(group.meanAdherence, digits: 1))</td><td class=\"num\">\(group.deliveredFails)</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    static func offeringHTML(_ row: FidelityReport.OfferingRow) -> String {
        let e = HTMLReporter.escape
        let observers = row.observations.compactMap(\.log.observer)
        var out = "<h2 id=\"\(e(row.offering.id))\">\(e(row.offering.id)) — \(e(row.plan.title))</h2>\n"
        out +=
            "<p class=\"lead\">\(e(row.offering.place)) · log \(e(row.record.log.file)) · \(e(practiceLine(row)))</p>\n"
        out += "<table>\n<thead><tr><th>Activity</th><th>Method</th><th>Category</th><th class=\"num\">Planned</th>"
        out += "<th class=\"num\">Delivered</th><th>Reason</th>"
        for observer in observers { out += "<th class=\"num\">Adherence (\(e(observer)))</th>" }
        out += "<th>Log line</th></tr></thead>\n<tbody>\n"
        for activity in row.activities {
            out +=
                "<tr><td>\(e(activity.id))\(activity.plannedMinutes == nil ? " (added)" : "")</td><td>\(e(activity.method))</td>"
                + "<td>\(e(activity.category))</td><td class=\"num\">\(activity.plannedMinutes.map(String.init) ?? "–")</td>"
                + "<td class=\"num\">\(e(delivered(activity)))</td><td>\(e(activity.reason?.rawValue ?? ""))</td>"
            for observer in observers {
                out += "<td class=\"num\">\(activity.ratings[observer].map(String.init) ?? "–")</td>"
            }
            out += "<td><code>\(e(place(activity.location)))</code></td></tr>\n"
        }
        out += "</tbody>\n</table>\n<h3>Minutes by category</h3>\n<table>\n"
        out +=
            "<thead><tr><th>Category</th><th class=\"num\">Planned</th><th class=\"num\">Delivered</th></tr></thead>\n<tbody>\n"
        for category in row.categories {
            out +=
                "<tr><td><span class=\"swatch\" style=\"background:\(HTMLReporter.colour(ofCategory: category.category))\"></span> \(e(category.category))</td>"
                + "<td class=\"num\">\(category.planned)</td><td class=\"num\">\(category.delivered)</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        for sampling in row.sampling {
            out +=
                "<h3>Time sampling by \(e(sampling.observer)) (\(sampling.total) marks, every 2 minutes)</h3>\n<table>\n"
            out +=
                "<thead><tr><th>Participants were mostly</th><th class=\"num\">Marks</th><th class=\"num\">Share</th></tr></thead>\n<tbody>\n"
            for count in sampling.counts {
                out +=
                    "<tr><td>\(e(count.category))</td><td class=\"num\">\(count.count)</td>"
                    + "<td class=\"num\">\(percent(FidelityReport.share(count.count, of: sampling.total)))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        if !row.record.log.keyMessages.isEmpty {
            out += "<h3>Key messages (the plan's objectives)</h3>\n<ul>\n"
            for message in row.record.log.keyMessages {
                let text = row.plan.objectives.first { $0.id == message.objective }?.text ?? message.objective
                out += "<li>\(message.delivered ? "✓ delivered" : "✗ not delivered"): \(e(text))</li>\n"
            }
            out += "</ul>\n"
        }
        out += "<h3>The rubric on the plan and as delivered</h3>\n<table>\n"
        out += "<thead><tr><th>Criterion</th><th>Plan</th><th>As delivered</th></tr></thead>\n<tbody>\n"
        for criterion in row.criteria {
            let lost = criterion.lostInDelivery ? " class=\"fail\"" : ""
            out +=
                "<tr><td>\(e(criterion.delivered.id))</td><td>\(status(criterion.planned)): \(e(criterion.planned.assessment.summary))</td>"
                + "<td\(lost)>\(status(criterion.delivered)): \(e(criterion.delivered.assessment.summary))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if !row.lostFindings.isEmpty {
            out += "<h3>Lost in delivery</h3>\n<ul>\n"
            for finding in row.lostFindings {
                out +=
                    "<li><code>\(e(place(finding.location)))</code> \(finding.severity.rawValue): \(e(finding.message)) [\(e(finding.id))]"
                    + (finding.hint.map { "<br><small>\(e($0))</small>" } ?? "") + "</li>\n"
            }
            out += "</ul>\n"
        }
        if !row.record.log.notes.isEmpty { out += "<p>Notes: \(e(row.record.log.notes))</p>\n" }
        return out
    }

    // MARK: Markdown

    /// Text echoed into Markdown, also in a table cell: pipes and line ends would break the
    /// table, and `<`, `>`, `&` become entities so that no value is read as HTML.
    static func cell(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|": out += "\\|"
            case "\n", "\r": out += " "
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            default: out.append(character)
            }
        }
        return out
    }

    static func findingLine(_ finding: Finding) -> String {
        "- `\(place(finding.location))` \(finding.severity.rawValue): \(cell(finding.message)) [\(finding.id)]\n"
    }

    /// One offering in Markdown: the same parts as its HTML section.
    static func offeringMarkdown(_ row: FidelityReport.OfferingRow) -> String {
        let observers = row.observations.compactMap(\.log.observer)
        var out = "\n## \(cell(row.offering.id)) — \(cell(row.plan.title))\n\n"
        out += "\(cell(row.offering.place)) · log `\(row.record.log.file)` · \(practiceLine(row)).\n\n"
        out += "| Activity | Method | Category | Planned | Delivered | Reason |"
        out += observers.map { " Adherence (\(cell($0))) |" }.joined() + " Log line |\n"
        out += "|---|---|---|---:|---:|---|" + String(repeating: "---:|", count: observers.count) + "---|\n"
        for activity in row.activities {
            out +=
                "| \(cell(activity.id))\(activity.plannedMinutes == nil ? " (added)" : "") | \(cell(activity.method)) | "
                + "\(cell(activity.category)) | \(activity.plannedMinutes.map(String.init) ?? "–") | "
                + "\(delivered(activity)) | \(activity.reason?.rawValue ?? "") |"
                + observers.map { " \(activity.ratings[$0].map(String.init) ?? "–") |" }.joined()
                + " `\(place(activity.location))` |\n"
        }
        out += "\n**Minutes by category**\n\n| Category | Planned | Delivered |\n|---|---:|---:|\n"
        for category in row.categories {
            out += "| \(cell(category.category)) | \(category.planned) | \(category.delivered) |\n"
        }
        for sampling in row.sampling {
            out +=
                "\n**Time sampling by \(cell(sampling.observer))** (\(sampling.total) marks, every 2 minutes)\n\n"
                + "| Participants were mostly | Marks | Share |\n|---|---:|---:|\n"
            for count in sampling.counts {
                out +=
                    "| \(cell(count.category)) | \(count.count) | \(percent(FidelityReport.share(count.count, of: sampling.total))) |\n"
            }
        }
        if !row.record.log.keyMessages.isEmpty {
            out += "\n**Key messages (the plan's objectives)**\n\n"
            for message in row.record.log.keyMessages {
                let text = row.plan.objectives.first { $0.id == message.objective }?.text ?? message.objective
                out += "- \(message.delivered ? "✓ delivered" : "✗ not delivered"): \(cell(text))\n"
            }
        }
        out += "\n**The rubric on the plan and as delivered**\n\n| Criterion | Plan | As delivered |\n|---|---|---|\n"
        for criterion in row.criteria {
            let lost = criterion.lostInDelivery ? "**lost:** " : ""
            out +=
                "| \(cell(criterion.delivered.id)) | \(status(criterion.planned)): \(cell(criterion.planned.assessment.summary)) | "
                + "\(lost)\(status(criterion.delivered)): \(cell(criterion.delivered.assessment.summary)) |\n"
        }
        if !row.lostFindings.isEmpty {
            out += "\n**Lost in delivery**\n\n" + row.lostFindings.map(findingLine).joined()
        }
        if !row.record.log.notes.isEmpty { out += "\nNotes: \(cell(row.record.log.notes))\n" }
        return out
    }

    public static func markdown(_ report: FidelityReport) -> String {
        var out = "# Fidelity of delivery — \(cell(report.term))\n\n"
        out +=
            "\(report.offerings.count) delivered offerings logged; \(report.unlogged.count) offerings of the term without a log.\n\n"
        out += "| Offering | Plan | Trainers | Minutes planned → delivered | Practice planned → delivered | "
        out += "Interactive planned → delivered | Skipped | Verdict as delivered |\n|---|---|---|---|---|---|---|---|\n"
        for row in report.offerings {
            let skipped = row.activities.filter { $0.skipped || $0.unlogged }.map(\.id)
            out +=
                "| \(cell(row.offering.id)) | \(cell(row.plan.id)) | \(cell(row.record.log.trainers.joined(separator: ", "))) | "
                + "\(row.plan.agendaMinutes) → \(row.record.delivered.agendaMinutes) | "
                + "\(percent(row.plannedPractice)) → \(percent(row.deliveredPractice)) | "
                + "\(percent(row.plannedInteractive)) → \(percent(row.deliveredInteractive)) | "
                + "\(cell(skipped.isEmpty ? "–" : skipped.joined(separator: ", "))) | \(row.record.deliveredReview.verdict.rawValue) |\n"
        }
        for (title, groups) in [
            ("By trainer", report.byTrainer), ("By module", report.byModule),
            ("Over time (by month delivered)", report.byMonth),
        ] {
            out += "\n## \(title)\n\n| | Offerings | Minutes planned → delivered | Practice planned → delivered | "
            out += "Skipped | Added | Mean adherence | Failing as delivered |\n|---|---|---|---|---|---|---|---|\n"
            for group in groups {
                out +=
                    "| \(cell(group.id)) | \(group.offerings) | \(group.plannedMinutes) → \(group.deliveredMinutes) | "
                    + "\(percent(group.plannedPractice)) → \(percent(group.deliveredPractice)) | \(group.skipped) | "
                    + "\(group.added) | \(decimal(group.meanAdherence, digits: 1)) | \(group.deliveredFails) |\n"
            }
        }
        out += "\n## Why activities were skipped\n\n"
        out +=
            report.skipReasons.isEmpty
            ? "No activity was skipped.\n"
            : report.skipReasons.map { "- \($0.reason.rawValue): \($0.count)\n" }.joined()
        out += "\n## Agreement between observers\n\n"
        if report.agreements.isEmpty {
            out += "No offering has two observations yet.\n"
        } else {
            out += "| Offering | Observers | Rated by both | Exact agreement | κ linear | κ quadratic |\n"
            out += "|---|---|---|---|---|---|\n"
            for agreement in report.agreements {
                out +=
                    "| \(cell(agreement.offering)) | \(cell(agreement.observers.joined(separator: " and "))) | \(agreement.count) | "
                    + "\(percent(agreement.percent)) | \(decimal(agreement.linear)) | \(decimal(agreement.quadratic)) |\n"
            }
        }
        if !report.findings.isEmpty {
            out += "\n## Problems in the logs\n\n" + report.findings.map(findingLine).joined()
        }
        for row in report.offerings { out += offeringMarkdown(row) }
        return out
    }
}
