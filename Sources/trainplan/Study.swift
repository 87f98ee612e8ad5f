import ArgumentParser
import Foundation
import TrainPlanCore
import TrainPlanEvaluation
import TrainPlanProject
import TrainPlanRecords

extension TrainPlan {
    /// `trainplan study …`: comparison studies of training variants (docs/evaluation.md).
    struct Study: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Assign mentors to training variants by seeded, stratified randomisation.",
            discussion: """
                trainplan study assign writes the study file (Records/study.csv) before any outcome is seen; \
                trainplan evaluate then reports the difference between the arms.
                """,
            subcommands: [Assign.self])
    }
}

extension TrainPlan.Study {
    /// `trainplan study assign`: the randomisation, recorded once.
    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Randomise mentors to arms within strata and record it in a study file.",
            discussion: """
                The mentors file is CSV with the columns mentor and stratum (e.g. the site). Within each stratum \
                the mentors are shuffled with the seed and dealt to the arms in turn, so the arms of a stratum \
                differ in size by at most one; the same file, arms and seed give the same assignment. The study \
                file is never overwritten, and a mentor whose outcome is already in the records (a closed match \
                or a post survey) is refused: the assignment must come before the outcomes.
                Exit status: 0 written, 1 refused (the study file exists, outcomes already seen, a bad mentors \
                file), 2 a file cannot be read, 64 a usage error.
                """)

        @Option(help: "The study's id.") var id: String
        @Option(help: "The mentors to assign: CSV with columns mentor,stratum.") var mentors: String
        @Option(help: "The arms, separated by commas; the first is the comparison arm.") var arms: String
        @Option(help: "The seed of the randomisation (a whole number).") var seed: UInt64
        @Option(help: "The day of the assignment, YYYY-MM-DD.") var on: String
        @Option(help: "What the strata are, in words.") var strata: String = "site"
        @Option(name: .shortAndLong, help: "The study file (default: study.csv in the records folder).")
        var output: String?
        @OptionGroup var location: RecordsFolderOptions

        var armList: [String] { arms.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

        func validate() throws {
            if CivilDate(on) == nil {
                throw ValidationError("--on '\(on.visible)' is not a date: write YYYY-MM-DD, a day of the calendar")
            }
            let list = armList
            if list.count < 2 || Set(list).count != list.count || list.contains(where: \.isEmpty) {
                throw ValidationError("--arms needs two or more different arms, separated by commas (standard,booster)")
            }
        }

        func run() throws {
            let folder = try location.folder()
            let path = output ?? (folder as NSString).appendingPathComponent("study.csv")
            if InputFiles.exists(path) {
                Console.error(
                    "trainplan: error: \(path.visible) exists; a study is assigned once, before its outcomes, and never redrawn.\n    hint: Name another file with --output for a new study."
                )
                throw ExitCode(1)
            }
            guard let data = FileManager.default.contents(atPath: mentors),
                let text = String(data: data, encoding: .utf8)
            else {
                Console.error("trainplan: the mentors file \(mentors.visible) cannot be read (as UTF-8)")
                throw ExitCode(2)
            }
            let rows = try Self.mentorRows(text, file: mentors)
            if let database = try location.open(create: false) {
                let seen: Set<String>
                do {
                    let closed = try database.matches().filter { $0.closureDate != nil }.map(\.mentor)
                    let post = try database.surveys().responses.filter { $0.wave != "pre" }.map(\.respondent)
                    seen = Set(closed + post)
                } catch {
                    Console.error(error.description)
                    throw ExitCode(2)
                }
                let already = rows.map(\.mentor).filter(seen.contains).sorted()
                if !already.isEmpty {
                    Console.error(
                        "trainplan: error: the records already hold outcomes (a closed match or a post survey) of \(already.map(\.visible).joined(separator: ", ")); an assignment made now could follow them.\n    hint: Assign mentors before their matches and follow-up surveys, or leave these mentors out."
                    )
                    throw ExitCode(1)
                }
            }
            let study = StudyAssignment.randomise(
                id: id, mentors: rows, arms: armList, seed: seed, assignedOn: on, strata: strata)
            do {
                try OutputFile.write(StudyFile.render(study), to: path)
            } catch {
                Console.error("trainplan: \(error)")
                throw ExitCode(2)
            }
            for arm in study.arms {
                Console.output("\(arm): \(study.rows.filter { $0.arm == arm }.count) mentors\n")
            }
            Console.error("trainplan: wrote \(path.visible)")
        }

        /// The mentors file's rows; exits 1 with `file:line: error:` on a bad one.
        static func mentorRows(_ text: String, file: String) throws -> [(mentor: String, stratum: String)] {
            let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map {
                String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\r\u{FEFF}"))
            }
            let header = lines.first?.lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard header == ["mentor", "stratum"] else {
                Console.output("\(file.visible):1:1: error: The header must be: mentor,stratum\n")
                throw ExitCode(1)
            }
            var rows: [(mentor: String, stratum: String)] = []
            var seen: [String: Int] = [:]
            var bad = false
            for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                guard fields.count == 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                    Console.output("\(file.visible):\(index + 1):1: error: A row is a mentor id and a stratum.\n")
                    bad = true
                    continue
                }
                if let first = seen[fields[0]] {
                    Console.output(
                        "\(file.visible):\(index + 1):1: error: The mentor '\(fields[0].visible)' is listed twice; the first is at line \(first).\n"
                    )
                    bad = true
                    continue
                }
                seen[fields[0]] = index + 1
                rows.append((fields[0], fields[1]))
            }
            if bad { throw ExitCode(1) }
            if rows.isEmpty {
                Console.output("\(file.visible):1:1: error: The file lists no mentor.\n")
                throw ExitCode(1)
            }
            return rows
        }
    }
}
