import Foundation
import Testing
import TrainPlanCore
import TrainPlanRecords

@Suite("Records: the database, import and export")
struct RecordsImportTests {
    @Test func anEmptyFolderGetsTheDatabaseAndItsMigrationsOnFirstUse() throws {
        let folder = try scratchFolder() + "/Records"
        #expect(try RecordsDatabase.openExisting(folder: folder) == nil)
        #expect(!FileManager.default.fileExists(atPath: folder), "looking does not create the folder")
        let database = try RecordsDatabase.open(folder: folder)
        #expect(database.path == folder + "/records.sqlite")
        #expect(FileManager.default.fileExists(atPath: database.path))
        #expect(try database.appliedMigrations() == ["v1 records: mentors, offerings, attendance, matches, surveys"])
        #expect(try database.summary() == .empty)
        try database.importing(.attendance, attendanceCSV)
        // Opened again, the migrations are not applied twice and the records are kept.
        let again = try #require(try RecordsDatabase.openExisting(folder: folder))
        #expect(try again.appliedMigrations().count == 1)
        #expect(try again.summary().attendance == 3)
    }

    @Test func aFileThatIsNotADatabaseIsRefusedWithItsPath() throws {
        let folder = try scratchFolder()
        try Data("mentor,offering\n".utf8).write(to: URL(fileURLWithPath: folder + "/records.sqlite"))
        #expect {
            _ = try RecordsDatabase.openExisting(folder: folder)
        } throws: { error in
            "\(error)".contains("cannot use the records database \(folder)/records.sqlite")
        }
    }

    @Test func importThenExportGivesTheSameRecords() throws {
        let database = try freshDatabase()
        #expect(try database.importing(.attendance, attendanceCSV).added == 3)
        #expect(try database.importing(.matches, matchesCSV).added == 3)
        #expect(try database.importing(.surveys, surveysCSV).added == 3)
        let matches = try database.matches()
        #expect(matches[0].site == "Eastside Library, Room B")
        #expect(matches[1].closureReason == "Youth moved;\nthe family said \"thank you\"")
        #expect(matches[2].closureDate == nil)
        let surveys = try database.surveys()
        #expect(surveys.items == ["c1", "c2", "c3", "comment"])
        let post = try #require(surveys.responses.first { $0.wave == "post" })
        #expect(post.answers.last == SurveyAnswer(item: "comment", value: "Better, \"much\" better"))
        #expect(surveys.responses.first { $0.wave == "3-month" }?.answers.map(\.item) == ["c1", "c3"])

        let texts = try database.exported()
        #expect(texts[0].hasPrefix("mentor,offering,attended,minutes_present\nm-1,ow-east-1,yes,90\n"))
        #expect(texts[1].contains("mt-1,m-1,y-10,\"Eastside Library, Room B\",2027-03-20,,\n"))
        #expect(texts[2].hasPrefix("respondent,instrument,wave,date,c1,c2,c3,comment\n"))
        // The export read into a new database gives the same records, and exports the same bytes.
        let copy = try freshDatabase()
        for (kind, text) in zip(RecordKind.allCases, texts) { try copy.importing(kind, text) }
        #expect(try copy.attendance() == database.attendance())
        #expect(try copy.matches() == database.matches())
        #expect(try copy.surveys().responses == surveys.responses)
        #expect(try copy.exported() == texts)
        #expect(try database.exported() == texts, "a second export is byte-identical")
    }

    @Test func reimportingTheSameFileChangesNothing() throws {
        let database = try freshDatabase()
        for (kind, text) in zip(RecordKind.allCases, [attendanceCSV, matchesCSV, surveysCSV]) {
            try database.importing(kind, text)
        }
        let before = try database.exported()
        let summary = try database.summary()
        for (kind, text) in zip(RecordKind.allCases, [attendanceCSV, matchesCSV, surveysCSV]) {
            let counts = try database.importing(kind, text)
            #expect(counts.added == 0, "\(kind)")
            #expect(counts.alreadyStored == 3, "\(kind)")
        }
        #expect(try database.summary() == summary)
        #expect(try database.exported() == before)
    }

    @Test func aConflictingRowNamesFileAndLineAndNothingOfTheFileIsStored() throws {
        let database = try freshDatabase()
        try database.importing(.attendance, attendanceCSV)
        let before = try database.exported()
        let later = """
            mentor,offering,attended,minutes_present
            m-3,ow-east-1,yes,90
            m-2,ow-east-1,yes,80

            """
        let failure = try #require(try database.failure(.attendance, later, file: "later.csv"))
        #expect(failure.exitCode == 1)
        #expect(failure.diagnostics.count == 1)
        #expect(
            failure.diagnostics[0].description.hasPrefix(
                "later.csv:3:19: error: This row conflicts with a stored record: the attendance of mentor 'm-2' at "
                    + "offering 'ow-east-1' is stored with minutes_present 75; this row gives 80."),
            "\(failure.diagnostics[0])")
        #expect(try database.exported() == before, "m-3's new row is not stored either")
        #expect(try database.summary().mentors == 2)

        // Matches and survey responses the same way.
        try database.importing(.matches, matchesCSV)
        let moved = matchesCSV.replacingOccurrences(of: "mt-3,m-3,y-12,Westside", with: "mt-3,m-3,y-12,Eastside")
        let matchFailure = try #require(try database.failure(.matches, moved, file: "m.csv"))
        #expect(matchFailure.diagnostics.map(\.location.description) == ["m.csv:5:15"])
        #expect(matchFailure.diagnostics[0].message.contains("match 'mt-3' is stored with site Westside"))
        try database.importing(.surveys, surveysCSV)
        let changed = surveysCSV.replacingOccurrences(of: "pre,2027-03-06,3,2,3,", with: "pre,2027-03-06,3,2,4,")
        let surveyFailure = try #require(try database.failure(.surveys, changed, file: "s.csv"))
        #expect(surveyFailure.diagnostics.map(\.location.description) == ["s.csv:2:35"])
        #expect(surveyFailure.diagnostics[0].message.contains("is stored with c3 3; this row gives 4"))
        #expect(try database.surveys().responses.count == 3)
    }

    @Test func twoRowsOfOneKeyInAFileMustAgree() throws {
        let database = try freshDatabase()
        let text = """
            mentor,offering,attended,minutes_present
            m-1,ow-east-1,yes,90
            m-1,ow-east-1,yes,90
            m-1,ow-east-1,no,0

            """
        let failure = try #require(try database.failure(.attendance, text, file: "twice.csv"))
        #expect(
            failure.diagnostics.map(\.description.firstLine) == [
                "twice.csv:4:15: error: This row gives the attendance of mentor 'm-1' at offering 'ow-east-1' with "
                    + "attended no; line 2 gives it with yes."
            ])
        #expect(try database.summary() == .empty)
        let repeated = try database.importing(
            .attendance, String(text.split(separator: "\n").dropLast().joined(separator: "\n")))
        #expect(repeated.added == 1)
        #expect(repeated.repeats == 1)
    }

    @Test func aClosureDateClosesAnOpenMatchAndNothingElseChanges() throws {
        let database = try freshDatabase()
        try database.importing(.matches, matchesCSV)
        let closed = matchesCSV.replacingOccurrences(
            of: "mt-1,m-1,y-10,\"Eastside Library, Room B\",2027-03-20,,",
            with: "mt-1,m-1,y-10,\"Eastside Library, Room B\",2027-03-20,2027-09-01,Mentor moved away")
        let counts = try database.importing(.matches, closed)
        #expect(counts.closed == 1)
        #expect(counts.alreadyStored == 2)
        #expect(try database.matches()[0].closureDate == "2027-09-01")
        #expect(try database.importing(.matches, closed).alreadyStored == 3, "closing again changes nothing")
        // A closed match is not reopened, nor its date moved.
        let reopened = try #require(try database.failure(.matches, matchesCSV, file: "old.csv"))
        #expect(reopened.diagnostics.map(\.location.description) == ["old.csv:2:53"])
    }

    @Test func aBOMAndCRLFLineEndsAreFine() throws {
        let database = try freshDatabase()
        let text =
            "\u{FEFF}Mentor ID,Offering,ATTENDED,Minutes Present\r\nm-1,ow-east-1,Yes,90\r\n\r\nm-2,ow-east-1,n,\r\n"
        #expect(try database.importing(.attendance, text).added == 2)
        #expect(
            try database.attendance() == [
                AttendanceRecord(mentor: "m-1", offering: "ow-east-1", attended: true, minutesPresent: 90),
                AttendanceRecord(mentor: "m-2", offering: "ow-east-1", attended: false, minutesPresent: 0),
            ])
    }

    @Test func aQuotedFieldOverSeveralLinesKeepsThePhysicalLineNumbers() throws {
        let database = try freshDatabase()
        let text = """
            respondent,instrument,wave,date,c1,comment
            m-1,confidence,pre,2027-03-06,3,"first line
            second line
            third line"
            m-2,confidence,pre,2027-03-06,3,ok
            m-3,confidence,mid,2027-03-06,3,ok

            """
        let failure = try #require(try database.failure(.surveys, text, file: "s.csv"))
        #expect(failure.diagnostics.map(\.location.description) == ["s.csv:6:16"])
    }
}

extension String {
    var firstLine: String { String(split(separator: "\n", omittingEmptySubsequences: false)[0]) }
}
