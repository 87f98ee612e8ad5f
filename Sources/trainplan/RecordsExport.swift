import ArgumentParser
import TrainPlanCore
import TrainPlanProject
import TrainPlanRecords

extension TrainPlan.Records {
    /// `trainplan records export [--output DIR]`: the records as the CSV files import reads.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the records back as attendance.csv, matches.csv and surveys.csv.",
            discussion: """
                The columns are the import's (canonical names), the rows in key order: the same records give the \
                same bytes. The three files are written together or not at all.
                """)

        @Option(
            name: .shortAndLong,
            help: "The folder the CSV files are written to (default: export/ in the records folder).")
        var output: String?

        @OptionGroup var location: RecordsFolderOptions

        func run() throws {
            let database = try location.open(create: false)
            let output = try output ?? location.folder() + "/export"
            let texts: [(path: String, text: String)]
            do {
                let surveys = try database?.surveys() ?? (items: [], responses: [])
                texts = [
                    (
                        output + "/" + RecordKind.attendance.exportFileName,
                        RecordsExport.attendance(try database?.attendance() ?? [])
                    ),
                    (
                        output + "/" + RecordKind.matches.exportFileName,
                        RecordsExport.matches(try database?.matches() ?? [])
                    ),
                    (
                        output + "/" + RecordKind.surveys.exportFileName,
                        RecordsExport.surveys(items: surveys.items, responses: surveys.responses)
                    ),
                ]
            } catch {
                Console.error(error.description)
                throw ExitCode(2)
            }
            if database == nil {
                Console.error(
                    "trainplan: note: there are no records yet (nothing imported); the files have headers only")
            }
            do {
                try OutputFile.writeAll(texts)
            } catch {
                Console.error("trainplan: \(error)")
                throw ExitCode(2)
            }
            for text in texts { Console.error("trainplan: wrote \(text.path.visible)") }
        }
    }
}
