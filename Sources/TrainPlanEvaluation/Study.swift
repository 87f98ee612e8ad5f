import Foundation
import TrainPlanCore
import TrainPlanFormats
import TrainPlanRecords

/// A comparison study's assignment of mentors to training variants (arms), made by a seeded,
/// stratified randomisation before any outcome is seen, and kept in a study file
/// (`Records/study.csv`, `StudyFile`).
public struct StudyAssignment: Hashable, Sendable {
    /// One mentor's arm.
    public struct Row: Hashable, Sendable {
        public var mentor: String
        /// The stratum the mentor was randomised within (e.g. the site).
        public var stratum: String
        public var arm: String

        public init(mentor: String, stratum: String, arm: String) {
            self.mentor = mentor
            self.stratum = stratum
            self.arm = arm
        }
    }

    public var id: String
    public var seed: UInt64
    /// The day of the assignment (YYYY-MM-DD), before any outcome.
    public var assignedOn: String
    /// What the strata are (e.g. `site`).
    public var strata: String
    /// The arms in the order given; the first is the comparison arm.
    public var arms: [String]
    /// Rows by stratum, then mentor.
    public var rows: [Row]

    public init(id: String, seed: UInt64, assignedOn: String, strata: String, arms: [String], rows: [Row]) {
        self.id = id
        self.seed = seed
        self.assignedOn = assignedOn
        self.strata = strata
        self.arms = arms
        self.rows = rows
    }

    /// The arm a mentor was assigned to.
    public func arm(of mentor: String) -> String? { rows.first { $0.mentor == mentor }?.arm }

    /// Assigns `mentors` (id and stratum) to `arms`: within each stratum, in the order of the
    /// stratum's name, the mentors (sorted by id) are shuffled with SplitMix64 seeded by `seed`
    /// and dealt to the arms in turn from an arm drawn at random, so that each stratum's arms differ
    /// in size by at most one. The same mentors, arms and seed give the same assignment on every
    /// machine.
    public static func randomise(
        id: String, mentors: [(mentor: String, stratum: String)], arms: [String], seed: UInt64,
        assignedOn: String, strata: String
    ) -> StudyAssignment {
        var random = SplitMix64(seed: seed)
        func below(_ bound: Int) -> Int {
            // Rejection sampling: uniform without the modulo bias, and the same on every platform.
            let limit = UInt64.max - UInt64.max % UInt64(bound)
            while true {
                let value = random.next()
                if value < limit { return Int(value % UInt64(bound)) }
            }
        }
        let byStratum = Dictionary(grouping: mentors, by: \.stratum)
        var rows: [Row] = []
        for stratum in byStratum.keys.sorted() {
            var members = Set((byStratum[stratum] ?? []).map(\.mentor)).sorted()
            if members.count > 1 {
                for index in stride(from: members.count - 1, to: 0, by: -1) {
                    members.swapAt(index, below(index + 1))
                }
            }
            let start = below(arms.count)
            for (position, mentor) in members.enumerated() {
                rows.append(Row(mentor: mentor, stratum: stratum, arm: arms[(start + position) % arms.count]))
            }
        }
        rows.sort { ($0.stratum, $0.mentor) < ($1.stratum, $1.mentor) }
        return StudyAssignment(id: id, seed: seed, assignedOn: assignedOn, strata: strata, arms: arms, rows: rows)
    }
}

/// The study file: CSV with a header `study,seed,assigned_on,strata,arms,mentor,stratum,arm`,
/// one row per mentor (the study's fields repeated on each row, so that the file stands alone).
public enum StudyFile {
    public static let header = "study,seed,assigned_on,strata,arms,mentor,stratum,arm"

    /// The file's text (LF line ends, rows by stratum then mentor).
    public static func render(_ study: StudyAssignment) -> String {
        var text = header + "\n"
        for row in study.rows {
            text +=
                [
                    study.id, String(study.seed), study.assignedOn, study.strata, study.arms.joined(separator: " "),
                    row.mentor, row.stratum, row.arm,
                ].map(field).joined(separator: ",") + "\n"
        }
        return text
    }

    private static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Reads a study file; the problems are `(line, message)`, and any one refuses the file.
    public static func parse(_ text: String) -> Result<StudyAssignment, StudyFileError> {
        var problems: [StudyFileProblem] = []
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" }).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if lines.last == "" { lines.removeLast() }
        guard let first = lines.first, first.trimmingCharacters(in: [" ", "\u{FEFF}"]) == header else {
            return .failure(
                StudyFileError(problems: [
                    StudyFileProblem(line: 1, message: "The first line must be the header: \(header)")
                ]))
        }
        var study: StudyAssignment?
        var seen: [String: Int] = [:]
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let number = index + 1
            let fields = split(line)
            guard fields.count == 8 else {
                problems.append(
                    StudyFileProblem(line: number, message: "A row has 8 fields; this one has \(fields.count)."))
                continue
            }
            guard let seed = UInt64(fields[1]) else {
                problems.append(
                    StudyFileProblem(line: number, message: "The seed '\(fields[1])' is not a whole number."))
                continue
            }
            let arms = fields[4].split(separator: " ").map(String.init)
            guard arms.count >= 2, arms.contains(fields[7]) else {
                problems.append(
                    StudyFileProblem(
                        line: number,
                        message:
                            "The arm '\(fields[7])' is not one of the study's arms (\(arms.joined(separator: ", ")))."))
                continue
            }
            if let line = seen[fields[5]] {
                problems.append(
                    StudyFileProblem(
                        line: number,
                        message: "The mentor '\(fields[5])' is assigned twice; the first is at line \(line)."))
                continue
            }
            seen[fields[5]] = number
            let row = StudyAssignment.Row(mentor: fields[5], stratum: fields[6], arm: fields[7])
            if var current = study {
                guard current.id == fields[0], current.seed == seed, current.assignedOn == fields[2],
                    current.strata == fields[3], current.arms == arms
                else {
                    problems.append(
                        StudyFileProblem(
                            line: number, message: "This row's study, seed, date, strata or arms differ from line 2's.")
                    )
                    continue
                }
                current.rows.append(row)
                study = current
            } else {
                study = StudyAssignment(
                    id: fields[0], seed: seed, assignedOn: fields[2], strata: fields[3], arms: arms, rows: [row])
            }
        }
        if let study, problems.isEmpty { return .success(study) }
        if study == nil && problems.isEmpty {
            problems.append(StudyFileProblem(line: 1, message: "The study file assigns no mentor."))
        }
        return .failure(StudyFileError(problems: problems))
    }

    private static func split(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var characters = Array(line)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        current.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(current.trimmingCharacters(in: [" "]))
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current.trimmingCharacters(in: [" "]))
        return fields
    }
}

/// Why a study file is refused: its problems, each at its line.
public struct StudyFileError: Error, Hashable, Sendable {
    public var problems: [StudyFileProblem]
}

/// A problem of a study file, at its line.
public struct StudyFileProblem: Hashable, Sendable {
    public var line: Int
    public var message: String
}

extension Evaluator {
    static func studySection(
        _ study: StudyAssignment, input: EvaluationInput, asOf: CivilDate
    ) -> StudySection {
        var allocation: [String] = []
        for stratum in Set(study.rows.map(\.stratum)).sorted() {
            let rows = study.rows.filter { $0.stratum == stratum }
            let counts = study.arms.map { arm in "\(rows.filter { $0.arm == arm }.count) \(arm)" }
            allocation.append("\(stratum): " + counts.joined(separator: ", "))
        }
        func label(_ mentor: String) -> String? { study.arm(of: mentor) }
        var notes: [String] = []
        let observed = observations(input.matches, asOf: asOf, notes: &notes)
        let inStudy = observed.filter { study.arm(of: $0.match.mentor) != nil }
        let grouping = survivalGrouping(arm, inStudy, order: study.arms) { label($0.match.mentor) }
        var section = StudySection(
            id: study.id, seed: String(study.seed), assignedOn: study.assignedOn, strata: study.strata,
            arms: study.arms,
            allocation: allocation, change: [], matchLength: grouping, cox: nil, coxNote: nil)
        if study.arms.count == 2 {
            let second = study.arms[1]
            switch cox(
                inStudy.map(\.observation),
                covariates: inStudy.map { [study.arm(of: $0.match.mentor) == second ? 1 : 0] },
                name: "arm \(second) (against \(study.arms[0]))")
            {
            case .success(let summary): section.cox = summary
            case .failure(let note): section.coxNote = note.text
            }
        } else {
            section.coxNote = "The hazard ratio between arms is given for studies of two arms."
        }
        for instrument in input.instruments.sorted(by: { $0.id < $1.id }) {
            let responses = input.surveys.filter { $0.instrument == instrument.id }
            guard !responses.isEmpty else { continue }
            let scored = scores(
                responses, items: instrument.items.map(\.id), instrument: instrument,
                minimumAnswered: instrument.minimumAnswered)
            let change = changeGrouping("\(instrument.id): \(arm)", scored, order: study.arms) { label($0) }
            section.change.append(change)
        }
        return section
    }
}
