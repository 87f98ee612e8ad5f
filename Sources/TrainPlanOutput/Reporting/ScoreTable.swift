import TrainPlanCore
import TrainPlanFormats
public import TrainPlanReview
import TrainPlanStaffing
import TrainPlanXML

/// One line per plan with its score and verdict, then the curriculum criteria.
public enum ScoreTable {
    public static func render(_ review: Review) -> String {
        let width = self.width(review.plans.map(\.file))
        return review.plans.map { line($0, width: width) }.joined() + curriculum(review.curriculum)
    }

    /// The width of the file column for these files.
    public static func width(_ files: [String]) -> Int { max(4, files.map(\.visible.displayCount).max() ?? 0) }

    /// One plan's line: file, score, verdict and the criteria it does not meet.
    public static func line(_ plan: PlanReview, width: Int) -> String {
        var line = plan.file.visible.padding(width) + "  "
        line += (plan.score.map { "\(formatNumber($0))%" } ?? "—").leftPadding(5)
        line += "  " + plan.verdict.rawValue.padding(4)
        if plan.score == nil {
            line += "  has errors"
        } else {
            var separator = "  "
            for result in plan.results where result.assessment.status == .notMet {
                line += separator + result.id
                separator = ", "
            }
        }
        return line + "\n"
    }

    /// One line per curriculum criterion.
    public static func curriculum(_ results: [CriterionResult]) -> String {
        var out = ""
        for result in results {
            let mark =
                switch result.assessment.status {
                case .met: "met"
                case .notMet: "NOT MET"
                case .notApplicable: "n/a"
                }
            out += "curriculum: \(result.id): \(mark) (\(result.assessment.summary))\n"
        }
        return out
    }
}

extension String {
    func padding(_ width: Int) -> String {
        let count = displayCount
        return count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    func leftPadding(_ width: Int) -> String {
        let count = displayCount
        return count >= width ? self : String(repeating: " ", count: width - count) + self
    }

    /// The number of characters; counted from the bytes when all are ASCII (file names and
    /// ids nearly always are), which saves walking grapheme clusters.
    var displayCount: Int {
        utf8.allSatisfy { $0 < 0x80 } ? utf8.count : count
    }
}
