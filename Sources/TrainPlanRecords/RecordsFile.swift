import TrainPlanCore

/// A record of a file, with the line and byte offset its row starts at (so that its fields'
/// columns can be found again when a message needs one).
package struct Located<Record: Sendable>: Sendable {
    package var record: Record
    package var line: Int
    package var offset: Int
}

/// One file read for import: its records, each checked, in file order, with exact repeats
/// within the file dropped.
package struct RecordsFile<Record: KeyedRecord>: Sendable {
    package var file: String
    package var records: [Located<Record>]
    /// Data rows read (without the header and blank lines).
    package var rows: Int
    /// Rows that repeat an earlier row of the same file exactly.
    package var repeats: Int
    let reader: CSVReader
    let map: HeaderMap

    /// Where `column` (a canonical column name, or a survey item's name) of `located` starts.
    func location(of located: Located<Record>, column: String) -> SourceLocation {
        let index = map.index[column] ?? map.items.first { $0.name == column }?.index
        let record = reader.record(at: located.offset, line: located.line)
        guard let index, let record, index < record.fields.count else {
            return SourceLocation(file: file, line: located.line, column: 1)
        }
        return SourceLocation(file: file, line: record.fields[index].line, column: record.fields[index].column)
    }
}

/// Reading a CSV table into checked records.
package enum RecordsParser {
    /// The fields of one row by canonical column name, with their places.
    private struct Row {
        var record: CSVRecord
        var map: HeaderMap
        var file: String

        func field(_ name: String) -> CSVField? {
            let index = map.index[name] ?? map.items.first { $0.name == name }?.index
            guard let index, index < record.fields.count else { return nil }
            return record.fields[index]
        }

        func text(_ name: String) -> String { field(name)?.text.trimmingSpaces ?? "" }

        func location(_ name: String) -> SourceLocation {
            let field = field(name)
            return SourceLocation(
                file: file, line: field?.line ?? record.line, column: field?.column ?? record.endColumn)
        }
    }

    /// Collects refusals of one row, each at its field.
    private struct Checker {
        var row: Row
        var diagnostics: [RecordsDiagnostic] = []

        mutating func value<T>(_ column: String, _ result: Result<T, Refusal>) -> T? {
            switch result {
            case .success(let value): return value
            case .failure(let refusal):
                diagnostics.append(RecordsDiagnostic(row.location(column), refusal.message, hint: refusal.hint))
                return nil
            }
        }
    }

    package static func attendance(_ reader: CSVReader, file: String, limits: ImportLimits = .standard)
        throws(ImportFailure) -> RecordsFile<
            AttendanceRecord
        >
    {
        try parse(reader, kind: .attendance, file: file, limits: limits) { checker in
            let row = checker.row
            let mentor = checker.value("mentor", RecordValues.id(row.text("mentor"), what: "mentor id"))
            let offering = checker.value("offering", RecordValues.id(row.text("offering"), what: "offering id"))
            let attended = checker.value("attended", RecordValues.attended(row.text("attended")))
            var minutes: Int?
            let minutesText = row.text("minutes_present")
            if minutesText.isEmpty {
                if attended == true {
                    checker.diagnostics.append(
                        RecordsDiagnostic(
                            row.location("minutes_present"),
                            "The mentor attended, but the minutes present are missing.",
                            hint: "Give the whole minutes present, e.g. 90."))
                } else {
                    minutes = 0
                }
            } else {
                minutes = checker.value("minutes_present", RecordValues.minutes(minutesText))
                if attended == false, let given = minutes, given > 0 {
                    checker.diagnostics.append(
                        RecordsDiagnostic(
                            row.location("minutes_present"),
                            "The mentor did not attend, yet \(given) minutes present are given.",
                            hint: "Write attended yes, or 0 minutes."))
                    minutes = nil
                }
            }
            guard let mentor, let offering, let attended, let minutes else { return nil }
            return AttendanceRecord(mentor: mentor, offering: offering, attended: attended, minutesPresent: minutes)
        }
    }

    package static func matches(_ reader: CSVReader, file: String, limits: ImportLimits = .standard)
        throws(ImportFailure) -> RecordsFile<MatchRecord>
    {
        try parse(reader, kind: .matches, file: file, limits: limits) { checker in
            let row = checker.row
            let match = checker.value("match", RecordValues.id(row.text("match"), what: "match id"))
            let mentor = checker.value("mentor", RecordValues.id(row.text("mentor"), what: "mentor id"))
            let youth = checker.value("youth_id", RecordValues.id(row.text("youth_id"), what: "youth id"))
            let siteText = row.text("site")
            var site: String?
            if siteText.isEmpty {
                checker.diagnostics.append(RecordsDiagnostic(row.location("site"), "The site is empty."))
            } else {
                site = checker.value("site", RecordValues.text(siteText, what: "site"))
            }
            let start = checker.value("start_date", RecordValues.date(row.text("start_date"), what: "start date"))
            let closureText = row.text("closure_date")
            var closure: String??
            if closureText.isEmpty || closureText.lowercased() == "none" {
                closure = .some(nil)
            } else if let date = checker.value(
                "closure_date", RecordValues.date(closureText, what: "closure date"))
            {
                closure = .some(date)
                if let start, date < start {
                    checker.diagnostics.append(
                        RecordsDiagnostic(
                            row.location("closure_date"),
                            "The match closes on \(date), before it starts on \(start).",
                            hint: "Check the start and closure dates of match '\(match ?? "")'."))
                    closure = nil
                }
            }
            let reasonText = row.text("closure_reason")
            var reason: String??
            if reasonText.isEmpty || reasonText.lowercased() == "none" {
                reason = .some(nil)
            } else if let text = checker.value(
                "closure_reason", RecordValues.text(reasonText, what: "closure reason", lineBreaks: true))
            {
                reason = .some(text)
                if closure == .some(nil) {
                    checker.diagnostics.append(
                        RecordsDiagnostic(
                            row.location("closure_reason"),
                            "The match has a closure reason but no closure date.",
                            hint: "Give the closure date, or leave the reason empty while the match is open."))
                    reason = nil
                }
            }
            guard let match, let mentor, let youth, let site, let start, let closure, let reason else { return nil }
            return MatchRecord(
                match: match, mentor: mentor, youth: youth, site: site, startDate: start, closureDate: closure,
                closureReason: reason)
        }
    }

    package static func surveys(_ reader: CSVReader, file: String, limits: ImportLimits = .standard)
        throws(ImportFailure) -> RecordsFile<SurveyResponse>
    {
        try parse(reader, kind: .surveys, file: file, limits: limits) { checker in
            let row = checker.row
            let respondent = checker.value(
                "respondent", RecordValues.id(row.text("respondent"), what: "respondent id"))
            let instrument = checker.value(
                "instrument", RecordValues.id(row.text("instrument"), what: "instrument id"))
            let wave = checker.value("wave", RecordValues.wave(row.text("wave")))
            let date = checker.value("date", RecordValues.date(row.text("date"), what: "survey date"))
            var answers: [SurveyAnswer] = []
            var answersValid = true
            for item in row.map.items where item.index < row.record.fields.count {
                let field = row.record.fields[item.index]
                let value = field.text.trimmingSpaces
                guard !value.isEmpty else { continue }
                switch RecordValues.text(value, what: "answer to '\(item.name)'", lineBreaks: true) {
                case .success(let value): answers.append(SurveyAnswer(item: item.name, value: value))
                case .failure(let refusal):
                    answersValid = false
                    checker.diagnostics.append(
                        RecordsDiagnostic(
                            SourceLocation(file: row.file, line: field.line, column: field.column), refusal.message,
                            hint: refusal.hint))
                }
            }
            guard let respondent, let instrument, let wave, let date, answersValid else { return nil }
            if answers.isEmpty {
                checker.diagnostics.append(
                    RecordsDiagnostic(
                        SourceLocation(file: row.file, line: row.record.line, column: 1),
                        "The \(wave) response of '\(respondent)' answers no item.",
                        hint: "Remove the row, or give its answers."))
                return nil
            }
            return SurveyResponse(
                respondent: respondent, instrument: instrument, wave: wave, date: date, answers: answers)
        }
    }

    /// Reads the header, then every row through `check`; any diagnostic refuses the whole file.
    /// Two rows of one key must agree; a row repeated exactly is dropped.
    private static func parse<Record: KeyedRecord>(
        _ reader: CSVReader, kind: RecordKind, file: String, limits: ImportLimits,
        check: (inout Checker) -> Record?
    ) throws(ImportFailure) -> RecordsFile<Record> {
        let map = try HeaderMap.read(reader.header, kind: kind, file: file)
        var rows = 0
        var reading = reader
        var diagnostics = DiagnosticSink(limit: limits.maxDiagnostics)
        var records: [Located<Record>] = []
        var firstOfKey: [Record.Key: Int] = [:]
        var repeats = 0
        while let csvRecord = try reading.next() {
            rows += 1
            if csvRecord.fields.count != map.fieldCount {
                let count = csvRecord.fields.count
                let column =
                    count > map.fieldCount ? csvRecord.fields[map.fieldCount].column : csvRecord.endColumn
                diagnostics.append(
                    RecordsDiagnostic(
                        SourceLocation(file: file, line: csvRecord.line, column: column),
                        "This row has \(count) field\(count == 1 ? "" : "s"); the header has \(map.fieldCount).",
                        hint: "A value with a comma in it is quoted: \"Eastside, Room B\"."))
                continue
            }
            var checker = Checker(row: Row(record: csvRecord, map: map, file: file))
            let record = check(&checker)
            diagnostics.append(contentsOf: checker.diagnostics)
            guard let record else { continue }
            let located = Located(record: record, line: csvRecord.line, offset: csvRecord.offset)
            if let earlier = firstOfKey[record.key] {
                let first = records[earlier]
                let differences = record.differences(from: first.record)
                if differences.isEmpty {
                    repeats += 1
                } else {
                    let difference = differences[0]
                    diagnostics.append(
                        RecordsDiagnostic(
                            checker.row.location(difference.column),
                            "This row gives \(record.keyDescription) with \(difference.column) \(difference.mine); "
                                + "line \(first.line) gives it with \(difference.theirs).",
                            hint: "Keep one of the two rows."))
                }
                continue
            }
            firstOfKey[record.key] = records.count
            records.append(located)
        }
        if !diagnostics.isEmpty { throw diagnostics.failure }
        return RecordsFile(file: file, records: records, rows: rows, repeats: repeats, reader: reader, map: map)
    }
}
