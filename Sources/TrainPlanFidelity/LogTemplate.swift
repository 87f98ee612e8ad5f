import Foundation
import TrainPlanCore
public import TrainPlanFormats
import TrainPlanOutput

/// The delivery log `trainplan log new OFFERING` writes: the plan as the template, every planned
/// activity at its planned minutes, every objective as a key message delivered, for the trainer
/// to correct after the session.
public enum LogTemplate {
    /// The log of a trainer, or with `observer` an observation: the observer's id on the log,
    /// no attendance, and an empty `adherence` (1 to 5) on every activity to fill in.
    public static func text(offering: Offering, plan: SessionPlan, trainers: [String], observer: String? = nil)
        -> String
    {
        let e = HTMLReporter.escape
        let reasons = DeliveryLog.Reason.allCases.map(\.rawValue).joined(separator: ", ")
        if let observer {
            return observation(offering: offering, plan: plan, trainers: trainers, observer: observer, reasons: reasons)
        }
        let out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!--
              Delivery log of \(comment(offering.id)) (\(comment(plan.title))), \(offering.start.date.description) at \(comment(offering.place)).
              Fill in attendance (how many came) and check the trainers. For each activity write the
              minutes it took, or replace minutes="…" with skipped="REASON"; add reason="REASON" where the
              minutes differ from the plan. An activity that was not planned is <added id="…" method="…"
              minutes="…" reason="…"/>. Reasons: \(reasons).
              Set delivered="false" for a key message that was not delivered. docs/fidelity.md explains it all.
            -->
            <delivery-log xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                          xsi:noNamespaceSchemaLocation="../../Schemas/delivery-log.xsd"
                          offering="\(e(offering.id))" plan="\(e(plan.id))" date="\(offering.start.date.description)"
                          trainers="\(e(trainers.joined(separator: " ")))" attendance="">

            """
        return out + body(plan, adherence: false)
    }

    private static func observation(
        offering: Offering, plan: SessionPlan, trainers: [String], observer: String, reasons: String
    ) -> String {
        let e = HTMLReporter.escape
        let out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!--
              Observation of \(comment(offering.id)) (\(comment(plan.title))) by \(comment(observer)), \(offering.start.date.description) at \(comment(offering.place)).
              Print the checklist first: trainplan observe SessionPlans/\(comment(plan.id)).xml
              Rate each activity's adherence to the plan from 1 (not as planned) to 5 (as planned), write
              the minutes it took, or replace minutes="…" with skipped="REASON"; add reason="REASON" where
              the minutes differ. An activity that was not planned is <added id="…" method="…"
              minutes="…" reason="…"/>. Reasons: \(reasons).
              Set delivered="false" for a key message that was not delivered; time samples are
              <sample minute="0" category="…"/> every 2 minutes. docs/fidelity.md explains it all.
            -->
            <delivery-log xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                          xsi:noNamespaceSchemaLocation="../../Schemas/delivery-log.xsd"
                          offering="\(e(offering.id))" plan="\(e(plan.id))" date="\(offering.start.date.description)"
                          trainers="\(e(trainers.joined(separator: " ")))" observer="\(e(observer))">

            """
        return out + body(plan, adherence: true)
    }

    /// Every activity at its planned minutes (with an empty rating to fill in, for an
    /// observation), every objective as delivered, and the notes.
    private static func body(_ plan: SessionPlan, adherence: Bool) -> String {
        let e = HTMLReporter.escape
        var out = ""
        for item in plan.agenda {
            switch item {
            case .activity(let activity):
                out += "  <activity id=\"\(e(activity.id))\" minutes=\"\(activity.minutes)\""
                out += adherence ? " adherence=\"\"/>\n" : "/>\n"
            case .pause(let pause):
                out += "  <break minutes=\"\(pause.minutes)\"/>\n"
            }
        }
        for objective in plan.objectives {
            out += "  <objective id=\"\(e(objective.id))\" delivered=\"true\"/>\n"
        }
        return out + "  <notes></notes>\n</delivery-log>\n"
    }

    /// Text safe inside an XML comment (no "--").
    public static func comment(_ text: String) -> String {
        var text = text
        while text.contains("--") { text = text.replacingOccurrences(of: "--", with: "- -") }
        return text
    }
}
