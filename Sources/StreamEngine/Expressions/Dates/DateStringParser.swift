/// Parses date strings as `$toDate` and `$dateFromString` do (§11.11): ISO-8601 (`2024-03-15T10:37:12.345Z`,
/// offsets `±HH`, `±HHMM`, `±HH:MM`, `Z`, date only, a space for `T`), `YYYY/MM/DD`, `MM/DD/YYYY`, textual months
/// (`15 Mar 2024`, `March 15, 2024`), and explicit `format` strings (`%Y-%m-%d`, …).
///
/// Failures are `ConversionFailure` (241) with the server's `Error parsing date string '<s>'; <pos>: <reason>`
/// shape. The reasons follow timelib's wording where the parse reaches the same point; positions and wording of
/// other failures are best effort. Pure; safe from any task.
package struct DateStringParser {
    /// A time zone written inside the string.
    package enum ZoneInString: Sendable, Equatable {
        /// No zone: the `timezone` argument (or UTC) applies.
        case none
        /// `+02:00`, `-0530`, …: the server's "GMT offset".
        case offset(seconds: Int64)
        /// `Z`, `UTC`, `GMT`: an abbreviation with its offset.
        case abbreviation(String, seconds: Int64)
    }

    /// What a successful parse found: the wall-clock time and any zone in the string.
    package struct Parsed: Sendable, Equatable {
        /// Milliseconds on the local time line (as if UTC).
        package var localMillis: Int64
        /// The zone written in the string.
        package var zone: ZoneInString
    }

    private let text: String
    private let bytes: [UInt8]
    private var position = 0
    private var year: Int64?
    private var month: Int64?
    private var day: Int64?
    private var hour: Int64?
    private var minute: Int64?
    private var second: Int64?
    private var micros: Int64 = 0
    private var isoYear: Int64?
    private var isoWeek: Int64?
    private var isoDay: Int64?
    private var dayOfYear: Int64?
    private var zone = ZoneInString.none

    private init(_ text: String) {
        self.text = text
        bytes = Array(text.utf8)
    }

    private static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]

    /// Parses `text` without a format (the timelib free-form parser's common forms).
    package static func parse(_ text: String) throws(ExpressionError) -> Parsed {
        if let fast = text.utf8.withContiguousStorageIfAvailable(parseISO), let parsed = fast { return parsed }
        var parser = DateStringParser(text)
        try parser.parseFreeForm()
        return try parser.finish()
    }

    /// Parses `text` with a `$dateFromString` format (`%Y %m %d %H %M %S %L %j %G %V %u %z %Z %b %B %%`).
    package static func parse(_ text: String, format: String) throws(ExpressionError) -> Parsed {
        var parser = DateStringParser(text)
        try parser.parseWithFormat(Array(format.utf8))
        return try parser.finish()
    }

    /// The hot path for strict ISO-8601 (`YYYY-MM-DD[(T| )HH:MM[:SS[.fff…]]][Z|±HH[[:]MM]]`) straight from the
    /// string's bytes, without allocating; nil sends anything else (or anything invalid) to the full parser.
    private static func parseISO(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed? {
        var cursor = ByteCursor(bytes: bytes)
        guard let year = cursor.digits(4), cursor.take("-"), let month = cursor.digits(2), cursor.take("-"),
            let day = cursor.digits(2), (1...12).contains(month), day >= 1,
            day <= DateCivil.daysInMonth(year: year, month: month)
        else { return nil }
        var millis = DateCivil.days(year: year, month: month, day: day) * 86_400_000
        guard !cursor.isAtEnd else { return Parsed(localMillis: millis, zone: .none) }
        guard cursor.take("T") || cursor.take(" "), let hour = cursor.digits(2), cursor.take(":"),
            let minute = cursor.digits(2), hour < 24, minute < 60
        else { return nil }
        var second: Int64 = 0
        var fraction: Int64 = 0
        if cursor.take(":") {
            guard let value = cursor.digits(2), value < 60 else { return nil }
            second = value
            if cursor.take(".") {
                var scale: Int64 = 100
                var count = 0
                while let digit = cursor.digit() {
                    fraction += digit * scale
                    scale /= 10
                    count += 1
                }
                guard count > 0 else { return nil }
            }
        }
        millis += ((hour * 60 + minute) * 60 + second) * 1000 + fraction
        if cursor.isAtEnd { return Parsed(localMillis: millis, zone: .none) }
        if cursor.take("Z") {
            return cursor.isAtEnd ? Parsed(localMillis: millis, zone: .abbreviation("Z", seconds: 0)) : nil
        }
        let negative: Bool
        if cursor.take("+") {
            negative = false
        } else if cursor.take("-") {
            negative = true
        } else {
            return nil
        }
        guard let offsetHours = cursor.digits(2) else { return nil }
        var offsetMinutes: Int64 = 0
        if !cursor.isAtEnd {
            _ = cursor.take(":")
            guard let value = cursor.digits(2) else { return nil }
            offsetMinutes = value
        }
        guard cursor.isAtEnd else { return nil }
        let offset = offsetHours * 3600 + offsetMinutes * 60
        return Parsed(localMillis: millis, zone: .offset(seconds: negative ? -offset : offset))
    }

    /// A read position in a string's UTF-8 bytes, for the ISO hot path.
    private struct ByteCursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var isAtEnd: Bool { index == bytes.count }

        mutating func take(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        mutating func digit() -> Int64? {
            guard index < bytes.count else { return nil }
            let value = bytes[index] &- UInt8(ascii: "0")
            guard value < 10 else { return nil }
            index += 1
            return Int64(value)
        }

        mutating func digits(_ count: Int) -> Int64? {
            guard index + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for offset in 0..<count {
                let digit = bytes[index + offset] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int64(digit)
            }
            index += count
            return value
        }
    }

    /// Checks a `$dateFromString` format's specifiers (18535, 18536).
    package static func validate(format: String) throws(ExpressionError) {
        var iterator = format.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "%" else { continue }
            guard let specifier = iterator.next() else {
                throw ExpressionError(code: 18535, "Unmatched '%' at end of format string")
            }
            guard "%bBdGHjLmMSuVYzZ".unicodeScalars.contains(specifier) else {
                throw ExpressionError(code: 18536, "Invalid format character '%\(specifier)' in format string")
            }
        }
    }

    // MARK: - Errors

    private func failure(_ reason: String, at index: Int? = nil) -> ExpressionError {
        let at = index ?? position
        var message = "Error parsing date string '\(text)'; \(at): \(reason)"
        if at < bytes.count { message += " '\(Character(Unicode.Scalar(bytes[at])))'" }
        return ExpressionError(code: 241, message)
    }

    // MARK: - Scanning

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private func isDigit(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func isLetter(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private mutating func take(_ character: Unicode.Scalar) -> Bool {
        guard current == UInt8(ascii: character) else { return false }
        position += 1
        return true
    }

    /// Reads between `minimum` and `maximum` digits.
    private mutating func number(minimum: Int, maximum: Int) -> Int64? {
        var value: Int64 = 0
        var count = 0
        while count < maximum, isDigit(current), let byte = current {
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            position += 1
            count += 1
        }
        if count < minimum {
            position -= count
            return nil
        }
        return value
    }

    private func digitRun(from start: Int) -> Int {
        var end = start
        while end < bytes.count, isDigit(bytes[end]) { end += 1 }
        return end - start
    }

    private mutating func skipSpaces() {
        while current == UInt8(ascii: " ") || current == UInt8(ascii: "\t") { position += 1 }
    }

    private mutating func word() -> String {
        let start = position
        while isLetter(current) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func monthName() -> Int64? {
        let start = position
        let name = word().lowercased()
        guard name.count >= 3 else {
            position = start
            return nil
        }
        for (index, full) in Self.monthNames.enumerated()
        where full == name || (name.count == 3 && full.hasPrefix(name)) || (name == "sept" && index == 8) {
            return Int64(index + 1)
        }
        position = start
        return nil
    }

    // MARK: - Free form

    private mutating func parseFreeForm() throws(ExpressionError) {
        skipSpaces()
        guard current != nil else {
            throw ExpressionError(code: 241, "Error parsing date string '\(text)'; 0: Empty string")
        }
        try parseDate()
        let beforeTime = position
        if take("T") || take("t") || current == UInt8(ascii: " ") {
            skipSpaces()
            if isDigit(current) {
                try parseTime()
            } else if position == beforeTime + 1 && bytes[beforeTime] != UInt8(ascii: " ") {
                throw failure("Unexpected character")
            }
        }
        skipSpaces()
        if current != nil { try parseZone() }
        skipSpaces()
        if current != nil { throw failure("Unexpected character") }
    }

    private mutating func parseDate() throws(ExpressionError) {
        if isLetter(current) {
            // `March 15, 2024` / `Mar 15 2024`
            guard let month = monthName() else { throw failure("The timezone could not be found in the database") }
            skipSpaces()
            guard let day = number(minimum: 1, maximum: 2) else { throw failure("Unexpected character") }
            _ = take(",")
            skipSpaces()
            guard let year = number(minimum: 4, maximum: 4) else { throw failure("Unexpected character") }
            (self.year, self.month, self.day) = (year, month, day)
            return
        }
        let run = digitRun(from: position)
        if run == 4 {
            let year = number(minimum: 4, maximum: 4)
            let separator = current
            guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/") else {
                throw failure("Unexpected character")
            }
            position += 1
            guard let month = number(minimum: 1, maximum: 2), take(Unicode.Scalar(separator ?? 0)),
                let day = number(minimum: 1, maximum: 2)
            else { throw failure("Unexpected character") }
            (self.year, self.month, self.day) = (year, month, day)
        } else if run == 8 {
            // `20240315`
            (year, month, day) = (
                number(minimum: 4, maximum: 4), number(minimum: 2, maximum: 2), number(minimum: 2, maximum: 2)
            )
        } else if run == 1 || run == 2 {
            let first = number(minimum: 1, maximum: 2)
            if take("/") {
                // American `MM/DD/YYYY`
                guard let day = number(minimum: 1, maximum: 2), take("/"), let year = number(minimum: 4, maximum: 4)
                else { throw failure("Unexpected character") }
                (self.year, self.month, self.day) = (year, first, day)
            } else {
                // `15 March 2024` / `15-Mar-2024`
                if !take("-") { skipSpaces() }
                guard let month = monthName() else { throw failure("Unexpected character") }
                if !take("-") { skipSpaces() }
                guard let year = number(minimum: 4, maximum: 4) else { throw failure("Unexpected character") }
                (self.year, self.month, self.day) = (year, month, first)
            }
        } else {
            throw failure("Unexpected character")
        }
    }

    private mutating func parseTime() throws(ExpressionError) {
        guard let hour = number(minimum: 1, maximum: 2), take(":"), let minute = number(minimum: 2, maximum: 2) else {
            throw failure("Unexpected character")
        }
        self.hour = hour
        self.minute = minute
        second = 0
        if take(":") {
            guard let second = number(minimum: 2, maximum: 2) else { throw failure("Unexpected character") }
            self.second = second
            if take(".") || take(",") {
                try parseFraction()
            }
        }
    }

    private mutating func parseFraction() throws(ExpressionError) {
        var scale: Int64 = 100_000
        var count = 0
        while isDigit(current), let byte = current {
            micros += Int64(byte - UInt8(ascii: "0")) * scale
            scale /= 10
            position += 1
            count += 1
        }
        guard count > 0 else { throw failure("Unexpected character") }
    }

    private mutating func parseZone() throws(ExpressionError) {
        if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") {
            zone = .offset(seconds: try parseOffset())
            return
        }
        let start = position
        let name = word()
        switch name {
        case "Z", "z": zone = .abbreviation("Z", seconds: 0)
        case "UTC", "GMT", "utc", "gmt":
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") {
                zone = .offset(seconds: try parseOffset())
            } else {
                zone = .abbreviation(name, seconds: 0)
            }
        case "":
            throw failure("Unexpected character")
        default:
            if current == UInt8(ascii: "/") || current == UInt8(ascii: "_") {
                throw failure("passing a time zone identifier as part of the string is not allowed", at: start)
            }
            throw failure("The timezone could not be found in the database", at: start)
        }
    }

    private mutating func parseOffset() throws(ExpressionError) -> Int64 {
        let negative = current == UInt8(ascii: "-")
        position += 1
        let run = digitRun(from: position)
        let hours: Int64?
        var minutes: Int64 = 0
        if run == 4 {
            hours = number(minimum: 2, maximum: 2)
            minutes = number(minimum: 2, maximum: 2) ?? 0
        } else {
            hours = number(minimum: 1, maximum: 2)
            if take(":") {
                guard let value = number(minimum: 2, maximum: 2) else { throw failure("Unexpected character") }
                minutes = value
            }
        }
        guard let hours else { throw failure("Unexpected character") }
        let seconds = hours * 3600 + minutes * 60
        return negative ? -seconds : seconds
    }

    // MARK: - With a format

    private mutating func parseWithFormat(_ format: [UInt8]) throws(ExpressionError) {
        var index = 0
        while index < format.count {
            let character = format[index]
            index += 1
            guard character == UInt8(ascii: "%"), index < format.count else {
                guard current == character else {
                    throw failure(
                        current == nil ? "Data missing" : "The format separator does not match")
                }
                position += 1
                continue
            }
            let specifier = format[index]
            index += 1
            switch specifier {
            case UInt8(ascii: "Y"):
                guard let value = number(minimum: 4, maximum: 4) else {
                    throw failure("A four digit year could not be found")
                }
                year = value
            case UInt8(ascii: "G"):
                guard let value = number(minimum: 4, maximum: 4) else {
                    throw failure("A four digit ISO year could not be found")
                }
                isoYear = value
            case UInt8(ascii: "m"): month = try twoDigits("A two digit month could not be found")
            case UInt8(ascii: "d"): day = try twoDigits("A two digit day could not be found")
            case UInt8(ascii: "H"): hour = try twoDigits("A two digit hour could not be found")
            case UInt8(ascii: "M"): minute = try twoDigits("A two digit minute could not be found")
            case UInt8(ascii: "S"): second = try twoDigits("A two digit second could not be found")
            case UInt8(ascii: "V"): isoWeek = try twoDigits("A two digit week could not be found")
            case UInt8(ascii: "u"):
                guard let value = number(minimum: 1, maximum: 1) else {
                    throw failure("A single digit day of week could not be found")
                }
                isoDay = value
            case UInt8(ascii: "j"):
                guard let value = number(minimum: 3, maximum: 3) else {
                    throw failure("A three digit day-of-year could not be found")
                }
                dayOfYear = value
            case UInt8(ascii: "L"):
                let start = position
                guard let value = number(minimum: 1, maximum: 3) else {
                    throw failure("A three digit millisecond could not be found")
                }
                var scaled = value
                for _ in 0..<(3 - (position - start)) { scaled *= 10 }
                micros = scaled * 1000
            case UInt8(ascii: "z"):
                guard current == UInt8(ascii: "+") || current == UInt8(ascii: "-") || current == UInt8(ascii: "Z")
                else { throw failure("The timezone could not be found in the database") }
                if take("Z") {
                    zone = .abbreviation("Z", seconds: 0)
                } else {
                    zone = .offset(seconds: try parseOffset())
                }
            case UInt8(ascii: "Z"):
                let negative = take("-")
                if !negative { _ = take("+") }
                guard let minutes = number(minimum: 1, maximum: 4) else {
                    throw failure("The timezone could not be found in the database")
                }
                zone = .offset(seconds: (negative ? -minutes : minutes) * 60)
            case UInt8(ascii: "b"), UInt8(ascii: "B"):
                guard let value = monthName() else { throw failure("A textual month could not be found") }
                month = value
            case UInt8(ascii: "%"):
                guard take("%") else { throw failure("The escaped character could not be found") }
            default:
                throw ExpressionError(
                    code: 18536, "Invalid format character '%\(Character(Unicode.Scalar(specifier)))' in format string")
            }
        }
        if current != nil { throw failure("Trailing data") }
    }

    private mutating func twoDigits(_ reason: String) throws(ExpressionError) -> Int64 {
        guard let value = number(minimum: 1, maximum: 2) else { throw failure(reason) }
        return value
    }

    // MARK: - Result

    private func finish() throws(ExpressionError) -> Parsed {
        var days: Int64
        if let isoYear, year == nil {
            days = DateCivil.days(isoYear: isoYear, isoWeek: isoWeek ?? 1, isoDayOfWeek: isoDay ?? 1)
        } else if let year, let dayOfYear, month == nil {
            days = DateCivil.days(year: year, month: 1, day: dayOfYear)
        } else {
            guard let year, let month, let day else {
                throw ExpressionError(
                    code: 241,
                    "an incomplete date/time string has been found, with elements missing: \"\(text)\"")
            }
            guard (1...12).contains(month), (1...DateCivil.daysInMonth(year: year, month: month)).contains(day) else {
                throw ExpressionError(
                    code: 241, "Error parsing date string '\(text)'; \(bytes.count): The parsed date was invalid")
            }
            days = DateCivil.days(year: year, month: month, day: day)
        }
        // As timelib: no time at all is midnight, and a partial time fills the missing fields with 0.
        let hour = hour ?? 0
        let minute = minute ?? 0
        let second = second ?? 0
        guard hour < 24, minute < 60, second < 60 else {
            throw ExpressionError(
                code: 241, "Error parsing date string '\(text)'; \(bytes.count): The parsed time was invalid")
        }
        let millis = (((days * 24 + hour) * 60 + minute) * 60 + second) * 1000 + micros / 1000
        return Parsed(localMillis: millis, zone: zone)
    }
}
