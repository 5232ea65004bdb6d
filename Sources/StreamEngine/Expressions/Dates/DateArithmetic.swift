/// The server's date arithmetic (`date_time_support.cpp`): `dateAdd`, `dateDiff` and `truncateDate`, on
/// milliseconds since the epoch, in a zone, with the same overflow checks and messages.
package enum DateArithmetic {
    /// `date + amount units` (§11.7): milliseconds, seconds, minutes and hours are exact durations in an Olson
    /// zone; days and longer units (and every unit in UTC or a fixed offset) move the wall clock in the zone,
    /// keeping the time of day across DST changes, and a month that lacks the day clamps to its last day
    /// (2021-01-31 + 1 month = 2021-02-28).
    package static func add(
        _ date: Int64, _ unit: DateUnit, _ amount: Int64, zone: DateZone, operatorName: String = "$dateAdd"
    ) throws(ExpressionError) -> Int64 {
        if unit == .millisecond {
            let (sum, overflow) = date.addingReportingOverflow(amount)
            guard !overflow else { throw ExpressionError(code: 5_166_406, "dateAdd overflowed") }
            return sum
        }
        guard abs(amount) < maxAmount(unit) else {
            throw ExpressionError(
                code: 5_976_500, "invalid dateAdd 'amount' parameter value: \(amount) \(unit.rawValue)")
        }
        if case .olson = zone, let unitMillis = unit.fixedMillis {
            return try checked(date, plus: amount, times: unitMillis)
        }
        let local = zone.localMillis(fromUTC: date)
        let civil = DateCivil(localMillis: local)
        var days: Int64
        switch unit {
        case .year, .quarter, .month:
            let months = amount * (unit == .year ? 12 : unit == .quarter ? 3 : 1)
            let (carry, monthIndex) = DateCivil.floorDivMod(civil.month - 1 + months, 12)
            let year = civil.year + carry
            let day = min(civil.day, DateCivil.daysInMonth(year: year, month: monthIndex + 1))
            days = DateCivil.days(year: year, month: monthIndex + 1, day: day)
        case .week: days = civil.days + amount * 7
        case .day: days = civil.days + amount
        default:
            // Fixed-length units in UTC or a fixed offset: the wall clock moves by the exact duration.
            return try checked(date, plus: amount, times: unit.fixedMillis ?? 1)
        }
        let (dayMillis, overflow) = days.multipliedReportingOverflow(by: 86_400_000)
        guard !overflow, abs(dayMillis) < Int64.max / 2 else {
            throw ExpressionError(code: 5_166_406, "dateAdd overflowed")
        }
        return zone.utcMillis(fromLocal: dayMillis + civil.millisOfDay)
    }

    private static func checked(_ date: Int64, plus amount: Int64, times unitMillis: Int64) throws(ExpressionError)
        -> Int64
    {
        let (product, overflow) = amount.multipliedReportingOverflow(by: unitMillis)
        let (sum, overflow2) = date.addingReportingOverflow(product)
        guard !overflow, !overflow2 else { throw ExpressionError(code: 5_166_406, "dateAdd overflowed") }
        return sum
    }

    /// The server's `isDateAddAmountValid` bounds (the amount roughly fits the range of a Date).
    private static func maxAmount(_ unit: DateUnit) -> Int64 {
        let maxDays = Int64(UInt64.max / 86_400_000 + 1)
        let maxYears = maxDays / 365 + 1
        switch unit {
        case .year: return maxYears
        case .quarter: return maxYears * 4
        case .month: return maxYears * 12
        case .week: return maxDays / 7
        case .day: return maxDays
        case .hour: return maxDays * 24
        case .minute: return maxDays * 24 * 60
        case .second: return maxDays * 24 * 3600
        case .millisecond: return Int64.max
        }
    }

    /// The number of unit boundaries crossed from `start` to `end` in `zone` (§11.8).
    package static func diff(
        _ start: Int64, _ end: Int64, _ unit: DateUnit, zone: DateZone, startOfWeek: StartOfWeek
    ) throws(ExpressionError) -> Int64 {
        if unit == .millisecond {
            let (result, overflow) = end.subtractingReportingOverflow(start)
            guard !overflow else { throw ExpressionError(code: 5_166_308, "dateDiff overflowed") }
            return result
        }
        let startOffset = zone.offsetSeconds(atUTC: start)
        let endOffset = zone.offsetSeconds(atUTC: end)
        let first = DateCivil(localMillis: start &+ startOffset * 1000)
        let last = DateCivil(localMillis: end &+ endOffset * 1000)
        let dayDiff = last.days - first.days
        let hourDiff = last.hour - first.hour + dayDiff * 24
        let minuteDiff = last.minute - first.minute + hourDiff * 60
        let offsetCorrection = startOffset - endOffset
        switch unit {
        case .year: return last.year - first.year
        case .quarter: return (last.month - 1) / 3 - (first.month - 1) / 3 + (last.year - first.year) * 4
        case .month: return last.month - first.month + (last.year - first.year) * 12
        case .week: return (dayDiff + startOfWeek.offset(of: first) - startOfWeek.offset(of: last)) / 7
        case .day: return dayDiff
        case .hour: return hourDiff + offsetCorrection / 3600
        case .minute: return minuteDiff + offsetCorrection / 60
        case .second: return last.second - first.second + minuteDiff * 60 + offsetCorrection
        case .millisecond: return end &- start
        }
    }

    /// The start of the bin holding `date` (§11.9): bins are aligned to 2000-01-01T00:00 local time (for weeks,
    /// the first `startOfWeek` on or after it); clock units are fixed lengths from there, calendar units are
    /// calendar bins in the zone.
    package static func truncate(
        _ date: Int64, _ unit: DateUnit, binSize: Int64, zone: DateZone, startOfWeek: StartOfWeek
    ) throws(ExpressionError) -> Int64 {
        let referenceUTC: Int64 = 946_684_800_000
        var reference = referenceUTC - zone.offsetSeconds(atUTC: referenceUTC) * 1000
        var fixedMillis = unit.fixedMillis
        guard binSize <= 100_000_000_000 || fixedMillis != nil else {
            throw ExpressionError(code: 5_439_006, "dateTrunc unsupported binSize value")
        }
        // In UTC and fixed offsets every day is 86 400 000 ms, so day and week bins are the same fixed-length bins
        // (integer arithmetic only); in an Olson zone days vary with DST and take the calendar path below.
        var isOlson = false
        if case .olson = zone { isOlson = true }
        if !isOlson && unit == .day {
            fixedMillis = 86_400_000
        } else if !isOlson && unit == .week {
            reference += weekReferenceShift(startOfWeek) * 86_400_000
            fixedMillis = 7 * 86_400_000
        }
        if let unitMillis = fixedMillis {
            let (binMillis, overflow) = binSize.multipliedReportingOverflow(by: unitMillis)
            guard !overflow else { throw ExpressionError(code: 5_439_002, "dateTrunc overflowed") }
            let (shifted, overflow2) = date.subtractingReportingOverflow(reference)
            guard !overflow2 else { throw ExpressionError(code: 5_439_000, "dateTrunc overflowed") }
            let (result, overflow3) = date.subtractingReportingOverflow(DateCivil.floorMod(shifted, binMillis))
            guard !overflow3 else { throw ExpressionError(code: 5_439_001, "dateTrunc overflowed") }
            return result
        }
        var referenceDay: Int64 = 1
        if unit == .week {
            let adjust = weekReferenceShift(startOfWeek)
            reference += adjust * 86_400_000
            referenceDay += adjust
        }
        let civil = DateCivil(utcMillis: date, zone: zone)
        let referenceCivil = DateCivil(
            localMillis: DateCivil.days(year: 2000, month: 1, day: referenceDay) * 86_400_000)
        let distance: Int64
        switch unit {
        case .day: distance = civil.days - referenceCivil.days
        case .week:
            distance = (civil.days - referenceCivil.days - startOfWeek.offset(of: civil)) / 7
        case .month: distance = civil.month - 1 + (civil.year - 2000) * 12
        case .quarter: distance = (civil.month - 1) / 3 + (civil.year - 2000) * 4
        default: distance = civil.year - 2000
        }
        let lowerBound = distance - DateCivil.floorMod(distance, binSize)
        return try add(reference, unit, lowerBound, zone: zone)
    }

    /// Days from 2000-01-01 (a Saturday, ISO day 6) to the first `startOfWeek` on or after it.
    private static func weekReferenceShift(_ startOfWeek: StartOfWeek) -> Int64 {
        let saturdayOffset = (6 - startOfWeek.isoDay + 7) % 7
        return (7 - saturdayOffset) % 7
    }
}
