public import TrainPlanCore
import TrainPlanXML

/// Reads delivery logs and observations (`Records/deliveries/*.xml`) through the safe reader and
/// the bundled schema, with a finding at the exact place of every problem. What a log says about
/// a plan (its activity ids, methods, objectives) is checked against the plan by the fidelity
/// stage, which has the plan.
public enum DeliveryLogLoader {
    /// Reads one log or observation.
    public static func log(_ text: SourceText, file: String) -> Loaded<DeliveryLog> {
        DocumentReader.load(text, file: file, schema: .deliveryLog, keepsValueWithErrors: false) { root in
            var reader = ElementReader(file: file)
            let value = decode(root, reader: &reader)
            return (value, reader.findings)
        }
    }

    private static func decode(_ root: XMLElement, reader: inout ElementReader) -> DeliveryLog? {
        guard root.name == "delivery-log", root.namespaceURI == nil else {
            reader.report(
                "wrong-document", "This is a <\(root.name)> document, not a delivery log (<delivery-log>).",
                at: root.position)
            return nil
        }
        reader.checkShape(
            root, attributes: ["offering", "plan", "date", "trainers", "attendance", "observer"],
            required: ["offering", "trainers"],
            children: ["activity", "added", "break", "objective", "sample", "notes"],
            repeatable: ["activity", "added", "break", "objective", "sample"])
        let offering = reader.slug("offering", of: root)
        let plan = reader.slug("plan", of: root)
        var date: LocalDate?
        if let attribute = root.attribute("date") {
            date = LocalDate(attribute.value.trimmingSpaces)
            if date == nil {
                reader.report(
                    "invalid-date", "date=\"\(attribute.value)\" is not a date that exists (from 1970 to 9999).",
                    hint: "Write YYYY-MM-DD, e.g. 2027-03-02.", at: attribute.position)
            }
        }
        var trainers: [String] = []
        if let attribute = root.attribute("trainers") {
            for word in ElementReader.words(attribute.value) {
                if ElementReader.isSlug(word) {
                    trainers.append(word)
                } else {
                    reader.report(
                        "invalid-id",
                        "'\(word)' is not a valid trainer id: ids use lower-case letters, digits and hyphens.",
                        hint: "Write it as '\(ElementReader.slugified(word))'.", at: attribute.position)
                }
            }
            if trainers.isEmpty, ElementReader.words(attribute.value).isEmpty {
                reader.report(
                    "missing-text", "The log names no trainer.", hint: "Write trainers=\"ana\" (ids from the roster).",
                    at: attribute.position)
            }
        }
        let attendance = reader.wholeNumber("attendance", of: root, in: NumberRanges.attendance)
        let observer = reader.slug("observer", of: root)
        if root.attribute("observer") == nil, root.attribute("attendance") == nil {
            reader.report(
                "missing-attribute", "A trainer's log needs the attribute 'attendance' (how many participants came).",
                hint: "Add attendance=\"…\"; an observation names its observer=\"…\" instead.", at: root.position)
        }
        var blocks: [DeliveryLog.Block] = []
        var keyMessages: [DeliveryLog.KeyMessage] = []
        var samples: [DeliveryLog.Sample] = []
        var seen: [String: Int] = [:]
        func unique(_ id: String, _ element: XMLElement, reader: inout ElementReader) -> Bool {
            if let line = seen[id] {
                reader.report(
                    "duplicate-id", "The activity '\(id)' is logged twice; the first is at line \(line).",
                    hint: "Log each activity once, with the minutes it took in all.", at: element.position)
                return false
            }
            seen[id] = element.position.line
            return true
        }
        func reason(_ name: String, of element: XMLElement, reader: inout ElementReader) -> DeliveryLog.Reason? {
            guard let attribute = element.attribute(name) else { return nil }
            return reader.choice(attribute.value, as: DeliveryLog.Reason.self, what: "reason", at: attribute.position)
        }
        for element in root.children {
            switch element.name {
            case "activity":
                reader.checkShape(
                    element, attributes: ["id", "minutes", "skipped", "reason", "adherence"], required: ["id"])
                guard let id = reader.slug("id", of: element) else { continue }
                let minutes = reader.wholeNumber("minutes", of: element, in: NumberRanges.sessionMinutes)
                let skipped = reason("skipped", of: element, reader: &reader)
                let changed = reason("reason", of: element, reader: &reader)
                let adherence = reader.wholeNumber("adherence", of: element, in: NumberRanges.adherence)
                let hasMinutes = element.attribute("minutes") != nil
                let hasSkipped = element.attribute("skipped") != nil
                if hasMinutes == hasSkipped {
                    reader.report(
                        hasMinutes ? "invalid-value" : "missing-attribute",
                        hasMinutes
                            ? "The activity '\(id)' has both minutes and skipped: it was either delivered or not."
                            : "The activity '\(id)' needs minutes=\"…\" (as delivered) or skipped=\"…\" (a reason).",
                        hint: "Write minutes=\"12\" for the minutes it took, or skipped=\"time\" if it was dropped.",
                        at: element.position)
                    continue
                }
                guard unique(id, element, reader: &reader), hasSkipped ? skipped != nil : minutes != nil else {
                    continue
                }
                blocks.append(
                    .planned(
                        DeliveryLog.PlannedActivity(
                            id: id, minutes: minutes, skipped: skipped, reason: changed, adherence: adherence,
                            location: reader.location(element),
                            idLocation: reader.location(element.attribute("id")?.position ?? element.position))))
            case "added":
                reader.checkShape(
                    element, attributes: ["id", "method", "minutes", "reason"],
                    required: ["id", "method", "minutes", "reason"])
                guard let id = reader.slug("id", of: element), let method = reader.slug("method", of: element),
                    let minutes = reader.wholeNumber("minutes", of: element, in: NumberRanges.sessionMinutes),
                    let why = reason("reason", of: element, reader: &reader), unique(id, element, reader: &reader)
                else { continue }
                blocks.append(
                    .added(
                        DeliveryLog.AddedActivity(
                            id: id, method: method, minutes: minutes, reason: why, location: reader.location(element),
                            methodLocation: reader.location(element.attribute("method")?.position ?? element.position)))
                )
            case "break":
                reader.checkShape(element, attributes: ["minutes"], required: ["minutes"])
                guard let minutes = reader.wholeNumber("minutes", of: element, in: NumberRanges.sessionMinutes) else {
                    continue
                }
                blocks.append(.pause(minutes: minutes, location: reader.location(element)))
            case "objective":
                reader.checkShape(element, attributes: ["id", "delivered"], required: ["id", "delivered"])
                guard let id = reader.slug("id", of: element), let delivered = reader.flag("delivered", of: element)
                else { continue }
                keyMessages.append(
                    DeliveryLog.KeyMessage(objective: id, delivered: delivered, location: reader.location(element)))
            case "sample":
                reader.checkShape(element, attributes: ["minute", "category"], required: ["minute", "category"])
                guard let minute = reader.wholeNumber("minute", of: element, in: NumberRanges.sampleMinute),
                    let category = reader.slug("category", of: element)
                else { continue }
                if minute % 2 != 0 {
                    reader.report(
                        "invalid-number", "minute=\"\(minute)\" is not on the 2-minute grid (0, 2, 4, …).",
                        hint: "Record the sample at the even minute it was taken.",
                        at: element.attribute("minute")?.position ?? element.position)
                    continue
                }
                samples.append(
                    DeliveryLog.Sample(minute: minute, category: category, location: reader.location(element)))
            default:
                continue
            }
        }
        let notes = root.child(named: "notes")?.normalizedText ?? ""
        guard let offering, root.attribute("plan") == nil || plan != nil else { return nil }
        return DeliveryLog(
            offering: offering,
            offeringLocation: reader.location(root.attribute("offering")?.position ?? root.position), plan: plan,
            planLocation: root.attribute("plan").map { reader.location($0.position) }, date: date,
            trainers: trainers,
            trainersLocation: reader.location(root.attribute("trainers")?.position ?? root.position),
            attendance: attendance, observer: observer,
            observerLocation: root.attribute("observer").map { reader.location($0.position) }, blocks: blocks,
            keyMessages: keyMessages, samples: samples,
            notes: notes, location: reader.location(root))
    }
}
