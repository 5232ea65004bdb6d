import Foundation

/// Turns parsed JSON into BSON following Extended JSON v2: canonical, relaxed and the legacy `$date` number,
/// `$binary`/`$type` and `$regex`/`$options` forms.
struct ExtendedJSONDecoder {
    let parser: JSONParser

    func error(_ node: JSONNode, _ reason: String) -> BSONError { parser.error(at: node.offset, reason) }

    func value(_ node: JSONNode) throws(BSONError) -> BSONValue {
        switch node.kind {
        case .object(let members): return try object(members, node: node)
        case .array(let items):
            var values: [BSONValue] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try value(item)) }
            return .array(values)
        case .string(let text): return .string(text)
        case .integer(let text):
            if let number = Int32(text) { return .int32(number) }
            if let number = Int64(text) { return .int64(number) }
            return .double(Double(text) ?? .nan)
        case .float(let text): return .double(Double(text) ?? .nan)
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        }
    }

    func document(_ members: [(key: String, value: JSONNode)]) throws(BSONError) -> BSONDocument {
        var elements: [(key: String, value: BSONValue)] = []
        elements.reserveCapacity(members.count)
        for (key, node) in members { elements.append((key, try value(node))) }
        return BSONDocument(elements)
    }

    private func object(_ members: [(key: String, value: JSONNode)], node: JSONNode) throws(BSONError) -> BSONValue {
        guard let first = members.first?.key, first.hasPrefix("$") else { return .document(try document(members)) }
        let keys = Set(members.map(\.key))
        func member(_ key: String) -> JSONNode? { members.first { $0.key == key }?.value }
        func expectKeys(_ expected: Set<String>, for wrapper: String) throws(BSONError) {
            guard keys == expected, members.count == expected.count else {
                let extra = members.map(\.key).filter { !expected.contains($0) }
                if let extra = extra.first {
                    throw error(node, "Unexpected key '\(extra)' in a '\(wrapper)' object")
                }
                throw error(
                    node,
                    "Expected keys \(expected.sorted().map { "'\($0)'" }.joined(separator: ", ")) in a '\(wrapper)' object"
                )
            }
        }

        if let wrapped = member("$oid") {
            try expectKeys(["$oid"], for: "$oid")
            return .objectID(try objectID(wrapped))
        }
        if let wrapped = member("$symbol") {
            try expectKeys(["$symbol"], for: "$symbol")
            return .symbol(try string(wrapped, for: "$symbol"))
        }
        if let wrapped = member("$numberInt") {
            try expectKeys(["$numberInt"], for: "$numberInt")
            let text = try string(wrapped, for: "$numberInt")
            guard isIntegerText(text), let number = Int32(text) else {
                throw error(wrapped, "Invalid '$numberInt' value '\(text)': expected a 32-bit integer")
            }
            return .int32(number)
        }
        if let wrapped = member("$numberLong") {
            try expectKeys(["$numberLong"], for: "$numberLong")
            return .int64(try int64(wrapped, for: "$numberLong"))
        }
        if let wrapped = member("$numberDouble") {
            try expectKeys(["$numberDouble"], for: "$numberDouble")
            let text = try string(wrapped, for: "$numberDouble")
            switch text {
            case "Infinity": return .double(.infinity)
            case "-Infinity": return .double(-.infinity)
            case "NaN": return .double(.nan)
            default:
                guard isDecimalText(text), let number = Double(text) else {
                    throw error(wrapped, "Invalid '$numberDouble' value '\(text)'")
                }
                return .double(number)
            }
        }
        if let wrapped = member("$numberDecimal") {
            try expectKeys(["$numberDecimal"], for: "$numberDecimal")
            let text = try string(wrapped, for: "$numberDecimal")
            do {
                return .decimal128(try BSONDecimal128(string: text))
            } catch {
                throw self.error(wrapped, error.reason)
            }
        }
        if let wrapped = member("$binary") {
            return .binary(try binary(wrapped, keys: keys, node: node, expectKeys: expectKeys))
        }
        if let wrapped = member("$uuid") {
            try expectKeys(["$uuid"], for: "$uuid")
            return .binary(try uuid(wrapped))
        }
        if let wrapped = member("$code") {
            if let scope = member("$scope") {
                try expectKeys(["$code", "$scope"], for: "$code")
                guard case .object(let scopeMembers) = scope.kind else {
                    throw error(scope, "Expected an object for '$scope', found \(describe(scope))")
                }
                return .codeWithScope(code: try string(wrapped, for: "$code"), scope: try document(scopeMembers))
            }
            try expectKeys(["$code"], for: "$code")
            return .code(try string(wrapped, for: "$code"))
        }
        if let wrapped = member("$timestamp") {
            try expectKeys(["$timestamp"], for: "$timestamp")
            let fields = try subobject(wrapped, keys: ["t", "i"], for: "$timestamp")
            return .timestamp(BSONTimestamp(t: try uint32(fields["t"], for: "t"), i: try uint32(fields["i"], for: "i")))
        }
        if let wrapped = member("$regularExpression") {
            try expectKeys(["$regularExpression"], for: "$regularExpression")
            let fields = try subobject(wrapped, keys: ["pattern", "options"], for: "$regularExpression")
            let pattern = try string(fields["pattern"], for: "pattern")
            let options = try string(fields["options"], for: "options")
            return .regex(BSONRegex(pattern: pattern, options: String(options.sorted())))
        }
        if let pattern = member("$regex"), let options = member("$options"), keys == ["$regex", "$options"],
            case .string(let patternText) = pattern.kind, case .string(let optionsText) = options.kind
        {
            return .regex(BSONRegex(pattern: patternText, options: String(optionsText.sorted())))
        }
        if let wrapped = member("$dbPointer") {
            try expectKeys(["$dbPointer"], for: "$dbPointer")
            let fields = try subobject(wrapped, keys: ["$ref", "$id"], for: "$dbPointer")
            let namespace = try string(fields["$ref"], for: "$ref")
            guard let idNode = fields["$id"], case .objectID(let id) = try value(idNode) else {
                throw error(wrapped, "Expected an ObjectId for '$id' in '$dbPointer'")
            }
            return .dbPointer(namespace: namespace, id: id)
        }
        if let wrapped = member("$date") {
            try expectKeys(["$date"], for: "$date")
            return .datetime(try date(wrapped))
        }
        if let wrapped = member("$minKey") {
            try expectKeys(["$minKey"], for: "$minKey")
            guard case .integer("1") = wrapped.kind else { throw error(wrapped, "Expected 1 for '$minKey'") }
            return .minKey
        }
        if let wrapped = member("$maxKey") {
            try expectKeys(["$maxKey"], for: "$maxKey")
            guard case .integer("1") = wrapped.kind else { throw error(wrapped, "Expected 1 for '$maxKey'") }
            return .maxKey
        }
        if let wrapped = member("$undefined") {
            try expectKeys(["$undefined"], for: "$undefined")
            guard case .bool(true) = wrapped.kind else { throw error(wrapped, "Expected true for '$undefined'") }
            return .undefined
        }
        return .document(try document(members))
    }

    private func describe(_ node: JSONNode) -> String {
        switch node.kind {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .integer, .float: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }

    private func string(_ node: JSONNode?, for key: String) throws(BSONError) -> String {
        guard let node else { throw parser.error(at: 0, "Missing '\(key)'") }
        guard case .string(let text) = node.kind else {
            throw error(node, "Expected a string for '\(key)', found \(describe(node))")
        }
        return text
    }

    private func subobject(_ node: JSONNode, keys: Set<String>, for key: String) throws(BSONError) -> [String: JSONNode]
    {
        guard case .object(let members) = node.kind else {
            throw error(node, "Expected an object for '\(key)', found \(describe(node))")
        }
        var fields: [String: JSONNode] = [:]
        for (name, value) in members {
            guard keys.contains(name) else { throw error(node, "Unexpected key '\(name)' in '\(key)'") }
            guard fields.updateValue(value, forKey: name) == nil else {
                throw error(node, "Duplicate key '\(name)' in '\(key)'")
            }
        }
        for name in keys.sorted() where fields[name] == nil {
            throw error(node, "Missing key '\(name)' in '\(key)'")
        }
        return fields
    }

    private func uint32(_ node: JSONNode?, for key: String) throws(BSONError) -> UInt32 {
        guard let node, case .integer(let text) = node.kind, let number = UInt32(text) else {
            throw parser.error(at: node?.offset ?? 0, "Expected an unsigned 32-bit integer for '\(key)'")
        }
        return number
    }

    private func int64(_ node: JSONNode, for key: String) throws(BSONError) -> Int64 {
        let text = try string(node, for: key)
        guard isIntegerText(text), let number = Int64(text) else {
            throw error(node, "Invalid '\(key)' value '\(text)': expected a 64-bit integer")
        }
        return number
    }

    private func objectID(_ node: JSONNode) throws(BSONError) -> BSONObjectID {
        let text = try string(node, for: "$oid")
        do {
            return try BSONObjectID(hex: text)
        } catch {
            throw self.error(node, error.reason)
        }
    }

    private func binary(
        _ wrapped: JSONNode, keys: Set<String>, node: JSONNode,
        expectKeys: (Set<String>, String) throws(BSONError) -> Void
    ) throws(BSONError) -> BSONBinary {
        let base64: String
        let subtypeText: String
        let subtypeNode: JSONNode
        if case .string(let legacy) = wrapped.kind {
            try expectKeys(["$binary", "$type"], "$binary")
            base64 = legacy
            guard let typeNode = node.objectMember("$type") else { throw error(node, "Missing '$type'") }
            subtypeText = try string(typeNode, for: "$type")
            subtypeNode = typeNode
        } else {
            try expectKeys(["$binary"], "$binary")
            let fields = try subobject(wrapped, keys: ["base64", "subType"], for: "$binary")
            base64 = try string(fields["base64"], for: "base64")
            subtypeText = try string(fields["subType"], for: "subType")
            subtypeNode = fields["subType"] ?? wrapped
        }
        guard (1...2).contains(subtypeText.utf8.count), let subtype = UInt8(subtypeText, radix: 16) else {
            throw error(subtypeNode, "Invalid binary subtype '\(subtypeText)': expected 1 or 2 hexadecimal digits")
        }
        guard let data = Data(base64Encoded: base64) else {
            throw error(wrapped, "Invalid base64 in '$binary'")
        }
        return BSONBinary(subtype: subtype, data: [UInt8](data))
    }

    private func uuid(_ node: JSONNode) throws(BSONError) -> BSONBinary {
        let text = try string(node, for: "$uuid")
        guard let bytes = BSONBinary.uuidBytes(hyphenated: text) else {
            throw error(node, "Invalid '$uuid' value '\(text)': expected 8-4-4-4-12 hexadecimal digits")
        }
        return BSONBinary(subtype: 4, data: bytes)
    }

    private func date(_ node: JSONNode) throws(BSONError) -> Int64 {
        switch node.kind {
        case .string(let text):
            guard let millis = ISODate.parse(text) else {
                throw error(node, "Invalid '$date' value '\(text)': expected an ISO-8601 date")
            }
            return millis
        case .object(let members):
            guard members.count == 1, members[0].key == "$numberLong" else {
                throw error(node, "Expected {\"$numberLong\": \"…\"} for '$date'")
            }
            return try int64(members[0].value, for: "$numberLong")
        case .integer(let text):
            guard let millis = Int64(text) else { throw error(node, "Date \(text) is out of range") }
            return millis
        default:
            throw error(node, "Expected a string, object or integer for '$date', found \(describe(node))")
        }
    }
}

extension JSONNode {
    /// The first member named `key` of an object node.
    func objectMember(_ key: String) -> JSONNode? {
        guard case .object(let members) = kind else { return nil }
        return members.first { $0.key == key }?.value
    }
}

/// `-?[0-9]+`: what `$numberInt` and `$numberLong` accept.
func isIntegerText(_ text: String) -> Bool {
    var digits = Substring(text)
    if digits.hasPrefix("-") { digits = digits.dropFirst() }
    return !digits.isEmpty && digits.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
}

/// `-?digits[.digits][(e|E)[+-]digits]`: the finite `$numberDouble` forms (no hex, no `inf`).
func isDecimalText(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    var index = 0
    func digits() -> Int {
        let start = index
        while index < bytes.count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") {
            index += 1
        }
        return index - start
    }
    if index < bytes.count && bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard digits() > 0 else { return false }
    if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
        index += 1
        guard digits() > 0 else { return false }
    }
    if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
        index += 1
        if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
            index += 1
        }
        guard digits() > 0 else { return false }
    }
    return index == bytes.count
}
