import TrainPlanXML

/// A session plan as a form holds it: every field of the plan format as the text a person
/// typed, valid or not. The workspace edits this value; `xml()` writes it in the one canonical
/// layout, and `check` judges that text, so a form and a file can never be judged differently.
///
/// Numbers are kept as text on purpose: "-5" or "ten" must reach the checker as written, to get
/// the finding the command line would give, instead of being lost on the way.
public struct PlanDocument: Hashable, Sendable, Codable {
    public struct Objective: Hashable, Sendable, Codable {
        public var id: String
        /// A Bloom level, or "" for the level read from the verb.
        public var level: String
        public var text: String

        public init(id: String, level: String = "", text: String) {
            self.id = id
            self.level = level
            self.text = text
        }
    }

    /// One agenda block: an activity, or a break (`kind == "break"`, only `minutes` used).
    public struct Block: Hashable, Sendable, Codable {
        /// "activity" or "break".
        public var kind: String
        public var id: String
        public var method: String
        public var minutes: String
        /// A grouping, or "" for the default (whole group).
        public var grouping: String
        /// Objective ids, in the order written.
        public var objectives: [String]
        public var title: String?
        public var description: String?
        public var materials: [String]
        public var notes: String?

        public init(
            kind: String = "activity", id: String = "", method: String = "", minutes: String = "",
            grouping: String = "", objectives: [String] = [], title: String? = nil, description: String? = nil,
            materials: [String] = [], notes: String? = nil
        ) {
            self.kind = kind
            self.id = id
            self.method = method
            self.minutes = minutes
            self.grouping = grouping
            self.objectives = objectives
            self.title = title
            self.description = description
            self.materials = materials
            self.notes = notes
        }

        public var isBreak: Bool { kind == "break" }
    }

    public struct Audience: Hashable, Sendable, Codable {
        public var min: String
        public var max: String
        public var text: String

        public init(min: String = "", max: String = "", text: String = "") {
            self.min = min
            self.max = max
            self.text = text
        }
    }

    public struct Measure: Hashable, Sendable, Codable {
        public var level: String
        public var text: String

        public init(level: String, text: String) {
            self.level = level
            self.text = text
        }
    }

    public var id: String
    public var version: String?
    public var title: String
    public var module: String
    public var step: String
    public var stage: String
    public var duration: String
    public var delivery: String
    public var audience: Audience?
    public var objectives: [Objective]
    public var agenda: [Block]
    public var evaluation: [Measure]

    public init(
        id: String, version: String? = nil, title: String = "", module: String = "", step: String = "1",
        stage: String = "post-match", duration: String = "", delivery: String = "in-person",
        audience: Audience? = nil, objectives: [Objective] = [], agenda: [Block] = [], evaluation: [Measure] = []
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.module = module
        self.step = step
        self.stage = stage
        self.duration = duration
        self.delivery = delivery
        self.audience = audience
        self.objectives = objectives
        self.agenda = agenda
        self.evaluation = evaluation
    }
}

// MARK: - Reading a plan file into the form

extension PlanDocument {
    /// Why a file cannot be opened as a form.
    public struct Unopenable: Error, Hashable, Sendable {
        public var line: Int
        public var column: Int
        public var message: String
    }

    /// Reads a plan file's fields as written (through the same safe reader as `check`: no DTD,
    /// no entities, size and attribute caps). Fails only when the file is not well-formed XML
    /// with a `session` root; any other departure from the format is kept for the checker.
    public static func read(_ bytes: [UInt8]) -> Result<PlanDocument, Unopenable> {
        let result = XMLReader.read(bytes)
        guard let root = result.root else {
            let first = result.diagnostics.first
            return .failure(
                Unopenable(
                    line: first?.position.line ?? 1, column: first?.position.column ?? 1,
                    message: first?.message ?? "the file is not well-formed XML"))
        }
        guard root.name == "session", root.namespaceURI == nil else {
            return .failure(
                Unopenable(
                    line: root.position.line, column: root.position.column,
                    message: "this is a <\(root.name)> document, not a session plan (<session>)"))
        }
        func attribute(_ element: XMLElement?, _ name: String) -> String {
            element?.attribute(name)?.value ?? ""
        }
        func text(_ name: String, of element: XMLElement) -> String? { element.child(named: name)?.text }

        let module = root.child(named: "module")
        let audience = root.child(named: "audience").map {
            Audience(min: attribute($0, "min"), max: attribute($0, "max"), text: $0.text)
        }
        let objectives = (root.child(named: "objectives")?.children(named: "objective") ?? []).map {
            Objective(id: attribute($0, "id"), level: attribute($0, "level"), text: $0.text)
        }
        let agenda = (root.child(named: "agenda")?.children ?? []).compactMap { element -> Block? in
            switch element.name {
            case "break":
                return Block(kind: "break", minutes: attribute(element, "minutes"))
            case "activity":
                let objectives = attribute(element, "objectives").split(whereSeparator: { $0 == " " }).map(
                    String.init)
                return Block(
                    id: attribute(element, "id"), method: attribute(element, "method"),
                    minutes: attribute(element, "minutes"), grouping: attribute(element, "grouping"),
                    objectives: objectives, title: text("title", of: element),
                    description: text("description", of: element),
                    materials: (element.child(named: "materials")?.children(named: "item") ?? []).map(\.text),
                    notes: text("notes", of: element))
            default:
                return nil
            }
        }
        let evaluation = (root.child(named: "evaluation")?.children(named: "measure") ?? []).map {
            Measure(level: attribute($0, "level"), text: $0.text)
        }
        return .success(
            PlanDocument(
                id: attribute(root, "id"), version: root.attribute("version")?.value,
                title: root.child(named: "title")?.text ?? "", module: attribute(module, "id"),
                step: attribute(module, "step"), stage: root.child(named: "stage")?.text ?? "",
                duration: attribute(root.child(named: "duration"), "minutes"),
                delivery: attribute(root.child(named: "delivery"), "mode"), audience: audience,
                objectives: objectives, agenda: agenda, evaluation: evaluation))
    }
}

// MARK: - Writing the canonical layout

extension PlanDocument {
    /// What a line of the written file is about, so that a finding at that line can be shown
    /// beside the right field of the form.
    public enum Part: Hashable, Sendable, Codable {
        case plan
        case title
        case module
        case stage
        case duration
        case delivery
        case audience
        case objectives
        case objective(Int)
        case agenda
        case block(Int)
        case evaluation
        case measure(Int)

        /// A short name the page uses: "plan", "title", "objective-2", "block-0", ….
        public var name: String {
            switch self {
            case .plan: "plan"
            case .title: "title"
            case .module: "module"
            case .stage: "stage"
            case .duration: "duration"
            case .delivery: "delivery"
            case .audience: "audience"
            case .objectives: "objectives"
            case .objective(let index): "objective-\(index)"
            case .agenda: "agenda"
            case .block(let index): "block-\(index)"
            case .evaluation: "evaluation"
            case .measure(let index): "measure-\(index)"
            }
        }
    }

    /// The canonical text of the plan and, for each line (1-based, index 0 unused), the part it
    /// belongs to. The layout is the one the shipped plans are written in: two-space indents,
    /// attributes in the format's order, one element per line, materials on one line.
    public func written() -> (text: String, parts: [Part]) {
        var out = ""
        var parts: [Part] = [.plan]
        func line(_ text: String, _ part: Part) {
            out += text
            out += "\n"
            // A value with a line break in it spans several lines of the file, all one part.
            for character in text.utf8 where character == UInt8(ascii: "\n") { parts.append(part) }
            parts.append(part)
        }
        func attr(_ name: String, _ value: String) -> String { " \(name)=\"\(Self.escapeAttribute(value))\"" }
        func element(_ name: String, _ text: String, attributes: String = "") -> String {
            "<\(name)\(attributes)>\(Self.escapeText(text))</\(name)>"
        }

        line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", .plan)
        line("<session xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"", .plan)
        line("         xsi:noNamespaceSchemaLocation=\"../Schemas/session-plan.xsd\"", .plan)
        line("        " + attr("id", id) + (version.map { attr("version", $0) } ?? "") + ">", .plan)
        line("  " + element("title", title), .title)
        line("  <module" + attr("id", module) + attr("step", step) + "/>", .module)
        line("  " + element("stage", stage), .stage)
        line("  <duration" + attr("minutes", duration) + "/>", .duration)
        line("  <delivery" + attr("mode", delivery) + "/>", .delivery)
        if let audience {
            var attributes = ""
            if !audience.min.isEmpty { attributes += attr("min", audience.min) }
            if !audience.max.isEmpty { attributes += attr("max", audience.max) }
            line("  " + element("audience", audience.text, attributes: attributes), .audience)
        }
        line("  <objectives>", .objectives)
        for (index, objective) in objectives.enumerated() {
            var attributes = attr("id", objective.id)
            if !objective.level.isEmpty { attributes += attr("level", objective.level) }
            line("    " + element("objective", objective.text, attributes: attributes), .objective(index))
        }
        line("  </objectives>", .objectives)
        line("  <agenda>", .agenda)
        for (index, block) in agenda.enumerated() {
            if block.isBreak {
                line("    <break" + attr("minutes", block.minutes) + "/>", .block(index))
                continue
            }
            var attributes = attr("id", block.id) + attr("method", block.method) + attr("minutes", block.minutes)
            if !block.grouping.isEmpty { attributes += attr("grouping", block.grouping) }
            if !block.objectives.isEmpty { attributes += attr("objectives", block.objectives.joined(separator: " ")) }
            var children: [String] = []
            if let title = block.title { children.append(element("title", title)) }
            if let description = block.description { children.append(element("description", description)) }
            if !block.materials.isEmpty {
                children.append("<materials>" + block.materials.map { element("item", $0) }.joined() + "</materials>")
            }
            if let notes = block.notes { children.append(element("notes", notes)) }
            if children.isEmpty {
                line("    <activity" + attributes + "/>", .block(index))
            } else {
                line("    <activity" + attributes + ">", .block(index))
                for child in children { line("      " + child, .block(index)) }
                line("    </activity>", .block(index))
            }
        }
        line("  </agenda>", .agenda)
        if !evaluation.isEmpty {
            line("  <evaluation>", .evaluation)
            for (index, measure) in evaluation.enumerated() {
                line(
                    "    " + element("measure", measure.text, attributes: attr("level", measure.level)), .measure(index)
                )
            }
            line("  </evaluation>", .evaluation)
        }
        line("</session>", .plan)
        return (out, parts)
    }

    /// The canonical text alone.
    public func xml() -> String { written().text }

    /// Text content: `&`, `<` and `>` as references; a character XML 1.0 cannot hold is written
    /// as a reference too, which the checker then reports where it is (never a silent change).
    static func escapeText(_ text: String) -> String {
        escape(text, quotes: false)
    }

    static func escapeAttribute(_ text: String) -> String {
        escape(text, quotes: true)
    }

    private static func escape(_ text: String, quotes: Bool) -> String {
        var needs = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&", "<", ">": needs = true
            case "\"" where quotes: needs = true
            case "\t", "\n", "\r": if quotes || scalar == "\r" { needs = true }
            default: if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { needs = true }
            }
            if needs { break }
        }
        guard needs else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "\n" where !quotes: out.unicodeScalars.append(scalar)
            case "\t" where !quotes: out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "&#\(scalar.value);"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
