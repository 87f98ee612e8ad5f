import ArgumentParser
import TrainPlanCore
import TrainPlanRecords

extension TrainPlan.Records {
    /// `trainplan records summary`: how many records each table holds.
    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count the records in each table of Records/records.sqlite.")

        @OptionGroup var location: RecordsFolderOptions

        func run() throws {
            let database = try location.open(create: false)
            let summary: RecordsSummary
            do {
                summary = try database?.summary() ?? .empty
            } catch {
                Console.error(error.description)
                throw ExitCode(2)
            }
            if database == nil { Console.error("trainplan: note: there are no records yet (nothing imported)") }
            Console.output(Self.render(summary))
        }

        static func render(_ summary: RecordsSummary) -> String {
            let rows: [(String, Int, String)] = [
                ("mentors", summary.mentors, ""),
                ("offerings", summary.offerings, ""),
                ("attendance", summary.attendance, ""),
                ("matches", summary.matches, " (\(summary.openMatches) open)"),
                (
                    "survey responses", summary.surveyResponses,
                    " (\(summary.instruments) instrument\(summary.instruments == 1 ? "" : "s"))"
                ),
                ("survey answers", summary.surveyAnswers, ""),
            ]
            let width = max(rows.map { String($0.1).count }.max() ?? 1, 7)
            return rows.map { name, count, note in
                let number = String(count)
                let padded = String(repeating: " ", count: width - number.count) + number
                return name + String(repeating: " ", count: 18 - name.count) + padded + note + "\n"
            }.joined()
        }
    }
}
