public import TrainPlanCore
public import TrainPlanXML

/// Turns a parsed `session` document into a `SessionPlan`, with a finding for every departure
/// from the format. The plan is `nil` only when something it cannot do without is missing.
public enum PlanDecoder {
    /// Decodes the root element of a plan file.
    public static func decode(_ root: XMLElement, file: String) -> (plan: SessionPlan?, findings: [Finding]) {
        var reader = ElementReader(file: file)
        let plan = decode(root, reader: &reader)
        return (plan, reader.findings)
    }

    private static func decode(_ root: XMLElement, reader: inout ElementReader) -> SessionPlan? {
        guard root.name == "session", root.namespaceURI == nil else {
            reader.report(
                "wrong-document",
                "This is a <\(root.name)> document, not a session plan (<session>).",
                hint: "Check only session plans here, or point the command at the right file.",
                at: root.position)
            return nil
        }
        reader.checkShape(
            root, attributes: ["id", "version"], required: ["id"],
            children: [
                "title", "module", "stage", "duration", "delivery", "audience", "objectives", "agenda",
                "evaluation",
            ])
        let id = reader.slug("id", of: root)
        let title = reader.child("title", of: root).map { element in
            reader.checkShape(element, attributes: [], allowsText: true)
            return reader.text(of: element, required: true)
        }
        let module = reader.child("module", of: root).flatMap { decodeModule($0, reader: &reader) }
        let stage = reader.child("stage", of: root).flatMap { element -> SessionPlan.Stage? in
            reader.checkShape(element, attributes: [], allowsText: true)
            return reader.choice(
                element.normalizedText, as: SessionPlan.Stage.self, what: "stage", at: element.position)
        }
        let durationElement = reader.child("duration", of: root)
        let duration = durationElement.flatMap { element -> Int? in
            reader.checkShape(element, attributes: ["minutes"], required: ["minutes"])
            return reader.positiveInteger("minutes", of: element, in: NumberRanges.sessionMinutes)
        }
        let delivery = reader.child("delivery", of: root).flatMap { element -> SessionPlan.DeliveryMode? in
            reader.checkShape(element, attributes: ["mode"], required: ["mode"])
            guard let mode = element.attribute("mode") else { return nil }
            return reader.choice(
                mode.value, as: SessionPlan.DeliveryMode.self, what: "delivery mode", at: mode.position)
        }
        let audience = reader.child("audience", of: root, required: false).map {
            decodeAudience($0, reader: &reader)
        }
        let objectivesElement = reader.child("objectives", of: root)
        let objectives = objectivesElement.map { decodeObjectives($0, reader: &reader) } ?? []
        let agendaElement = reader.child("agenda", of: root)
        let agenda = agendaElement.map { decodeAgenda($0, reader: &reader) } ?? []
        let evaluation =
            reader.child("evaluation", of: root, required: false).map {
                decodeEvaluation($0, reader: &reader)
            } ?? []

        guard let id, let title, let module, let stage, let duration, let durationElement, let delivery,
            let objectivesElement, let agendaElement
        else { return nil }
        return SessionPlan(
            id: id, version: root.attribute("version")?.value, title: title, module: module, stage: stage,
            durationMinutes: duration, durationLocation: reader.location(durationElement),
            delivery: delivery, audience: audience, objectives: objectives,
            objectivesLocation: reader.location(objectivesElement), agenda: agenda,
            agendaLocation: reader.location(agendaElement), evaluation: evaluation,
            location: reader.location(root))
    }

    private static func decodeModule(_ element: XMLElement, reader: inout ElementReader)
        -> SessionPlan.ModuleStep?
    {
        reader.checkShape(element, attributes: ["id", "step"], required: ["id", "step"])
        guard let id = reader.slug("id", of: element),
            let step = reader.positiveInteger("step", of: element, in: NumberRanges.moduleStep)
        else { return nil }
        return SessionPlan.ModuleStep(id: id, step: step, location: reader.location(element))
    }

    private static func decodeAudience(_ element: XMLElement, reader: inout ElementReader)
        -> SessionPlan.Audience
    {
        reader.checkShape(element, attributes: ["min", "max"], allowsText: true)
        let minimum = reader.positiveInteger("min", of: element, in: NumberRanges.audience)
        let maximum = reader.positiveInteger("max", of: element, in: NumberRanges.audience)
        if let minimum, let maximum, minimum > maximum, let at = element.attribute("max")?.position {
            reader.report(
                "invalid-value", "The audience's max (\(maximum)) is smaller than its min (\(minimum)).",
                hint: "Swap the two numbers.", at: at)
        }
        return SessionPlan.Audience(
            minimum: minimum, maximum: maximum, description: element.normalizedText,
            location: reader.location(element))
    }

    private static func decodeObjectives(_ element: XMLElement, reader: inout ElementReader) -> [Objective] {
        reader.checkShape(element, attributes: [], children: ["objective"], repeatable: ["objective"])
        if element.children(named: "objective").isEmpty {
            reader.report(
                "missing-element", "<objectives> lists no <objective>.",
                hint: "Write at least one objective that says what mentors will be able to do.",
                at: element.position)
        }
        return element.children(named: "objective").compactMap { objective in
            reader.checkShape(objective, attributes: ["id", "level"], required: ["id"], allowsText: true)
            let id = reader.slug("id", of: objective)
            let text = reader.text(of: objective, required: true)
            let level = objective.attribute("level").flatMap {
                reader.choice($0.value, as: BloomLevel.self, what: "Bloom level", at: $0.position)
            }
            guard let id else { return nil }
            return Objective(id: id, level: level, text: text, location: reader.location(objective))
        }
    }

    private static func decodeAgenda(_ element: XMLElement, reader: inout ElementReader) -> [AgendaItem] {
        reader.checkShape(
            element, attributes: [], children: ["activity", "break"], repeatable: ["activity", "break"])
        if element.children.isEmpty {
            reader.report(
                "missing-element", "The agenda is empty.",
                hint: "Add the session's <activity> and <break> blocks in the order they happen.",
                at: element.position)
        }
        return element.children.compactMap { child -> AgendaItem? in
            switch (child.name, child.namespaceURI) {
            case ("activity", nil):
                return decodeActivity(child, reader: &reader).map(AgendaItem.activity)
            case ("break", nil):
                reader.checkShape(child, attributes: ["minutes"], required: ["minutes"])
                return reader.positiveInteger("minutes", of: child, in: NumberRanges.sessionMinutes).map {
                    .pause(Break(minutes: $0, location: reader.location(child)))
                }
            default:
                return nil
            }
        }
    }

    private static func decodeActivity(_ element: XMLElement, reader: inout ElementReader) -> Activity? {
        reader.checkShape(
            element, attributes: ["id", "method", "minutes", "grouping", "objectives"],
            required: ["id", "method", "minutes"], children: ["title", "description", "materials", "notes"])
        let id = reader.slug("id", of: element)
        let method = element.attribute("method")
        let minutes = reader.positiveInteger("minutes", of: element, in: NumberRanges.sessionMinutes)
        var grouping = Activity.Grouping.wholeGroup
        if let attribute = element.attribute("grouping") {
            grouping =
                reader.choice(attribute.value, as: Activity.Grouping.self, what: "grouping", at: attribute.position)
                ?? .wholeGroup
        }
        let objectivesAttribute = element.attribute("objectives")
        let objectives =
            objectivesAttribute.map { ElementReader.words($0.value) } ?? []
        var materials: [String] = []
        if let list = element.child(named: "materials") {
            reader.checkShape(list, attributes: [], children: ["item"], repeatable: ["item"])
            materials = list.children(named: "item").map { item in
                reader.checkShape(item, attributes: [], allowsText: true)
                return reader.text(of: item, required: true)
            }
            if materials.isEmpty {
                reader.report(
                    "missing-element", "<materials> is empty.",
                    hint: "List each item in its own <item>, or remove <materials>.", at: list.position)
            }
        }
        for child in element.children where child.namespaceURI == nil {
            switch child.name {
            case "title", "description", "notes": reader.checkShape(child, attributes: [], allowsText: true)
            default: break
            }
        }
        guard let id, let method, let minutes else { return nil }
        return Activity(
            id: id, method: method.value.trimmingSpaces, methodLocation: reader.location(method.position),
            minutes: minutes, grouping: grouping, objectives: objectives,
            objectivesLocation: reader.location(objectivesAttribute?.position ?? element.position),
            title: element.child(named: "title")?.normalizedText,
            description: element.child(named: "description")?.normalizedText, materials: materials,
            notes: element.child(named: "notes")?.normalizedText, location: reader.location(element))
    }

    private static func decodeEvaluation(_ element: XMLElement, reader: inout ElementReader)
        -> [SessionPlan.Measure]
    {
        reader.checkShape(element, attributes: [], children: ["measure"], repeatable: ["measure"])
        if element.child(named: "measure") == nil {
            reader.report(
                "missing-element", "<evaluation> is empty.",
                hint:
                    "Add a <measure level=\"reaction\">…</measure> for each way the session is evaluated, or remove <evaluation>.",
                at: element.position)
        }
        return element.children(named: "measure").compactMap { measure in
            reader.checkShape(measure, attributes: ["level"], required: ["level"], allowsText: true)
            guard let attribute = measure.attribute("level"),
                let level = reader.choice(
                    attribute.value, as: SessionPlan.Measure.Level.self, what: "evaluation level",
                    at: attribute.position)
            else { return nil }
            return SessionPlan.Measure(
                level: level, description: measure.normalizedText, location: reader.location(measure))
        }
    }
}
