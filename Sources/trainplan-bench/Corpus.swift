import Foundation
import TrainPlanCore
import TrainPlanFormats
import TrainPlanOutput
import TrainPlanProject
import TrainPlanReview
import TrainPlanSolver
import TrainPlanStaffing

/// The corpus generator's random source: seeded, so that a corpus is the same on every machine.
typealias SeededRandom = SplitMix64

extension SplitMix64 {
    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }
}

/// Generates realistic, varied session plans (most sound, some flawed the ways drafts are) and
/// rosters and terms of any size. Deterministic from the seed.
enum Corpus {
    static let modules = [
        "orientation", "safety", "communication", "family", "goals", "relationship", "culture", "youth-development",
        "academics", "careers", "wellbeing", "closure",
    ]
    static let topics = [
        "active listening", "setting boundaries", "goal setting", "peer pressure", "family partnership",
        "cultural humility", "school support", "career exploration", "stress and coping", "closing well",
        "first meetings", "online safety", "conflict", "motivation", "feedback",
    ]
    static let goodVerbs = [
        "Demonstrate", "Describe", "Plan", "Distinguish", "Respond to", "Explain", "Identify", "Practise",
    ]
    static let vagueVerbs = ["Understand", "Know", "Be aware of", "Appreciate"]
    static let objects = [
        "a reflective reply to a mentee's worry", "the program's reporting steps", "a first-meeting activity",
        "when to involve staff", "a goal with the mentee", "the signs of bullying", "a warm way to decline a request",
        "the stages of a match", "questions that invite a story", "a plan for the last meeting",
    ]
    static let interactive = ["pair-share", "discussion", "brainstorm", "q-and-a", "reflection", "journaling"]
    static let practice = ["role-play", "skill-practice", "case-study", "simulation", "scenario"]
    static let passive = ["mini-lecture", "demonstration", "video", "reading", "panel"]

    /// How large the generated plans are. `mixed` is the original corpus (about 3–4 KB, one shape);
    /// `small` (1–2 KB) and `typical` (4–6 KB) vary the structure too — optional elements,
    /// groupings, trainer notes, comments, a schema reference — so that a benchmark does not
    /// measure one layout only.
    enum Size: String, CaseIterable, Sendable {
        case mixed, small, typical

        /// The plan's byte range, when the size is bounded.
        var bytes: ClosedRange<Int>? {
            switch self {
            case .mixed: nil
            case .small: 1_024...2_048
            case .typical: 4_096...6_144
            }
        }
    }

    static let groupings = ["individual", "pairs", "triads", "small-groups", "whole-group"]
    static let notes = [
        "Keep to time; move on even if the discussion is lively.",
        "Watch for quiet participants and invite them in by name.",
        "Have the printed cases ready before the session starts.",
        "If the group is small, do this in one circle instead of pairs.",
    ]
    static let descriptions = [
        "Participants work in turns; the facilitator summarises what was said and links it to the objective.",
        "Each group gets one situation card, decides what it would do and reports back in two sentences.",
        "A short input followed by questions from the group; the facilitator writes key points on the board.",
        "Partners take the roles of mentor and mentee, then swap and give each other one piece of feedback.",
    ]

    /// One plan of the given size: drawn again (the random source moving on) until it fits.
    static func plan(id: String, module: String, step: Int, size: Size, random: inout SeededRandom) -> String {
        guard let bytes = size.bytes else { return plan(id: id, module: module, step: step, random: &random) }
        while true {
            let text = draw(id: id, module: module, step: step, size: size, random: &random)
            if bytes.contains(text.utf8.count) { return text }
        }
    }

    /// One plan's XML. About one plan in five has a weakness; one in fifty has an error.
    static func plan(id: String, module: String, step: Int, withErrors: Bool = true, random: inout SeededRandom)
        -> String
    {
        draw(id: id, module: module, step: step, withErrors: withErrors, size: .mixed, random: &random)
    }

    private static func draw(
        id: String, module: String, step: Int, withErrors: Bool = true, size: Size,
        random: inout SeededRandom
    ) -> String {
        let varied = size != .mixed
        let duration =
            size == .small
            ? random.pick([30, 45, 45, 60])
            : size == .typical ? random.pick([90, 120, 120, 150]) : random.pick([60, 75, 90, 90, 120])
        let topic = random.pick(topics)
        let flaw = random.chance(0.2) ? random.pick(["lecture", "vague", "no-practice", "no-break"]) : "none"
        let broken = random.chance(0.02) && withErrors ? random.pick(["typo", "arithmetic"]) : "none"
        var objectives: [String] = []
        let objectiveCount =
            size == .small ? Int.random(in: 1...2, using: &random) : Int.random(in: 1...3, using: &random)
        for index in 0..<objectiveCount {
            let verb = flaw == "vague" && index == 0 ? random.pick(vagueVerbs) : random.pick(goodVerbs)
            objectives.append("<objective id=\"o\(index + 1)\">\(verb) \(random.pick(objects)).</objective>")
        }
        let ids = (1...objectiveCount).map { "o\($0)" }
        var blocks: [(method: String, minutes: Int, objectives: String)] = [("icebreaker", 5, "")]
        var left = duration - 5 - 5
        if duration >= 120 && flaw != "no-break" {
            left -= 10
        }
        if flaw == "lecture" {
            blocks.append(("lecture", 40, ids[0]))
            left -= 40
        }
        while left > 0 {
            let kind: [String]
            if flaw == "no-practice" {
                kind = random.chance(0.5) ? passive : interactive
            } else {
                kind = random.pick([passive, interactive, practice, practice])
            }
            let minutes = min(left, random.pick(size == .small ? [10, 15, 20, 25] : [5, 10, 10, 15, 20]))
            blocks.append((random.pick(kind), minutes, random.pick(ids)))
            left -= minutes
        }
        if duration >= 120 && flaw != "no-break" {
            blocks.insert(("break", 10, ""), at: blocks.count / 2)
        }
        blocks.append(("evaluation", 5, ids.joined(separator: " ")))
        if broken == "typo", let index = blocks.firstIndex(where: { $0.method == "role-play" }) {
            blocks[index].method = "roleplay"
        }
        var agenda = ""
        for (index, block) in blocks.enumerated() {
            if block.method == "break" {
                agenda += "    <break minutes=\"\(block.minutes)\"/>\n"
                continue
            }
            let served = block.objectives.isEmpty ? "" : " objectives=\"\(block.objectives)\""
            guard varied else {
                agenda +=
                    "    <activity id=\"a\(index + 1)\" method=\"\(block.method)\" minutes=\"\(block.minutes)\"\(served)>\n"
                    + "      <title>\(block.method.capitalized) on \(topic)</title>\n    </activity>\n"
                continue
            }
            agenda += variedActivity(
                id: "a\(index + 1)", block: block, topic: topic, rich: size == .typical, random: &random)
        }
        let written = broken == "arithmetic" ? duration + 5 : duration
        if varied {
            return variedFrame(
                id: id, module: module, step: step, topic: topic, minutes: written, objectives: objectives,
                agenda: agenda, rich: size == .typical, random: &random)
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <session id="\(id)" version="1">
              <title>\(topic.capitalized) (\(module), part \(step))</title>
              <module id="\(module)" step="\(step)"/>
              <stage>\(step == 1 && random.chance(0.3) ? "pre-match" : "post-match")</stage>
              <duration minutes="\(written)"/>
              <delivery mode="\(random.chance(0.85) ? "in-person" : "virtual")"/>
              <audience min="6" max="16">Mentors</audience>
              <objectives>
                \(objectives.joined(separator: "\n    "))
              </objectives>
              <agenda>
            \(agenda)  </agenda>
              <evaluation>
                <measure level="reaction">Exit card</measure>
                <measure level="learning">Self-efficacy items, before and after</measure>
              </evaluation>
            </session>

            """
    }

    /// One activity with the optional parts a hand-written plan has some of.
    private static func variedActivity(
        id: String, block: (method: String, minutes: Int, objectives: String), topic: String, rich: Bool,
        random: inout SeededRandom
    ) -> String {
        let served = block.objectives.isEmpty ? "" : " objectives=\"\(block.objectives)\""
        let grouping = random.chance(0.5) ? " grouping=\"\(random.pick(groupings))\"" : ""
        // Attribute order varies as it does in files written by hand.
        let attributes =
            random.chance(0.5)
            ? " id=\"\(id)\" method=\"\(block.method)\" minutes=\"\(block.minutes)\"\(grouping)\(served)"
            : " method=\"\(block.method)\" id=\"\(id)\"\(served) minutes=\"\(block.minutes)\"\(grouping)"
        var parts: [String] = []
        if !rich && random.chance(0.3) { return "    <activity\(attributes)/>\n" }
        parts.append("<title>\(block.method.capitalized) on \(topic)</title>")
        if rich || random.chance(0.2) { parts.append("<description>\(random.pick(descriptions))</description>") }
        if rich && random.chance(0.6) {
            let items = (1...Int.random(in: 1...3, using: &random)).map { "<item>Handout \($0) on \(topic)</item>" }
            parts.append("<materials>\(items.joined())</materials>")
        }
        if rich && random.chance(0.5) { parts.append("<notes>\(random.pick(notes))</notes>") }
        // xs:all: the children in any order.
        if random.chance(0.3) { parts.reverse() }
        return "    <activity\(attributes)>\n" + parts.map { "      \($0)\n" }.joined() + "    </activity>\n"
    }

    /// The frame of a varied plan: with or without a schema reference, comments, an optional
    /// description of the audience, one or two measures.
    private static func variedFrame(
        id: String, module: String, step: Int, topic: String, minutes: Int, objectives: [String], agenda: String,
        rich: Bool, random: inout SeededRandom
    ) -> String {
        let schema =
            random.chance(0.5)
            ? "\n         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + "\n         xsi:noNamespaceSchemaLocation=\"../Schemas/session-plan.xsd\"" : ""
        let comment = random.chance(0.3) ? "  <!-- Drafted for the \(module) module; review before use. -->\n" : ""
        let measures =
            rich || random.chance(0.5)
            ? "    <measure level=\"reaction\">Exit card</measure>\n"
                + "    <measure level=\"learning\">Self-efficacy items, before and after</measure>\n"
            : "    <measure level=\"reaction\">Exit card</measure>\n"
        let audience = rich ? "Mentors in their first year of a match" : "Mentors"
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <session\(schema) id="\(id)" version="\(Int.random(in: 1...3, using: &random))">
            \(comment)  <title>\(topic.capitalized) (\(module), part \(step))</title>
              <module id="\(module)" step="\(step)"/>
              <stage>\(step == 1 && random.chance(0.3) ? "pre-match" : "post-match")</stage>
              <duration minutes="\(minutes)"/>
              <delivery mode="\(random.chance(0.85) ? "in-person" : "virtual")"/>
              <audience min="\(random.pick([4, 6, 8]))" max="\(random.pick([12, 16, 20]))">\(audience)</audience>
              <objectives>
                \(objectives.joined(separator: "\n    "))
              </objectives>
              <agenda>
            \(agenda)  </agenda>
              <evaluation>
            \(measures)  </evaluation>
            </session>

            """
    }

    /// Writes `count` plans to `folder`: each module gets steps 1, 2, 3, … in turn.
    static func writePlans(count: Int, seed: UInt64, size: Size = .mixed, to folder: URL) throws {
        var random = SeededRandom(seed: seed)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for index in 0..<count {
            let module = modules[index % modules.count] + "-\(index / (modules.count * 4))"
            let step = (index / modules.count) % 4 + 1
            let id = "plan-\(String(index).leftPad(6))"
            try plan(id: id, module: module, step: step, size: size, random: &random)
                .write(to: folder.appendingPathComponent("\(id).xml"), atomically: false, encoding: .utf8)
        }
    }

    /// Writes a roster of `trainers` and a term of `offerings` over a 15-week term at four places,
    /// with the plans they deliver (one per module and step).
    static func writeTerm(offerings: Int, trainers: Int, seed: UInt64, to folder: URL) throws {
        var random = SeededRandom(seed: seed)
        let plans = folder.appendingPathComponent("plans")
        try FileManager.default.createDirectory(at: plans, withIntermediateDirectories: true)
        var sessions: [(id: String, module: String)] = []
        for module in modules {
            for step in 1...3 {
                let id = "\(module)-\(step)"
                sessions.append((id, module))
                try plan(id: id, module: module, step: step, withErrors: false, random: &random)
                    .write(to: plans.appendingPathComponent("\(id).xml"), atomically: false, encoding: .utf8)
            }
        }
        var roster = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<roster timezone=\"America/Chicago\">\n"
        for index in 0..<trainers {
            roster += "  <trainer id=\"t\(index)\" name=\"Trainer \(index)\" email=\"t\(index)@example.org\""
            roster +=
                random.chance(0.7) ? " max-hours-per-week=\"\(Int.random(in: 4...10, using: &random))\">\n" : ">\n"
            var qualified = Set<String>()
            let count = Int.random(in: 2...4, using: &random)
            while qualified.count < count { qualified.insert(random.pick(modules)) }
            for module in qualified.sorted() { roster += "    <qualified module=\"\(module)\"/>\n" }
            switch Int.random(in: 0..<4, using: &random) {
            case 0: break
            case 1: roster += "    <available days=\"mon tue wed thu\" from=\"16:00\" to=\"21:30\"/>\n"
            case 2:
                roster += "    <available days=\"tue thu\" from=\"17:00\" to=\"21:30\"/>\n"
                roster += "    <available days=\"sat\" from=\"09:00\" to=\"14:00\"/>\n"
            default: roster += "    <available days=\"mon tue wed thu fri sat\" from=\"08:00\" to=\"22:00\"/>\n"
            }
            if random.chance(0.4) {
                let week = Int.random(in: 0..<13, using: &random)
                let from = Calendar.dateForWeek(week)
                roster += "    <away from=\"\(from.0)\" to=\"\(from.1)\">Vacation</away>\n"
            }
            roster += "  </trainer>\n"
        }
        roster += "</roster>\n"
        try roster.write(to: folder.appendingPathComponent("trainers.xml"), atomically: false, encoding: .utf8)

        let places = ["North Library", "South Center", "East School", "West Hall"]
        var term = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        term +=
            "<term id=\"bench\" timezone=\"America/Chicago\" travel-minutes=\"30\" backup-overlap=\"forbid\" backup-load=\"0.25\">\n"
        for index in 0..<offerings {
            let session = random.pick(sessions)
            let day = Int.random(in: 0..<(15 * 7), using: &random)
            let date = Calendar.date(daysAfterTermStart: day)
            let saturday = (day % 7) == 5
            let hour = saturday ? random.pick([9, 10, 11, 13]) : random.pick([17, 18, 18, 19])
            term +=
                "  <offering id=\"o\(index)\" session=\"\(session.id)\" start=\"\(date)T\(String(hour).leftPad(2)):\(random.pick(["00", "30"]))\" location=\"\(random.pick(places))\"/>\n"
        }
        term += "</term>\n"
        try term.write(to: folder.appendingPathComponent("term.xml"), atomically: false, encoding: .utf8)
    }
}

extension Calendar {
    /// `YYYY-MM-DD`, `days` after Monday 2027-03-01.
    static func date(daysAfterTermStart days: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let start = calendar.date(from: DateComponents(year: 2027, month: 3, day: 1)) ?? Date()
        let date = calendar.date(byAdding: .day, value: days, to: start) ?? start
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(parts.year ?? 2027)-\(String(parts.month ?? 1).leftPad(2))-\(String(parts.day ?? 1).leftPad(2))"
    }

    /// Monday to Friday of a term week.
    static func dateForWeek(_ week: Int) -> (String, String) {
        (date(daysAfterTermStart: week * 7), date(daysAfterTermStart: week * 7 + 4))
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
