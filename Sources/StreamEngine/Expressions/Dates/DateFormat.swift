/// A `$dateToString` format (§11.10), validated and split into pieces once, then rendered per date.
package struct DateFormat: Sendable {
    /// One piece of a format: literal text or a `%` specifier.
    enum Piece: Sendable {
        case literal(String)
        case year, month, day, hour, minute, second, millisecond, dayOfYear, dayOfWeek, isoDayOfWeek, week
        case isoWeek, isoWeekYear, offset, offsetMinutes, monthShort, monthLong
    }

    let pieces: [Piece]
    /// Whether any piece needs the ISO week (computed only then).
    private let needsISOWeek: Bool

    /// `%Y-%m-%dT%H:%M:%S.%LZ`: the default in UTC.
    package static let isoUTC = DateFormat(pieces: isoPieces + [.literal("Z")])
    /// `%Y-%m-%dT%H:%M:%S.%L`: the default in any other zone (servers 7.x and later).
    package static let isoLocal = DateFormat(pieces: isoPieces)

    private static let isoPieces: [Piece] = [
        .year, .literal("-"), .month, .literal("-"), .day, .literal("T"), .hour, .literal(":"), .minute,
        .literal(":"), .second, .literal("."), .millisecond,
    ]

    private init(pieces: [Piece]) {
        self.pieces = pieces
        needsISOWeek = false
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// Parses `format`: `Unmatched '%' at end of format string` (18535) and
    /// `Invalid format character '%x' in format string` (18536).
    package init(_ format: String) throws(ExpressionError) {
        var pieces: [Piece] = []
        var literal = ""
        var iterator = format.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "%" else {
                literal.unicodeScalars.append(scalar)
                continue
            }
            guard let specifier = iterator.next() else {
                throw ExpressionError(code: 18535, "Unmatched '%' at end of format string")
            }
            let piece: Piece
            switch specifier {
            case "%":
                literal.append("%")
                continue
            case "Y": piece = .year
            case "m": piece = .month
            case "d": piece = .day
            case "H": piece = .hour
            case "M": piece = .minute
            case "S": piece = .second
            case "L": piece = .millisecond
            case "j": piece = .dayOfYear
            case "w": piece = .dayOfWeek
            case "u": piece = .isoDayOfWeek
            case "U": piece = .week
            case "V": piece = .isoWeek
            case "G": piece = .isoWeekYear
            case "z": piece = .offset
            case "Z": piece = .offsetMinutes
            // UNCONFIRMED (§11.10, §13.9): the capitalisation; the server's tables say `Jan` and `January`.
            case "b": piece = .monthShort
            case "B": piece = .monthLong
            default:
                throw ExpressionError(code: 18536, "Invalid format character '%\(specifier)' in format string")
            }
            if !literal.isEmpty {
                pieces.append(.literal(literal))
                literal = ""
            }
            pieces.append(piece)
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        self.pieces = pieces
        needsISOWeek = pieces.contains {
            switch $0 {
            case .isoWeek, .isoWeekYear: return true
            default: return false
            }
        }
    }

    /// Renders the instant `millis` in `zone`; a year (or ISO year) outside 0…9999 raises 18537.
    package func render(_ millis: Int64, zone: DateZone) throws(ExpressionError) -> String {
        let offset = zone.offsetSeconds(atUTC: millis)
        let civil = DateCivil(localMillis: millis &+ offset * 1000)
        let iso = needsISOWeek ? civil.isoWeek : (year: 0, week: 0)
        var output = ""
        output.reserveCapacity(32)
        for piece in pieces {
            switch piece {
            case .literal(let text): output += text
            case .year: try Self.appendYear(civil.year, to: &output)
            case .month: Self.append(civil.month, width: 2, to: &output)
            case .day: Self.append(civil.day, width: 2, to: &output)
            case .hour: Self.append(civil.hour, width: 2, to: &output)
            case .minute: Self.append(civil.minute, width: 2, to: &output)
            case .second: Self.append(civil.second, width: 2, to: &output)
            case .millisecond: Self.append(civil.millisecond, width: 3, to: &output)
            case .dayOfYear: Self.append(civil.dayOfYear, width: 3, to: &output)
            case .dayOfWeek: Self.append(civil.dayOfWeek, width: 1, to: &output)
            case .isoDayOfWeek: Self.append(civil.isoDayOfWeek, width: 1, to: &output)
            case .week: Self.append(civil.week, width: 2, to: &output)
            case .isoWeek: Self.append(iso.week, width: 2, to: &output)
            case .isoWeekYear: try Self.appendYear(iso.year, to: &output)
            case .offset:
                let minutes = abs(offset) / 60
                output += offset < 0 ? "-" : "+"
                Self.append(minutes / 60, width: 2, to: &output)
                Self.append(minutes % 60, width: 2, to: &output)
            case .offsetMinutes: output += String(offset / 60)
            case .monthShort: output += Self.monthNames[Int(civil.month - 1)].prefix(3)
            case .monthLong: output += Self.monthNames[Int(civil.month - 1)]
            }
        }
        return output
    }

    private static func appendYear(_ year: Int64, to output: inout String) throws(ExpressionError) {
        guard (0...9999).contains(year) else {
            throw ExpressionError(
                code: 18537,
                "Could not convert date to string: date component was outside the supported range of 0-9999: \(year)")
        }
        append(year, width: 4, to: &output)
    }

    /// Appends a non-negative number zero-padded to `width` digits without allocating a temporary string.
    private static func append(_ value: Int64, width: Int, to output: inout String) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0 && count < 8
            while count < width {
                buffer[count] = UInt8(ascii: "0")
                count += 1
            }
        }
        withUnsafeBytes(of: &digits) { buffer in
            for index in stride(from: count - 1, through: 0, by: -1) {
                output.unicodeScalars.append(Unicode.Scalar(buffer[index]))
            }
        }
    }
}
