import TrainPlanFormats

// The dose-as-delivered section of the HTML and Markdown reports.

extension EvaluationHTML {
    static func deliveredDose(_ section: DeliveredDoseSection) -> String {
        let n = NumberText.self
        let e = escape
        func cells(_ values: [String]) -> String { values.map { "<td>\(e($0))</td>" }.joined() }
        var out = "<h2>Dose as delivered</h2>\n<p>\(e(n.deliveredIntroduction(section)))</p>\n"
        if !section.notes.isEmpty {
            out += "<ul>\n" + section.notes.map { "<li class=\"note\">\(e($0))</li>\n" }.joined() + "</ul>\n"
        }
        out +=
            "<h3>Pre-match offerings attended</h3>\n<table><tr><th>offering</th><th>plan</th><th>date</th><th>mentors attending</th><th>log</th><th>came (log)</th><th>planned minutes delivered</th><th>practice</th><th>interactive</th></tr>\n"
        for row in section.offerings {
            out +=
                "<tr><td>\(e(row.offering))</td><td>\(e(row.plan))</td><td>\(e(row.date))</td><td class=\"n\">\(row.mentorsAttending)</td><td>\(row.log.map { "<code>\(e($0))</code>" } ?? "<span class=\"behind\">none</span>")</td><td class=\"n\">\(row.attendance.map(String.init) ?? "")</td>\(cells(n.deliveredCells(row.minutes)))</tr>\n"
        }
        out +=
            "</table>\n<h3>Mentors by delivered fidelity</h3>\n<table><tr><th>group</th><th>mentors</th><th>planned minutes delivered</th><th>practice</th><th>interactive</th></tr>\n"
        for group in section.groups {
            out +=
                "<tr><td>\(e(group.label))</td><td class=\"n\">\(group.mentors)</td>\(cells(n.deliveredCells(group.mentors > 0 && group.minutes.planned > 0 ? group.minutes : nil)))</tr>\n"
        }
        out +=
            "</table>\n<table><tr><th>mentor</th><th>pre-match sessions</th><th>logged</th><th>planned minutes delivered</th><th>practice</th><th>interactive</th><th>group</th></tr>\n"
        for mentor in section.mentors {
            out +=
                "<tr><td>\(e(mentor.mentor))</td><td class=\"n\">\(mentor.sessions)</td><td class=\"n\">\(mentor.logged)</td>\(cells(n.deliveredCells(mentor.logged > 0 ? mentor.minutes : nil)))<td\(mentor.compared ? "" : " class=\"note\"")>\(e(mentor.group))</td></tr>\n"
        }
        out += "</table>\n" + survival(section.matchLength, heading: "h3")
        out +=
            "<h3>Cox model: closure and delivered practice</h3>\n<p>" + cox(section.cox, note: section.coxNote)
            + "</p>\n"
        return out
    }
}

extension EvaluationMarkdown {
    static func deliveredDose(_ section: DeliveredDoseSection) -> String {
        let n = NumberText.self
        let e = escape
        func cells(_ values: [String]) -> String { values.map { " \(e($0)) |" }.joined() }
        var out = "\n## Dose as delivered\n\n\(e(n.deliveredIntroduction(section)))\n"
        if !section.notes.isEmpty {
            out += "\n" + section.notes.map { "- \(e($0))\n" }.joined()
        }
        out +=
            "\n### Pre-match offerings attended\n\n| offering | plan | date | mentors attending | log | came (log) | planned minutes delivered | practice | interactive |\n|---|---|---|---:|---|---:|---|---|---|\n"
        for row in section.offerings {
            out +=
                "| \(e(row.offering)) | \(e(row.plan)) | \(e(row.date)) | \(row.mentorsAttending) | \(row.log.map { "`\(e($0))`" } ?? "**none**") | \(row.attendance.map(String.init) ?? "") |\(cells(n.deliveredCells(row.minutes)))\n"
        }
        out +=
            "\n### Mentors by delivered fidelity\n\n| group | mentors | planned minutes delivered | practice | interactive |\n|---|---:|---|---|---|\n"
        for group in section.groups {
            out +=
                "| \(e(group.label)) | \(group.mentors) |\(cells(n.deliveredCells(group.mentors > 0 && group.minutes.planned > 0 ? group.minutes : nil)))\n"
        }
        out +=
            "\n| mentor | pre-match sessions | logged | planned minutes delivered | practice | interactive | group |\n|---|---:|---:|---|---|---|---|\n"
        for mentor in section.mentors {
            out +=
                "| \(e(mentor.mentor)) | \(mentor.sessions) | \(mentor.logged) |\(cells(n.deliveredCells(mentor.logged > 0 ? mentor.minutes : nil))) \(e(mentor.group)) |\n"
        }
        out += survival(section.matchLength, heading: "###")
        out += "\n### Cox model: closure and delivered practice\n\n" + cox(section.cox, note: section.coxNote)
        return out
    }
}
