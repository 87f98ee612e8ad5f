/// One line per plan with its score and verdict, then the curriculum criteria.
public enum ScoreTable {
    public static func render(_ review: Review) -> String {
        let width = max(4, review.plans.map(\.file.count).max() ?? 0)
        var out = ""
        for plan in review.plans {
            let score = plan.score.map { "\(formatNumber($0))%" } ?? "—"
            let reason =
                plan.score == nil
                ? "has errors"
                : plan.results.filter { $0.assessment.status == .notMet }.map(\.id).joined(separator: ", ")
            out +=
                plan.file.padding(width) + "  " + score.leftPadding(5) + "  " + plan.verdict.rawValue.padding(4)
                + (reason.isEmpty ? "" : "  \(reason)") + "\n"
        }
        for result in review.curriculum {
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
