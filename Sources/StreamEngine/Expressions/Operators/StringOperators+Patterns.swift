import BSONCore
import Foundation

/// `$trim $ltrim $rtrim $regexMatch $regexFind $replaceOne $replaceAll`: the string operators that take named
/// arguments. A constant regex is compiled once, at pipeline compile time.
extension StringOperators {
    static let patternCompilers: [String: OperatorCompiler] = [
        "$trim": trim("$trim", left: true, right: true),
        "$ltrim": trim("$ltrim", left: true, right: false),
        "$rtrim": trim("$rtrim", left: false, right: true),
        "$regexMatch": regex("$regexMatch", find: false),
        "$regexFind": regex("$regexFind", find: true),
        "$replaceOne": replace("$replaceOne", all: false),
        "$replaceAll": replace("$replaceAll", all: true),
    ]

    /// The server's default trim set: NUL, ASCII whitespace and the Unicode space characters.
    private static let whitespace: Set<Unicode.Scalar> = Set(
        [0x00, 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000]
            .compactMap(Unicode.Scalar.init) + (0x2000...0x200A).compactMap(Unicode.Scalar.init))

    /// The named arguments of `name` (an object with only `allowed` keys, `required` present).
    private static func namedArguments(
        _ value: BSONValue, _ name: String, allowed: [String], required: [String], objectCode: Int, unknownCode: Int,
        missing: (String) -> ExpressionError, _ compiler: inout ExpressionCompiler
    ) throws(ExpressionError) -> [String: Expression] {
        guard case .document(let spec) = value else {
            throw ExpressionError(
                code: objectCode, "\(name) only supports an object as an argument, found \(value.typeName)")
        }
        var result: [String: Expression] = [:]
        for (key, argument) in spec.elements {
            guard allowed.contains(key) else {
                throw ExpressionError(code: unknownCode, "\(name) found an unknown argument: \(key)")
            }
            result[key] = try compiler.compile(argument)
        }
        for key in required where result[key] == nil { throw missing(key) }
        return result
    }

    private static func trim(_ name: String, left: Bool, right: Bool) -> OperatorCompiler {
        { value, compiler throws(ExpressionError) in
            let arguments = try namedArguments(
                value, name, allowed: ["input", "chars"], required: ["input"], objectCode: 50696, unknownCode: 50694,
                missing: { _ in ExpressionError(code: 50695, "\(name) requires an 'input' field") }, &compiler)
            let input = arguments["input"] ?? .literal(.null)
            let chars = arguments["chars"]
            return OperatorSupport.operation(name, Array(arguments.values)) { context throws(ExpressionError) in
                let inputValue = try input.evaluate(&context)
                if inputValue.isNullish { return .null }
                guard case .string(let text) = inputValue else {
                    throw ExpressionError(
                        code: 50699,
                        "\(name) requires its input to be a string, got \(OperatorSupport.text(inputValue)) "
                            + "(of type \(OperatorSupport.typeName(inputValue))) instead.")
                }
                var set = whitespace
                if let chars {
                    let charsValue = try chars.evaluate(&context)
                    if charsValue.isNullish { return .null }
                    guard case .string(let characters) = charsValue else {
                        throw ExpressionError(
                            code: 50700,
                            "\(name) requires 'chars' to be a string, got \(OperatorSupport.text(charsValue)) "
                                + "(of type \(OperatorSupport.typeName(charsValue))) instead.")
                    }
                    set = Set(characters.unicodeScalars)
                }
                var scalars = Substring(text).unicodeScalars[...]
                if left { while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() } }
                if right { while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() } }
                return .string(String(String.UnicodeScalarView(scalars)))
            }
        }
    }

    /// A compiled regular expression, shareable across tasks (it is immutable once built).
    struct CompiledRegex: @unchecked Sendable {
        let expression: NSRegularExpression
    }

    private static func makeRegex(_ pattern: String, _ options: String, _ name: String) throws(ExpressionError)
        -> CompiledRegex
    {
        guard !pattern.utf8.contains(0) else {
            throw ExpressionError(
                code: 51109, "\(name): regular expression cannot contain an embedded null byte")
        }
        var flags: NSRegularExpression.Options = []
        for option in options {
            switch option {
            case "i": flags.insert(.caseInsensitive)
            case "m": flags.insert(.anchorsMatchLines)
            case "s": flags.insert(.dotMatchesLineSeparators)
            case "x": flags.insert(.allowCommentsAndWhitespace)
            case "u": break
            default: throw ExpressionError(code: 51108, "\(name) invalid flag in regex options: \(option)")
            }
        }
        do {
            return CompiledRegex(expression: try NSRegularExpression(pattern: pattern, options: flags))
        } catch {
            throw ExpressionError(code: 51111, "Invalid Regex in \(name): \(pattern)")
        }
    }

    /// The pattern and options from `regex` and `options` values, or `nil` when the result is null/false.
    private static func patternAndOptions(_ regex: BSONValue?, _ options: BSONValue?, _ name: String)
        throws(ExpressionError) -> (String, String)?
    {
        var optionText = ""
        if let options, !options.isNullishValue {
            guard case .string(let text) = options else {
                throw ExpressionError(code: 51106, "\(name) needs 'options' to be of type string")
            }
            optionText = text
        }
        switch regex {
        case .string(let pattern)?:
            return (pattern, optionText)
        case .regex(let value)?:
            if !value.options.isEmpty && !optionText.isEmpty {
                throw ExpressionError(
                    code: 51107, "\(name) found regex option(s) specified in both 'regex' and 'options' fields")
            }
            return (value.pattern, optionText.isEmpty ? value.options : optionText)
        case nil, .null?, .undefined?:
            return nil
        default:
            throw ExpressionError(code: 51105, "\(name) needs 'regex' to be of type string or regex")
        }
    }

    private static func regex(_ name: String, find: Bool) -> OperatorCompiler {
        { value, compiler throws(ExpressionError) in
            guard case .document = value else {
                throw ExpressionError(
                    code: 51103, "\(name) expects an object of named arguments but found: \(value.typeName)")
            }
            let arguments = try namedArguments(
                value, name, allowed: ["input", "regex", "options"], required: ["input", "regex"], objectCode: 51103,
                unknownCode: 31024,
                missing: { key in
                    ExpressionError(code: key == "input" ? 31022 : 31023, "\(name) requires '\(key)' parameter")
                },
                &compiler)
            let input = arguments["input"] ?? .literal(.null)
            let regexArgument = arguments["regex"] ?? .literal(.null)
            let options = arguments["options"]
            let noMatch: BSONValue = find ? .null : .bool(false)
            // Compile once when the pattern (and options) are constants.
            var constant: CompiledRegex?
            if let regexValue = regexArgument.constantValue, options == nil || options?.constantValue != nil,
                let (pattern, flags) = try patternAndOptions(regexValue, options?.constantValue, name)
            {
                constant = try makeRegex(pattern, flags, name)
            }
            let precompiled = constant
            return .operation(name: name) { context throws(ExpressionError) in
                let inputValue = try input.evaluate(&context)
                let compiled: CompiledRegex
                if let precompiled {
                    compiled = precompiled
                } else {
                    let optionsValue = try options?.evaluate(&context)
                    guard
                        let (pattern, flags) = try patternAndOptions(
                            try regexArgument.evaluate(&context), optionsValue, name)
                    else { return noMatch }
                    compiled = try makeRegex(pattern, flags, name)
                }
                if inputValue.isNullish { return noMatch }
                guard case .string(let text) = inputValue else {
                    throw ExpressionError(code: 51104, "\(name) needs 'input' to be of type string")
                }
                let range = NSRange(text.startIndex..<text.endIndex, in: text)
                guard let match = compiled.expression.firstMatch(in: text, options: [], range: range) else {
                    return noMatch
                }
                guard find else { return .bool(true) }
                return .document(matchDocument(match, in: text))
            }
        }
    }

    /// `{match, idx, captures}` for `$regexFind`: `idx` counts code points; an unmatched group is null.
    private static func matchDocument(_ match: NSTextCheckingResult, in text: String) -> BSONDocument {
        func substring(_ range: NSRange) -> String? {
            guard range.location != NSNotFound, let bounds = Range(range, in: text) else { return nil }
            return String(text[bounds])
        }
        var captures: [BSONValue] = []
        if match.numberOfRanges > 1 {
            for group in 1..<match.numberOfRanges {
                captures.append(substring(match.range(at: group)).map(BSONValue.string) ?? .null)
            }
        }
        var index = 0
        if let bounds = Range(match.range, in: text) {
            index = text.unicodeScalars[text.startIndex..<bounds.lowerBound].count
        }
        return [
            "match": .string(substring(match.range) ?? ""), "idx": .int32(Int32(clamping: index)),
            "captures": .array(captures),
        ]
    }

    private static func replace(_ name: String, all: Bool) -> OperatorCompiler {
        { value, compiler throws(ExpressionError) in
            guard case .document = value else {
                throw ExpressionError(
                    code: 51751, "\(name) requires an object as an argument, found: \(value.typeName)")
            }
            let arguments = try namedArguments(
                value, name, allowed: ["input", "find", "replacement"], required: ["input", "find", "replacement"],
                objectCode: 51751, unknownCode: 51750,
                missing: { key in ExpressionError(code: 51749, "\(name) requires '\(key)' to be specified") }, &compiler
            )
            let input = arguments["input"] ?? .literal(.null)
            let find = arguments["find"] ?? .literal(.null)
            let replacement = arguments["replacement"] ?? .literal(.null)
            return OperatorSupport.operation(name, [input, find, replacement]) { context throws(ExpressionError) in
                let values = (
                    try input.evaluate(&context), try find.evaluate(&context), try replacement.evaluate(&context)
                )
                var texts: [String] = []
                for (label, part, code) in [
                    ("input", values.0, 51746), ("find", values.1, 51745), ("replacement", values.2, 51744),
                ] {
                    if part.isNullish { continue }
                    guard case .string(let text) = part else {
                        throw ExpressionError(
                            code: code,
                            "\(name) requires that '\(label)' be a string, found: \(OperatorSupport.text(part))")
                    }
                    texts.append(text)
                }
                guard texts.count == 3 else { return .null }
                return .string(replaceBytes(texts[0], texts[1], texts[2], all: all))
            }
        }
    }

    /// Byte-wise replacement of the first or every occurrence (an empty `find` matches between every byte
    /// for `$replaceAll`, and at the start for `$replaceOne`).
    private static func replaceBytes(_ text: String, _ find: String, _ replacement: String, all: Bool) -> String {
        let bytes = Array(text.utf8)
        let needle = Array(find.utf8)
        let with = Array(replacement.utf8)
        var output: [UInt8] = []
        var index = 0
        var replaced = false
        while index <= bytes.count {
            if (all || !replaced) && index + needle.count <= bytes.count
                && bytes[index..<index + needle.count].elementsEqual(needle)
            {
                output.append(contentsOf: with)
                replaced = true
                if needle.isEmpty {
                    if index < bytes.count { output.append(bytes[index]) }
                    index += 1
                } else {
                    index += needle.count
                }
            } else {
                if index < bytes.count { output.append(bytes[index]) }
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
