import Foundation

/// `RegExp`, backed by Foundation's `NSRegularExpression` (ICU syntax, which covers the common JavaScript forms).
extension Interpreter {
    /// The compiled expression of a regular-expression object, compiled on first use.
    static func compiled(_ regex: JSObject) throws -> NSRegularExpression {
        if let compiled = regex.compiledRegex { return compiled }
        var options: NSRegularExpression.Options = []
        if regex.regexFlags.contains("i") { options.insert(.caseInsensitive) }
        if regex.regexFlags.contains("m") { options.insert(.anchorsMatchLines) }
        if regex.regexFlags.contains("s") { options.insert(.dotMatchesLineSeparators) }
        do {
            let compiled = try NSRegularExpression(pattern: regex.regexSource, options: options)
            regex.compiledRegex = compiled
            return compiled
        } catch {
            throw JSError.syntaxError(
                "Invalid regular expression: /\(regex.regexSource)/: \(error.localizedDescription)")
        }
    }

    /// A regular-expression object from a RegExp or a string pattern.
    func regExp(from value: JSValue) throws -> JSObject {
        if case .object(let object) = value, object.kind == .regexp { return object }
        return JSObject.makeRegExp(source: value.isUndefined ? "(?:)" : try toString(value), flags: "")
    }

    /// `string.match(regex)`: all matches for `g`, else the `exec` result.
    func match(_ regex: JSObject, in string: String) throws -> JSValue {
        let expression = try Self.compiled(regex)
        let range = NSRange(location: 0, length: string.utf16.count)
        if regex.regexFlags.contains("g") {
            let units = Self.units(string)
            let found = try matches(of: expression, in: string, range: range).map {
                JSValue.string(Self.string(units[$0.range.location..<$0.range.location + $0.range.length]))
            }
            return found.isEmpty ? .null : .object(JSObject.makeArray(found))
        }
        return execResult(
            try matches(of: expression, in: string, range: range, firstOnly: true).first, in: string, regex: regex)
    }

    /// `string.matchAll(regex)`: every match as an `exec` result (an array rather than an iterator).
    func matchAll(_ regex: JSObject, in string: String) throws -> JSValue {
        guard regex.regexFlags.contains("g") else {
            throw JSError.typeError("String.prototype.matchAll called with a non-global RegExp argument")
        }
        let expression = try Self.compiled(regex)
        let found = try matches(of: expression, in: string, range: NSRange(location: 0, length: string.utf16.count))
        return .object(JSObject.makeArray(found.map { execResult($0, in: string, regex: regex) }))
    }

    /// The names of the named groups (`(?<name>…)`) in a pattern, in order.
    static func groupNames(in pattern: String) -> [String] {
        var names: [String] = []
        var rest = Substring(pattern)
        while let open = rest.range(of: "(?<") {
            rest = rest[open.upperBound...]
            guard let first = rest.first, first != "=", first != "!", let close = rest.firstIndex(of: ">") else {
                continue
            }
            names.append(String(rest[..<close]))
            rest = rest[close...]
        }
        return names
    }

    func execResult(_ match: NSTextCheckingResult?, in string: String, regex: JSObject? = nil) -> JSValue {
        guard let match else { return .null }
        let units = Self.units(string)
        let groups: [JSValue] = (0..<match.numberOfRanges).map { group in
            let range = match.range(at: group)
            guard range.location != NSNotFound else { return .undefined }
            return .string(Self.string(units[range.location..<range.location + range.length]))
        }
        let result = JSObject.makeArray(groups)
        result.set("index", .number(match.range.location))
        result.set("input", .string(string))
        let names = regex.map { Self.groupNames(in: $0.regexSource) } ?? []
        if names.isEmpty {
            result.set("groups", .undefined)
        } else {
            let groupsObject = JSObject(kind: .ordinary)
            for name in names {
                let range = match.range(withName: name)
                let value: JSValue =
                    range.location == NSNotFound
                    ? .undefined : .string(Self.string(units[range.location..<range.location + range.length]))
                groupsObject.set(name, value)
            }
            result.set("groups", .object(groupsObject))
        }
        return .object(result)
    }

    func installRegExp() {
        let prototype = realm.regexpPrototype
        defineConstructor("RegExp", 2, prototype: prototype) { call in
            let pattern = call.argument(0)
            let flags = call.argument(1).isUndefined ? nil : try call.interpreter.toString(call.argument(1))
            if case .object(let existing) = pattern, existing.kind == .regexp {
                return .object(JSObject.makeRegExp(source: existing.regexSource, flags: flags ?? existing.regexFlags))
            }
            if let flags, flags.contains(where: { !"dgimsuvy".contains($0) }) || Set(flags).count != flags.count {
                throw JSError.syntaxError("Invalid flags supplied to RegExp constructor '\(flags)'")
            }
            let source = pattern.isUndefined ? "(?:)" : try call.interpreter.toString(pattern)
            let regex = JSObject.makeRegExp(source: source, flags: flags ?? "")
            _ = try Self.compiled(regex)
            return .object(regex)
        }
        defineMethod(prototype, "test", 1) { call in
            guard case .object(let regex) = call.this, regex.kind == .regexp else {
                throw JSError.typeError("RegExp.prototype.test called on incompatible receiver")
            }
            let string = try call.interpreter.toString(call.argument(0))
            return .bool(try call.interpreter.firstMatch(regex, in: string) != nil)
        }
        defineMethod(prototype, "exec", 1) { call in
            guard case .object(let regex) = call.this, regex.kind == .regexp else {
                throw JSError.typeError("RegExp.prototype.exec called on incompatible receiver")
            }
            let string = try call.interpreter.toString(call.argument(0))
            let match = try call.interpreter.firstMatch(regex, in: string)
            return call.interpreter.execResult(match, in: string, regex: regex)
        }
        defineMethod(prototype, "toString") { call in
            guard case .object(let regex) = call.this, regex.kind == .regexp else { return .string("/(?:)/") }
            return .string("/\(regex.regexSource)/\(regex.regexFlags)")
        }
    }

    /// The next match for `exec` and `test`: from `lastIndex` for global and sticky expressions, which then advance
    /// `lastIndex` past the match (by at least one, so loops over empty matches end) or reset it to 0.
    func firstMatch(_ regex: JSObject, in string: String) throws -> NSTextCheckingResult? {
        let length = string.utf16.count
        let isGlobal = regex.regexFlags.contains("g") || regex.regexFlags.contains("y")
        let start = isGlobal ? (try toClampedInt(regex.get("lastIndex") ?? .number(0))) : 0
        guard start >= 0, start <= length else {
            regex.set("lastIndex", .number(0), enumerable: false)
            return nil
        }
        let match = try matches(
            of: try Self.compiled(regex), in: string, range: NSRange(location: start, length: length - start),
            firstOnly: true
        ).first
        if isGlobal {
            let next = match.map { $0.range.location + max($0.range.length, 1) } ?? 0
            regex.set("lastIndex", .number(next), enumerable: false)
        }
        return match
    }

    /// The matches of `expression` in `range` of `string` (only the first with `firstOnly`).
    ///
    /// The regex engine reports progress while it works, and each report counts as a step, so a pattern that
    /// backtracks catastrophically (`/(a+)+b/` on a long run of `a`) stops at the step budget or on Ctrl-C.
    func matches(
        of expression: NSRegularExpression, in string: String, range: NSRange, firstOnly: Bool = false
    ) throws -> [NSTextCheckingResult] {
        var found: [NSTextCheckingResult] = []
        var isInterrupted = false
        expression.enumerateMatches(in: string, options: [.reportProgress], range: range) { match, _, stop in
            if let match {
                found.append(match)
                if firstOnly { stop.pointee = true }
            }
            self.steps &+= 1
            if self.steps > self.stepBudget || self.interruptFlag.isSet {
                isInterrupted = true
                stop.pointee = true
            }
        }
        if isInterrupted { throw ScriptError(interruptionAt: currentRange, fileName: currentFileName) }
        return found
    }
}
