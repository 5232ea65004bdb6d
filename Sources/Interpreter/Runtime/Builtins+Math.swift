import Foundation

/// `Math`, `Number` and `Boolean`.
extension Interpreter {
    func installMath() {
        let math = JSObject(kind: .ordinary)
        let constants: [(String, Double)] = [
            ("PI", Double.pi), ("E", M_E), ("LN2", M_LN2), ("LN10", M_LN10), ("LOG2E", M_LOG2E), ("LOG10E", M_LOG10E),
            ("SQRT2", 2.0.squareRoot()), ("SQRT1_2", 0.5.squareRoot()),
        ]
        for (name, value) in constants { math.set(name, .number(value), enumerable: false) }
        let unary: [(String, (Double) -> Double)] = [
            ("abs", { abs($0) }), ("floor", { $0.rounded(.down) }), ("ceil", { $0.rounded(.up) }),
            ("trunc", { $0.rounded(.towardZero) }), ("sqrt", { $0.squareRoot() }), ("cbrt", { Self.cubeRoot($0) }),
            ("round", Self.round), ("sign", { $0.isNaN || $0 == 0 ? $0 : $0 > 0 ? 1 : -1 }),
            ("log", { Foundation.log($0) }), ("log2", { Foundation.log2($0) }), ("log10", { Foundation.log10($0) }),
            ("log1p", { Foundation.log1p($0) }), ("exp", { Foundation.exp($0) }), ("expm1", { Foundation.expm1($0) }),
            ("sin", { Foundation.sin($0) }), ("cos", { Foundation.cos($0) }), ("tan", { Foundation.tan($0) }),
            ("asin", { Foundation.asin($0) }), ("acos", { Foundation.acos($0) }), ("atan", { Foundation.atan($0) }),
            ("sinh", { Foundation.sinh($0) }), ("cosh", { Foundation.cosh($0) }), ("tanh", { Foundation.tanh($0) }),
            ("fround", { Double(Float($0)) }),
        ]
        for (name, function) in unary {
            defineMethod(math, name, 1) { call in .number(function(try call.interpreter.toNumber(call.argument(0)))) }
        }
        defineMethod(math, "pow", 2) { call in
            .number(
                Self.power(
                    try call.interpreter.toNumber(call.argument(0)), try call.interpreter.toNumber(call.argument(1))))
        }
        defineMethod(math, "atan2", 2) { call in
            .number(
                Foundation.atan2(
                    try call.interpreter.toNumber(call.argument(0)), try call.interpreter.toNumber(call.argument(1))))
        }
        defineMethod(math, "hypot", 2) { call in
            .number(
                try call.arguments.reduce(0.0) { $0 + Foundation.pow(try call.interpreter.toNumber($1), 2) }
                    .squareRoot())
        }
        defineMethod(math, "max", 2) { call in
            var result = -Double.infinity
            for argument in call.arguments {
                let value = try call.interpreter.toNumber(argument)
                if value.isNaN { return .number(.nan) }
                if value > result || (value == 0 && result == 0 && result.sign == .minus) { result = value }
            }
            return .number(result)
        }
        defineMethod(math, "min", 2) { call in
            var result = Double.infinity
            for argument in call.arguments {
                let value = try call.interpreter.toNumber(argument)
                if value.isNaN { return .number(.nan) }
                if value < result || (value == 0 && result == 0 && value.sign == .minus) { result = value }
            }
            return .number(result)
        }
        defineMethod(math, "random") { _ in .number(Double.random(in: 0..<1)) }
        defineGlobal("Math", .object(math))
    }

    /// `Math.round`: halves round up (toward +∞).
    static func round(_ value: Double) -> Double {
        guard value.isFinite else { return value }
        let floor = value.rounded(.down)
        let result = value - floor >= 0.5 ? floor + 1 : floor
        return result == 0 && value < 0 ? -0.0 : result
    }

    /// `this` as a number (boxed numbers unwrapped).
    static func thisNumber(_ call: NativeCall, _ method: String) throws -> Double {
        switch call.this {
        case .number(let number): return number
        case .object(let object) where object.kind == .boxedPrimitive:
            if case .number(let number)? = object.primitiveValue { return number }
        default: break
        }
        throw JSError.typeError("Number.prototype.\(method) requires that 'this' be a Number")
    }

    func installNumberAndBoolean() {
        let prototype = realm.numberPrototype
        let constructor = defineConstructor("Number", 1, prototype: prototype) { call in
            let value = call.arguments.isEmpty ? 0 : try call.interpreter.toNumber(call.arguments[0])
            guard call.isConstruct else { return .number(value) }
            let box = JSObject(kind: .boxedPrimitive)
            box.primitiveValue = .number(value)
            return .object(box)
        }
        let constants: [(String, Double)] = [
            ("MAX_SAFE_INTEGER", 9_007_199_254_740_991), ("MIN_SAFE_INTEGER", -9_007_199_254_740_991),
            ("EPSILON", Double.ulpOfOne), ("MAX_VALUE", Double.greatestFiniteMagnitude),
            ("MIN_VALUE", Double.leastNonzeroMagnitude), ("POSITIVE_INFINITY", .infinity),
            ("NEGATIVE_INFINITY", -.infinity), ("NaN", .nan),
        ]
        for (name, value) in constants { constructor.set(name, .number(value), enumerable: false) }
        let predicates: [(String, (Double) -> Bool)] = [
            ("isInteger", { $0.isFinite && $0 == $0.rounded(.towardZero) }),
            ("isSafeInteger", { $0.isFinite && $0 == $0.rounded(.towardZero) && abs($0) <= 9_007_199_254_740_991 }),
            ("isFinite", { $0.isFinite }), ("isNaN", { $0.isNaN }),
        ]
        for (name, predicate) in predicates {
            defineMethod(constructor, name, 1) { call in
                guard case .number(let number) = call.argument(0) else { return .bool(false) }
                return .bool(predicate(number))
            }
        }
        defineMethod(prototype, "valueOf") { call in .number(try Self.thisNumber(call, "valueOf")) }
        defineMethod(prototype, "toString", 1) { call in
            let number = try Self.thisNumber(call, "toString")
            let radix = call.argument(0).isUndefined ? 10 : (try call.interpreter.toClampedInt(call.argument(0)))
            guard (2...36).contains(radix) else {
                throw JSError.rangeError("toString() radix argument must be between 2 and 36")
            }
            return .string(Self.format(number, radix: radix))
        }
        defineMethod(prototype, "toLocaleString") { call in
            let number = try Self.thisNumber(call, "toLocaleString")
            let formatter = NumberFormatter()
            formatter.numberStyle = .decimal
            formatter.locale = Locale(identifier: "en_US")
            formatter.maximumFractionDigits = 3
            return .string(formatter.string(from: NSNumber(value: number)) ?? JSNumber.format(number))
        }
        defineMethod(prototype, "toFixed", 1) { call in
            let number = try Self.thisNumber(call, "toFixed")
            let digits = (try call.interpreter.toClampedInt(call.argument(0)))
            guard (0...100).contains(digits) else {
                throw JSError.rangeError("toFixed() digits argument must be between 0 and 100")
            }
            guard number.isFinite, abs(number) < 1e21 else { return .string(JSNumber.format(number)) }
            return .string(Self.toFixed(number, digits: digits))
        }
        defineMethod(prototype, "toPrecision", 1) { call in
            let number = try Self.thisNumber(call, "toPrecision")
            if call.argument(0).isUndefined || !number.isFinite { return .string(JSNumber.format(number)) }
            let precision = (try call.interpreter.toClampedInt(call.argument(0)))
            guard (1...100).contains(precision) else {
                throw JSError.rangeError("toPrecision() argument must be between 1 and 100")
            }
            let exponent = number == 0 ? 0 : Int(Foundation.log10(abs(number)).rounded(.down))
            if exponent < -6 || exponent >= precision {
                return .string(
                    String(format: "%.\(precision - 1)e", number).replacingOccurrences(of: "e+0", with: "e+")
                        .replacingOccurrences(of: "e-0", with: "e-"))
            }
            return .string(Self.toFixed(number, digits: max(0, precision - 1 - exponent)))
        }

        let booleanPrototype = realm.booleanPrototype
        defineConstructor("Boolean", 1, prototype: booleanPrototype) { call in
            let value = call.argument(0).isTruthy
            guard call.isConstruct else { return .bool(value) }
            let box = JSObject(kind: .boxedPrimitive)
            box.primitiveValue = .bool(value)
            return .object(box)
        }
        defineMethod(booleanPrototype, "toString") { call in
            if case .bool(let value) = call.this { return .string(value ? "true" : "false") }
            if case .object(let object) = call.this, case .bool(let value)? = object.primitiveValue {
                return .string(value ? "true" : "false")
            }
            throw JSError.typeError("Boolean.prototype.toString requires that 'this' be a Boolean")
        }
        defineMethod(booleanPrototype, "valueOf") { call in
            if case .object(let object) = call.this, let value = object.primitiveValue { return value }
            return call.this
        }
    }

    /// `Number#toFixed`: rounds half away from zero on the decimal digits of the exact value.
    static func toFixed(_ number: Double, digits: Int) -> String {
        var text = String(format: "%.\(digits)f", number)
        let scale = Foundation.pow(10, Double(digits))
        let scaled = abs(number) * scale
        // JavaScript rounds exact ties up (printf rounds them to even); a product that only looks like a tie after
        // rounding (1.45 * 10) is left to printf, which rounds the exact binary value.
        if scaled < 1e15, scaled - scaled.rounded(.down) == 0.5,
            Foundation.fma(abs(number), scale, -scaled) == 0
        {
            let rounded = (scaled.rounded(.down) + 1) / scale
            text = String(format: "%.\(digits)f", number < 0 ? -rounded : rounded)
        }
        if text.hasPrefix("-"), Double(text) == 0 { text.removeFirst() }
        return text
    }

    /// The cube root, exact for perfect cubes (glibc's `cbrt(27)` is 3.0000000000000004).
    static func cubeRoot(_ value: Double) -> Double {
        let root = Foundation.cbrt(value)
        let rounded = root.rounded()
        return rounded * rounded * rounded == value ? rounded : root
    }

    /// `Number#toString(radix)`.
    static func format(_ number: Double, radix: Int) -> String {
        guard radix != 10, number.isFinite else { return JSNumber.format(number) }
        let negative = number < 0
        var integer = abs(number).rounded(.down)
        var fraction = abs(number) - integer
        let digits = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        var integerDigits: [Character] = []
        repeat {
            let digit = Int(integer.truncatingRemainder(dividingBy: Double(radix)))
            integerDigits.append(digits[digit])
            integer = (integer / Double(radix)).rounded(.down)
        } while integer > 0
        var result = String(integerDigits.reversed())
        if fraction > 0 {
            result += "."
            var count = 0
            while fraction > 0 && count < 52 {
                fraction *= Double(radix)
                let digit = Int(fraction)
                result.append(digits[digit])
                fraction -= Double(digit)
                count += 1
            }
        }
        return negative ? "-" + result : result
    }
}
