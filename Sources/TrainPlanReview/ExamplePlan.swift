import Foundation
import TrainPlanCore
import TrainPlanFormats
import TrainPlanXML

/// Builds the small plans that criteria carry as examples: a sound plan by default, with the
/// part a criterion is about replaced.
enum ExamplePlan {
    static let objectives = [
        #"<objective id="skill">Demonstrate the skill in a short conversation.</objective>"#
    ]

    static let agenda = [
        #"<activity id="opener" method="icebreaker" minutes="5"/>"#,
        #"<activity id="input" method="mini-lecture" minutes="10" objectives="skill"/>"#,
        #"<activity id="practice" method="role-play" minutes="20" objectives="skill"/>"#,
        #"<activity id="close" method="evaluation" minutes="5" objectives="skill"/>"#,
    ]

    static let evaluation = [
        #"<measure level="reaction">Exit card</measure>"#,
        #"<measure level="learning">Self-efficacy items, before and after</measure>"#,
    ]

    static func xml(
        id: String = "example", module: String = "m", step: Int = 1, stage: String = "post-match",
        delivery: String = "in-person", duration: Int? = nil, objectives: [String] = objectives,
        agenda: [String] = agenda, evaluation: [String]? = evaluation
    ) -> String {
        let total = duration ?? agenda.reduce(0) { $0 + minutes(in: $1) }
        let evaluationXML =
            evaluation.map { measures in
                "\n  <evaluation>\n" + measures.map { "    \($0)\n" }.joined() + "  </evaluation>"
            } ?? ""
        return """
            <session id="\(id)">
              <title>Example</title>
              <module id="\(module)" step="\(step)"/>
              <stage>\(stage)</stage>
              <duration minutes="\(total)"/>
              <delivery mode="\(delivery)"/>
              <objectives>
            \(objectives.map { "    \($0)" }.joined(separator: "\n"))
              </objectives>
              <agenda>
            \(agenda.map { "    \($0)" }.joined(separator: "\n"))
              </agenda>\(evaluationXML)
            </session>
            """
    }

    /// The plan with the marker put before the first occurrence of `target`.
    static func mark(_ xml: String, before target: String) -> String {
        guard let range = xml.range(of: target) else { return xml }
        return xml.replacingCharacters(in: range, with: CriterionExample.marker + target)
    }

    /// The number in the first `minutes="…"` of a line.
    private static func minutes(in line: String) -> Int {
        guard let range = line.range(of: "minutes=\"") else { return 0 }
        return Int(line[range.upperBound...].prefix(while: \.isNumber)) ?? 0
    }
}
