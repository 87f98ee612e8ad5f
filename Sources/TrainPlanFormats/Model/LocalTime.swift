public import Foundation
import TrainPlanCore
import TrainPlanXML

/// A calendar date without a time zone, as written in rosters (`2027-03-08`).
public struct LocalDate: Hashable, Sendable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Parses `YYYY-MM-DD`, rejecting dates that do not exist (`2027-02-30`) and years before
    /// 1970 (`NumberRanges.year`).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }),
            let year = Int(parts[0]), NumberRanges.year.contains(year), let month = Int(parts[1]),
            let day = Int(parts[2]),
            (1...12).contains(month), day >= 1, day <= LocalDate.days(inMonth: month, year: year)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `2027-03-08`.
    public var description: String {
        String(year).leftPadded(to: 4) + "-" + String(month).leftPadded(to: 2) + "-" + String(day).leftPadded(to: 2)
    }
}

/// A time of day in whole minutes after midnight (`18:30` is 1110).
public struct TimeOfDay: Hashable, Sendable, Comparable {
    public var minutes: Int

    /// Parses `HH:MM` from `00:00` to `23:59`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let hours = Int(parts[0]),
            let minutes = Int(parts[1]), (0..<24).contains(hours), (0..<60).contains(minutes)
        else { return nil }
        self.minutes = hours * 60 + minutes
    }

    public init(minutes: Int) { self.minutes = minutes }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }

    public var description: String {
        String(minutes / 60).leftPadded(to: 2) + ":" + String(minutes % 60).leftPadded(to: 2)
    }
}

/// A date and time without a time zone, as offerings are written (`2027-03-02T18:00`).
public struct LocalDateTime: Hashable, Sendable, Comparable {
    public var date: LocalDate
    public var time: TimeOfDay

    /// Parses `YYYY-MM-DDTHH:MM`.
    public init?(_ text: String) {
        let parts = text.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 2, let date = LocalDate(String(parts[0])), let time = TimeOfDay(String(parts[1])) else {
            return nil
        }
        self.date = date
        self.time = time
    }

    public init(date: LocalDate, time: TimeOfDay) {
        self.date = date
        self.time = time
    }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        (lhs.date, lhs.time) < (rhs.date, rhs.time)
    }

    public var description: String { "\(date.description)T\(time.description)" }
}

/// Days of the week as rosters write them.
public enum Weekday: String, Hashable, Sendable, CaseIterable, Comparable {
    case mon, tue, wed, thu, fri, sat, sun

    /// Foundation's weekday number (Sunday 1 … Saturday 7).
    public var foundationWeekday: Int {
        switch self {
        case .sun: 1
        case .mon: 2
        case .tue: 3
        case .wed: 4
        case .thu: 5
        case .fri: 6
        case .sat: 7
        }
    }

    public init?(foundationWeekday: Int) {
        guard let day = Weekday.allCases.first(where: { $0.foundationWeekday == foundationWeekday }) else { return nil }
        self = day
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// Local times resolved in an IANA time zone with Foundation, correctly across
/// daylight-saving changes.
public struct ZonedClock: Sendable {
    public let timeZone: TimeZone
    private let calendar: Calendar

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        self.calendar = calendar
    }

    /// Why a local time cannot be used.
    public enum Problem: Error, Equatable {
        /// The clocks skip this time (spring forward).
        case inGap
    }

    /// The instant a local date and time names, in minutes since 1970-01-01T00:00Z. A time the
    /// clocks skip is a problem; a time that happens twice (fall back) is its first occurrence.
    public func minutes(_ local: LocalDateTime) -> Result<Int, Problem> {
        var components = DateComponents()
        components.year = local.date.year
        components.month = local.date.month
        components.day = local.date.day
        components.hour = local.time.minutes / 60
        components.minute = local.time.minutes % 60
        guard let date = calendar.date(from: components) else { return .failure(.inGap) }
        let back = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard back.year == components.year, back.month == components.month, back.day == components.day,
            back.hour == components.hour, back.minute == components.minute
        else { return .failure(.inGap) }
        return .success(Int(date.timeIntervalSince1970 / 60))
    }

    /// The local date, weekday and time of day of an instant.
    public func local(_ minutes: Int) -> (date: LocalDate, weekday: Weekday, time: TimeOfDay) {
        let date = Date(timeIntervalSince1970: TimeInterval(minutes) * 60)
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
        return (
            LocalDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1),
            Weekday(foundationWeekday: parts.weekday ?? 2) ?? .mon,
            TimeOfDay(minutes: (parts.hour ?? 0) * 60 + (parts.minute ?? 0))
        )
    }

    /// The ISO week of an instant, as one number (year × 100 + week).
    public func isoWeek(_ minutes: Int) -> Int {
        let date = Date(timeIntervalSince1970: TimeInterval(minutes) * 60)
        let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        return (parts.yearForWeekOfYear ?? 0) * 100 + (parts.weekOfYear ?? 0)
    }

    /// The UTC offset in seconds at an instant.
    public func offsetSeconds(at minutes: Int) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(minutes) * 60))
    }
}
