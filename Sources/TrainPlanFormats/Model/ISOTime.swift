public import Foundation

/// Times in `assignments.xml`: ISO 8601 local time with its offset from UTC
/// (`2027-03-02T18:00-06:00`), read back to minutes since 1970-01-01T00:00Z. (Older files held
/// the minute count itself, `start="30067200"`; those are read too.)
public enum ISOTime {
    /// `YYYY-MM-DDTHH:MM±HH:MM` for an instant, in `timeZone` (UTC, written `Z`, without one).
    public static func text(minutesSince1970 minutes: Int, in timeZone: TimeZone?) -> String {
        let offset =
            timeZone.map { $0.secondsFromGMT(for: Date(timeIntervalSince1970: Double(minutes) * 60)) / 60 } ?? 0
        let local = minutes + offset
        let days = Int((Double(local) / 1_440).rounded(.down))
        let minuteOfDay = local - days * 1_440
        let (year, month, day) = civil(days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let zone: String
        if timeZone == nil {
            zone = "Z"
        } else {
            let size = abs(offset)
            zone = (offset < 0 ? "-" : "+") + two(size / 60) + ":" + two(size % 60)
        }
        return "\(year)-\(two(month))-\(two(day))T\(two(minuteOfDay / 60)):\(two(minuteOfDay % 60))\(zone)"
    }

    /// Minutes since 1970 from `YYYY-MM-DDTHH:MM` followed by `Z` or `±HH:MM`; `nil` for any
    /// other text or a date outside 1970–9999.
    public static func minutes(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 17 || bytes.count == 22, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54,
            bytes[13] == 0x3A
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard bytes[index] >= 0x30, bytes[index] <= 0x39 else { return nil }
                value = value * 10 + Int(bytes[index] - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), NumberRanges.year.contains(year),
            (1...12).contains(month), day >= 1, day <= LocalDate.days(inMonth: month, year: year), hour < 24,
            minute < 60
        else { return nil }
        var offset = 0
        if bytes.count == 17 {
            guard bytes[16] == 0x5A else { return nil }
        } else {
            guard bytes[16] == 0x2B || bytes[16] == 0x2D, bytes[19] == 0x3A, let hours = number(17..<19),
                let minutes = number(20..<22), hours <= 18, minutes < 60
            else { return nil }
            offset = (hours * 60 + minutes) * (bytes[16] == 0x2D ? -1 : 1)
        }
        let result = daysFromCivil(year, month, day) * 1_440 + hour * 60 + minute - offset
        return NumberRanges.epochMinutes.contains(result) ? result : nil
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of days since 1970-01-01.
    package static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
