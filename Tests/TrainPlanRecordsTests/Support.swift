import Foundation
import TrainPlanCore
import TrainPlanRecords

/// The folder every scratch folder of this test process is made in, removed when the process
/// exits (the tests made some 1,500 folders a day in the temporary directory before).
let scratchRoot: String = {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
        "trainplan-records-tests-\(ProcessInfo.processInfo.processIdentifier)"
    ).path
    atexit { try? FileManager.default.removeItem(atPath: scratchRoot) }
    return root
}()

/// A fresh temporary folder for one test (never the repository).
func scratchFolder() throws -> String {
    let folder = (scratchRoot as NSString).appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
}

/// A database in a fresh `Records/` folder of a scratch folder.
func freshDatabase() throws -> RecordsDatabase {
    try RecordsDatabase.open(folder: try scratchFolder() + "/Records")
}

extension RecordsDatabase {
    /// Imports `text` as the file `file`.
    @discardableResult
    func importing(
        _ kind: RecordKind, _ text: String, file: String = "in.csv", limits: ImportLimits = .standard
    ) throws -> ImportCounts {
        try importFile(kind, bytes: Array(text.utf8), file: file, limits: limits)
    }

    /// The failure of importing `bytes`, or `nil` when it was imported.
    func failure(_ kind: RecordKind, bytes: [UInt8], file: String = "in.csv", limits: ImportLimits = .standard)
        throws -> ImportFailure?
    {
        do {
            _ = try importFile(kind, bytes: bytes, file: file, limits: limits)
            return nil
        } catch let failure as ImportFailure {
            return failure
        }
    }

    func failure(_ kind: RecordKind, _ text: String, file: String = "in.csv", limits: ImportLimits = .standard)
        throws -> ImportFailure?
    {
        try failure(kind, bytes: Array(text.utf8), file: file, limits: limits)
    }

    /// The three exported files' texts.
    func exported() throws -> [String] {
        let surveys = try surveys()
        return [
            RecordsExport.attendance(try attendance()), RecordsExport.matches(try matches()),
            RecordsExport.surveys(items: surveys.items, responses: surveys.responses),
        ]
    }
}

let attendanceCSV = """
    mentor,offering,attended,minutes_present
    m-1,ow-east-1,yes,90
    m-1,ys-east-1,no,0
    m-2,ow-east-1,yes,75

    """

/// Matches with a quoted site (a comma) and a closure reason over two lines with a quote.
let matchesCSV = #"""
    match,mentor,youth_id,site,start_date,closure_date,closure_reason
    mt-1,m-1,y-10,"Eastside Library, Room B",2027-03-20,,
    mt-2,m-2,y-11,Westside,2027-03-27,2027-05-30,"Youth moved;
    the family said ""thank you"""
    mt-3,m-3,y-12,Westside,2027-04-03,none,

    """#

let surveysCSV = """
    respondent,instrument,wave,date,c1,c2,c3,comment
    m-1,confidence,pre,2027-03-06,3,2,3,
    m-1,confidence,post,2027-06-05,4,3,4,"Better, ""much"" better"
    m-2,confidence,3-month,2027-09-05,2,,3,

    """
