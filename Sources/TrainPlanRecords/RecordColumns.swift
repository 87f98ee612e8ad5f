import TrainPlanCore

/// The three kinds of records a program imports.
public enum RecordKind: String, Sendable, CaseIterable {
    case attendance, matches, surveys

    /// The file `trainplan records export` writes for this kind.
    public var exportFileName: String { rawValue + ".csv" }
}

/// A column of an import format: its canonical name (the one export writes) and the other
/// names a program's export may give it.
package struct RecordColumn: Sendable {
    package var name: String
    package var aliases: [String]
    package var required: Bool

    /// Every accepted name, normalized.
    var accepted: [String] { ([name] + aliases).map(RecordColumn.normalized) }

    /// A header name as it is matched: lower-cased, with spaces, underscores and hyphens removed
    /// (`Minutes Present`, `minutes_present` and `minutes-present` are one name).
    package static func normalized(_ header: String) -> String {
        String(
            String.UnicodeScalarView(
                header.trimmingSpaces.lowercased().unicodeScalars.filter { !" _-\t".unicodeScalars.contains($0) }))
    }
}

extension RecordKind {
    /// The columns of the format, in the order export writes them. Surveys have these and one
    /// column per item.
    package var columns: [RecordColumn] {
        switch self {
        case .attendance:
            [
                RecordColumn(name: "mentor", aliases: ["mentor id", "volunteer", "volunteer id"], required: true),
                RecordColumn(
                    name: "offering", aliases: ["offering id", "session", "session id", "training", "training id"],
                    required: true),
                RecordColumn(name: "attended", aliases: ["present", "attendance"], required: true),
                RecordColumn(name: "minutes_present", aliases: ["minutes", "minutes attended"], required: false),
            ]
        case .matches:
            [
                RecordColumn(name: "match", aliases: ["match id"], required: true),
                RecordColumn(name: "mentor", aliases: ["mentor id", "volunteer", "volunteer id"], required: true),
                RecordColumn(
                    name: "youth_id", aliases: ["youth", "mentee id", "little id", "child id", "participant id"],
                    required: true),
                RecordColumn(name: "site", aliases: ["location", "site id"], required: true),
                RecordColumn(
                    name: "start_date", aliases: ["start", "match start", "match start date", "match date"],
                    required: true),
                RecordColumn(
                    name: "closure_date",
                    aliases: ["closure", "close date", "closed", "closed date", "end date", "match close date"],
                    required: true),
                RecordColumn(
                    name: "closure_reason", aliases: ["close reason", "reason", "closed reason"], required: false),
            ]
        case .surveys:
            [
                RecordColumn(name: "respondent", aliases: ["respondent id", "mentor", "mentor id"], required: true),
                RecordColumn(name: "instrument", aliases: ["survey", "scale"], required: true),
                RecordColumn(name: "wave", aliases: ["timepoint", "time point"], required: true),
                RecordColumn(name: "date", aliases: ["survey date", "completed", "completed date"], required: true),
            ]
        }
    }
}

/// The rule that keeps youth names out of the database: a header column is refused when its
/// name, lower-cased with everything but letters and digits removed, contains `name` and
/// either a word for the young person (`youth`, `child`, `mentee`, `little`, `kid`, `protege`,
/// `student`, `participant`, `minor`, `teen`) or nothing else of note (`name`, `first name`,
/// `last_name`, `Full Name`, `surname`, `given name`, `nickname`…: whose name cannot be told).
/// So `youth name`, `youth_first_name`, `Child Name`, `mentee-name` and `little name` are
/// refused, while `youth id`, `mentor name` (in a survey an item; elsewhere an unknown column)
/// and `site name` are not.
package enum YouthNameRule {
    static let youthWords = [
        "youth", "child", "mentee", "little", "kid", "protege", "student", "participant", "minor", "teen",
    ]
    static let bareNames: Set<String> = [
        "name", "firstname", "lastname", "fullname", "surname", "forename", "givenname", "familyname", "middlename",
        "nickname", "preferredname", "names",
    ]

    /// Whether a header column would bring a youth's name into the database.
    package static func isYouthName(_ header: String) -> Bool {
        let letters = String(
            String.UnicodeScalarView(header.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic }))
        guard letters.contains("name") else { return false }
        if bareNames.contains(letters) { return true }
        return youthWords.contains { letters.contains($0) }
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) ?? first
        return String(scalars[first...last])
    }
}

/// A header read against a format: which field holds which column, and the survey items.
package struct HeaderMap: Sendable {
    /// For each canonical column of the kind, the field index that holds it (`nil`: absent).
    package var index: [String: Int]
    /// Survey items: (field index, item name as the header gives it).
    package var items: [(index: Int, name: String)]
    package var fieldCount: Int

    /// Maps `header` for `kind`; refuses youth-name columns, duplicates, unknown columns
    /// (attendance and matches) and missing required ones, each at its place.
    package static func read(_ header: CSVRecord, kind: RecordKind, file: String) throws(ImportFailure) -> HeaderMap {
        var diagnostics: [RecordsDiagnostic] = []
        var index: [String: Int] = [:]
        var items: [(Int, String)] = []
        var seen: [String: CSVField] = [:]
        let columns = kind.columns
        for (position, field) in header.fields.enumerated() {
            let place = SourceLocation(file: file, line: field.line, column: field.column)
            let name = field.text.trimmingSpaces
            if YouthNameRule.isYouthName(name) {
                diagnostics.append(
                    RecordsDiagnostic(
                        place,
                        "The column '\(name)' holds names of youth; trainplan never stores them, so this file is "
                            + "refused.",
                        hint: "Export without the name column, and identify each youth by a pseudonymous id "
                            + "(column youth_id)."))
                continue
            }
            if case .failure(let refusal) = RecordValues.text(name, what: "column name") {
                diagnostics.append(RecordsDiagnostic(place, refusal.message, hint: refusal.hint))
                continue
            }
            let normalized = RecordColumn.normalized(name)
            guard !normalized.isEmpty else {
                diagnostics.append(RecordsDiagnostic(place, "A column of the header has no name."))
                continue
            }
            let column = columns.first { $0.accepted.contains(normalized) }
            let key = column?.name ?? "item:" + normalized
            if let earlier = seen[key] {
                diagnostics.append(
                    RecordsDiagnostic(
                        place,
                        "The column '\(name)' is a second '\(column?.name ?? name)' column; the first is "
                            + "'\(earlier.text.trimmingSpaces)' at column \(earlier.column).",
                        hint: "Keep one of them."))
                continue
            }
            seen[key] = field
            if let column {
                index[column.name] = position
            } else if kind == .surveys {
                items.append((position, name))
            } else {
                let names = columns.flatMap { [$0.name] + $0.aliases }
                let suggestion = DidYouMean.suggestion(for: name.lowercased(), among: names).map {
                    "Did you mean '\($0)'? "
                }
                diagnostics.append(
                    RecordsDiagnostic(
                        place, "The column '\(name)' is not part of the \(kind.rawValue) format.",
                        hint: (suggestion ?? "")
                            + "The columns are \(columns.map(\.name).joined(separator: ", ")); "
                            + "remove any other column before importing."))
            }
        }
        for column in columns where column.required && index[column.name] == nil {
            let others =
                column.aliases.isEmpty ? "" : " (or \(column.aliases.map { "'\($0)'" }.joined(separator: ", ")))"
            diagnostics.append(
                RecordsDiagnostic(
                    SourceLocation(file: file, line: header.line, column: 1),
                    "The header has no '\(column.name)' column\(others), which the \(kind.rawValue) format needs."))
        }
        if kind == .surveys, items.isEmpty, diagnostics.isEmpty {
            diagnostics.append(
                RecordsDiagnostic(
                    SourceLocation(file: file, line: header.line, column: header.endColumn),
                    "The header has no item columns: a survey response needs at least one answer column."))
        }
        if !diagnostics.isEmpty { throw .refused(diagnostics.sorted { $0.location < $1.location }) }
        return HeaderMap(index: index, items: items, fieldCount: header.fields.count)
    }
}
