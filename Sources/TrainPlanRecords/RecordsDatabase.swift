import Foundation
import GRDB
import TrainPlanCore

/// How one import went: the rows read and what became of them.
public struct ImportCounts: Hashable, Sendable {
    /// Data rows of the file (without the header and blank lines).
    public var rows: Int
    /// Records stored by this import.
    public var added: Int
    /// Records that were stored already, with the same values.
    public var alreadyStored: Int
    /// Open matches that this import closed (a closure date given for a stored open match).
    public var closed: Int
    /// Rows that repeat an earlier row of the same file exactly.
    public var repeats: Int
}

/// How many records each table holds.
public struct RecordsSummary: Hashable, Sendable {
    public var mentors: Int
    public var offerings: Int
    public var attendance: Int
    public var matches: Int
    public var openMatches: Int
    public var surveyResponses: Int
    public var surveyAnswers: Int
    public var instruments: Int

    /// Every table's count, all zero.
    public static let empty = RecordsSummary(
        mentors: 0, offerings: 0, attendance: 0, matches: 0, openMatches: 0, surveyResponses: 0, surveyAnswers: 0,
        instruments: 0)
}

/// Why the records database cannot be opened or written.
public struct RecordsDatabaseError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "trainplan: cannot use the records database \(path.visible): \(reason.visible)" }
}

/// The records database of a project, `Records/records.sqlite`: attendance, matches and survey
/// responses, written only by trainplan, every write one transaction. It never holds a name of
/// a youth: matches know a youth by a pseudonymous id, and an import with a youth-name column
/// is refused before anything is read.
public final class RecordsDatabase: Sendable {
    /// The file name inside the records folder.
    public static let fileName = "records.sqlite"

    /// Where the database is.
    public let path: String
    private let queue: DatabaseQueue

    /// Opens the database at `folder/records.sqlite`, creating the folder and the database on
    /// first use, and brings its tables to the current version.
    public static func open(folder: String) throws(RecordsDatabaseError) -> RecordsDatabase {
        let path = (folder as NSString).appendingPathComponent(fileName)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw RecordsDatabaseError(path: path, reason: "the folder \(folder) cannot be created")
        }
        return try RecordsDatabase(path: path)
    }

    /// Opens the existing database at `folder/records.sqlite`, or `nil` when there is none yet
    /// (nothing is created).
    public static func openExisting(folder: String) throws(RecordsDatabaseError) -> RecordsDatabase? {
        let path = (folder as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try RecordsDatabase(path: path)
    }

    private init(path: String) throws(RecordsDatabaseError) {
        self.path = path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.label = "records"
        // Another trainplan (the workspace, a second import) may be writing: wait for it a while
        // rather than fail at once.
        configuration.busyMode = .timeout(10)
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            let migrator = Self.migrator
            if try queue.read({ db in try migrator.hasBeenSuperseded(db) }) {
                throw RecordsDatabaseError(
                    path: path, reason: "it was written by a newer trainplan; update trainplan to use it")
            }
            try migrator.migrate(queue)
        } catch let error as RecordsDatabaseError {
            throw error
        } catch {
            throw RecordsDatabaseError(path: path, reason: Self.reason(error))
        }
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    /// The versions of the tables, applied in order, each once (GRDB records them in
    /// `grdb_migrations`). A released migration is never edited: a change is a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 records: mentors, offerings, attendance, matches, surveys") { db in
            try db.execute(
                sql: """
                    CREATE TABLE mentors (id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
                    CREATE TABLE offerings (id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
                    CREATE TABLE attendance (
                        mentor TEXT NOT NULL REFERENCES mentors(id),
                        offering TEXT NOT NULL REFERENCES offerings(id),
                        attended INTEGER NOT NULL CHECK (attended IN (0, 1)),
                        minutes_present INTEGER NOT NULL CHECK (minutes_present BETWEEN 0 AND 1440),
                        PRIMARY KEY (mentor, offering)
                    ) WITHOUT ROWID;
                    CREATE TABLE matches (
                        id TEXT PRIMARY KEY NOT NULL,
                        mentor TEXT NOT NULL REFERENCES mentors(id),
                        youth_id TEXT NOT NULL,
                        site TEXT NOT NULL,
                        start_date TEXT NOT NULL,
                        closure_date TEXT CHECK (closure_date IS NULL OR closure_date >= start_date),
                        closure_reason TEXT CHECK (closure_reason IS NULL OR closure_date IS NOT NULL)
                    ) WITHOUT ROWID;
                    CREATE INDEX matches_by_mentor ON matches(mentor);
                    CREATE TABLE survey_responses (
                        id INTEGER PRIMARY KEY,
                        respondent TEXT NOT NULL,
                        instrument TEXT NOT NULL,
                        wave TEXT NOT NULL,
                        date TEXT NOT NULL,
                        UNIQUE (respondent, instrument, wave)
                    );
                    CREATE TABLE survey_answers (
                        response INTEGER NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
                        item TEXT NOT NULL,
                        value TEXT NOT NULL,
                        PRIMARY KEY (response, item)
                    ) WITHOUT ROWID;
                    CREATE TABLE survey_items (
                        instrument TEXT NOT NULL,
                        item TEXT NOT NULL,
                        position INTEGER NOT NULL,
                        PRIMARY KEY (instrument, item)
                    ) WITHOUT ROWID;
                    """)
        }
        return migrator
    }

    /// The migrations applied to this database, in order.
    public func appliedMigrations() throws(RecordsDatabaseError) -> [String] {
        try reading { db in try Self.migrator.appliedMigrations(db) }
    }

    /// Imports one file (its whole bytes) as one transaction: either every row is stored or
    /// checked as stored already, or nothing of the file is (a conflict with a stored record,
    /// any bad value, a refused column).
    public func importFile(
        _ kind: RecordKind, bytes: [UInt8], file: String, limits: ImportLimits = .standard
    ) throws -> ImportCounts {
        let reader = try CSVReader(bytes, file: file, limits: limits)
        switch kind {
        case .attendance:
            let parsed = try RecordsParser.attendance(reader, file: file, limits: limits)
            return try store(parsed, limits: limits, lookUp: Self.storedAttendance, insert: Self.insert)
        case .matches:
            let parsed = try RecordsParser.matches(reader, file: file, limits: limits)
            return try store(parsed, limits: limits, lookUp: Self.storedMatch, insert: Self.insert) {
                db, row, stored in
                guard row.closes(stored) else { return false }
                try db.execute(
                    sql: "UPDATE matches SET closure_date = ?, closure_reason = ? WHERE id = ?",
                    arguments: [row.closureDate, row.closureReason, row.match])
                return true
            }
        case .surveys:
            let parsed = try RecordsParser.surveys(reader, file: file, limits: limits)
            return try store(parsed, limits: limits, lookUp: Self.storedResponse, insert: Self.insert)
        }
    }

    /// Stores the records of one file in one transaction; a conflict with a stored record rolls
    /// it all back and is reported at the row and column that differ.
    private func store<Record: KeyedRecord>(
        _ parsed: RecordsFile<Record>, limits: ImportLimits, lookUp: (Database, Record) throws -> Record?,
        insert: (Database, Record) throws -> Void,
        update: (Database, Record, Record) throws -> Bool = { _, _, _ in false }
    ) throws -> ImportCounts {
        var counts = ImportCounts(rows: parsed.rows, added: 0, alreadyStored: 0, closed: 0, repeats: parsed.repeats)
        do {
            try queue.write { db in
                var conflicts = DiagnosticSink(limit: limits.maxDiagnostics)
                for located in parsed.records {
                    let record = located.record
                    if let stored = try lookUp(db, record) {
                        let differences = record.differences(from: stored)
                        if differences.isEmpty {
                            counts.alreadyStored += 1
                        } else if try update(db, record, stored) {
                            counts.closed += 1
                        } else {
                            let difference = differences[0]
                            conflicts.append(
                                RecordsDiagnostic(
                                    parsed.location(of: located, column: difference.column),
                                    "This row conflicts with a stored record: \(record.keyDescription) is stored with "
                                        + "\(difference.column) \(difference.theirs); this row gives \(difference.mine).",
                                    hint: "An import never changes a stored record (except closing an open match); "
                                        + "correct the row, or leave it out."))
                        }
                    } else {
                        try insert(db, record)
                        counts.added += 1
                    }
                }
                if !conflicts.isEmpty { throw conflicts.failure }
            }
        } catch let failure as ImportFailure {
            throw failure
        } catch {
            throw RecordsDatabaseError(path: path, reason: Self.reason(error))
        }
        return counts
    }

    private static func storedAttendance(_ db: Database, _ record: AttendanceRecord) throws -> AttendanceRecord? {
        let statement = try db.cachedStatement(
            sql: "SELECT attended, minutes_present FROM attendance WHERE mentor = ? AND offering = ?")
        guard let row = try Row.fetchOne(statement, arguments: [record.mentor, record.offering]) else { return nil }
        return AttendanceRecord(
            mentor: record.mentor, offering: record.offering, attended: row["attended"],
            minutesPresent: row["minutes_present"])
    }

    private static func insert(_ db: Database, _ record: AttendanceRecord) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO mentors (id) VALUES (?)").execute(arguments: [
            record.mentor
        ])
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO offerings (id) VALUES (?)").execute(arguments: [
            record.offering
        ])
        try db.cachedStatement(
            sql: "INSERT INTO attendance (mentor, offering, attended, minutes_present) VALUES (?, ?, ?, ?)"
        ).execute(arguments: [record.mentor, record.offering, record.attended, record.minutesPresent])
    }

    private static func storedMatch(_ db: Database, _ record: MatchRecord) throws -> MatchRecord? {
        let statement = try db.cachedStatement(sql: "SELECT * FROM matches WHERE id = ?")
        guard let row = try Row.fetchOne(statement, arguments: [record.match]) else { return nil }
        return match(row)
    }

    private static func match(_ row: Row) -> MatchRecord {
        MatchRecord(
            match: row["id"], mentor: row["mentor"], youth: row["youth_id"], site: row["site"],
            startDate: row["start_date"], closureDate: row["closure_date"], closureReason: row["closure_reason"])
    }

    private static func insert(_ db: Database, _ record: MatchRecord) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO mentors (id) VALUES (?)").execute(arguments: [
            record.mentor
        ])
        try db.cachedStatement(
            sql: """
                INSERT INTO matches (id, mentor, youth_id, site, start_date, closure_date, closure_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            record.match, record.mentor, record.youth, record.site, record.startDate, record.closureDate,
            record.closureReason,
        ])
    }

    private static func storedResponse(_ db: Database, _ record: SurveyResponse) throws -> SurveyResponse? {
        let statement = try db.cachedStatement(
            sql: "SELECT id, date FROM survey_responses WHERE respondent = ? AND instrument = ? AND wave = ?")
        guard let row = try Row.fetchOne(statement, arguments: [record.respondent, record.instrument, record.wave])
        else { return nil }
        let id: Int64 = row["id"]
        let answers = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT item, value FROM survey_answers WHERE response = ? ORDER BY item"),
            arguments: [id]
        ).map { SurveyAnswer(item: $0["item"], value: $0["value"]) }
        return SurveyResponse(
            respondent: record.respondent, instrument: record.instrument, wave: record.wave, date: row["date"],
            answers: answers)
    }

    private static func insert(_ db: Database, _ record: SurveyResponse) throws {
        try db.cachedStatement(
            sql: "INSERT INTO survey_responses (respondent, instrument, wave, date) VALUES (?, ?, ?, ?)"
        ).execute(arguments: [record.respondent, record.instrument, record.wave, record.date])
        let response = db.lastInsertedRowID
        for answer in record.answers {
            try db.cachedStatement(sql: "INSERT INTO survey_answers (response, item, value) VALUES (?, ?, ?)")
                .execute(arguments: [response, answer.item, answer.value])
            try db.cachedStatement(
                sql: """
                    INSERT OR IGNORE INTO survey_items (instrument, item, position)
                    VALUES (?1, ?2, (SELECT COALESCE(MAX(position) + 1, 0) FROM survey_items WHERE instrument = ?1))
                    """
            ).execute(arguments: [record.instrument, answer.item])
        }
    }

    private func reading<T>(_ body: (Database) throws -> T) throws(RecordsDatabaseError) -> T {
        do {
            return try queue.read(body)
        } catch {
            throw RecordsDatabaseError(path: path, reason: Self.reason(error))
        }
    }

    /// Every attendance record, by mentor, then offering.
    public func attendance() throws(RecordsDatabaseError) -> [AttendanceRecord] {
        try reading { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM attendance ORDER BY mentor, offering"
            ).map {
                AttendanceRecord(
                    mentor: $0["mentor"], offering: $0["offering"], attended: $0["attended"],
                    minutesPresent: $0["minutes_present"])
            }
        }
    }

    /// Every match, by match id.
    public func matches() throws(RecordsDatabaseError) -> [MatchRecord] {
        try reading { db in try Row.fetchAll(db, sql: "SELECT * FROM matches ORDER BY id").map(Self.match) }
    }

    /// Every survey response, by respondent, instrument and wave, each with its answers in the
    /// instrument's item order; and the item columns of all instruments, in that order.
    public func surveys() throws(RecordsDatabaseError) -> (items: [String], responses: [SurveyResponse]) {
        try reading { db in
            let items = try String.fetchAll(db, sql: "SELECT item FROM survey_items ORDER BY instrument, position")
            let answerRows = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.id AS response, a.item AS item, a.value AS value FROM survey_answers a
                    JOIN survey_responses r ON r.id = a.response
                    LEFT JOIN survey_items i ON i.instrument = r.instrument AND i.item = a.item
                    ORDER BY r.id, i.position, a.item
                    """)
            var answers: [Int64: [SurveyAnswer]] = [:]
            for row in answerRows {
                answers[row["response"], default: []].append(SurveyAnswer(item: row["item"], value: row["value"]))
            }
            let responses = try Row.fetchAll(
                db, sql: "SELECT * FROM survey_responses ORDER BY respondent, instrument, wave"
            ).map { row -> SurveyResponse in
                let id: Int64 = row["id"]
                return SurveyResponse(
                    respondent: row["respondent"], instrument: row["instrument"], wave: row["wave"],
                    date: row["date"], answers: answers[id] ?? [])
            }
            return (items, responses)
        }
    }

    /// How many records each table holds.
    public func summary() throws(RecordsDatabaseError) -> RecordsSummary {
        try reading { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            return RecordsSummary(
                mentors: try count("SELECT COUNT(*) FROM mentors"),
                offerings: try count("SELECT COUNT(*) FROM offerings"),
                attendance: try count("SELECT COUNT(*) FROM attendance"),
                matches: try count("SELECT COUNT(*) FROM matches"),
                openMatches: try count("SELECT COUNT(*) FROM matches WHERE closure_date IS NULL"),
                surveyResponses: try count("SELECT COUNT(*) FROM survey_responses"),
                surveyAnswers: try count("SELECT COUNT(*) FROM survey_answers"),
                instruments: try count("SELECT COUNT(DISTINCT instrument) FROM survey_responses"))
        }
    }
}
