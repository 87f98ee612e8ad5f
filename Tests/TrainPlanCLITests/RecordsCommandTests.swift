import Foundation
import Testing

/// A project folder (SessionPlans/ only) with a copy of the shipped Records/import/ files.
private func recordsProject() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trainplan-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
        at: folder.appendingPathComponent("SessionPlans"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
        at: folder.appendingPathComponent("Records"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
        at: repositoryRoot.appendingPathComponent("Records/import"), to: folder.appendingPathComponent("Records/import")
    )
    return folder
}

private func write(_ text: String, to name: String, in folder: URL) throws {
    try Data(text.utf8).write(to: folder.appendingPathComponent(name))
}

@Suite("trainplan records, as a user runs it", .serialized)
struct RecordsCommandTests {
    @Test func theShippedRecordsImportOnceExportByteForByteAndCount() throws {
        let folder = try recordsProject()
        for kind in ["attendance", "matches", "surveys"] {
            let run = try trainplan(["records", "import", kind, "Records/import/\(kind).csv"], in: folder)
            #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
            #expect(run.standardError.contains("trainplan: imported Records/import/\(kind).csv: "))
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Records/records.sqlite").path))
        let again = try trainplan(["records", "import", "attendance", "Records/import/attendance.csv"], in: folder)
        #expect(again.status == 0)
        #expect(
            again.standardError.contains(
                "imported Records/import/attendance.csv: 280 rows, 0 added, 280 already stored"),
            "\(again.standardError)")

        let export = try trainplan(["records", "export", "--output", "exported"], in: folder)
        #expect(export.status == 0, "\(export.standardError)")
        var first: [Data] = []
        for kind in ["attendance", "matches", "surveys"] {
            let exported = try Data(contentsOf: folder.appendingPathComponent("exported/\(kind).csv"))
            let shipped = try Data(contentsOf: repositoryRoot.appendingPathComponent("Records/import/\(kind).csv"))
            #expect(exported == shipped, "the shipped \(kind).csv is in key order, so its export is the same bytes")
            first.append(exported)
        }
        #expect(try trainplan(["records", "export", "--output", "exported"], in: folder).status == 0)
        for (index, kind) in ["attendance", "matches", "surveys"].enumerated() {
            #expect(try Data(contentsOf: folder.appendingPathComponent("exported/\(kind).csv")) == first[index])
        }

        let summary = try trainplan(["records", "summary"], in: folder)
        #expect(summary.status == 0)
        #expect(
            summary.standardOutput == """
                mentors                48
                offerings              38
                attendance            280
                matches                48 (24 open)
                survey responses       80 (1 instrument)
                survey answers        447

                """, "\(summary.standardOutput)")
    }

    @Test func aConflictExits1NamesFileAndLineAndStoresNothingOfThatFile() throws {
        let folder = try recordsProject()
        #expect(try trainplan(["records", "import", "matches", "Records/import/matches.csv"], in: folder).status == 0)
        try write(
            """
            match,mentor,youth_id,site,start_date,closure_date,closure_reason
            mt-301,m-x01,y-7001,Eastside Library,2027-05-01,,
            mt-101,m-e01,y-5012,Eastside Library,2027-03-27,,

            """, to: "later.csv", in: folder)
        let run = try trainplan(["records", "import", "matches", "later.csv"], in: folder)
        #expect(run.status == 1)
        #expect(
            run.standardOutput.hasPrefix(
                "later.csv:3:38: error: This row conflicts with a stored record: match 'mt-101' is stored with "
                    + "start_date 2027-03-20; this row gives 2027-03-27."), "\(run.standardOutput)")
        #expect(run.standardError.contains("trainplan: nothing of later.csv was stored (1 problem)"))
        let summary = try trainplan(["records", "summary"], in: folder)
        #expect(summary.standardOutput.contains("matches                48 (24 open)"), "mt-301 is not stored either")
    }

    @Test func aYouthNameColumnIsRefusedWithExit1() throws {
        let folder = try recordsProject()
        try write(
            "match,mentor,youth_id,Youth First Name,site,start_date,closure_date\nmt-1,m-1,y-1,Sam,East,2027-03-20,\n",
            to: "names.csv", in: folder)
        let run = try trainplan(["records", "import", "matches", "names.csv"], in: folder)
        #expect(run.status == 1)
        #expect(
            run.standardOutput.contains(
                "names.csv:1:23: error: The column 'Youth First Name' holds names of youth; trainplan never stores "
                    + "them, so this file is refused."), "\(run.standardOutput)")
        #expect(!run.standardOutput.contains("Sam"), "the name itself is never echoed")
    }

    @Test func unreadableFilesExit2WithTheirPlaceAndTheOtherFilesStillImport() throws {
        let folder = try recordsProject()
        try Data(Array("mentor,offering,attended,minutes_present\nm-1,caf".utf8) + [0xE9] + Array(",yes,90\n".utf8))
            .write(to: folder.appendingPathComponent("latin1.csv"))
        try write("", to: "empty.csv", in: folder)
        let run = try trainplan(
            [
                "records", "import", "attendance", "latin1.csv", "missing.csv", "empty.csv",
                "Records/import/attendance.csv",
            ], in: folder)
        #expect(run.status == 2)
        #expect(run.standardOutput.contains("latin1.csv:2:8: error: The text is not valid UTF-8 here (byte 0xE9)."))
        #expect(run.standardOutput.contains("missing.csv:1:1: error: The file cannot be read: no such file."))
        #expect(run.standardOutput.contains("empty.csv:1:1: error: The file is empty"))
        #expect(run.standardError.contains("imported Records/import/attendance.csv: 280 rows, 280 added"))
    }

    @Test func aBadValueExits1WithItsPosition() throws {
        let folder = try recordsProject()
        try write(
            "mentor,offering,attended,minutes_present\nm-1,ow-east-1,yes,-5\nm-2,ow-east-1,yes,99999999999999999999999\n",
            to: "bad.csv", in: folder)
        let run = try trainplan(["records", "import", "attendance", "bad.csv"], in: folder)
        #expect(run.status == 1)
        #expect(run.standardOutput.contains("bad.csv:2:19: error: The minutes present, -5, are negative."))
        #expect(
            run.standardOutput.contains(
                "bad.csv:3:19: error: The minutes present, 99999999999999999999999, are more than 1440"))
        #expect(run.standardError.contains("nothing of bad.csv was stored (2 problems)"))
    }

    @Test func usageErrorsExit64AndOutsideAProjectFolderExit2() throws {
        let folder = try recordsProject()
        let kind = try trainplan(["records", "import", "mentors", "x.csv"], in: folder)
        #expect(kind.status == 64)
        #expect(kind.standardError.contains("attendance"), "\(kind.standardError)")
        #expect(try trainplan(["records", "import", "attendance"], in: folder).status == 64)

        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("trainplan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try write(attendance, to: "a.csv", in: outside)
        let run = try trainplan(["records", "import", "attendance", "a.csv"], in: outside)
        #expect(run.status == 2)
        #expect(run.standardError.contains("there is no SessionPlans/ folder here"))
        #expect(!FileManager.default.fileExists(atPath: outside.appendingPathComponent("Records").path))
        let named = try trainplan(["records", "import", "attendance", "a.csv", "--records", "db"], in: outside)
        #expect(named.status == 0, "\(named.standardError)")
        #expect(FileManager.default.fileExists(atPath: outside.appendingPathComponent("db/records.sqlite").path))
        #expect(try trainplan(["records", "export", "--records", "db"], in: outside).status == 0)
        let exported = try String(
            contentsOf: outside.appendingPathComponent("db/export/attendance.csv"), encoding: .utf8)
        #expect(exported == attendance, "export goes to export/ in the records folder by default")
    }

    @Test func beforeAnyImportSummaryAndExportCreateNoDatabase() throws {
        let folder = try recordsProject()
        let summary = try trainplan(["records", "summary"], in: folder)
        #expect(summary.status == 0)
        #expect(summary.standardError.contains("there are no records yet"))
        #expect(summary.standardOutput.contains("attendance              0"), "\(summary.standardOutput)")
        let export = try trainplan(["records", "export"], in: folder)
        #expect(export.status == 0)
        let text = try String(
            contentsOf: folder.appendingPathComponent("Records/export/attendance.csv"), encoding: .utf8)
        #expect(text == "mentor,offering,attended,minutes_present\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Records/records.sqlite").path))
    }
}

private let attendance = "mentor,offering,attended,minutes_present\nm-1,ow-east-1,yes,90\n"
