import TrainPlanFormats
import TrainPlanProject

/// What a new plan starts from: a blank plan that is valid but thin (the editor's findings say
/// what it lacks), one of the example plans `trainplan init` writes, or a copy of a plan of the
/// project.
enum Templates {
    /// The example plans, by file stem.
    static let starters: [String: PlanDocument] = {
        var out: [String: PlanDocument] = [:]
        for (path, text) in (try? Starter.files()) ?? [] where path.hasPrefix("SessionPlans/") {
            let stem = String(path.dropFirst("SessionPlans/".count).dropLast(".xml".count))
            if case .success(let document) = PlanDocument.read(Array(text.utf8)) { out[stem] = document }
        }
        return out
    }()

    static var starterNames: [String] { starters.keys.sorted() }

    /// A blank plan: one objective and one activity, so that every field has a place to start.
    static func blank(id: String, title: String) -> PlanDocument {
        PlanDocument(
            id: id, title: title.isEmpty ? "New session" : title, module: id, step: "1", stage: "post-match",
            duration: "60", delivery: "in-person", audience: nil,
            objectives: [PlanDocument.Objective(id: "o1", text: "Describe one thing participants will be able to do")],
            agenda: [PlanDocument.Block(id: "welcome", method: "welcome", minutes: "10", title: "Welcome")],
            evaluation: [])
    }
}
