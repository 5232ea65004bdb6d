import Foundation

/// `String`, `String.prototype` (UTF-16 indices, as in JavaScript).
extension Interpreter {
    /// `this` as a string (boxed strings unwrapped, other values converted).
    static func thisString(_ call: NativeCall) throws -> String {
        if case .string(let string) = call.this { return string }
        if call.this.isNullish {
            throw JSError.typeError("String.prototype method called on null or undefined")
        }
        return try call.interpreter.toString(call.this)
    }

    static func units(_ string: String) -> [UInt16] { Array(string.utf16) }

    static func string(_ units: some Collection<UInt16>) -> String { String(decoding: units, as: UTF16.self) }

    /// The first index of `needle` in `haystack` at or after `start`.
    static func index(of needle: [UInt16], in haystack: [UInt16], from start: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        let last = haystack.count - needle.count
        guard start <= last else { return needle.isEmpty ? haystack.count : nil }
        for position in max(start, 0)...last where haystack[position..<position + needle.count].elementsEqual(needle) {
            return position
        }
        return nil
    }

    func installString() {
        let prototype = realm.stringPrototype
        let constructor = defineConstructor("String", 1, prototype: prototype) { call in
            let value: String = call.arguments.isEmpty ? "" : try call.interpreter.toString(call.arguments[0])
            guard call.isConstruct else { return .string(value) }
            let box = JSObject(kind: .boxedPrimitive)
            box.primitiveValue = .string(value)
            return .object(box)
        }
        defineMethod(constructor, "fromCharCode", 1) { call in
            let units = try call.arguments.map {
                UInt16(truncatingIfNeeded: JSNumber.toInt32(try call.interpreter.toNumber($0)))
            }
            return .string(Self.string(units))
        }
        defineMethod(prototype, "toString") { call in .string(try Self.thisString(call)) }
        defineMethod(prototype, "valueOf") { call in .string(try Self.thisString(call)) }
        defineMethod(prototype, "charAt", 1) { call in
            let units = Self.units(try Self.thisString(call))
            let index = (try call.interpreter.toClampedInt(call.argument(0)))
            return .string(units.indices.contains(index) ? Self.string([units[index]]) : "")
        }
        defineMethod(prototype, "charCodeAt", 1) { call in
            let units = Self.units(try Self.thisString(call))
            let index = (try call.interpreter.toClampedInt(call.argument(0)))
            return .number(units.indices.contains(index) ? Double(units[index]) : .nan)
        }
        defineMethod(prototype, "codePointAt", 1) { call in
            let units = Self.units(try Self.thisString(call))
            let index = (try call.interpreter.toClampedInt(call.argument(0)))
            guard units.indices.contains(index) else { return .undefined }
            let scalar = Self.string(units[index...]).unicodeScalars.first
            return .number(Double(scalar?.value ?? UInt32(units[index])))
        }
        defineMethod(prototype, "at", 1) { call in
            let units = Self.units(try Self.thisString(call))
            var index = (try call.interpreter.toClampedInt(call.argument(0)))
            if index < 0 { index += units.count }
            return units.indices.contains(index) ? .string(Self.string([units[index]])) : .undefined
        }
        defineMethod(prototype, "indexOf", 1) { call in
            let units = Self.units(try Self.thisString(call))
            let needle = Self.units(try call.interpreter.toString(call.argument(0)))
            let start = Int(min(max(try call.interpreter.toInteger(call.argument(1)), 0), Double(units.count)))
            return .number(Self.index(of: needle, in: units, from: start) ?? -1)
        }
        defineMethod(prototype, "lastIndexOf", 1) { call in
            let units = Self.units(try Self.thisString(call))
            let needle = Self.units(try call.interpreter.toString(call.argument(0)))
            var position = units.count - needle.count
            while position >= 0 {
                if units[position..<position + needle.count].elementsEqual(needle) { return .number(position) }
                position -= 1
            }
            return .number(-1)
        }
        defineMethod(prototype, "includes", 1) { call in
            let units = Self.units(try Self.thisString(call))
            let needle = Self.units(try call.interpreter.toString(call.argument(0)))
            let start = Int(min(max(try call.interpreter.toInteger(call.argument(1)), 0), Double(units.count)))
            return .bool(Self.index(of: needle, in: units, from: start) != nil)
        }
        defineMethod(prototype, "startsWith", 1) { call in
            let units = Self.units(try Self.thisString(call))
            let needle = Self.units(try call.interpreter.toString(call.argument(0)))
            let start = Int(min(max(try call.interpreter.toInteger(call.argument(1)), 0), Double(units.count)))
            return .bool(units[start...].starts(with: needle))
        }
        defineMethod(prototype, "endsWith", 1) { call in
            let units = Self.units(try Self.thisString(call))
            let needle = Self.units(try call.interpreter.toString(call.argument(0)))
            let end =
                call.argument(1).isUndefined
                ? units.count : Int(min(max(try call.interpreter.toInteger(call.argument(1)), 0), Double(units.count)))
            return .bool(units[..<end].reversed().starts(with: needle.reversed()))
        }
        defineMethod(prototype, "slice", 2) { call in
            let units = Self.units(try Self.thisString(call))
            let start = try call.interpreter.relativeIndex(call.argument(0), count: units.count, default: 0)
            let end = try call.interpreter.relativeIndex(call.argument(1), count: units.count, default: units.count)
            return .string(start < end ? Self.string(units[start..<end]) : "")
        }
        defineMethod(prototype, "substring", 2) { call in
            let units = Self.units(try Self.thisString(call))
            let clamp = { (value: Double) in Int(min(max(value, 0), Double(units.count))) }
            let start = clamp(try call.interpreter.toInteger(call.argument(0)))
            let end =
                call.argument(1).isUndefined ? units.count : clamp(try call.interpreter.toInteger(call.argument(1)))
            return .string(Self.string(units[min(start, end)..<max(start, end)]))
        }
        defineMethod(prototype, "substr", 2) { call in
            let units = Self.units(try Self.thisString(call))
            let start = try call.interpreter.relativeIndex(call.argument(0), count: units.count, default: 0)
            let length =
                call.argument(1).isUndefined
                ? units.count : Int(max(0, min(try call.interpreter.toInteger(call.argument(1)), Double(units.count))))
            return .string(Self.string(units[start..<min(units.count, start + length)]))
        }
        defineMethod(prototype, "toUpperCase") { call in .string(try Self.thisString(call).uppercased()) }
        defineMethod(prototype, "toLowerCase") { call in .string(try Self.thisString(call).lowercased()) }
        defineMethod(prototype, "toLocaleUpperCase") { call in .string(try Self.thisString(call).uppercased()) }
        defineMethod(prototype, "toLocaleLowerCase") { call in .string(try Self.thisString(call).lowercased()) }
        defineMethod(prototype, "trim") { call in .string(try Self.thisString(call).trimmingJSWhitespace()) }
        defineMethod(prototype, "trimStart") { call in
            let string = try Self.thisString(call)
            return .string(String(string.drop { $0.isWhitespace || $0 == "\u{FEFF}" }))
        }
        defineMethod(prototype, "trimEnd") { call in
            let string = try Self.thisString(call)
            guard let last = string.lastIndex(where: { !($0.isWhitespace || $0 == "\u{FEFF}") }) else {
                return .string("")
            }
            return .string(String(string[...last]))
        }
        for (name, atStart) in [("padStart", true), ("padEnd", false)] {
            defineMethod(prototype, name, 2) { call in
                let units = Self.units(try Self.thisString(call))
                let target = try call.interpreter.toClampedInt(call.argument(0))
                let filler = Self.units(
                    call.argument(1).isUndefined ? " " : try call.interpreter.toString(call.argument(1)))
                guard target > units.count, !filler.isEmpty else { return .string(Self.string(units)) }
                try StringLimits.check(length: target)
                let missing = target - units.count
                var padding = filler
                padding.reserveCapacity(missing + filler.count)
                while padding.count < missing { padding.append(contentsOf: padding) }  // doubling: few copies
                padding.removeLast(padding.count - missing)
                return .string(Self.string(atStart ? padding + units : units + padding))
            }
        }
        defineMethod(prototype, "repeat", 1) { call in
            let string = try Self.thisString(call)
            let count = try call.interpreter.toInteger(call.argument(0))
            guard count >= 0, count.isFinite else {
                throw JSError.rangeError("Invalid count value: \(JSNumber.format(count))")
            }
            guard Double(string.utf16.count) * count <= Double(StringLimits.maxLength) else {
                throw JSError.rangeError("Invalid string length")
            }
            return .string(String(repeating: string, count: Int(count)))
        }
        defineMethod(prototype, "concat", 1) { call in
            var string = try Self.thisString(call)
            for argument in call.arguments {
                string = try StringLimits.concatenate(string, try call.interpreter.toString(argument))
            }
            return .string(string)
        }
        defineMethod(prototype, "localeCompare", 1) { call in
            let string = try Self.thisString(call)
            let other = try call.interpreter.toString(call.argument(0))
            return .number(string == other ? 0 : string.localizedStandardCompare(other) == .orderedAscending ? -1 : 1)
        }
        defineMethod(prototype, "normalize") { call in
            .string(try Self.thisString(call).precomposedStringWithCanonicalMapping)
        }
        defineMethod(prototype, "split", 2) { call in
            let string = try Self.thisString(call)
            let limit =
                call.argument(1).isUndefined
                ? Int.max : Int(JSNumber.toUInt32(try call.interpreter.toNumber(call.argument(1))))
            let parts = try call.interpreter.split(string, by: call.argument(0))
            return .object(JSObject.makeArray(parts.prefix(limit).map { .string($0) }))
        }
        defineMethod(prototype, "replace", 2) { call in
            .string(
                try call.interpreter.replace(
                    in: try Self.thisString(call), call.argument(0), with: call.argument(1), all: false))
        }
        defineMethod(prototype, "replaceAll", 2) { call in
            .string(
                try call.interpreter.replace(
                    in: try Self.thisString(call), call.argument(0), with: call.argument(1), all: true))
        }
        defineMethod(prototype, "match", 1) { call in
            let string = try Self.thisString(call)
            let regex = try call.interpreter.regExp(from: call.argument(0))
            return try call.interpreter.match(regex, in: string)
        }
        defineMethod(prototype, "matchAll", 1) { call in
            let string = try Self.thisString(call)
            let regex: JSObject
            if case .object(let object) = call.argument(0), object.kind == .regexp {
                regex = object
            } else {
                regex = JSObject.makeRegExp(source: try call.interpreter.toString(call.argument(0)), flags: "g")
            }
            return try call.interpreter.matchAll(regex, in: string)
        }
        defineMethod(prototype, "search", 1) { call in
            let string = try Self.thisString(call)
            let regex = try call.interpreter.regExp(from: call.argument(0))
            let match = try call.interpreter.matches(
                of: try Self.compiled(regex), in: string, range: NSRange(location: 0, length: string.utf16.count),
                firstOnly: true
            ).first
            return .number(match.map { $0.range.location } ?? -1)
        }
    }

    func split(_ string: String, by separator: JSValue) throws -> [String] {
        if separator.isUndefined { return [string] }
        if case .object(let regex) = separator, regex.kind == .regexp {
            let expression = try Self.compiled(regex)
            let units = Self.units(string)
            var parts: [String] = []
            var last = 0
            for match in try matches(of: expression, in: string, range: NSRange(location: 0, length: units.count)) {
                if match.range.length == 0 && (match.range.location == 0 || match.range.location >= units.count) {
                    continue
                }
                parts.append(Self.string(units[last..<match.range.location]))
                for group in 1..<max(1, match.numberOfRanges) {
                    let range = match.range(at: group)
                    parts.append(
                        range.location == NSNotFound
                            ? "" : Self.string(units[range.location..<range.location + range.length]))
                }
                last = match.range.location + match.range.length
            }
            parts.append(Self.string(units[last...]))
            return parts
        }
        let needle = Self.units(try toString(separator))
        let units = Self.units(string)
        if needle.isEmpty { return units.map { Self.string([$0]) } }
        var parts: [String] = []
        var start = 0
        while let found = Self.index(of: needle, in: units, from: start) {
            parts.append(Self.string(units[start..<found]))
            start = found + needle.count
        }
        parts.append(Self.string(units[start...]))
        return parts
    }

    /// `string.replace(pattern, replacement)` for string and regular-expression patterns, with `$&`, `$1`… and
    /// replacement functions.
    func replace(in string: String, _ pattern: JSValue, with replacement: JSValue, all: Bool) throws -> String {
        let units = Self.units(string)
        var matches: [[Range<Int>?]] = []
        if case .object(let regex) = pattern, regex.kind == .regexp {
            let expression = try Self.compiled(regex)
            let found = try self.matches(
                of: expression, in: string, range: NSRange(location: 0, length: units.count),
                firstOnly: !regex.regexFlags.contains("g"))
            let global = regex.regexFlags.contains("g")
            for match in global ? found : Array(found.prefix(1)) {
                matches.append(
                    (0..<match.numberOfRanges).map { group in
                        let range = match.range(at: group)
                        return range.location == NSNotFound ? nil : range.location..<range.location + range.length
                    })
            }
        } else {
            let needle = Self.units(try toString(pattern))
            var start = 0
            while let found = Self.index(of: needle, in: units, from: start) {
                matches.append([found..<found + needle.count])
                if !all { break }
                start = found + max(needle.count, 1)
                if start > units.count { break }
            }
        }
        var result: [UInt16] = []
        var last = 0
        for groups in matches {
            guard let whole = groups[0] else { continue }
            result.append(contentsOf: units[last..<whole.lowerBound])
            let captured: [JSValue] = groups.map { $0.map { .string(Self.string(units[$0])) } ?? .undefined }
            if case .object(let function) = replacement, function.isCallable {
                let value = try callFunction(
                    function, this: .undefined, arguments: captured + [.number(whole.lowerBound), .string(string)])
                result.append(contentsOf: try toString(value).utf16)
            } else {
                result.append(
                    contentsOf: Self.expandReplacement(
                        Self.units(try toString(replacement)), groups: captured, units: units, match: whole))
            }
            last = whole.upperBound
        }
        result.append(contentsOf: units[last...])
        return Self.string(result)
    }

    /// Expands `$$`, `$&`, `` $` ``, `$'` and `$1`…`$99` in a replacement string.
    static func expandReplacement(_ template: [UInt16], groups: [JSValue], units: [UInt16], match: Range<Int>)
        -> [UInt16]
    {
        var output: [UInt16] = []
        var index = 0
        let dollar = UInt16(UInt8(ascii: "$"))
        while index < template.count {
            let unit = template[index]
            guard unit == dollar, index + 1 < template.count else {
                output.append(unit)
                index += 1
                continue
            }
            let next = template[index + 1]
            switch next {
            case dollar:
                output.append(dollar)
                index += 2
            case UInt16(UInt8(ascii: "&")):
                output.append(contentsOf: units[match])
                index += 2
            case UInt16(UInt8(ascii: "`")):
                output.append(contentsOf: units[..<match.lowerBound])
                index += 2
            case UInt16(UInt8(ascii: "'")):
                output.append(contentsOf: units[match.upperBound...])
                index += 2
            case UInt16(UInt8(ascii: "0"))...UInt16(UInt8(ascii: "9")):
                var number = Int(next) - 48
                var length = 2
                if index + 2 < template.count, (48...57).contains(template[index + 2]),
                    number * 10 + Int(template[index + 2]) - 48 < groups.count
                {
                    number = number * 10 + Int(template[index + 2]) - 48
                    length = 3
                }
                if number >= 1 && number < groups.count {
                    if case .string(let group) = groups[number] { output.append(contentsOf: group.utf16) }
                    index += length
                } else {
                    output.append(unit)
                    index += 1
                }
            default:
                output.append(unit)
                index += 1
            }
        }
        return output
    }
}
