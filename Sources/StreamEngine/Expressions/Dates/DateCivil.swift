import BSONCore

/// A wall-clock time broken into calendar fields on the proleptic Gregorian calendar (as the server's timelib),
/// computed with integer civil arithmetic (BSONCore's `ISODate` day counts), never with Foundation's `Calendar`.
package struct DateCivil: Sendable, Equatable {
    /// Days since 1970-01-01 of the local date.
    package var days: Int64
    /// The year (may be below 1 or above 9999).
    package var year: Int64
    /// 1…12.
    package var month: Int64
    /// 1…31.
    package var day: Int64
    /// 0…23.
    package var hour: Int64
    /// 0…59.
    package var minute: Int64
    /// 0…59.
    package var second: Int64
    /// 0…999 (positive also before 1970).
    package var millisecond: Int64

    /// The fields of a local time given as milliseconds on the local time line.
    package init(localMillis: Int64) {
        let (days, msOfDay) = Self.floorDivMod(localMillis, 86_400_000)
        let (year, month, day) = ISODate.civil(fromDays: days)
        self.days = days
        self.year = year
        self.month = month
        self.day = day
        hour = msOfDay / 3_600_000
        minute = msOfDay / 60_000 % 60
        second = msOfDay / 1000 % 60
        millisecond = msOfDay % 1000
    }

    /// The fields of the instant `millis` in `zone`.
    package init(utcMillis millis: Int64, zone: DateZone) {
        self.init(localMillis: zone.localMillis(fromUTC: millis))
    }

    /// Milliseconds since midnight.
    package var millisOfDay: Int64 { ((hour * 60 + minute) * 60 + second) * 1000 + millisecond }

    /// Day of week 1…7 with 1 = Sunday (`$dayOfWeek`, `%w`).
    package var dayOfWeek: Int64 { Self.floorMod(days + 4, 7) + 1 }

    /// ISO day of week 1…7 with 1 = Monday (`$isoDayOfWeek`, `%u`).
    package var isoDayOfWeek: Int64 { Self.floorMod(days + 3, 7) + 1 }

    /// Day of year 1…366 (`$dayOfYear`, `%j`).
    package var dayOfYear: Int64 { days - ISODate.days(fromCivil: year, 1, 1) + 1 }

    /// Week of year 0…53 with weeks starting on Sunday (`$week`, `%U`), as the server's `TimeZone::week`.
    package var week: Int64 { (dayOfYear - dayOfWeek + 7) / 7 }

    /// The ISO 8601 week-numbering year and week 1…53 (`$isoWeekYear`, `$isoWeek`, `%G`, `%V`).
    package var isoWeek: (year: Int64, week: Int64) {
        let thursday = days - (isoDayOfWeek - 1) + 3
        let thursdayYear = ISODate.civil(fromDays: thursday).year
        let week = (thursday - ISODate.days(fromCivil: thursdayYear, 1, 1)) / 7 + 1
        return (thursdayYear, week)
    }

    /// Days since 1970-01-01 of `year-month-day`, where `month` and `day` may overflow and carry (month 13 is
    /// January of the next year, day 0 the last day of the previous month), as timelib normalises them.
    package static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let (carry, monthIndex) = floorDivMod(month - 1, 12)
        return ISODate.days(fromCivil: year + carry, monthIndex + 1, 1) + day - 1
    }

    /// Days in `month` of `year` (proleptic Gregorian leap years).
    package static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of Monday of ISO week 1 of `isoYear`, plus weeks and days (both may overflow).
    package static func days(isoYear: Int64, isoWeek: Int64, isoDayOfWeek: Int64) -> Int64 {
        let january4 = ISODate.days(fromCivil: isoYear, 1, 4)
        let mondayOfWeek1 = january4 - (floorMod(january4 + 3, 7))
        return mondayOfWeek1 + (isoWeek - 1) * 7 + (isoDayOfWeek - 1)
    }

    /// Division rounding toward negative infinity.
    package static func floorDiv(_ value: Int64, _ divisor: Int64) -> Int64 { floorDivMod(value, divisor).0 }

    /// The non-negative remainder of a division by a positive divisor.
    package static func floorMod(_ value: Int64, _ divisor: Int64) -> Int64 { floorDivMod(value, divisor).1 }

    /// Quotient rounded toward negative infinity and the matching non-negative remainder.
    package static func floorDivMod(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value / divisor
        let remainder = value % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
