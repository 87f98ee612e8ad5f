/// Suggests the nearest known name for a misspelt one (`roleplay` → `role-play`).
public enum DidYouMean {
    /// The candidate closest to `name` within a small edit distance, or `nil` when none is near.
    /// Ties go to the candidate that sorts first, so the suggestion is deterministic.
    public static func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
        let folded = fold(name)
        var best: (distance: Int, candidate: String)?
        for candidate in candidates {
            let distance = editDistance(folded, fold(candidate))
            let allowed = max(1, min(3, candidate.count / 3))
            guard distance <= allowed else { continue }
            if let current = best,
                (current.distance, current.candidate) <= (distance, candidate)
            {
                continue
            }
            best = (distance, candidate)
        }
        return best?.candidate
    }

    /// ` Did you mean 'x'?` or the empty string.
    package static func clause(for name: String, among candidates: some Sequence<String>) -> String {
        suggestion(for: name, among: candidates).map { " Did you mean '\($0)'?" } ?? ""
    }

    /// Lower-cased, with hyphens and underscores dropped: `Role_Play` and `roleplay` compare equal.
    private static func fold(_ name: String) -> [Character] {
        Array(name.lowercased().filter { $0 != "-" && $0 != "_" })
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = Array(0...b.count)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
                // Two neighbours swapped ("p-oen" for "p-one") count as one edit.
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            beforePrevious = previous
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
