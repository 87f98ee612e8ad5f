import TrainPlanCore
public import TrainPlanFormats
import TrainPlanReview
import TrainPlanStaffing
import TrainPlanXML

/// A plan's timed agenda for print: start and end of each block, as text, Markdown or HTML.
public enum AgendaReporter {
    private static func what(_ block: TimedAgenda.Block) -> (method: String, grouping: String, title: String) {
        switch block.item {
        case .pause: ("break", "", "Break")
        case .activity(let activity):
            (activity.method, activity.grouping.rawValue, activity.title ?? activity.description ?? activity.id)
        }
    }

    /// Plain text, aligned in columns.
    public static func text(_ agenda: TimedAgenda) -> String {
        let plan = agenda.plan
        var out =
            "\(plan.title)\n\(plan.durationMinutes) minutes, \(plan.delivery.rawValue), \(plan.stage.rawValue)\n\n"
        for block in agenda.blocks {
            let item = what(block)
            out +=
                "\(agenda.clock(block.start))–\(agenda.clock(block.end))  "
                + "\(block.end - block.start)′".leftPadding(4) + "  " + item.method.padding(15) + "  "
                + item.grouping.padding(12) + "  " + item.title + "\n"
        }
        out += "\nObjectives\n"
        for objective in plan.objectives { out += "- \(objective.text)\n" }
        return out
    }

    /// A Markdown table.
    public static func markdown(_ agenda: TimedAgenda) -> String {
        let plan = agenda.plan
        var out = "# \(MarkdownReporter.inline(plan.title))\n\n"
        out += "\(plan.durationMinutes) minutes · \(plan.delivery.rawValue) · \(plan.stage.rawValue)\n\n"
        out += "| Time | Minutes | Method | Grouping | Activity |\n|---|---:|---|---|---|\n"
        for block in agenda.blocks {
            let item = what(block)
            out +=
                "| \(agenda.clock(block.start))–\(agenda.clock(block.end)) | \(block.end - block.start) | \(item.method) | \(item.grouping) | \(MarkdownReporter.cell(item.title)) |\n"
        }
        out += "\n## Objectives\n\n"
        for objective in plan.objectives { out += "- \(MarkdownReporter.inline(objective.text))\n" }
        return out
    }

    /// One HTML page that prints well on paper: the timeline, the timed table with materials,
    /// and the objectives.
    public static func html(_ agenda: TimedAgenda, catalog: MethodCatalog) -> String {
        let plan = agenda.plan
        var rows = ""
        for block in agenda.blocks {
            let item = what(block)
            var details = ""
            if case .activity(let activity) = block.item {
                if let description = activity.description {
                    details += "<br><small>\(HTMLReporter.escape(description))</small>"
                }
                if !activity.materials.isEmpty {
                    details +=
                        "<br><small>Materials: \(HTMLReporter.escape(activity.materials.joined(separator: "; ")))</small>"
                }
                if let notes = activity.notes { details += "<br><small>Trainer: \(HTMLReporter.escape(notes))</small>" }
            }
            let colour =
                block.category.map { HTMLReporter.colour(ofCategory: $0.id) }
                ?? (item.method == "break" ? "#e6e6e6" : "#8a8a8a")
            rows +=
                "<tr><td class=\"time\">\(agenda.clock(block.start))–\(agenda.clock(block.end))</td><td class=\"num\">\(block.end - block.start)</td>"
                + "<td><span class=\"swatch\" style=\"background:\(colour)\"></span> \(HTMLReporter.escape(item.method))</td>"
                + "<td>\(HTMLReporter.escape(item.grouping))</td><td>\(HTMLReporter.escape(item.title))\(details)</td></tr>\n"
        }
        let objectives = plan.objectives.map { "<li>\(HTMLReporter.escape($0.text))</li>" }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(HTMLReporter.escape(plan.title)) — agenda</title>
            <style>\(HTMLReporter.style)
            td.time{white-space:nowrap;font-variant-numeric:tabular-nums}
            @page{margin:15mm}</style>
            </head>
            <body>
            <h1>\(HTMLReporter.escape(plan.title))</h1>
            <p class="lead">\(plan.durationMinutes) minutes · \(plan.delivery.rawValue) · \(plan.stage.rawValue) · module \(HTMLReporter.escape(plan.module.id)), step \(plan.module.step)</p>
            \(AgendaTimeline.svg(plan, catalog: catalog, id: "agenda"))<table>
            <thead><tr><th>Time</th><th>Min</th><th>Method</th><th>Grouping</th><th>Activity</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>
            <h2>Objectives</h2>
            <ul>
            \(objectives)
            </ul>
            </body>
            </html>

            """
    }
}
