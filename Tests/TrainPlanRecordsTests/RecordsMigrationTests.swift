import Foundation
import GRDB
import Testing
import TrainPlanRecords

@Suite("Records: the database's versions")
struct RecordsMigrationTests {
    @Test func theFirstVersionHasTheTablesOfTheFormats() throws {
        let folder = try scratchFolder()
        let database = try RecordsDatabase.open(folder: folder)
        let queue = try DatabaseQueue(path: database.path)
        let tables = try queue.read { db in
            try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%' ORDER BY name")
        }
        #expect(
            tables == [
                "attendance", "matches", "mentors", "offerings", "survey_answers", "survey_items", "survey_responses",
            ])
    }

    @Test func aDatabaseOfANewerTrainplanIsRefusedNotMisread() throws {
        let folder = try scratchFolder()
        let path = try RecordsDatabase.open(folder: folder).path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v2 from a newer trainplan')")
        }
        #expect {
            _ = try RecordsDatabase.openExisting(folder: folder)
        } throws: { error in
            "\(error)".hasSuffix("it was written by a newer trainplan; update trainplan to use it")
        }
    }

    @Test func theTablesRefuseWhatTheImportRefusesEvenWrittenDirectly() throws {
        let folder = try scratchFolder()
        let path = try RecordsDatabase.open(folder: folder).path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "INSERT INTO mentors (id) VALUES ('m-1')") }
        for sql in [
            "INSERT INTO attendance VALUES ('m-1', 'nowhere', 1, 60)",  // an offering not listed
            "INSERT INTO offerings (id) VALUES ('o'); INSERT INTO attendance VALUES ('m-1', 'o', 1, 1441)",
            "INSERT INTO matches VALUES ('mt', 'm-1', 'y', 's', '2027-03-20', '2027-03-01', NULL)",
            "INSERT INTO matches VALUES ('mt', 'm-1', 'y', 's', '2027-03-20', NULL, 'moved')",
        ] {
            #expect(throws: DatabaseError.self, "\(sql)") {
                try queue.write { db in try db.execute(sql: sql) }
            }
        }
    }
}
