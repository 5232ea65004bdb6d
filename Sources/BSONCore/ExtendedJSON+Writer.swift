import Foundation

/// Writes BSON values as Extended JSON v2 text, compact or indented, as UTF-8 bytes (no `String` per piece).
struct ExtendedJSONWriter {
    let mode: ExtendedJSONMode
    let indent: Int?
    /// The text so far, as UTF-8.
    var bytes: [UInt8] = []

    init(mode: ExtendedJSONMode, indent: Int?) {
        self.mode = mode
        self.indent = indent
    }

    /// The text so far.
    var output: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends text.
    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends an integer's decimal digits without making a `String`.
    private mutating func writeInteger(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var divisor: UInt64 = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        } while divisor > 0
    }

    private mutating func newline(level: Int) {
        guard let indent else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
    }

    /// Writes `{ "key": value, … }` with a closure per member value.
    private mutating func object(level: Int, _ count: Int, _ member: (inout Self, Int) -> Void) {
        guard count > 0 else {
            append("{}")
            return
        }
        append("{")
        for index in 0..<count {
            if index > 0 { append(",") }
            newline(level: level + 1)
            member(&self, index)
        }
        newline(level: level)
        append("}")
    }

    private mutating func key(_ name: String) {
        writeString(name)
        append(indent == nil ? ":" : ": ")
    }

    /// A one-member wrapper object such as `{"$oid":"…"}`.
    private mutating func wrapper(_ name: String, level: Int, _ body: (inout Self, Int) -> Void) {
        object(level: level, 1) { writer, _ in
            writer.key(name)
            body(&writer, level + 1)
        }
    }

    /// A wrapper whose value is an object of raw members, e.g. `{"$timestamp":{"t":1,"i":2}}`.
    private mutating func wrapper(_ name: String, level: Int, members: [(String, (inout Self, Int) -> Void)]) {
        wrapper(name, level: level) { writer, inner in
            writer.object(level: inner, members.count) { writer, index in
                writer.key(members[index].0)
                members[index].1(&writer, inner + 1)
            }
        }
    }

    mutating func write(_ document: BSONDocument, level: Int) {
        let elements = document.elements
        object(level: level, elements.count) { writer, index in
            writer.key(elements[index].key)
            writer.write(elements[index].value, level: level + 1)
        }
    }

    mutating func write(_ value: BSONValue, level: Int) {
        switch value {
        case .double(let number):
            if mode == .relaxed && number.isFinite {
                append(Self.format(number))
            } else {
                wrapper("$numberDouble", level: level) { writer, _ in writer.writeString(Self.format(number)) }
            }
        case .string(let text): writeString(text)
        case .document(let doc): write(doc, level: level)
        case .array(let values):
            guard !values.isEmpty else {
                append("[]")
                return
            }
            append("[")
            for (index, item) in values.enumerated() {
                if index > 0 { append(",") }
                newline(level: level + 1)
                write(item, level: level + 1)
            }
            newline(level: level)
            append("]")
        case .binary(let binary):
            let subtype = String(binary.subtype, radix: 16)
            wrapper(
                "$binary", level: level,
                members: [
                    ("base64", { writer, _ in writer.writeString(Data(binary.data).base64EncodedString()) }),
                    ("subType", { writer, _ in writer.writeString(subtype.count == 1 ? "0" + subtype : subtype) }),
                ])
        case .undefined: wrapper("$undefined", level: level) { writer, _ in writer.append("true") }
        case .objectID(let id): wrapper("$oid", level: level) { writer, _ in writer.writeString(id.hex) }
        case .bool(let flag): append(flag ? "true" : "false")
        case .datetime(let millis):
            if mode == .relaxed, millis >= 0, ISODate.isFormattable(millis: millis) {
                wrapper("$date", level: level) { writer, _ in
                    writer.bytes.append(UInt8(ascii: "\""))
                    ISODate.format(millis: millis, into: &writer.bytes)
                    writer.bytes.append(UInt8(ascii: "\""))
                }
            } else {
                wrapper("$date", level: level) { writer, inner in
                    writer.wrapper("$numberLong", level: inner) { writer, _ in writer.writeString(String(millis)) }
                }
            }
        case .null: append("null")
        case .regex(let regex):
            wrapper(
                "$regularExpression", level: level,
                members: [
                    ("pattern", { writer, _ in writer.writeString(regex.pattern) }),
                    ("options", { writer, _ in writer.writeString(regex.options) }),
                ])
        case .dbPointer(let namespace, let id):
            wrapper(
                "$dbPointer", level: level,
                members: [
                    ("$ref", { writer, _ in writer.writeString(namespace) }),
                    ("$id", { writer, inner in writer.write(.objectID(id), level: inner) }),
                ])
        case .code(let code): wrapper("$code", level: level) { writer, _ in writer.writeString(code) }
        case .symbol(let text): wrapper("$symbol", level: level) { writer, _ in writer.writeString(text) }
        case .codeWithScope(let code, let scope):
            object(level: level, 2) { writer, index in
                if index == 0 {
                    writer.key("$code")
                    writer.writeString(code)
                } else {
                    writer.key("$scope")
                    writer.write(scope, level: level + 1)
                }
            }
        case .int32(let number):
            if mode == .relaxed {
                writeInteger(Int64(number))
            } else {
                wrapper("$numberInt", level: level) { writer, _ in writer.writeString(String(number)) }
            }
        case .timestamp(let stamp):
            wrapper(
                "$timestamp", level: level,
                members: [
                    ("t", { writer, _ in writer.append(String(stamp.t)) }),
                    ("i", { writer, _ in writer.append(String(stamp.i)) }),
                ])
        case .int64(let number):
            if mode == .relaxed {
                writeInteger(number)
            } else {
                wrapper("$numberLong", level: level) { writer, _ in writer.writeString(String(number)) }
            }
        case .decimal128(let decimal):
            wrapper("$numberDecimal", level: level) { writer, _ in writer.writeString(decimal.description) }
        case .minKey: wrapper("$minKey", level: level) { writer, _ in writer.append("1") }
        case .maxKey: wrapper("$maxKey", level: level) { writer, _ in writer.append("1") }
        }
    }

    /// Writes a JSON string literal: `"` and `\` escaped, control characters as `\n`-style or `\u00XX`.
    mutating func writeString(_ text: String) {
        append("\"")
        var needsEscape = false
        for byte in text.utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            needsEscape = true
            break
        }
        guard needsEscape else {
            append(text)
            append("\"")
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": append("\\\"")
            case "\\": append("\\\\")
            case "\n": append("\\n")
            case "\r": append("\\r")
            case "\t": append("\\t")
            case "\u{08}": append("\\b")
            case "\u{0C}": append("\\f")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        append("\"")
    }

    /// The shortest round-trip form: `1.0`, `-0.0`, `0.001`, `1.2345678921232E+18`, `1.0E-5` (scientific below
    /// 1e-4 or from 1e16 up), and `Infinity`, `-Infinity`, `NaN`.
    static func format(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        if number == 0 { return number.sign == .minus ? "-0.0" : "0.0" }
        // Swift's description is the shortest representation that round-trips. Without an exponent it is plain
        // decimal for magnitudes in [1e-4, 2^53), already the form wanted here.
        let plain = number.description
        if !plain.utf8.contains(UInt8(ascii: "e")) { return plain }
        // Otherwise take its digits and exponent.
        let text = number.magnitude.description
        var digits = ""
        var exponent = 0
        var pointIndex: Int?
        var mantissa = Substring(text)
        if let eIndex = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<eIndex]
            exponent = Int(text[text.index(after: eIndex)...]) ?? 0
        }
        for character in mantissa {
            if character == "." {
                pointIndex = digits.count
            } else {
                digits.append(character)
            }
        }
        // Value = 0.digits × 10^(decimalExponent).
        var decimalExponent = (pointIndex ?? digits.count) + exponent
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            decimalExponent -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        let sign = number.sign == .minus ? "-" : ""
        let scientificExponent = decimalExponent - 1
        if scientificExponent >= -4 && scientificExponent < 16 {
            if decimalExponent <= 0 {
                return sign + "0." + String(repeating: "0", count: -decimalExponent) + digits
            }
            if digits.count <= decimalExponent {
                return sign + digits + String(repeating: "0", count: decimalExponent - digits.count) + ".0"
            }
            return sign + digits.prefix(decimalExponent) + "." + digits.dropFirst(decimalExponent)
        }
        let fraction = digits.count > 1 ? String(digits.dropFirst()) : "0"
        let exponentSign = scientificExponent < 0 ? "-" : "+"
        return sign + digits.prefix(1) + "." + fraction + "E" + exponentSign + String(abs(scientificExponent))
    }
}
