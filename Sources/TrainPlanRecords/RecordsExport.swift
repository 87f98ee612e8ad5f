import Foundation

/// The records written back as CSV: the columns the import reads (canonical names), one row per
/// record in key order, LF line ends. The same records give the same bytes, and importing the
/// text gives the same records.
public enum RecordsExport {
    /// `attendance.csv`: mentor, offering, attended (yes/no), minutes_present.
    public static func attendance(_ records: [AttendanceRecord]) -> String {
        var text = line(RecordKind.attendance.columns.map(\.name))
        for record in records {
            text += line([record.mentor, record.offering, record.attended ? "yes" : "no", "\(record.minutesPresent)"])
        }
        return text
    }

    /// `matches.csv`: an open match has an empty closure_date and closure_reason.
    public static func matches(_ records: [MatchRecord]) -> String {
        var text = line(RecordKind.matches.columns.map(\.name))
        for record in records {
            text += line([
                record.match, record.mentor, record.youth, record.site, record.startDate, record.closureDate ?? "",
                record.closureReason ?? "",
            ])
        }
        return text
    }

    /// `surveys.csv`: respondent, instrument, wave, date, then one column per item of every
    /// instrument (by instrument, in the order first imported); an item a response did not
    /// answer is empty.
    public static func surveys(items: [String], responses: [SurveyResponse]) -> String {
        var columns: [String] = []
        var seen = Set<String>()
        for item in items where seen.insert(RecordColumn.normalized(item)).inserted { columns.append(item) }
        for response in responses {
            for answer in response.answers where seen.insert(RecordColumn.normalized(answer.item)).inserted {
                columns.append(answer.item)
            }
        }
        var text = line(RecordKind.surveys.columns.map(\.name) + columns)
        for response in responses {
            let values = Dictionary(
                response.answers.map { (RecordColumn.normalized($0.item), $0.value) }, uniquingKeysWith: { a, _ in a })
            text += line(
                [response.respondent, response.instrument, response.wave, response.date]
                    + columns.map { values[RecordColumn.normalized($0)] ?? "" })
        }
        return text
    }

    /// One CSV line: a field with a comma, a quote or a line end is quoted, its quotes doubled.
    static func line(_ fields: [String]) -> String {
        fields.map { field in
            guard
                field.utf8.contains(where: {
                    $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
                })
            else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\n"
    }
}
