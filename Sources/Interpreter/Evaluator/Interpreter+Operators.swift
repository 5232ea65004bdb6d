import Foundation

/// Operators and JavaScript's type conversions.
extension Interpreter {
    func binaryOperation(_ op: BinaryOperator, _ left: JSValue, _ right: JSValue) throws -> JSValue {
        if case .number(let a) = left, case .number(let b) = right {
            switch op {
            case .add: return .number(a + b)
            case .subtract: return .number(a - b)
            case .multiply: return .number(a * b)
            case .divide: return .number(a / b)
            case .less: return .bool(a < b)
            case .greater: return .bool(a > b)
            case .lessOrEqual: return .bool(a <= b)
            case .greaterOrEqual: return .bool(a >= b)
            case .strictEqual, .equal: return .bool(a == b)
            case .strictNotEqual, .notEqual: return .bool(a != b)
            default: break
            }
        }
        switch op {
        case .add:
            if case .string(let a) = left, case .string(let b) = right {
                return .string(try StringLimits.concatenate(a, b))
            }
            let leftPrimitive = try toPrimitive(left, hint: .none)
            let rightPrimitive = try toPrimitive(right, hint: .none)
            if case .string = leftPrimitive {
                return .string(try StringLimits.concatenate(toString(leftPrimitive), toString(rightPrimitive)))
            }
            if case .string = rightPrimitive {
                return .string(try StringLimits.concatenate(toString(leftPrimitive), toString(rightPrimitive)))
            }
            return .number(try toNumber(leftPrimitive) + toNumber(rightPrimitive))
        case .subtract: return .number(try toNumber(left) - toNumber(right))
        case .multiply: return .number(try toNumber(left) * toNumber(right))
        case .divide: return .number(try toNumber(left) / toNumber(right))
        case .remainder: return .number(try toNumber(left).truncatingRemainder(dividingBy: toNumber(right)))
        case .exponent: return .number(Self.power(try toNumber(left), try toNumber(right)))
        case .leftShift:
            let shift = JSNumber.toUInt32(try toNumber(right)) & 31
            return .number(Double(JSNumber.toInt32(try toNumber(left)) << shift))
        case .rightShift:
            let shift = JSNumber.toUInt32(try toNumber(right)) & 31
            return .number(Double(JSNumber.toInt32(try toNumber(left)) >> shift))
        case .unsignedRightShift:
            let shift = JSNumber.toUInt32(try toNumber(right)) & 31
            return .number(Double(JSNumber.toUInt32(try toNumber(left)) >> shift))
        case .bitwiseAnd:
            return .number(Double(JSNumber.toInt32(try toNumber(left)) & JSNumber.toInt32(try toNumber(right))))
        case .bitwiseOr:
            return .number(Double(JSNumber.toInt32(try toNumber(left)) | JSNumber.toInt32(try toNumber(right))))
        case .bitwiseXor:
            return .number(Double(JSNumber.toInt32(try toNumber(left)) ^ JSNumber.toInt32(try toNumber(right))))
        case .equal: return .bool(try looseEquals(left, right))
        case .notEqual: return .bool(!(try looseEquals(left, right)))
        case .strictEqual: return .bool(strictEquals(left, right))
        case .strictNotEqual: return .bool(!strictEquals(left, right))
        case .less: return .bool(try compare(left, right, leftFirst: true) == .some(true))
        case .greater: return .bool(try compare(right, left, leftFirst: false) == .some(true))
        case .lessOrEqual: return .bool(try compare(right, left, leftFirst: false) == .some(false))
        case .greaterOrEqual: return .bool(try compare(left, right, leftFirst: true) == .some(false))
        case .in:
            guard case .object(let object) = right else {
                throw JSError.typeError(
                    "Cannot use 'in' operator to search for '\(try toPropertyKey(left))' in \(right.toDisplayString())")
            }
            return .bool(try hasProperty(object, try toPropertyKey(left)))
        case .instanceof:
            return .bool(try instanceOf(left, right))
        }
    }

    /// `Math.pow` and `**` with JavaScript's special cases.
    static func power(_ base: Double, _ exponent: Double) -> Double {
        if exponent.isNaN { return .nan }
        if exponent == 0 { return 1 }
        if abs(base) == 1 && exponent.isInfinite { return .nan }
        return Foundation.pow(base, exponent)
    }

    func instanceOf(_ value: JSValue, _ constructor: JSValue) throws -> Bool {
        guard case .object(let function) = constructor, function.isCallable else {
            throw JSError.typeError("Right-hand side of 'instanceof' is not callable")
        }
        guard case .object(let object) = value else { return false }
        guard case .object(let prototype) = try getProperty(function, "prototype") else { return false }
        var current = realm.prototype(of: object)
        while let candidate = current {
            if candidate === prototype { return true }
            current = realm.prototype(of: candidate)
        }
        return false
    }

    /// `a < b` as JavaScript's abstract relational comparison: nil when either side is NaN.
    func compare(_ a: JSValue, _ b: JSValue, leftFirst: Bool) throws -> Bool? {
        let x: JSValue
        let y: JSValue
        if leftFirst {
            x = try toPrimitive(a, hint: .number)
            y = try toPrimitive(b, hint: .number)
        } else {
            y = try toPrimitive(b, hint: .number)
            x = try toPrimitive(a, hint: .number)
        }
        if case .string(let left) = x, case .string(let right) = y {
            return left.utf16.lexicographicallyPrecedes(right.utf16)
        }
        let left = try toNumber(x)
        let right = try toNumber(y)
        if left.isNaN || right.isNaN { return nil }
        return left < right
    }

    /// `===`.
    func strictEquals(_ a: JSValue, _ b: JSValue) -> Bool {
        switch (a, b) {
        case (.undefined, .undefined), (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.object(let x), .object(let y)): x === y
        default: false
        }
    }

    /// `==`.
    func looseEquals(_ a: JSValue, _ b: JSValue) throws -> Bool {
        switch (a, b) {
        case (.undefined, .undefined), (.null, .null), (.undefined, .null), (.null, .undefined): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.object(let x), .object(let y)): return x === y
        case (.number(let x), .string(let y)): return x == JSNumber.parse(y)
        case (.string(let x), .number(let y)): return JSNumber.parse(x) == y
        case (.bool(let x), _): return try looseEquals(.number(x ? 1 : 0), b)
        case (_, .bool(let y)): return try looseEquals(a, .number(y ? 1 : 0))
        case (.object, .number), (.object, .string): return try looseEquals(try toPrimitive(a, hint: .none), b)
        case (.number, .object), (.string, .object): return try looseEquals(a, try toPrimitive(b, hint: .none))
        default: return false
        }
    }

    /// The preferred type of `ToPrimitive`.
    enum PrimitiveHint {
        case none, number, string
    }

    /// JavaScript's `ToPrimitive`: calls `valueOf`/`toString` (dates prefer `toString` without a hint).
    func toPrimitive(_ value: JSValue, hint: PrimitiveHint) throws -> JSValue {
        guard case .object(let object) = value else { return value }
        if object.kind == .boxedPrimitive, let primitive = object.primitiveValue { return primitive }
        let stringFirst = hint == .string || (hint == .none && object.kind == .date)
        for name in stringFirst ? ["toString", "valueOf"] : ["valueOf", "toString"] {
            if case .object(let method) = try getProperty(object, name), method.isCallable {
                let result = try callFunction(method, this: value, arguments: [])
                if case .object = result { continue }
                return result
            }
        }
        throw JSError.typeError("Cannot convert object to primitive value")
    }

    /// JavaScript's `ToNumber`.
    func toNumber(_ value: JSValue) throws -> Double {
        switch value {
        case .number(let number): number
        case .undefined: .nan
        case .null: 0
        case .bool(let bool): bool ? 1 : 0
        case .string(let string): JSNumber.parse(string)
        case .object: try toNumber(try toPrimitive(value, hint: .number))
        }
    }

    /// JavaScript's `ToString`.
    func toString(_ value: JSValue) throws -> String {
        switch value {
        case .string(let string): string
        case .object: try toPrimitive(value, hint: .string).toDisplayString()
        default: value.toDisplayString()
        }
    }

    /// JavaScript's `ToPropertyKey`.
    func toPropertyKey(_ value: JSValue) throws -> String {
        switch value {
        case .string(let string): string
        case .number(let number): JSNumber.format(number)
        default: try toString(value)
        }
    }

    /// `ToIntegerOrInfinity` clamped to ±2^53, safe to convert to `Int`.
    func toClampedInt(_ value: JSValue) throws -> Int {
        Int(min(max(try toInteger(value), -9_007_199_254_740_992), 9_007_199_254_740_992))
    }

    /// `ToIntegerOrInfinity`.
    func toInteger(_ value: JSValue) throws -> Double {
        let number = try toNumber(value)
        if number.isNaN { return 0 }
        return number.rounded(.towardZero)
    }
}
