import BSONCore
import Foundation
import Synchronization

/// A parsed `timezone` argument of a date operator (§11.7): UTC, a fixed UTC offset, or an Olson zone from the
/// tz database (through Foundation's `TimeZone`, never a hand-written table).
///
/// Pure value; safe to share across tasks.
package enum DateZone: Sendable {
    /// `"UTC"` or no timezone argument: the server's `TimeZone{nullptr}`.
    case utc
    /// `±HH`, `±HHMM`, `±HH:MM`: a fixed offset in seconds.
    case fixed(seconds: Int64)
    /// An Olson id (`"America/New_York"`, `"GMT"`, …), following the tz database's rules.
    case olson(OlsonZone)

    /// The tz database's all-capital zone names; other all-capital words (`"PST"`) are abbreviations, which
    /// Foundation may accept but the server's tz database does not.
    private static let capitalZones: Set<String> = [
        "CET", "EET", "EST", "GB", "GMT", "HST", "MET", "MST", "NZ", "PRC", "ROC", "ROK", "UCT", "WET", "W-SU",
        "GB-Eire", "NZ-CHAT",
    ]

    /// Olson zones already looked up, so a timezone read from each document costs one dictionary lookup.
    private static let cache = Mutex<[String: OlsonZone]>([:])

    /// Parses a timezone string, or throws `unrecognized time zone identifier: "<x>"` (40485).
    package static func parse(_ identifier: String) throws(ExpressionError) -> DateZone {
        if identifier == "UTC" { return .utc }
        if let offset = utcOffset(identifier) { return .fixed(seconds: offset) }
        if let zone = olson(identifier) { return .olson(zone) }
        throw ExpressionError(code: 40485, "unrecognized time zone identifier: \"\(identifier)\"")
    }

    /// The tz database zone named exactly `identifier` (case-sensitive, no custom `GMT+5` forms).
    private static func olson(_ identifier: String) -> OlsonZone? {
        if let cached = cache.withLock({ $0[identifier] }) { return cached }
        for prefix in ["GMT+", "GMT-", "UTC+", "UTC-"] where identifier.hasPrefix(prefix) {
            guard identifier == "GMT+0" || identifier == "GMT-0" else { return nil }
        }
        let isCapitalWord = identifier.utf8.allSatisfy {
            ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || $0 == UInt8(ascii: "-")
        }
        if isCapitalWord && !capitalZones.contains(identifier) { return nil }
        guard let timeZone = TimeZone(identifier: identifier), timeZone.identifier == identifier else { return nil }
        let zone = OlsonZone(timeZone)
        cache.withLock { cache in
            if cache.count < 1024 { cache[identifier] = zone }
        }
        return zone
    }

    /// `±HH`, `±HHMM` or `±HH:MM` in seconds, as the server's `parseUtcOffset` reads them (no range check).
    private static func utcOffset(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        func digits(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        let hours: Int64
        let minutes: Int64
        switch bytes.count {
        case 3:
            guard let h = digits(1..<3) else { return nil }
            (hours, minutes) = (h, 0)
        case 5:
            guard let h = digits(1..<3), let m = digits(3..<5) else { return nil }
            (hours, minutes) = (h, m)
        case 6:
            guard bytes[3] == UInt8(ascii: ":"), let h = digits(1..<3), let m = digits(4..<6) else { return nil }
            (hours, minutes) = (h, m)
        default:
            return nil
        }
        let seconds = hours * 3600 + minutes * 60
        return sign == UInt8(ascii: "+") ? seconds : -seconds
    }

    /// Whether the server treats this zone as UTC (`TimeZone::isUtcZone`): `"UTC"`, no zone, or a zero offset.
    /// `"GMT"` is an Olson zone and is not.
    package var isUTC: Bool {
        switch self {
        case .utc: return true
        case .fixed(let seconds): return seconds == 0
        case .olson: return false
        }
    }

    /// The zone's offset from UTC in seconds at the instant `millis`.
    package func offsetSeconds(atUTC millis: Int64) -> Int64 {
        switch self {
        case .utc: return 0
        case .fixed(let seconds): return seconds
        case .olson(let zone): return zone.offsetSeconds(atUTCSeconds: DateCivil.floorDiv(millis, 1000))
        }
    }

    /// The wall-clock time (as milliseconds on a UTC-like local time line) of the instant `millis`.
    package func localMillis(fromUTC millis: Int64) -> Int64 {
        millis &+ offsetSeconds(atUTC: millis) &* 1000
    }

    /// The instant whose wall-clock time is `local`, resolved as timelib does: a time inside a spring-forward
    /// gap moves forward by the gap (02:30 → 03:30 in New York), and an ambiguous fall-back time takes the offset
    /// in force at the wall time read as UTC.
    package func utcMillis(fromLocal local: Int64) -> Int64 {
        switch self {
        case .utc: return local
        case .fixed(let seconds): return local &- seconds &* 1000
        case .olson:
            let current = offsetSeconds(atUTC: local)
            let after = offsetSeconds(atUTC: local &- current &* 1000)
            if current == after { return local &- current &* 1000 }
            if offsetSeconds(atUTC: local &- after &* 1000) == after { return local &- after &* 1000 }
            return local &- min(current, after) &* 1000
        }
    }
}

/// A tz database zone with a small cache of offsets by UTC hour, so a stream of nearby instants costs a lock and
/// an array read instead of Foundation's transition search.
///
/// Thread-safe: the cache is behind a `Mutex`; one instance per zone name is shared by every expression.
package final class OlsonZone: Sendable {
    /// The Foundation zone (tzdata).
    package let timeZone: TimeZone
    /// Two-way set-associative entries (UTC hour, offset in seconds), 128 sets; hour `Int64.min` when empty.
    private let hours = Mutex<[(hour: Int64, offset: Int64)]>(Array(repeating: (Int64.min, 0), count: 256))

    /// Wraps `timeZone`.
    package init(_ timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// The offset from UTC in seconds at `seconds` since the epoch.
    ///
    /// An hour is cached only when the offset at its first and last second agree, so an hour holding a
    /// transition is always computed exactly.
    package func offsetSeconds(atUTCSeconds seconds: Int64) -> Int64 {
        let hour = DateCivil.floorDiv(seconds, 3600)
        let slot = Int(DateCivil.floorMod(hour, 128)) * 2
        let cached = hours.withLock { entries -> Int64? in
            if entries[slot].hour == hour { return entries[slot].offset }
            if entries[slot + 1].hour == hour { return entries[slot + 1].offset }
            return nil
        }
        if let cached { return cached }
        let offset = foundationOffset(seconds)
        if foundationOffset(hour * 3600) == offset && foundationOffset(hour * 3600 + 3599) == offset {
            hours.withLock { entries in
                entries[slot + 1] = entries[slot]
                entries[slot] = (hour, offset)
            }
        }
        return offset
    }

    private func foundationOffset(_ seconds: Int64) -> Int64 {
        Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
    }
}
