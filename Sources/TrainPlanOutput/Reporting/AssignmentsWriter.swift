public import Foundation
import TrainPlanCore
import TrainPlanFormats
import TrainPlanReview
public import TrainPlanStaffing
import TrainPlanXML

/// Writes `assignments.xml`: the trainers (and observer) of every offering, then every unstaffed
/// role with each trainer and what ruled them out, then what of the observation share is unmet. `trainplan schedule --previous` reads it back.
public enum AssignmentsWriter {
    /// Times are written as ISO local times in `timeZone` with their offset
    /// (`2027-03-02T18:00-06:00`), in UTC without one.
    public static func render(_ schedule: Schedule, timeZone: TimeZone? = nil) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<assignments term=\"\(escape(schedule.term))\">\n"
        for assignment in schedule.assignments + schedule.cancelled {
            out += "  <assignment offering=\"\(escape(assignment.offering))\""
            if let primary = assignment.primary { out += " primary=\"\(escape(primary))\"" }
            if let backup = assignment.backup { out += " backup=\"\(escape(backup))\"" }
            if let observer = assignment.observer { out += " observer=\"\(escape(observer))\"" }
            out += " sequence=\"\(assignment.sequence)\""
            if let stamp = assignment.stamp { out += " stamp=\"\(escape(stamp))\"" }
            if assignment.cancelled { out += " cancelled=\"true\"" }
            if let start = assignment.startMinutes {
                out += " start=\"\(ISOTime.text(minutesSince1970: start, in: timeZone))\""
            }
            if let end = assignment.endMinutes {
                out += " end=\"\(ISOTime.text(minutesSince1970: end, in: timeZone))\""
            }
            if let place = assignment.place { out += " place=\"\(escape(place))\"" }
            if let title = assignment.title { out += " title=\"\(escape(title))\"" }
            out += "/>\n"
        }
        for gap in schedule.gaps {
            out += "  <unstaffed offering=\"\(escape(gap.offering))\" role=\"\(gap.role.rawValue)\">\n"
            for candidate in gap.candidates {
                out +=
                    "    <candidate trainer=\"\(escape(candidate.trainer))\">\(escape(candidate.reason))</candidate>\n"
            }
            out += "  </unstaffed>\n"
        }
        for gap in schedule.observationGaps {
            out += "  <unobserved need=\"\(gap.need.rawValue)\""
            if let subject = gap.subject { out += " subject=\"\(escape(subject))\"" }
            if gap.need == .share { out += " asked=\"\(gap.asked)\" observed=\"\(gap.observed)\"" }
            out += gap.candidates.isEmpty ? "/>\n" : ">\n"
            for candidate in gap.candidates {
                out +=
                    "    <candidate offering=\"\(escape(candidate.offering))\" trainer=\"\(escape(candidate.trainer))\">"
                    + "\(escape(candidate.reason))</candidate>\n"
            }
            if !gap.candidates.isEmpty { out += "  </unobserved>\n" }
        }
        return out + "</assignments>\n"
    }

    /// Text safe in XML content and attribute values (the same escaping as the HTML report).
    static func escape(_ text: String) -> String { HTMLReporter.escape(text) }
}
