import BSONCore

/// A running sum with the server's `$sum` rules (§11.3), shared by the `$sum`/`$avg` accumulators and their
/// expression forms: only numbers count, the result takes the widest input type (int → Int32 if it fits, else
/// Int64; long → Int64, or Double once it overflows; any double → Double; any decimal → Decimal128), and
/// doubles are added with double-double (compensated) summation, so ten 0.1 values give exactly 1.0.
///
/// Fixed size: no storage grows with the number of values.
package struct NumericSum: Sendable, Equatable {
    /// The widest numeric type seen so far.
    package enum Width: Int, Sendable, Comparable {
        case int32 = 0
        case int64 = 1
        case double = 2
        case decimal = 3

        /// Narrower first.
        package static func < (lhs: Width, rhs: Width) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The widest type added; `nil` until a number was added.
    package private(set) var width: Width?
    /// How many numbers were added.
    package private(set) var count: Int64 = 0
    /// The exact integer total while it fits in Int64.
    private var integerTotal: Int64 = 0
    /// Whether the integer total overflowed Int64 (the result is then a Double).
    private var integerOverflowed = false
    /// The double-double total of every finite non-decimal value: `high + low`.
    private var high: Double = 0
    private var low: Double = 0
    /// The sum of non-finite values (infinities, NaN), kept apart so they do not poison the compensation.
    private var special: Double = 0
    private var sawSpecial = false
    /// Whether a double was added (the non-decimal part is then no longer an exact integer).
    private var sawDouble = false
    /// The exact total of the Decimal128 inputs.
    private var decimalTotal = Decimal128Arithmetic.zero

    /// An empty sum.
    package init() {}

    /// Adds `value` if it is a number; returns whether it was one.
    @discardableResult
    package mutating func add(_ value: BSONValue?) -> Bool {
        switch value {
        case .int32(let x):
            addInteger(Int64(x), width: .int32)
        case .int64(let x):
            addInteger(x, width: .int64)
        case .double(let x):
            widen(to: .double)
            sawDouble = true
            addDouble(x)
        case .decimal128(let x):
            widen(to: .decimal)
            decimalTotal = Decimal128Arithmetic.add(decimalTotal, x)
        default:
            return false
        }
        count += 1
        return true
    }

    /// Adds another sum's values, as if they had been added here (session merges, §3.7).
    package mutating func merge(_ other: NumericSum) {
        guard let otherWidth = other.width else { return }
        widen(to: otherWidth)
        count += other.count
        let (total, overflow) = integerTotal.addingReportingOverflow(other.integerTotal)
        integerTotal = total
        integerOverflowed = integerOverflowed || other.integerOverflowed || overflow
        addDouble(other.high)
        addDouble(other.low)
        if other.sawSpecial {
            sawSpecial = true
            special += other.special
        }
        sawDouble = sawDouble || other.sawDouble
        decimalTotal = Decimal128Arithmetic.add(decimalTotal, other.decimalTotal)
    }

    /// The total as the server types it; Int32 0 when nothing numeric was added.
    package var result: BSONValue {
        switch width {
        case nil:
            return .int32(0)
        case .int32 where !integerOverflowed:
            if let small = Int32(exactly: integerTotal) { return .int32(small) }
            return .int64(integerTotal)
        case .int64 where !integerOverflowed:
            return .int64(integerTotal)
        case .decimal:
            return .decimal128(decimalResult)
        default:
            return .double(doubleTotal)
        }
    }

    /// The total as a Double (for `$avg`).
    package var doubleTotal: Double {
        if sawSpecial { return special + high }
        return high + low
    }

    /// The total divided by the count: `$avg`'s result, or null when nothing numeric was added.
    package var average: BSONValue {
        guard let width, count > 0 else { return .null }
        if width == .decimal {
            return .decimal128(Decimal128Arithmetic.divide(decimalResult, Decimal128Arithmetic.from(count)))
        }
        return .double(doubleTotal / Double(count))
    }

    private mutating func widen(to newWidth: Width) {
        if let width, width >= newWidth { return }
        width = newWidth
    }

    private mutating func addInteger(_ x: Int64, width newWidth: Width) {
        widen(to: newWidth)
        let (total, overflow) = integerTotal.addingReportingOverflow(x)
        integerTotal = total
        if overflow { integerOverflowed = true }
        // Split so the double-double total stays exact for every Int64.
        let head = Double(x)
        let rest: Int64 = head >= 9_223_372_036_854_775_807.0 ? x - Int64.max : x - Int64(head)
        addDouble(head >= 9_223_372_036_854_775_807.0 ? Double(Int64.max) : head)
        if rest != 0 { addDouble(Double(rest)) }
    }

    private mutating func addDouble(_ x: Double) {
        guard x.isFinite else {
            sawSpecial = true
            special += x
            return
        }
        // Knuth's two-sum, then renormalise (the server's DoubleDoubleSummation).
        let sum = high + x
        let virtual = sum - high
        let error = (high - (sum - virtual)) + (x - virtual)
        let newLow = low + error
        high = sum + newLow
        low = newLow - (high - sum)
    }

    /// The decimal total plus the non-decimal part as a decimal: exact for integers, otherwise the two doubles
    /// of the double-double sum with 34 digits each (the server's `DoubleDoubleSummation::getDecimal`).
    private var decimalResult: BSONDecimal128 {
        let rest: BSONDecimal128
        if !sawDouble && !sawSpecial && !integerOverflowed {
            rest = Decimal128Arithmetic.from(integerTotal)
        } else if sawSpecial {
            rest = Decimal128Arithmetic.from(doubleTotal, significantDigits: 34)
        } else {
            rest = Decimal128Arithmetic.add(
                Decimal128Arithmetic.from(high, significantDigits: 34),
                Decimal128Arithmetic.from(low, significantDigits: 34))
        }
        return Decimal128Arithmetic.add(decimalTotal, rest)
    }
}

extension NumericSum {
    /// The sum's state as a document, for checkpoints.
    package var snapshot: BSONValue {
        .document([
            "w": .int32(Int32(width?.rawValue ?? -1)), "n": .int64(count), "i": .int64(integerTotal),
            "o": .bool(integerOverflowed), "h": .double(high), "l": .double(low), "s": .double(special),
            "ss": .bool(sawSpecial), "sd": .bool(sawDouble), "d": .decimal128(decimalTotal),
        ])
    }

    /// A sum restored from `snapshot`.
    package init(snapshot: BSONValue) throws(StreamEngineError) {
        guard case .document(let document) = snapshot, case .int32(let width) = document["w"],
            case .int64(let count) = document["n"], case .int64(let integer) = document["i"],
            case .bool(let overflowed) = document["o"], case .double(let high) = document["h"],
            case .double(let low) = document["l"], case .double(let special) = document["s"],
            case .bool(let sawSpecial) = document["ss"], case .bool(let sawDouble) = document["sd"],
            case .decimal128(let decimal) = document["d"]
        else { throw StreamEngineError(code: 1, message: "Corrupt checkpoint: bad $sum state") }
        self.width = Width(rawValue: Int(width))
        self.count = count
        self.integerTotal = integer
        self.integerOverflowed = overflowed
        self.high = high
        self.low = low
        self.special = special
        self.sawSpecial = sawSpecial
        self.sawDouble = sawDouble
        self.decimalTotal = decimal
    }
}
