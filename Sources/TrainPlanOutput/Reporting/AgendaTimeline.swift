import TrainPlanCore
public import TrainPlanFormats
import TrainPlanReview
import TrainPlanStaffing
import TrainPlanXML

/// A plan's agenda with clock times: where each block starts and ends.
public struct TimedAgenda: Sendable {
    /// One block of the agenda with its times, in minutes from the session's start.
    public struct Block: Sendable {
        public var item: AgendaItem
        public var start: Int
        public var end: Int
        public var category: MethodCatalog.Category?
    }

    public var plan: SessionPlan
    public var blocks: [Block]
    /// The clock time the session starts, in minutes after midnight.
    public var startOfDay: Int

    public init(_ plan: SessionPlan, catalog: MethodCatalog, startOfDay: Int = 0) {
        self.plan = plan
        self.startOfDay = startOfDay
        var minute = 0
        blocks = plan.agenda.map { item in
            defer { minute += item.minutes }
            var category: MethodCatalog.Category?
            if case .activity(let activity) = item { category = catalog.category(ofMethod: activity.method) }
            return Block(item: item, start: minute, end: minute + item.minutes, category: category)
        }
    }

    /// `HH:MM` for a minute of the session.
    public func clock(_ minute: Int) -> String {
        let total = (startOfDay + minute) % (24 * 60)
        return String(total / 60).leftPadded(to: 2) + ":" + String(total % 60).leftPadded(to: 2)
    }
}

/// Draws a plan's agenda to scale as inline SVG, one block per activity coloured by category.
enum AgendaTimeline {
    static func svg(_ plan: SessionPlan, catalog: MethodCatalog, id: String, width: Int = 1000) -> String {
        let agenda = TimedAgenda(plan, catalog: catalog)
        let total = max(plan.agendaMinutes, plan.durationMinutes, 1)
        let scale = Double(width - 20) / Double(total)
        func x(_ minute: Int) -> String { formatNumber(10 + Double(minute) * scale) }
        var out = """
            <svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="\(width)" height="70" \
            viewBox="0 0 \(width) 70" role="img" aria-label="Agenda of \(HTMLReporter.escape(plan.title)), drawn to scale">
            <defs><pattern id="\(id)-brk" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
            <rect width="6" height="6" fill="#eeeeee"/><rect width="2" height="6" fill="#c4c4c4"/></pattern></defs>

            """
        for block in agenda.blocks {
            let left = 10 + Double(block.start) * scale
            let blockWidth = max(Double(block.end - block.start) * scale - 1.5, 1)
            let tip: String
            let fill: String
            var label = "\(block.end - block.start)′"
            switch block.item {
            case .pause:
                fill = "url(#\(id)-brk)"
                tip = "\(agenda.clock(block.start))–\(agenda.clock(block.end)) break"
                if blockWidth >= 70 { label += " break" }
            case .activity(let activity):
                fill = HTMLReporter.colour(ofCategory: block.category?.id)
                tip =
                    "\(agenda.clock(block.start))–\(agenda.clock(block.end)) \(activity.method) (\(block.category?.id ?? "unknown category"), \(activity.grouping.rawValue))"
                    + (activity.title.map { ": \($0)" } ?? "")
                if blockWidth >= Double(label.count + activity.method.count + 1) * 6.6 {
                    label += " " + activity.method
                }
            }
            out += "<g><title>\(HTMLReporter.escape(tip))</title>"
            out +=
                "<rect x=\"\(formatNumber(left))\" y=\"8\" width=\"\(formatNumber(blockWidth))\" height=\"34\" rx=\"2\" fill=\"\(fill)\"/>"
            if block.category?.isInteractive == true {
                out +=
                    "<rect x=\"\(formatNumber(left))\" y=\"38\" width=\"\(formatNumber(blockWidth))\" height=\"4\" fill=\"#1d2330\" fill-opacity=\"0.55\"/>"
            }
            if blockWidth >= 24 {
                out +=
                    "<text x=\"\(formatNumber(left + 4))\" y=\"29\" font-size=\"12\" fill=\"#111\">\(HTMLReporter.escape(label))</text>"
            }
            out += "</g>\n"
        }
        var tick = 0
        while tick <= total {
            out += "<line x1=\"\(x(tick))\" y1=\"44\" x2=\"\(x(tick))\" y2=\"49\" stroke=\"#777\"/>"
            out +=
                "<text x=\"\(x(tick))\" y=\"62\" font-size=\"11\" fill=\"#555\" text-anchor=\"middle\">\(tick)</text>\n"
            tick += 15
        }
        return out + "</svg>\n"
    }
}
