/// One mentor's attendance at one offering. Its key is (mentor, offering).
public struct AttendanceRecord: Hashable, Sendable {
    public var mentor: String
    public var offering: String
    public var attended: Bool
    /// Minutes present, 0 to `RecordValues.maxMinutes`; 0 when the mentor did not attend.
    public var minutesPresent: Int

    public init(mentor: String, offering: String, attended: Bool, minutesPresent: Int) {
        self.mentor = mentor
        self.offering = offering
        self.attended = attended
        self.minutesPresent = minutesPresent
    }
}

/// One match of a mentor and a youth, known by a pseudonymous id only. Its key is the match id.
public struct MatchRecord: Hashable, Sendable {
    public var match: String
    public var mentor: String
    /// The youth's pseudonymous id: never a name.
    public var youth: String
    public var site: String
    /// YYYY-MM-DD.
    public var startDate: String
    /// YYYY-MM-DD, or `nil` while the match is open.
    public var closureDate: String?
    public var closureReason: String?

    public init(
        match: String, mentor: String, youth: String, site: String, startDate: String, closureDate: String?,
        closureReason: String?
    ) {
        self.match = match
        self.mentor = mentor
        self.youth = youth
        self.site = site
        self.startDate = startDate
        self.closureDate = closureDate
        self.closureReason = closureReason
    }
}

/// One answer of a survey response.
public struct SurveyAnswer: Hashable, Sendable {
    public var item: String
    public var value: String

    public init(item: String, value: String) {
        self.item = item
        self.value = value
    }
}

/// One survey response: a respondent's answers to an instrument at one wave. Its key is
/// (respondent, instrument, wave).
public struct SurveyResponse: Hashable, Sendable {
    public var respondent: String
    public var instrument: String
    /// `pre`, `post` or `N-month`.
    public var wave: String
    /// YYYY-MM-DD.
    public var date: String
    /// The items answered, in the file's column order; an empty cell is an item not answered.
    public var answers: [SurveyAnswer]

    public init(respondent: String, instrument: String, wave: String, date: String, answers: [SurveyAnswer]) {
        self.respondent = respondent
        self.instrument = instrument
        self.wave = wave
        self.date = date
        self.answers = answers
    }
}

/// A record with a natural key, and the way two records of one key differ.
package protocol KeyedRecord: Hashable, Sendable {
    associatedtype Key: Hashable & Sendable
    /// The natural key (ids cannot hold a line break, so one joins the parts of a key).
    var key: Key { get }
    /// How the key reads in a message: `match 'mt-0007'`.
    var keyDescription: String { get }
    /// The columns whose values differ from `other`'s (same key): column, this value, the other's.
    func differences(from other: Self) -> [(column: String, mine: String, theirs: String)]
}

extension AttendanceRecord: KeyedRecord {
    package var key: String { mentor + "\n" + offering }
    package var keyDescription: String { "the attendance of mentor '\(mentor)' at offering '\(offering)'" }

    package func differences(from other: AttendanceRecord) -> [(column: String, mine: String, theirs: String)] {
        var result: [(String, String, String)] = []
        if attended != other.attended {
            result.append(("attended", attended ? "yes" : "no", other.attended ? "yes" : "no"))
        }
        if minutesPresent != other.minutesPresent {
            result.append(("minutes_present", "\(minutesPresent)", "\(other.minutesPresent)"))
        }
        return result
    }
}

extension MatchRecord: KeyedRecord {
    package var key: String { match }
    package var keyDescription: String { "match '\(match)'" }

    package func differences(from other: MatchRecord) -> [(column: String, mine: String, theirs: String)] {
        var result: [(String, String, String)] = []
        func compare(_ column: String, _ mine: String?, _ theirs: String?) {
            if mine != theirs { result.append((column, mine ?? "none", theirs ?? "none")) }
        }
        compare("mentor", mentor, other.mentor)
        compare("youth_id", youth, other.youth)
        compare("site", site, other.site)
        compare("start_date", startDate, other.startDate)
        compare("closure_date", closureDate, other.closureDate)
        compare("closure_reason", closureReason, other.closureReason)
        return result
    }

    /// Whether this row closes `stored`, an open match, and says nothing else new: the one
    /// change an import makes to a stored row (a program's next export has the closure).
    package func closes(_ stored: MatchRecord) -> Bool {
        stored.closureDate == nil && stored.closureReason == nil && closureDate != nil
            && differences(from: stored).allSatisfy { $0.column == "closure_date" || $0.column == "closure_reason" }
    }
}

extension SurveyResponse: KeyedRecord {
    package var key: String { respondent + "\n" + instrument + "\n" + wave }
    package var keyDescription: String {
        "the \(wave) response of '\(respondent)' to instrument '\(instrument)'"
    }

    package func differences(from other: SurveyResponse) -> [(column: String, mine: String, theirs: String)] {
        var result: [(String, String, String)] = []
        if date != other.date { result.append(("date", date, other.date)) }
        let theirs = Dictionary(other.answers.map { ($0.item, $0.value) }, uniquingKeysWith: { first, _ in first })
        let mine = Dictionary(answers.map { ($0.item, $0.value) }, uniquingKeysWith: { first, _ in first })
        for answer in answers where theirs[answer.item] != answer.value {
            result.append((answer.item, answer.value, theirs[answer.item] ?? "no answer"))
        }
        for answer in other.answers where mine[answer.item] == nil {
            result.append((answer.item, "no answer", answer.value))
        }
        return result
    }
}
