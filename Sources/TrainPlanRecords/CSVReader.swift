import TrainPlanCore

/// One field of a CSV file: its text (quotes removed, `""` made `"`) and where it starts.
package struct CSVField: Hashable, Sendable {
    package var text: String
    /// The 1-based physical line the field starts on (a quoted field may span lines).
    package var line: Int
    /// The 1-based column the field starts at, in characters (Unicode scalars); a quoted
    /// field's column is its opening quote's.
    package var column: Int
}

/// One record: its fields and the physical line it starts on.
package struct CSVRecord: Hashable, Sendable {
    package var fields: [CSVField]
    package var line: Int
    /// The byte offset the record starts at.
    package var offset: Int
    /// Where the record's line ends: the place reported for a field that is missing.
    package var endColumn: Int
}

/// An RFC 4180 reader that knows where every field is, reading one record at a time (a file of
/// a million rows is never held as fields, only as its bytes).
///
/// Written here rather than taken from CSV.swift or SwiftCSV: neither says on which line a
/// record starts, and every message of an import must name the file, line and column. It reads
/// bytes: the structural characters (comma, quote, CR, LF) are ASCII, which never occurs inside
/// a multi-byte UTF-8 sequence, so fields are cut from the bytes and columns count the bytes
/// that start a character.
package struct CSVReader: Sendable {
    /// The header row.
    package let header: CSVRecord
    /// The whole file.
    package let bytes: [UInt8]
    private var parser: Parser

    /// Starts reading `bytes` (the whole file) and reads the header. A leading UTF-8 byte order
    /// mark is skipped; line ends may be CRLF or LF; a quoted field may hold commas, quotes
    /// (doubled) and line ends; blank lines are skipped.
    package init(_ bytes: [UInt8], file: String, limits: ImportLimits) throws(ImportFailure) {
        guard bytes.count <= limits.maxBytes else {
            throw .tooLarge(file: file, bytes: bytes.count, limits: limits)
        }
        if let bad = Self.firstInvalidUTF8(bytes) {
            throw .unreadable(
                RecordsDiagnostic(
                    SourceLocation(file: file, line: bad.line, column: bad.column),
                    "The text is not valid UTF-8 here (byte 0x\(String(bad.byte, radix: 16, uppercase: true))).",
                    hint: "Export the file as UTF-8 (in a spreadsheet: CSV UTF-8)."))
        }
        self.bytes = bytes
        parser = Parser(bytes: bytes, file: file, limits: limits)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
        guard let header = try parser.nextNonBlankRecord() else {
            throw .unreadable(
                RecordsDiagnostic(
                    SourceLocation(file: file, line: 1, column: 1),
                    "The file is empty: an import needs a header row naming its columns.",
                    hint: "The first line names the columns, e.g. mentor,offering,attended,minutes_present."))
        }
        self.header = header
    }

    /// The next record after the header, or `nil` at the end.
    package mutating func next() throws(ImportFailure) -> CSVRecord? {
        try parser.nextNonBlankRecord()
    }

    /// The record that starts at byte `offset` on `line` (a record's `offset`), read again:
    /// rows are kept as values and their offset only, and the columns found when needed.
    package func record(at offset: Int, line: Int) -> CSVRecord? {
        var again = parser
        again.index = offset
        again.line = line
        again.column = 1
        return try? again.nextRecord()
    }

    /// Where the first byte that is not part of valid UTF-8 is, if any.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, column: Int, byte: UInt8)? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var line = 1
        var column = 1
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, column, byte)
            }
            guard index + length <= bytes.count,
                String(validating: bytes[index..<(index + length)], as: UTF8.self) != nil
            else { return (line, column, byte) }
            if byte == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += length
        }
        return nil
    }

    private struct Parser: Sendable {
        let bytes: [UInt8]
        let file: String
        let limits: ImportLimits
        var index = 0
        var line = 1
        /// The byte offset where the current line starts, and the characters before `index` on it.
        var column = 1
        var lastFieldWasQuoted = false

        init(bytes: [UInt8], file: String, limits: ImportLimits) {
            self.bytes = bytes
            self.file = file
            self.limits = limits
        }

        private func failure(_ line: Int, _ column: Int, _ message: String, hint: String? = nil) -> ImportFailure {
            .unreadable(RecordsDiagnostic(SourceLocation(file: file, line: line, column: column), message, hint: hint))
        }

        /// Moves past one byte, keeping the line and the column.
        private mutating func advance() {
            let byte = bytes[index]
            index += 1
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }

        mutating func nextNonBlankRecord() throws(ImportFailure) -> CSVRecord? {
            while let record = try nextRecord() {
                if record.fields.count == 1, record.fields[0].text.isEmpty, !lastFieldWasQuoted { continue }
                return record
            }
            return nil
        }

        mutating func nextRecord() throws(ImportFailure) -> CSVRecord? {
            guard index < bytes.count else { return nil }
            let recordLine = line
            let recordOffset = index
            var fields: [CSVField] = []
            while true {
                guard fields.count < limits.maxColumns else {
                    throw failure(
                        line, column, "A row has more than \(limits.maxColumns) fields, the limit for one import.")
                }
                let field = try nextField()
                fields.append(field)
                if index >= bytes.count {
                    return CSVRecord(fields: fields, line: recordLine, offset: recordOffset, endColumn: column)
                }
                let byte = bytes[index]
                if byte == UInt8(ascii: ",") {
                    advance()
                    continue
                }
                // A line end: CRLF or LF.
                let endColumn = column
                if byte == 0x0D { advance() }
                if index < bytes.count, bytes[index] == 0x0A { advance() }
                return CSVRecord(fields: fields, line: recordLine, offset: recordOffset, endColumn: endColumn)
            }
        }

        private mutating func nextField() throws(ImportFailure) -> CSVField {
            let startLine = line
            let startColumn = column
            var text: [UInt8] = []
            lastFieldWasQuoted = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                lastFieldWasQuoted = true
                advance()
                while true {
                    guard index < bytes.count else {
                        throw failure(
                            startLine, startColumn, "This quoted field is never closed: the file ends inside it.",
                            hint: "Close the field with a quote; a quote inside a field is written twice (\"\")."
                        )
                    }
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\"") {
                        advance()
                        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                            text.append(byte)
                            advance()
                            continue
                        }
                        break
                    }
                    text.append(byte)
                    advance()
                    guard text.count <= limits.maxFieldBytes else {
                        throw failure(
                            startLine, startColumn,
                            "This field is longer than \(limits.maxFieldBytes) bytes, the limit for one value.")
                    }
                }
                if index < bytes.count, ![UInt8(ascii: ","), 0x0D, 0x0A].contains(bytes[index]) {
                    throw failure(
                        line, column, "Only a comma or a line end may follow a quoted field's closing quote.",
                        hint: "A quote inside a field is written twice (\"\") and the whole field is quoted.")
                }
            } else {
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: ",") || byte == 0x0A { break }
                    if byte == 0x0D {
                        // A lone CR inside a field is kept; CRLF ends the record.
                        if index + 1 >= bytes.count || bytes[index + 1] == 0x0A { break }
                    }
                    if byte == UInt8(ascii: "\"") {
                        throw failure(
                            line, column, "A quote inside a field that does not start with one.",
                            hint: "Quote the whole field and write the quote twice: \"say \"\"hi\"\"\".")
                    }
                    text.append(byte)
                    advance()
                    guard text.count <= limits.maxFieldBytes else {
                        throw failure(
                            startLine, startColumn,
                            "This field is longer than \(limits.maxFieldBytes) bytes, the limit for one value.")
                    }
                }
            }
            return CSVField(text: String(decoding: text, as: UTF8.self), line: startLine, column: startColumn)
        }
    }
}
