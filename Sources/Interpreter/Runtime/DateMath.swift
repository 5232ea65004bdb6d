import Foundation

/// Calendar arithmetic on milliseconds since the epoch (proleptic Gregorian, as JavaScript's `Date`).
package enum DateMath {
    static let msPerDay = 86_400_000.0

    /// Days since 1970-01-01 of a civil date (month 1–12).
    package static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = (month + 9) % 12
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date (month 1–12) of a day count since 1970-01-01.
    static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// JavaScript's `MakeDate(MakeDay(year, month, day), MakeTime(…))` with month 0–11 and overflow allowed.
    static func makeTime(
        year: Double, month: Double, day: Double, hours: Double = 0, minutes: Double = 0, seconds: Double = 0,
        milliseconds: Double = 0
    ) -> Double {
        let values = [year, month, day, hours, minutes, seconds, milliseconds]
        guard values.allSatisfy(\.isFinite) else { return .nan }
        let wholeYear = year.rounded(.towardZero) + (month.rounded(.towardZero) / 12).rounded(.down)
        let monthInYear = month.rounded(.towardZero).truncatingRemainder(dividingBy: 12)
        let normalizedMonth = monthInYear < 0 ? monthInYear + 12 : monthInYear
        guard abs(wholeYear) < 400_000 else { return .nan }
        let dayCount =
            Double(days(year: Int(wholeYear), month: Int(normalizedMonth) + 1, day: 1)) + day.rounded(.towardZero) - 1
        let time =
            hours.rounded(.towardZero) * 3_600_000 + minutes.rounded(.towardZero) * 60_000
            + seconds.rounded(.towardZero) * 1000 + milliseconds.rounded(.towardZero)
        return dayCount * msPerDay + time
    }

    /// The fields of a time value.
    struct Fields {
        var year: Int
        /// 0–11.
        var month: Int
        var day: Int
        var hours: Int
        var minutes: Int
        var seconds: Int
        var milliseconds: Int
        /// 0 (Sunday)–6.
        var weekday: Int
    }

    static func fields(_ time: Double) -> Fields {
        let dayCount = (time / msPerDay).rounded(.down)
        var remainder = Int(time - dayCount * msPerDay)
        let (year, month, day) = civil(days: Int(dayCount))
        let hours = remainder / 3_600_000
        remainder %= 3_600_000
        let weekday = ((Int(dayCount) % 7) + 11) % 7
        return Fields(
            year: year, month: month - 1, day: day, hours: hours, minutes: remainder / 60000,
            seconds: remainder % 60000 / 1000, milliseconds: remainder % 1000, weekday: weekday)
    }

    /// The offset of `zone` from UTC at UTC time `time`, in milliseconds.
    static func offset(_ zone: TimeZone, atUTC time: Double) -> Double {
        guard time.isFinite else { return 0 }
        return Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: time / 1000))) * 1000
    }

    /// UTC time of a local wall-clock time in `zone`.
    static func utc(fromLocal local: Double, _ zone: TimeZone) -> Double {
        guard local.isFinite else { return .nan }
        let guess = local - offset(zone, atUTC: local)
        return local - offset(zone, atUTC: guess)
    }

    /// Parses the ISO 8601 forms `Date` accepts; nil when the string is not one.
    static func parseISO(_ string: String, _ zone: TimeZone) -> Double? {
        let bytes = Array(string.trimmingJSWhitespace().utf8)
        var index = 0
        func number(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += count
            return value
        }
        func eat(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        var year: Int
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let negative = bytes[index] == UInt8(ascii: "-")
            index += 1
            guard let value = number(6) else { return nil }
            year = negative ? -value : value
        } else {
            guard let value = number(4) else { return nil }
            year = value
        }
        var month = 1
        var day = 1
        if eat("-") {
            guard let value = number(2), (1...12).contains(value) else { return nil }
            month = value
            if eat("-") {
                guard let value = number(2), (1...31).contains(value) else { return nil }
                day = value
            }
        }
        var hours = 0
        var minutes = 0
        var seconds = 0
        var milliseconds = 0.0
        var isLocal = false
        if eat("T") || eat("t") || eat(" ") {
            guard let h = number(2), eat(":"), let m = number(2), h <= 24, m < 60 else { return nil }
            hours = h
            minutes = m
            isLocal = true
            if eat(":") {
                guard let s = number(2), s < 60 else { return nil }
                seconds = s
                if eat(".") || eat(",") {
                    var scale = 100.0
                    let start = index
                    while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                        milliseconds += Double(bytes[index] - 48) * scale
                        scale /= 10
                        index += 1
                    }
                    guard index > start else { return nil }
                    milliseconds = milliseconds.rounded(.down)
                }
            }
        }
        var offsetMinutes: Int?
        if eat("Z") || eat("z") {
            offsetMinutes = 0
        } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let h = number(2) else { return nil }
            _ = eat(":")
            guard let m = number(2) else { return nil }
            offsetMinutes = sign * (h * 60 + m)
        }
        guard index == bytes.count else { return nil }
        let time = makeTime(
            year: Double(year), month: Double(month - 1), day: Double(day), hours: Double(hours),
            minutes: Double(minutes), seconds: Double(seconds), milliseconds: milliseconds)
        if let offsetMinutes { return time - Double(offsetMinutes) * 60000 }
        return isLocal ? utc(fromLocal: time, zone) : time
    }
}

extension Date {
    /// JavaScript's `TimeClip`: NaN outside ±8.64e15 ms, otherwise truncated to an integer.
    static func timeClip(_ time: Double) -> Double {
        guard time.isFinite, abs(time) <= 8.64e15 else { return .nan }
        return time.rounded(.towardZero) + 0
    }
}

/// The string forms of dates.
/// Date text as JavaScript writes it.
package enum DateFormatting {
    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(abs(value))
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - text.count)) + text
    }

    static func year(_ year: Int) -> String { year < 0 ? "-" + pad(-year, 6) : pad(year, 4) }

    /// `2025-11-21T04:42:00.000Z` (`Date#toISOString`); nil for an invalid date.
    package static func isoString(_ time: Double) -> String? {
        guard time.isFinite else { return nil }
        let f = DateMath.fields(time)
        let yearText = f.year >= 0 && f.year <= 9999 ? pad(f.year, 4) : (f.year < 0 ? "-" : "+") + pad(abs(f.year), 6)
        return
            "\(yearText)-\(pad(f.month + 1))-\(pad(f.day))T\(pad(f.hours)):\(pad(f.minutes)):\(pad(f.seconds)).\(pad(f.milliseconds, 3))Z"
    }

    /// `Date#toString`: `Fri Nov 21 2025 04:42:00 GMT+0000 (Coordinated Universal Time)`.
    static func dateString(_ time: Double, zone: TimeZone = .current) -> String {
        guard time.isFinite else { return "Invalid Date" }
        return datePart(time, zone: zone) + " " + timePart(time, zone: zone)
    }

    static func datePart(_ time: Double, zone: TimeZone) -> String {
        guard time.isFinite else { return "Invalid Date" }
        let f = DateMath.fields(time + DateMath.offset(zone, atUTC: time))
        return "\(weekdays[f.weekday]) \(months[f.month]) \(pad(f.day)) \(year(f.year))"
    }

    static func timePart(_ time: Double, zone: TimeZone) -> String {
        guard time.isFinite else { return "Invalid Date" }
        let offset = DateMath.offset(zone, atUTC: time)
        let f = DateMath.fields(time + offset)
        let minutes = Int(offset / 60000)
        let sign = minutes < 0 ? "-" : "+"
        let name =
            zone.localizedName(
                for: zone.isDaylightSavingTime(for: Date(timeIntervalSince1970: time / 1000))
                    ? .daylightSaving : .standard, locale: Locale(identifier: "en_US")) ?? zone.identifier
        return
            "\(pad(f.hours)):\(pad(f.minutes)):\(pad(f.seconds)) GMT\(sign)\(pad(abs(minutes) / 60))\(pad(abs(minutes) % 60)) (\(name))"
    }

    /// The `en-US` locale forms: `11/21/2025, 4:42:00 AM`, or just the date or the time.
    static func localeString(_ time: Double, zone: TimeZone, date: Bool, time hasTime: Bool) -> String {
        guard time.isFinite else { return "Invalid Date" }
        let f = DateMath.fields(time + DateMath.offset(zone, atUTC: time))
        let datePart = "\(f.month + 1)/\(f.day)/\(f.year)"
        let hour = f.hours % 12 == 0 ? 12 : f.hours % 12
        let timePart = "\(hour):\(pad(f.minutes)):\(pad(f.seconds)) \(f.hours < 12 ? "AM" : "PM")"
        switch (date, hasTime) {
        case (true, true): return datePart + ", " + timePart
        case (true, false): return datePart
        default: return timePart
        }
    }

    /// `Date#toUTCString`: `Fri, 21 Nov 2025 04:42:00 GMT`.
    static func utcString(_ time: Double) -> String {
        guard time.isFinite else { return "Invalid Date" }
        let f = DateMath.fields(time)
        return
            "\(weekdays[f.weekday]), \(pad(f.day)) \(months[f.month]) \(year(f.year)) \(pad(f.hours)):\(pad(f.minutes)):\(pad(f.seconds)) GMT"
    }
}
