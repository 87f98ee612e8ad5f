/// One line per plan with its score and verdict, then the curriculum criteria.
public enum ScoreTable {
    public static func render(_ review: Review) -> String {
        let width = self.width(review.plans.map(\.file))
        return review.plans.map { line($0, width: width) }.joined() + curriculum(review.curriculum)
    }

    /// The width of the file column for these files.
    public static func width(_ files: [String]) -> Int { max(4, files.map(\.count).max() ?? 0) }

    /// One plan's line: file, score, verdict and the criteria it does not meet.
    public static func line(_ plan: PlanReview, width: Int) -> String {
        let score = plan.score.map { "\(formatNumber($0))%" } ?? "—"
        let reason =
            plan.score == nil
            ? "has errors"
            : plan.results.filter { $0.assessment.status == .notMet }.map(\.id).joined(separator: ", ")
        return plan.file.padding(width) + "  " + score.leftPadding(5) + "  " + plan.verdict.rawValue.padding(4)
            + (reason.isEmpty ? "" : "  \(reason)") + "\n"
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
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func leftPadding(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
