/// A `$dateToString` format (§11.10), validated and split into pieces once, then rendered per date.
package struct DateFormat: Sendable {
    /// One piece of a format: literal text or a `%` specifier.
    enum Piece: Sendable {
        case literal([UInt8])
        case year, month, day, hour, minute, second, millisecond, dayOfYear, dayOfWeek, isoDayOfWeek, week
        case isoWeek, isoWeekYear, offset, offsetMinutes, monthShort, monthLong
    }

    let pieces: [Piece]
    /// Whether any piece needs the ISO week (computed only then).
    private let needsISOWeek: Bool
    /// Whether `%Y` appears (its range is checked before writing).
    private let needsYear: Bool
    /// The longest result, so rendering writes into one buffer of that capacity.
    private let maxLength: Int

    /// `%Y-%m-%dT%H:%M:%S.%LZ`: the default in UTC.
    package static let isoUTC = DateFormat(pieces: isoPieces + [.literal(Array("Z".utf8))])
    /// `%Y-%m-%dT%H:%M:%S.%L`: the default in any other zone (servers 7.x and later).
    package static let isoLocal = DateFormat(pieces: isoPieces)

    private static let isoPieces: [Piece] = [
        .year, .literal(Array("-".utf8)), .month, .literal(Array("-".utf8)), .day, .literal(Array("T".utf8)), .hour,
        .literal(Array(":".utf8)), .minute, .literal(Array(":".utf8)), .second, .literal(Array(".".utf8)),
        .millisecond,
    ]

    private init(pieces: [Piece]) {
        self.pieces = pieces
        var needsISOWeek = false
        var needsYear = false
        var maxLength = 0
        for piece in pieces {
            switch piece {
            case .literal(let bytes): maxLength += bytes.count
            case .isoWeek, .isoWeekYear:
                needsISOWeek = true
                maxLength += 4
            case .year:
                needsYear = true
                maxLength += 4
            case .offset, .offsetMinutes: maxLength += 20
            case .monthShort, .monthLong: maxLength += 9
            default: maxLength += 3
            }
        }
        self.needsISOWeek = needsISOWeek
        self.needsYear = needsYear
        self.maxLength = maxLength
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// Parses `format`: `Unmatched '%' at end of format string` (18535) and
    /// `Invalid format character '%x' in format string` (18536).
    package init(_ format: String) throws(ExpressionError) {
        var pieces: [Piece] = []
        var literal: [UInt8] = []
        var iterator = format.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "%" else {
                literal.append(contentsOf: String(scalar).utf8)
                continue
            }
            guard let specifier = iterator.next() else {
                throw ExpressionError(code: 18535, "Unmatched '%' at end of format string")
            }
            let piece: Piece
            switch specifier {
            case "%":
                literal.append(UInt8(ascii: "%"))
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
                literal = []
            }
            pieces.append(piece)
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        self.init(pieces: pieces)
    }

    /// Renders the instant `millis` in `zone`; a year (or ISO year) outside 0…9999 raises 18537.
    ///
    /// Writes the bytes straight into the result string's storage (one allocation per result at most).
    package func render(_ millis: Int64, zone: DateZone) throws(ExpressionError) -> String {
        let offset = zone.offsetSeconds(atUTC: millis)
        let civil = DateCivil(localMillis: millis &+ offset * 1000)
        let iso = needsISOWeek ? civil.isoWeek : (year: 0, week: 0)
        if needsYear { try Self.checkYear(civil.year) }
        if needsISOWeek { try Self.checkYear(iso.year) }
        return String(unsafeUninitializedCapacity: maxLength) { buffer in
            var writer = Writer(buffer: buffer)
            for piece in pieces {
                switch piece {
                case .literal(let text): writer.write(text)
                case .year: writer.write(civil.year, width: 4)
                case .month: writer.write(civil.month, width: 2)
                case .day: writer.write(civil.day, width: 2)
                case .hour: writer.write(civil.hour, width: 2)
                case .minute: writer.write(civil.minute, width: 2)
                case .second: writer.write(civil.second, width: 2)
                case .millisecond: writer.write(civil.millisecond, width: 3)
                case .dayOfYear: writer.write(civil.dayOfYear, width: 3)
                case .dayOfWeek: writer.write(civil.dayOfWeek, width: 1)
                case .isoDayOfWeek: writer.write(civil.isoDayOfWeek, width: 1)
                case .week: writer.write(civil.week, width: 2)
                case .isoWeek: writer.write(iso.week, width: 2)
                case .isoWeekYear: writer.write(iso.year, width: 4)
                case .offset:
                    let minutes = abs(offset) / 60
                    writer.write(offset < 0 ? "-" : "+")
                    writer.write(minutes / 60, width: 2)
                    writer.write(minutes % 60, width: 2)
                case .offsetMinutes:
                    if offset < 0 { writer.write("-") }
                    writer.write(abs(offset) / 60, width: 1)
                case .monthShort: writer.write(Self.monthNames[Int(civil.month - 1)].utf8.prefix(3))
                case .monthLong: writer.write(Self.monthNames[Int(civil.month - 1)].utf8)
                }
            }
            return writer.count
        }
    }

    private static func checkYear(_ year: Int64) throws(ExpressionError) {
        guard (0...9999).contains(year) else {
            throw ExpressionError(
                code: 18537,
                "Could not convert date to string: date component was outside the supported range of 0-9999: \(year)")
        }
    }

    /// Writes ASCII into a result string's uninitialised storage.
    private struct Writer {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var count = 0

        mutating func write(_ text: some Sequence<UInt8>) {
            for byte in text {
                buffer[count] = byte
                count += 1
            }
        }

        mutating func write(_ text: StaticString) {
            write(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }

        /// A non-negative number, zero-padded to `width` digits.
        mutating func write(_ value: Int64, width: Int) {
            var digits = 1
            var power: Int64 = 10
            while power <= value && digits < 19 {
                digits += 1
                power *= 10
            }
            let length = max(digits, width)
            var rest = value
            for index in stride(from: count + length - 1, through: count, by: -1) {
                buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            count += length
        }
    }
}
