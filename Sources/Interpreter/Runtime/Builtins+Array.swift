/// `Array` and `Array.prototype`.
extension Interpreter {
    /// The array `this` refers to, or a TypeError naming the method.
    static func thisArray(_ call: NativeCall, _ method: String) throws -> JSObject {
        guard case .object(let object) = call.this, object.kind == .array else {
            throw JSError.typeError("Array.prototype.\(method) called on a value that is not an array")
        }
        return object
    }

    /// A relative index argument (negative counts from the end), clamped to `0...count`.
    func relativeIndex(_ value: JSValue, count: Int, default defaultValue: Int) throws -> Int {
        if value.isUndefined { return defaultValue }
        let integer = try toInteger(value)
        if integer < 0 { return Int(max(Double(count) + integer, 0)) }
        return Int(min(integer, Double(count)))
    }

    func installArray() {
        let prototype = realm.arrayPrototype
        let constructor = defineConstructor("Array", 1, prototype: prototype) { call in
            if call.arguments.count == 1, case .number(let length) = call.arguments[0] {
                guard length >= 0, length == length.rounded(), length <= Double(JSObject.maximumArrayGap) else {
                    throw JSError.rangeError("Invalid array length")
                }
                return .object(JSObject.makeArray(Array(repeating: .undefined, count: Int(length))))
            }
            return .object(JSObject.makeArray(call.arguments))
        }
        defineMethod(constructor, "isArray", 1) { call in
            .bool(call.argument(0).asObject?.kind == .array)
        }
        defineMethod(constructor, "of") { call in .object(JSObject.makeArray(call.arguments)) }
        defineMethod(constructor, "from", 1) { call in
            let interpreter = call.interpreter
            let source = call.argument(0)
            var items: [JSValue]
            if case .object(let object) = source, object.kind != .array, object.host == nil {
                let requested = max(0, try interpreter.toInteger(try interpreter.getProperty(object, "length")))
                // Arrays are dense: refuse lengths that could not be allocated, as `new Array(n)` does.
                guard requested <= Double(JSObject.maximumArrayGap) else {
                    throw JSError.rangeError("Invalid array length")
                }
                items = try (0..<Int(requested)).map {
                    try interpreter.tick()
                    return try interpreter.getProperty(object, String($0))
                }
            } else {
                items = try interpreter.iterateToArray(source)
            }
            if !call.argument(1).isUndefined {
                let function = try Self.callback(call, 1)
                items = try items.enumerated().map {
                    try interpreter.call(function, this: .undefined, arguments: [$0.element, .number($0.offset)])
                }
            }
            return .object(JSObject.makeArray(items))
        }

        defineMethod(prototype, "push", 1) { call in
            let array = try Self.thisArray(call, "push")
            array.elements.append(contentsOf: call.arguments)
            return .number(array.elements.count)
        }
        defineMethod(prototype, "pop") { call in
            let array = try Self.thisArray(call, "pop")
            return array.elements.popLast() ?? .undefined
        }
        defineMethod(prototype, "shift") { call in
            let array = try Self.thisArray(call, "shift")
            return array.elements.isEmpty ? .undefined : array.elements.removeFirst()
        }
        defineMethod(prototype, "unshift", 1) { call in
            let array = try Self.thisArray(call, "unshift")
            array.elements.insert(contentsOf: call.arguments, at: 0)
            return .number(array.elements.count)
        }
        defineIterationMethods(prototype)
        defineMethod(prototype, "includes", 1) { call in
            let array = try Self.thisArray(call, "includes")
            let target = call.argument(0)
            let start = try call.interpreter.relativeIndex(call.argument(1), count: array.elements.count, default: 0)
            return .bool(array.elements[start...].contains { Self.sameValueZero($0, target) })
        }
        defineMethod(prototype, "indexOf", 1) { call in
            let array = try Self.thisArray(call, "indexOf")
            let start = try call.interpreter.relativeIndex(call.argument(1), count: array.elements.count, default: 0)
            let index = array.elements[start...].firstIndex { call.interpreter.strictEquals($0, call.argument(0)) }
            return .number(index ?? -1)
        }
        defineMethod(prototype, "lastIndexOf", 1) { call in
            let array = try Self.thisArray(call, "lastIndexOf")
            let index = array.elements.lastIndex { call.interpreter.strictEquals($0, call.argument(0)) }
            return .number(index ?? -1)
        }
        defineMethod(prototype, "join", 1) { call in
            let array = try Self.thisArray(call, "join")
            let separator = call.argument(0).isUndefined ? "," : try call.interpreter.toString(call.argument(0))
            return .string(try call.interpreter.join(array, separator: separator))
        }
        defineMethod(prototype, "toString") { call in
            guard case .object(let array) = call.this, array.kind == .array else { return .string("[object Object]") }
            return .string(try call.interpreter.join(array, separator: ","))
        }
        defineMethod(prototype, "slice", 2) { call in
            let array = try Self.thisArray(call, "slice")
            let count = array.elements.count
            let start = try call.interpreter.relativeIndex(call.argument(0), count: count, default: 0)
            let end = try call.interpreter.relativeIndex(call.argument(1), count: count, default: count)
            return .object(JSObject.makeArray(start < end ? Array(array.elements[start..<end]) : []))
        }
        defineMethod(prototype, "splice", 2) { call in
            let array = try Self.thisArray(call, "splice")
            let count = array.elements.count
            let start = try call.interpreter.relativeIndex(call.argument(0), count: count, default: 0)
            var deleteCount = count - start
            if call.arguments.count >= 2 {
                deleteCount = Int(min(max(try call.interpreter.toInteger(call.arguments[1]), 0), Double(count - start)))
            } else if call.arguments.isEmpty {
                deleteCount = 0
            }
            let removed = Array(array.elements[start..<start + deleteCount])
            array.elements.replaceSubrange(start..<start + deleteCount, with: call.arguments.dropFirst(2))
            return .object(JSObject.makeArray(removed))
        }
        defineMethod(prototype, "concat", 1) { call in
            let array = try Self.thisArray(call, "concat")
            var result = array.elements
            for argument in call.arguments {
                if case .object(let other) = argument, other.kind == .array {
                    result.append(contentsOf: other.elements)
                } else {
                    result.append(argument)
                }
            }
            return .object(JSObject.makeArray(result))
        }
        defineMethod(prototype, "reverse") { call in
            let array = try Self.thisArray(call, "reverse")
            array.elements.reverse()
            return call.this
        }
        defineMethod(prototype, "at", 1) { call in
            let array = try Self.thisArray(call, "at")
            var index = (try call.interpreter.toClampedInt(call.argument(0)))
            if index < 0 { index += array.elements.count }
            return array.elements.indices.contains(index) ? array.elements[index] : .undefined
        }
        defineMethod(prototype, "fill", 1) { call in
            let array = try Self.thisArray(call, "fill")
            let count = array.elements.count
            let start = try call.interpreter.relativeIndex(call.argument(1), count: count, default: 0)
            let end = try call.interpreter.relativeIndex(call.argument(2), count: count, default: count)
            for index in start..<max(start, end) { array.elements[index] = call.argument(0) }
            return call.this
        }
        defineMethod(prototype, "flat") { call in
            let array = try Self.thisArray(call, "flat")
            let depth =
                call.argument(0).isUndefined
                ? 1 : Int(max(0, min(try call.interpreter.toInteger(call.argument(0)), 100)))
            return .object(JSObject.makeArray(Self.flatten(array.elements, depth: depth)))
        }
        defineMethod(prototype, "sort", 1) { call in
            let array = try Self.thisArray(call, "sort")
            try call.interpreter.sort(array, comparator: call.argument(0))
            return call.this
        }
        // ES2023's copying forms (Node 20 has them): the array itself is left as it is.
        defineMethod(prototype, "toSorted", 1) { call in
            let copy = JSObject.makeArray(try Self.thisArray(call, "toSorted").elements)
            try call.interpreter.sort(copy, comparator: call.argument(0))
            return .object(copy)
        }
        defineMethod(prototype, "toReversed") { call in
            .object(JSObject.makeArray(try Self.thisArray(call, "toReversed").elements.reversed()))
        }
        defineMethod(prototype, "with", 2) { call in
            var elements = try Self.thisArray(call, "with").elements
            let relative = try call.interpreter.toInteger(call.argument(0))
            let index = relative < 0 ? relative + Double(elements.count) : relative
            guard index >= 0, index < Double(elements.count) else {
                throw JSError.rangeError("Invalid index : \(JSNumber.format(relative))")
            }
            elements[Int(index)] = call.argument(1)
            return .object(JSObject.makeArray(elements))
        }
        defineMethod(prototype, "keys") { call in
            let array = try Self.thisArray(call, "keys")
            return .object(JSObject.makeArray(array.elements.indices.map { .number($0) }))
        }
        defineMethod(prototype, "entries") { call in
            let array = try Self.thisArray(call, "entries")
            return .object(
                JSObject.makeArray(
                    array.elements.enumerated().map {
                        .object(JSObject.makeArray([.number($0.offset), $0.element]))
                    }))
        }
    }

    static func flatten(_ elements: [JSValue], depth: Int) -> [JSValue] {
        var result: [JSValue] = []
        for element in elements {
            if depth > 0, case .object(let inner) = element, inner.kind == .array {
                result.append(contentsOf: flatten(inner.elements, depth: depth - 1))
            } else {
                result.append(element)
            }
        }
        return result
    }

    /// `SameValueZero`: like `===` but NaN equals NaN.
    static func sameValueZero(_ a: JSValue, _ b: JSValue) -> Bool {
        if case .number(let x) = a, case .number(let y) = b { return x == y || (x.isNaN && y.isNaN) }
        switch (a, b) {
        case (.undefined, .undefined), (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.object(let x), .object(let y)): return x === y
        default: return false
        }
    }

    func join(_ array: JSObject, separator: String) throws -> String {
        // Nested arrays join recursively (`String([[1], [2]])`); stop before a deep nesting exhausts the stack.
        if isStackExhausted { throw JSError.rangeError("Maximum call stack size exceeded") }
        var parts: [String] = []
        parts.reserveCapacity(array.elements.count)
        var size = separator.utf8.count * max(array.elements.count - 1, 0)
        for element in array.elements {
            switch element {
            case .undefined, .null: parts.append("")
            case .object(let object) where object === array: parts.append("")
            default: parts.append(try toString(element))
            }
            size += parts[parts.count - 1].utf8.count
        }
        if size > StringLimits.maxLength {
            let separators = separator.utf16.count * max(array.elements.count - 1, 0)
            try StringLimits.check(length: parts.reduce(separators) { $0 + $1.utf16.count })
        }
        return parts.joined(separator: separator)
    }

    /// Sorts in place: by the comparator's sign, else by string value; `undefined` last. Stable.
    func sort(_ array: JSObject, comparator: JSValue) throws {
        let defined = array.elements.filter { !$0.isUndefined }
        let undefinedCount = array.elements.count - defined.count
        var sorted: [JSValue]
        if comparator.isUndefined {
            let keyed = try defined.map { (try toString($0), $0) }
            sorted = keyed.enumerated().sorted { lhs, rhs in
                if lhs.element.0 == rhs.element.0 { return lhs.offset < rhs.offset }
                return lhs.element.0.utf16.lexicographicallyPrecedes(rhs.element.0.utf16)
            }.map(\.element.1)
        } else {
            guard case .object(let function) = comparator, function.isCallable else {
                throw JSError.typeError("The comparison function must be either a function or undefined")
            }
            sorted = try defined.enumerated().sorted { lhs, rhs in
                let order = try toNumber(
                    try callFunction(function, this: .undefined, arguments: [lhs.element, rhs.element]))
                return order < 0 || (!(order > 0) && lhs.offset < rhs.offset)
            }.map(\.element)
        }
        sorted.append(contentsOf: repeatElement(.undefined, count: undefinedCount))
        array.elements = sorted
    }

    /// The callback-taking methods: `forEach`, `map`, `filter`, `find`, `some`, `every`, `reduce`, ….
    func defineIterationMethods(_ prototype: JSObject) {
        /// Calls `body(element, index, callback result)` for each element, stopping when it returns false.
        func each(_ call: NativeCall, _ method: String, _ body: (JSValue, Int, JSValue) throws -> Bool) throws {
            let array = try Self.thisArray(call, method)
            let function = try Self.callback(call, 0)
            let thisArgument = call.argument(1)
            var index = 0
            while index < array.elements.count {
                let element = array.elements[index]
                let result = try call.interpreter.call(
                    function, this: thisArgument, arguments: [element, .number(index), call.this])
                guard try body(element, index, result) else { return }
                index += 1
            }
        }
        defineMethod(prototype, "forEach", 1) { call in
            try each(call, "forEach") { _, _, _ in true }
            return .undefined
        }
        defineMethod(prototype, "map", 1) { call in
            var results: [JSValue] = []
            try each(call, "map") { _, _, result in
                results.append(result)
                return true
            }
            return .object(JSObject.makeArray(results))
        }
        defineMethod(prototype, "flatMap", 1) { call in
            var results: [JSValue] = []
            try each(call, "flatMap") { _, _, result in
                results.append(contentsOf: Self.flatten([result], depth: 1))
                return true
            }
            return .object(JSObject.makeArray(results))
        }
        defineMethod(prototype, "filter", 1) { call in
            var results: [JSValue] = []
            try each(call, "filter") { element, _, result in
                if result.isTruthy { results.append(element) }
                return true
            }
            return .object(JSObject.makeArray(results))
        }
        defineMethod(prototype, "find", 1) { call in
            var found = JSValue.undefined
            try each(call, "find") { element, _, result in
                if result.isTruthy { found = element }
                return !result.isTruthy
            }
            return found
        }
        defineMethod(prototype, "findIndex", 1) { call in
            var found = -1
            try each(call, "findIndex") { _, index, result in
                if result.isTruthy { found = index }
                return !result.isTruthy
            }
            return .number(found)
        }
        defineMethod(prototype, "findLast", 1) { call in
            let array = try Self.thisArray(call, "findLast")
            let function = try Self.callback(call, 0)
            for index in array.elements.indices.reversed() {
                let element = array.elements[index]
                if try call.interpreter.call(
                    function, this: call.argument(1), arguments: [element, .number(index), call.this]
                ).isTruthy {
                    return element
                }
            }
            return .undefined
        }
        defineMethod(prototype, "findLastIndex", 1) { call in
            let array = try Self.thisArray(call, "findLastIndex")
            let function = try Self.callback(call, 0)
            for index in array.elements.indices.reversed() {
                if try call.interpreter.call(
                    function, this: call.argument(1), arguments: [array.elements[index], .number(index), call.this]
                ).isTruthy {
                    return .number(index)
                }
            }
            return .number(-1)
        }
        defineMethod(prototype, "some", 1) { call in
            var found = false
            try each(call, "some") { _, _, result in
                found = result.isTruthy
                return !found
            }
            return .bool(found)
        }
        defineMethod(prototype, "every", 1) { call in
            var all = true
            try each(call, "every") { _, _, result in
                all = result.isTruthy
                return all
            }
            return .bool(all)
        }
        for (name, reversed) in [("reduce", false), ("reduceRight", true)] {
            defineMethod(prototype, name, 1) { call in
                let array = try Self.thisArray(call, name)
                let function = try Self.callback(call, 0)
                var indices = Array(array.elements.indices)
                if reversed { indices.reverse() }
                var accumulator: JSValue
                if call.arguments.count >= 2 {
                    accumulator = call.arguments[1]
                } else {
                    guard let first = indices.first else {
                        throw JSError.typeError("Reduce of empty array with no initial value")
                    }
                    accumulator = array.elements[first]
                    indices.removeFirst()
                }
                for index in indices where index < array.elements.count {
                    accumulator = try call.interpreter.call(
                        function, this: .undefined,
                        arguments: [accumulator, array.elements[index], .number(index), call.this])
                }
                return accumulator
            }
        }
    }
}
