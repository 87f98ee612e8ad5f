import Foundation
import Testing
import TrainPlanCore
import TrainPlanRecords

/// A file an import must refuse: where the message points, what it says, and the exit status.
struct BadInput: CustomTestStringConvertible, Sendable {
    var name: String
    var kind: RecordKind
    var bytes: [UInt8]
    var place: String
    var message: String
    var exitCode: Int32 = 1
    var limits = ImportLimits.standard

    var testDescription: String { name }

    init(
        _ name: String, _ kind: RecordKind, _ text: String, at place: String, _ message: String,
        exit exitCode: Int32 = 1
    ) {
        self.init(name, kind, bytes: Array(text.utf8), at: place, message, exit: exitCode)
    }

    init(
        _ name: String, _ kind: RecordKind, bytes: [UInt8], at place: String, _ message: String,
        exit exitCode: Int32 = 1
    ) {
        self.name = name
        self.kind = kind
        self.bytes = bytes
        self.place = place
        self.message = message
        self.exitCode = exitCode
    }
}

let attendanceHeader = "mentor,offering,attended,minutes_present\n"
let matchesHeader = "match,mentor,youth_id,site,start_date,closure_date,closure_reason\n"
let surveysHeader = "respondent,instrument,wave,date,c1\n"

let badInputs: [BadInput] = [
    BadInput(
        "a date that is not YYYY-MM-DD", .matches, matchesHeader + "mt-1,m-1,y-1,East,03/20/2027,,\n",
        at: "bad.csv:2:19", "The start date '03/20/2027' is not a date written YYYY-MM-DD."),
    BadInput(
        "a day that is not in the calendar", .matches, matchesHeader + "mt-1,m-1,y-1,East,2027-02-30,,\n",
        at: "bad.csv:2:19", "The start date '2027-02-30' is not a day of the calendar."),
    BadInput(
        "a closure before the start", .matches, matchesHeader + "mt-1,m-1,y-1,East,2027-03-20,2027-03-01,moved\n",
        at: "bad.csv:2:30", "The match closes on 2027-03-01, before it starts on 2027-03-20."),
    BadInput(
        "a closure reason of an open match", .matches, matchesHeader + "mt-1,m-1,y-1,East,2027-03-20,,moved\n",
        at: "bad.csv:2:31", "The match has a closure reason but no closure date."),
    BadInput(
        "negative minutes", .attendance, attendanceHeader + "m-1,ow-east-1,yes,-5\n", at: "bad.csv:2:19",
        "The minutes present, -5, are negative."),
    BadInput(
        "minutes over the maximum", .attendance, attendanceHeader + "m-1,ow-east-1,yes,1441\n", at: "bad.csv:2:19",
        "The minutes present, 1441, are more than 1440 (a day): one row is one offering."),
    BadInput(
        "a number too large for any integer", .attendance,
        attendanceHeader + "m-1,ow-east-1,yes,99999999999999999999999999999999999999\n", at: "bad.csv:2:19",
        "The minutes present, 999999999999999999999999…, are more than 1440"),
    BadInput(
        "minutes that are not whole", .attendance, attendanceHeader + "m-1,ow-east-1,yes,1.5\n", at: "bad.csv:2:19",
        "The minutes present, '1.5', are not a whole number."),
    BadInput(
        "minutes missing for a mentor who attended", .attendance, attendanceHeader + "m-1,ow-east-1,yes,\n",
        at: "bad.csv:2:19", "The mentor attended, but the minutes present are missing."),
    BadInput(
        "minutes for a mentor who did not attend", .attendance, attendanceHeader + "m-1,ow-east-1,no,30\n",
        at: "bad.csv:2:18", "The mentor did not attend, yet 30 minutes present are given."),
    BadInput(
        "an attended that is neither yes nor no", .attendance, attendanceHeader + "m-1,ow-east-1,maybe,10\n",
        at: "bad.csv:2:15", "'maybe' does not say whether the mentor attended."),
    BadInput(
        "an unknown wave", .surveys, surveysHeader + "m-1,confidence,mid,2027-03-06,3\n", at: "bad.csv:2:16",
        "'mid' is not a wave trainplan knows."),
    BadInput(
        "a name where an id belongs", .attendance, attendanceHeader + "Jane Doe,ow-east-1,yes,90\n",
        at: "bad.csv:2:1", "The mentor id 'Jane Doe' is not an id"),
    BadInput(
        "text that is not UTF-8", .attendance,
        bytes: Array((attendanceHeader + "m-1,caf").utf8) + [0xE9] + Array(",yes,90\n".utf8), at: "bad.csv:2:8",
        "The text is not valid UTF-8 here (byte 0xE9).", exit: 2),
    BadInput(
        "a missing required column", .attendance, "mentor,offering,minutes_present\nm-1,ow-east-1,90\n",
        at: "bad.csv:1:1",
        "The header has no 'attended' column (or 'present', 'attendance'), which the attendance format needs."),
    BadInput(
        "a duplicate header", .attendance, "mentor,offering,attended,Mentor ID\nm-1,ow-east-1,yes,m-1\n",
        at: "bad.csv:1:26", "The column 'Mentor ID' is a second 'mentor' column; the first is 'mentor' at column 1."),
    BadInput(
        "an unknown column", .attendance, "mentor,offering,attended,minutes_presnt\nm-1,ow-east-1,yes,90\n",
        at: "bad.csv:1:26", "The column 'minutes_presnt' is not part of the attendance format."),
    BadInput(
        "a survey without items", .surveys, "respondent,instrument,wave,date\nm-1,c,pre,2027-03-06\n",
        at: "bad.csv:1:32", "The header has no item columns"),
    BadInput(
        "a control character in a column name", .surveys,
        "respondent,instrument,wave,date,\"c1\nc2\"\nm-1,c,pre,2027-03-06,3\n",
        at: "bad.csv:1:33", "The column name holds a line break, which it may not."),
    BadInput(
        "a site a spreadsheet would run as a formula", .matches,
        matchesHeader + "mt-1,m-1,y-1,=HYPERLINK(1),2027-03-01,,\n", at: "bad.csv:2:14",
        "The site starts with '=', which a spreadsheet would take for a formula."),
    BadInput(
        "a closure reason starting with @", .matches,
        matchesHeader + "mt-1,m-1,y-1,east,2027-03-01,2027-04-01,@SUM(A1)\n", at: "bad.csv:2:41",
        "The closure reason starts with '@', which a spreadsheet would take for a formula."),
    BadInput("an empty file", .attendance, "", at: "bad.csv:1:1", "The file is empty", exit: 2),
    BadInput(
        "a file of a BOM and blank lines", .matches, "\u{FEFF}\n\r\n", at: "bad.csv:1:1", "The file is empty", exit: 2),
    BadInput(
        "a quoted field never closed", .attendance, attendanceHeader + "m-1,\"ow-east-1,yes,90\n", at: "bad.csv:2:5",
        "This quoted field is never closed: the file ends inside it.", exit: 2),
    BadInput(
        "a quote inside an unquoted field", .attendance, attendanceHeader + "m-1,ow\"east,yes,90\n", at: "bad.csv:2:7",
        "A quote inside a field that does not start with one.", exit: 2),
    BadInput(
        "a row with too few fields", .attendance, attendanceHeader + "m-1,ow-east-1,yes\n", at: "bad.csv:2:18",
        "This row has 3 fields; the header has 4."),
]

@Suite("Records: bad input is refused at its place")
struct RecordsBadInputTests {
    @Test(arguments: badInputs)
    func isRefusedAtItsPlaceAndNothingIsStored(_ input: BadInput) throws {
        let database = try freshDatabase()
        let failure = try #require(try database.failure(input.kind, bytes: input.bytes, file: "bad.csv"))
        let first = try #require(failure.diagnostics.first)
        #expect(first.location.description == input.place, "\(first)")
        #expect(first.message.hasPrefix(input.message), "\(first)")
        #expect(first.description.hasPrefix("\(input.place): error: "))
        #expect(failure.exitCode == input.exitCode)
        #expect(try database.summary() == .empty)
    }

    @Test func aFileOverTheCapIsRefusedUnparsed() throws {
        let database = try freshDatabase()
        let limits = ImportLimits(maxBytes: 64)
        let failure = try #require(try database.failure(.attendance, attendanceCSV, file: "big.csv", limits: limits))
        #expect(
            failure.diagnostics.map(\.description.firstLine) == [
                "big.csv:1:1: error: The file is \(attendanceCSV.utf8.count) bytes, over the limit of 64 bytes for one import."
            ])
        #expect(failure.exitCode == 2)
        #expect(try database.importing(.attendance, attendanceCSV).added == 3, "under the standard limit it imports")
    }

    @Test func anUnknownColumnGetsADidYouMean() throws {
        let database = try freshDatabase()
        let failure = try #require(
            try database.failure(.matches, matchesCSV.replacingOccurrences(of: "site", with: "sitte")))
        let unknown = try #require(failure.diagnostics.first { $0.location.description == "in.csv:1:23" })
        #expect(unknown.message == "The column 'sitte' is not part of the matches format.")
        #expect(unknown.hint?.hasPrefix("Did you mean 'site'?") == true, "\(unknown)")
    }

    @Test func everyBadRowIsReportedNotOnlyTheFirst() throws {
        let database = try freshDatabase()
        let text = attendanceHeader + "m-1,ow-east-1,yes,-1\nm-2,ow-east-1,yes,90\nm-3,ow-east-1,perhaps,2000\n"
        let failure = try #require(try database.failure(.attendance, text, file: "bad.csv"))
        #expect(failure.diagnostics.map(\.location.description) == ["bad.csv:2:19", "bad.csv:4:15", "bad.csv:4:23"])
    }

    @Test func pastTheLimitProblemsAreCountedNotKept() throws {
        let database = try freshDatabase()
        let rows = (1...5).map { "m-\($0),ow-east-1,yes,-\($0)\n" }.joined()
        let limits = ImportLimits(maxBytes: 1 << 20, maxDiagnostics: 2)
        let failure = try #require(try database.failure(.attendance, attendanceHeader + rows, limits: limits))
        #expect(failure.diagnostics.map(\.location.line) == [2, 3])
        #expect(failure.more == 3)
    }

    static let youthNameColumns = [
        "youth name", "youth_first_name", "Child Name", "mentee-name", "Little Name", "first name", "NAME",
        "Youth Surname", "kid_full_name",
    ]

    @Test(arguments: youthNameColumns)
    func aYouthNameColumnIsRefused(_ column: String) throws {
        let database = try freshDatabase()
        let matches =
            "match,mentor,youth_id,\(column),site,start_date,closure_date\nmt-1,m-1,y-1,Sam,East,2027-03-20,\n"
        let failure = try #require(try database.failure(.matches, matches, file: "m.csv"))
        #expect(
            failure.diagnostics.first?.description.hasPrefix(
                "m.csv:1:23: error: The column '\(column)' holds names of youth; trainplan never stores them, so this "
                    + "file is refused.") == true, "\(failure.diagnostics)")
        #expect(failure.exitCode == 1)
        let surveys = "respondent,instrument,wave,date,c1,\(column)\ny-1,c,pre,2027-03-06,3,Sam\n"
        let surveyFailure = try #require(try database.failure(.surveys, surveys, file: "s.csv"))
        #expect(surveyFailure.diagnostics.first?.location.description == "s.csv:1:36")
        #expect(try database.summary() == .empty)
    }

    @Test(arguments: ["youth id", "youth_id", "site name", "mentor name", "c1", "comment", "minutes"])
    func otherColumnsAreNotYouthNames(_ column: String) {
        #expect(!YouthNameRule.isYouthName(column))
    }
}
