import ArgumentParser
import Foundation
import TrainPlanCore
import TrainPlanRecords

extension TrainPlan.Records {
    /// `trainplan records import attendance|matches|surveys FILE…`: each file in one transaction.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import CSV files of attendance, matches or survey responses into Records/records.sqlite.",
            discussion: """
                Each file is checked whole and stored in one transaction: a bad value, a refused column or a row \
                that conflicts with a stored record is reported as file:line:column and nothing of that file is \
                stored. Importing the same file again changes nothing. Exit status: 0 every file imported, 1 a file \
                refused, 2 a file or the database cannot be read.
                """)

        /// What the files hold (the library's `RecordKind`, as the command line spells it).
        enum Kind: String, ExpressibleByArgument, CaseIterable {
            case attendance, matches, surveys

            var recordKind: RecordKind {
                switch self {
                case .attendance: .attendance
                case .matches: .matches
                case .surveys: .surveys
                }
            }
        }

        @Argument(help: "What the files hold: attendance, matches or surveys.")
        var kind: Kind

        @Argument(help: "The CSV files (UTF-8, a header row naming the columns).")
        var files: [String]

        @OptionGroup var location: RecordsFolderOptions

        func validate() throws {
            if files.isEmpty { throw ValidationError("Name at least one CSV file to import.") }
        }

        func run() throws {
            guard let database = try location.open(create: true) else { throw ExitCode(2) }
            let limits = ImportLimits.standard
            var status: Int32 = 0
            for file in files {
                do {
                    let bytes = try Self.read(file, limits: limits)
                    let counts = try database.importFile(kind.recordKind, bytes: bytes, file: file, limits: limits)
                    Console.error("trainplan: imported \(file.visible): \(Self.describe(counts))")
                } catch let failure as ImportFailure {
                    Console.output(failure.diagnostics.map { $0.description + "\n" }.joined())
                    if failure.more > 0 {
                        Console.output("… and \(failure.more) more problems in \(file.visible)\n")
                    }
                    let count = failure.diagnostics.count + failure.more
                    let problems = count == 1 ? "1 problem" : "\(count) problems"
                    Console.error("trainplan: nothing of \(file.visible) was stored (\(problems))")
                    status = max(status, failure.exitCode)
                } catch let error as RecordsDatabaseError {
                    Console.error(error.description)
                    status = 2
                }
            }
            if status != 0 { throw ExitCode(status) }
        }

        /// The bytes of a regular file, refused unread when larger than the limit.
        static func read(_ path: String, limits: ImportLimits) throws(ImportFailure) -> [UInt8] {
            func unreadable(_ reason: String) -> ImportFailure {
                .unreadable(
                    RecordsDiagnostic(
                        SourceLocation(file: path, line: 1, column: 1), "The file cannot be read: \(reason)."))
            }
            var status = stat()
            guard stat(path, &status) == 0 else {
                throw unreadable(errno == ENOENT ? "no such file" : String(cString: strerror(errno)))
            }
            guard status.st_mode & S_IFMT == S_IFREG else {
                throw unreadable(status.st_mode & S_IFMT == S_IFDIR ? "it is a folder" : "it is not a regular file")
            }
            guard Int(status.st_size) <= limits.maxBytes else {
                throw .tooLarge(file: path, bytes: Int(status.st_size), limits: limits)
            }
            guard let data = FileManager.default.contents(atPath: path) else { throw unreadable("permission denied") }
            return [UInt8](data)
        }

        static func describe(_ counts: ImportCounts) -> String {
            var parts = ["\(counts.rows) row\(counts.rows == 1 ? "" : "s")", "\(counts.added) added"]
            parts.append("\(counts.alreadyStored) already stored")
            if counts.closed > 0 { parts.append("\(counts.closed) open match\(counts.closed == 1 ? "" : "es") closed") }
            if counts.repeats > 0 {
                parts.append("\(counts.repeats) repeated row\(counts.repeats == 1 ? "" : "s") of the file")
            }
            return parts.joined(separator: ", ")
        }
    }
}
