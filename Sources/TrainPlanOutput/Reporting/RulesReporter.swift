import TrainPlanCore
public import TrainPlanFormats
import TrainPlanReview
import TrainPlanStaffing
import TrainPlanXML

/// A rubric's lines for a person: what each measures, its threshold, weight and evidence.
public enum RulesReporter {
    struct Line {
        var id: String
        var threshold: String
        var weight: Int
        var essential: Bool
        var scope: String
        var evidence: Evidence?
        var summary: String
    }

    static func lines(_ rubric: Rubric) -> [Line] {
        rubric.entries.map { entry in
            switch entry {
            case .criterion(let setting):
                let criterion = criterion(withID: setting.id)
                return Line(
                    id: setting.id, threshold: setting.threshold.description, weight: setting.weight,
                    essential: setting.essential, scope: criterion?.scope.rawValue ?? "plan",
                    evidence: setting.evidence,
                    summary: criterion?.summary ?? "")
            case .assertion(let assertion):
                return Line(
                    id: assertion.id, threshold: "must hold", weight: assertion.weight, essential: assertion.essential,
                    scope: "plan (custom XPath rule)", evidence: assertion.evidence, summary: assertion.description)
            }
        }
    }

    public static func text(_ rubric: Rubric) -> String {
        var out = "\(rubric.title) (\(rubric.file ?? "built-in")): a plan passes with every essential line met "
        out += "and a weighted score of at least \(formatNumber(rubric.pass))%.\n\n"
        let width = max(20, lines(rubric).map(\.id.count).max() ?? 0)
        for line in lines(rubric) {
            out +=
                line.id.padding(width) + "  " + line.threshold.padding(10) + "  weight \(line.weight)"
                + (line.essential ? "  essential" : "") + "  [\(line.scope)]\n"
            out += "    \(line.summary)\n"
            if let evidence = line.evidence {
                out += "    evidence (\(evidence.strength.rawValue)): \(evidence.source)\n"
            }
        }
        return out
    }

    public static func markdown(_ rubric: Rubric) -> String {
        var out = "## \(MarkdownReporter.inline(rubric.title))\n\n"
        out +=
            "A plan passes with every essential line met and a weighted score of at least \(formatNumber(rubric.pass))%.\n\n"
        out +=
            "| Criterion | Threshold | Weight | Essential | Evidence | What it measures |\n|---|---|---:|---|---|---|\n"
        for line in lines(rubric) {
            let evidence = line.evidence.map { "\($0.strength.rawValue): \(MarkdownReporter.cell($0.source))" } ?? "—"
            out +=
                "| `\(line.id)` | \(line.threshold) | \(line.weight) | \(line.essential ? "yes" : "") | \(evidence) | \(MarkdownReporter.cell(line.summary)) |\n"
        }
        return out
    }
}

extension RulesReporter {
    /// Every finding id trainplan can raise besides the rubric's lines, by area, for
    /// `trainplan rules --all`: the built-in criteria are listed by id too, so that the output
    /// names every id a finding can carry (custom rules take theirs from the rubric).
    public static func findingIDs(markdown: Bool) -> String {
        let kinds = FindingIDs.all
        var out =
            markdown
            ? "## Finding ids\n\nBesides the rubric's lines, a finding carries one of these ids.\n\n"
                + "| Id | Input | What holds when it is absent |\n|---|---|---|\n"
            : "\nFinding ids besides the rubric's lines:\n\n"
        let width = max(24, kinds.map(\.id.count).max() ?? 0)
        for area in FindingKind.Area.allCases {
            for kind in kinds where kind.area == area {
                out +=
                    markdown
                    ? "| `\(kind.id)` | \(area.rawValue) | \(MarkdownReporter.cell(kind.summary)) |\n"
                    : kind.id.padding(width) + "  [\(area.rawValue)]  \(kind.summary)\n"
            }
        }
        out +=
            markdown
            ? "\n## Built-in criteria\n\n| Id | Scope | What it measures |\n|---|---|---|\n"
            : "\nBuilt-in criteria:\n\n"
        for criterion in allCriteria {
            out +=
                markdown
                ? "| `\(criterion.id)` | \(criterion.scope.rawValue) | \(MarkdownReporter.cell(criterion.summary)) |\n"
                : criterion.id.padding(width) + "  [\(criterion.scope.rawValue)]  \(criterion.summary)\n"
        }
        return out
    }
}
