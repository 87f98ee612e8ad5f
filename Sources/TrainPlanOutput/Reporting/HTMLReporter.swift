import TrainPlanCore
import TrainPlanFormats
public import TrainPlanReview
import TrainPlanStaffing
import TrainPlanXML

/// The review as one self-contained HTML page for a quality reviewer: a portfolio table of all
/// plans against all criteria, then each plan with its score, criteria, findings and its agenda
/// drawn to scale. No scripts, fonts or images are loaded from anywhere.
public enum HTMLReporter {
    public static func render(_ review: Review) -> String {
        let passed = review.plans.count { $0.verdict == .pass }
        var body = """
            <header>
            <h1>\(escape(review.rubric.title))</h1>
            <p class="lead">\(passed) of \(review.plans.count) plans pass. A plan passes when every essential \
            criterion is met and its weighted score reaches \(formatNumber(review.rubric.pass))%.\
            \(review.rubric.file.map { " Rubric: <code>\(escape($0))</code>." } ?? "")</p>
            </header>

            """
        body += portfolio(review)
        if !review.curriculum.isEmpty { body += curriculum(review) }
        body += legend()
        for (index, plan) in review.plans.enumerated() {
            body += section(plan, index: index, catalog: review.catalog)
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(review.rubric.title)) — trainplan review</title>
            <style>\(style)</style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    // MARK: Parts

    private static func criteriaColumns(_ review: Review) -> [(id: String, name: String)] {
        var columns: [(String, String)] = []
        for plan in review.plans {
            for result in plan.results where !columns.contains(where: { $0.0 == result.id }) {
                columns.append((result.id, result.name))
            }
        }
        return columns
    }

    private static func portfolio(_ review: Review) -> String {
        let columns = criteriaColumns(review)
        var out =
            "<section>\n<h2>Portfolio</h2>\n<div class=\"scroll\"><table class=\"portfolio\">\n<thead><tr><th>Plan</th><th>Score</th><th>Verdict</th>"
        for column in columns {
            out += "<th class=\"rot\" title=\"\(escape(column.id))\"><span>\(escape(column.name))</span></th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for (index, plan) in review.plans.enumerated() {
            let name = plan.plan?.title ?? plan.file
            out += "<tr><td><a href=\"#plan-\(index)\">\(escape(name))</a></td>"
            out += "<td class=\"num\">\(plan.score.map { "\(formatNumber($0))%" } ?? "—")</td>"
            out += "<td>\(verdictBadge(plan.verdict))</td>"
            for column in columns {
                if let result = plan.results.first(where: { $0.id == column.id }) {
                    out +=
                        "<td class=\"cell \(cellClass(result))\" title=\"\(escape(result.assessment.summary))\">\(cellMark(result))</td>"
                } else {
                    out += "<td class=\"cell na\">—</td>"
                }
            }
            out += "</tr>\n"
        }
        out +=
            "</tbody></table></div>\n<p class=\"key\"><span class=\"cell met\">✓</span> met <span class=\"cell warn\">!</span> not met <span class=\"cell fail\">✗</span> essential, not met <span class=\"cell na\">—</span> does not apply</p>\n</section>\n"
        return out
    }

    private static func curriculum(_ review: Review) -> String {
        var out =
            "<section>\n<h2>Curriculum</h2>\n<table>\n<thead><tr><th>Criterion</th><th>Result</th><th>Threshold</th><th>Evidence</th></tr></thead>\n<tbody>\n"
        for result in review.curriculum { out += criterionRow(result) }
        out += "</tbody></table>\n"
        let findings = review.curriculum.flatMap(\.assessment.findings) + review.setFindings
        out += findingList(findings)
        out += "</section>\n"
        return out
    }

    private static func legend() -> String {
        var out = "<section>\n<h2>Agenda colours</h2>\n<ul class=\"legend\">\n"
        for (category, colour) in categoryColours {
            out += "<li><span class=\"swatch\" style=\"background:\(colour)\"></span>\(escape(category))</li>"
        }
        out += "<li><span class=\"swatch brk\"></span>break</li>\n</ul>\n"
        out +=
            "<p class=\"key\">Each bar is one session drawn to scale, one block per activity; a dark edge marks interactive time.</p>\n</section>\n"
        return out
    }

    private static func section(_ review: PlanReview, index: Int, catalog: MethodCatalog?) -> String {
        var out =
            "<section class=\"plan\" id=\"plan-\(index)\">\n<header><h3>\(escape(review.plan?.title ?? review.file))</h3>"
        out +=
            "<div><span class=\"score\">\(review.score.map { "\(formatNumber($0))%" } ?? "—")</span> \(verdictBadge(review.verdict))</div></header>\n"
        if let plan = review.plan {
            out +=
                "<p class=\"meta\"><code>\(escape(review.file))</code> · module \(escape(plan.module.id)) step \(plan.module.step) · \(plan.stage.rawValue) · \(plan.delivery.rawValue) · \(plan.durationMinutes) minutes</p>\n"
            if let catalog { out += AgendaTimeline.svg(plan, catalog: catalog, id: "t\(index)") }
        } else {
            out += "<p class=\"meta\"><code>\(escape(review.file))</code></p>\n"
        }
        if review.results.isEmpty {
            out += "<p>This plan has errors that stop it from being scored; fix them and check again.</p>\n"
        } else {
            out +=
                "<table>\n<thead><tr><th>Criterion</th><th>Result</th><th>Threshold</th><th>Evidence</th></tr></thead>\n<tbody>\n"
            for result in review.results { out += criterionRow(result) }
            out += "</tbody></table>\n"
        }
        out += findingList(review.findings)
        return out + "</section>\n"
    }

    private static func criterionRow(_ result: CriterionResult) -> String {
        let strength = result.evidence?.strength.rawValue ?? "none"
        let source = result.evidence?.source ?? (result.isCustom ? "custom rule" : "")
        return
            "<tr><td><strong>\(escape(result.name))</strong>\(result.essential ? " <span class=\"ess\">essential</span>" : "")<br><small>\(escape(result.summary))</small></td>"
            + "<td class=\"\(cellClass(result))\">\(cellMark(result)) \(escape(result.assessment.summary))</td>"
            + "<td>\(escape(result.threshold?.description ?? "must hold"))<br><small>weight \(result.weight)</small></td>"
            + "<td><span class=\"ev ev-\(strength)\">\(strength)</span><br><small>\(escape(source))</small></td></tr>\n"
    }

    private static func findingList(_ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "" }
        var out = "<ul class=\"findings\">\n"
        for finding in Finding.sortedForOutput(findings) {
            out += "<li class=\"\(finding.severity.rawValue)\"><code>\(escape(finding.location.description))</code> "
            out +=
                "<span class=\"sev\">\(finding.severity.rawValue)</span> \(escape(finding.message)) <code>[\(escape(finding.id))]</code>"
            if let hint = finding.hint { out += "<br><span class=\"hint\">Hint: \(escape(hint))</span>" }
            out += "</li>\n"
        }
        return out + "</ul>\n"
    }

    // MARK: Pieces

    static let categoryColours: [(String, String)] = [
        ("presentation", "#7b9ccf"), ("media", "#a48fd0"), ("discussion", "#4fb3a0"), ("practice", "#ec8a4c"),
        ("reflection", "#d77fb3"), ("assessment", "#8cbf4a"), ("energizer", "#e8c12f"), ("planning", "#c9a46a"),
        ("logistics", "#b8b8b8"),
    ]

    public static func colour(ofCategory id: String?) -> String {
        categoryColours.first { $0.0 == id }?.1 ?? "#8a8a8a"
    }

    private static func verdictBadge(_ verdict: Verdict) -> String {
        verdict == .pass ? "<span class=\"badge pass\">pass</span>" : "<span class=\"badge fail\">fail</span>"
    }

    private static func cellClass(_ result: CriterionResult) -> String {
        switch result.assessment.status {
        case .met: "met"
        case .notMet: result.essential ? "fail" : "warn"
        case .notApplicable: "na"
        }
    }

    private static func cellMark(_ result: CriterionResult) -> String {
        switch result.assessment.status {
        case .met: "✓"
        case .notMet: result.essential ? "✗" : "!"
        case .notApplicable: "—"
        }
    }

    /// Text safe in HTML content and attribute values.
    public static func escape(_ text: String) -> String {
        // By bytes, not by Character: a quote followed by a combining mark is one Character
        // (`"` + U+0301) that a Character comparison lets through unescaped, out of an
        // attribute; and most text has nothing to escape, which one pass over the bytes tells.
        let special: (UInt8) -> Bool = {
            $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
                || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'")
        }
        guard text.utf8.contains(where: special) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    package static let style = """
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;margin:0 auto;max-width:1100px;padding:24px}
        h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:28px 0 10px;border-bottom:1px solid #dde2ea;padding-bottom:4px}
        h3{font-size:17px;margin:0}.lead{color:#4a5263;margin:4px 0 0}
        table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #dde2ea;padding:5px 8px;vertical-align:top;text-align:left}
        th{background:#f3f5f9;font-weight:600}td.num{text-align:right;white-space:nowrap}small{color:#5b6375}
        .scroll{overflow-x:auto}.portfolio th.rot{white-space:nowrap;vertical-align:bottom;padding:6px 2px;width:28px}
        .portfolio th.rot span{writing-mode:vertical-rl;transform:rotate(180deg);font-size:13px;font-weight:600}
        .cell{text-align:center;font-weight:700;width:28px}.met{background:#e3f4e1;color:#21622a}.warn{background:#fff2d6;color:#8a5a00}
        .fail{background:#fbe0e0;color:#9b1c1c}.na{background:#f4f4f4;color:#888}
        .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:13px;font-weight:600}
        .badge.pass{background:#d9f0d6;color:#1f5f27}.badge.fail{background:#f8d7d7;color:#8f1b1b}
        .ess{font-size:11px;background:#1d2330;color:#fff;border-radius:3px;padding:0 4px}
        .ev{font-size:12px;border-radius:3px;padding:0 5px}.ev-strong{background:#d4ecd0}.ev-standard{background:#dbe6f7}
        .ev-practitioner{background:#f5e7c8}.ev-none{background:#eee}
        .plan{border:1px solid #dde2ea;border-radius:8px;padding:14px 16px;margin:18px 0;page-break-inside:avoid}
        .plan header{display:flex;justify-content:space-between;align-items:baseline;gap:12px;flex-wrap:wrap}
        .score{font-size:22px;font-weight:700}.meta{color:#5b6375;margin:2px 0 10px}
        .legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:6px 16px}.legend li{display:flex;align-items:center;gap:6px}
        .swatch{display:inline-block;width:16px;height:12px;border-radius:2px;border:1px solid #0002}
        .brk{background:repeating-linear-gradient(45deg,#eee,#eee 3px,#ccc 3px,#ccc 5px)}
        .findings{padding-left:18px}.findings li{margin:4px 0}.findings .sev{font-weight:600}
        .findings li.error .sev{color:#9b1c1c}.findings li.warning .sev{color:#8a5a00}.hint{color:#2d5b9a}
        .key{color:#5b6375;font-size:13px}.timeline{margin:8px 0 4px;max-width:100%;height:auto}
        code{font-size:13px;background:#f3f5f9;padding:0 3px;border-radius:3px}
        @media print{body{max-width:none;padding:0}.plan{break-inside:avoid}}
        """
}
