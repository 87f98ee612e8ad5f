import ArgumentParser
import Foundation
import TrainPlanCore
import TrainPlanRecords

extension TrainPlan {
    /// `trainplan records …`: the program's attendance, matches and survey responses, kept in
    /// Records/records.sqlite (docs/evaluation.md).
    struct Records: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import, export and count the records: attendance, matches and survey responses.",
            discussion: """
                The records live in Records/records.sqlite in the project folder, created on the first import. \
                They never hold a youth's name: matches know a youth by a pseudonymous id, and a file with a \
                youth-name column is refused. The formats are in docs/evaluation.md.
                Exit status: 0 done, 1 a file is refused (a bad value, a conflict with a stored record, a youth-name \
                or unknown column; nothing of that file is stored), 2 a file or the database cannot be read, \
                64 a usage error.
                """,
            subcommands: [Import.self, Export.self, Summary.self])
    }
}

/// Where the records database is: `Records/` of the project folder (the current folder, which
/// must hold SessionPlans/ as for the other commands), or the folder `--records` names.
struct RecordsFolderOptions: ParsableArguments {
    @Option(help: "The folder of the records database (default: Records/ of the project folder here).")
    var records: String?

    /// The records folder; exits 2 outside a project folder when `--records` is not given.
    func folder() throws -> String {
        if let records { return records }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: "SessionPlans", isDirectory: &isFolder), isFolder.boolValue else {
            Console.error(
                """
                trainplan: there is no SessionPlans/ folder here, so this is not a trainplan project folder, and \
                the records (Records/records.sqlite) belong in one.
                Run trainplan records in your project folder, start a project with `trainplan init`, or name the \
                records folder with --records FOLDER.
                """)
            throw ExitCode(2)
        }
        return "Records"
    }

    /// The database at `folder()`, created with its folder when `create` is set (else `nil`
    /// when there is none yet); exits 2 when it cannot be opened.
    func open(create: Bool) throws -> RecordsDatabase? {
        let folder = try folder()
        do {
            return create ? try RecordsDatabase.open(folder: folder) : try RecordsDatabase.openExisting(folder: folder)
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
    }
}
