import TrainPlanCore
public import TrainPlanFormats
import TrainPlanOutput

/// The printable observation checklist of a plan (`trainplan observe PLAN`): every activity with
/// a 1–5 adherence scale, the objectives (the key messages) to tick, and optionally a 2-minute
/// time-sampling grid over the session with the catalog's categories as columns. One
/// self-contained page; nothing is fetched.
public enum ObservationChecklist {
    /// The sampling interval, in minutes (COPUS uses 2).
    public static let interval = 2

    public static func html(_ plan: SessionPlan, catalog: MethodCatalog, sampling: Bool) -> String {
        let e = HTMLReporter.escape
        var body = "<h1>Observation: \(e(plan.title))</h1>\n"
        body +=
            "<p class=\"lead\">Plan \(e(plan.id))\(plan.version.map { " (version \(e($0)))" } ?? "") · \(plan.durationMinutes) minutes · module \(e(plan.module.id)), step \(plan.module.step)</p>\n"
        body +=
            "<p>Offering: ________________ Date: ____________ Observer: ________________ Trainers: ________________</p>\n"
        body += "<h2>Activities</h2>\n"
        body +=
            "<p>Adherence: 1 not delivered as planned · 2 largely changed · 3 partly as planned · 4 mostly as planned · 5 exactly as planned. Write the minutes it took, or why it was skipped.</p>\n"
        body += "<table>\n<thead><tr><th class=\"num\">Planned</th><th>Activity</th><th>Method</th>"
        body += "<th class=\"num\">Min</th><th>Adherence</th><th>Minutes / skipped because</th></tr></thead>\n<tbody>\n"
        var start = 0
        for item in plan.agenda {
            let end = start + item.minutes
            let when = "\(start)–\(end)"
            switch item {
            case .activity(let activity):
                let scale = (1...5).map { "<span class=\"box\">☐</span>\u{00A0}\($0)" }.joined(separator: " ")
                body +=
                    "<tr><td class=\"num\">\(when)</td><td><b>\(e(activity.id))</b>\(activity.title.map { "<br>\(e($0))" } ?? "")</td>"
                    + "<td>\(e(activity.method))</td><td class=\"num\">\(activity.minutes)</td><td class=\"scale\">\(scale)</td><td class=\"write\"></td></tr>\n"
            case .pause:
                body +=
                    "<tr><td class=\"num\">\(when)</td><td>Break</td><td></td><td class=\"num\">\(item.minutes)</td><td></td><td class=\"write\"></td></tr>\n"
            }
            start = end
        }
        body += "</tbody>\n</table>\n<h2>Key messages (the plan's objectives)</h2>\n<ul class=\"ticks\">\n"
        for objective in plan.objectives {
            body +=
                "<li><span class=\"box\">☐</span> delivered: \(e(objective.text)) <small>(\(e(objective.id)))</small></li>\n"
        }
        body += "</ul>\n"
        if sampling {
            let categories = catalog.categories
            body += "<h2>Time sampling, every \(interval) minutes</h2>\n"
            body +=
                "<p>At each mark, tick what most participants are doing.</p>\n<table class=\"grid\">\n<thead><tr><th class=\"num\">Minute</th>"
            for category in categories { body += "<th>\(e(category.id))</th>" }
            body += "</tr></thead>\n<tbody>\n"
            for minute in stride(from: 0, to: max(plan.durationMinutes, 1), by: interval) {
                body += "<tr><td class=\"num\">\(minute)</td>"
                body += String(repeating: "<td class=\"cell\">☐</td>", count: categories.count)
                body += "</tr>\n"
            }
            body += "</tbody>\n</table>\n"
        }
        body += "<h2>Notes</h2>\n<div class=\"notes\"></div>\n"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Observation: \(e(plan.title))</title>
            <style>\(HTMLReporter.style)
            td.scale{white-space:nowrap}td.write{min-width:180px}.box{font-size:16px}
            table.grid td.cell{text-align:center;padding:1px 4px}table.grid th{font-size:11px}
            ul.ticks{list-style:none;padding-left:0}div.notes{border:1px solid #999;min-height:120px}
            @page{margin:12mm}@media print{h2{break-after:avoid}tr{break-inside:avoid}}</style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }
}
