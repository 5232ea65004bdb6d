import BSONCore

/// The filter of `sp.listStreamProcessors(filter)` and `sp.listConnections(filter)`. mongosh sends it to the
/// workspace, which matches it there; the Admin API has no filter, so the shell matches the listed documents
/// itself: each field (a dotted path such as `'options.dlq.connectionName'` reaches into sub-documents) must
/// equal the given value, or contain it when the field is an array; `{$in: [...]}` and `{$regex: '...'}`
/// (or a `/regex/`) match as in MQL. Other operators are refused with a message naming them.
struct StreamsFilter {
    private let conditions: [(path: [String], condition: BSONValue)]

    /// A filter from the user's document; an empty or absent one matches everything.
    init(_ filter: BSONDocument, method: String) throws {
        conditions = filter.elements.map { (String($0.key).split(separator: ".").map(String.init), $0.value) }
        for (path, condition) in conditions {
            guard case .document(let operators) = condition, let first = operators.keys.first, first.hasPrefix("$")
            else { continue }
            for key in operators.keys where key != "$in" && key != "$regex" && key != "$options" {
                throw ShellError(
                    .invalidArgument,
                    "\(method) filters match fields by equality, $in or $regex; '\(key)' on '"
                        + path.joined(separator: ".") + "' is not supported")
            }
        }
    }

    /// Whether `document` matches every condition.
    func matches(_ document: BSONDocument) -> Bool {
        conditions.allSatisfy { path, condition in
            Self.matches(value(at: path, in: .document(document)), condition)
        }
    }

    private func value(at path: [String], in value: BSONValue?) -> BSONValue? {
        guard let key = path.first else { return value }
        guard case .document(let document)? = value else { return nil }
        return self.value(at: Array(path.dropFirst()), in: document[key])
    }

    private static func matches(_ value: BSONValue?, _ condition: BSONValue) -> Bool {
        switch condition {
        case .document(let operators) where operators.keys.first?.hasPrefix("$") == true:
            if case .array(let choices)? = operators["$in"], !choices.contains(where: { matches(value, $0) }) {
                return false
            }
            if case .string(let pattern)? = operators["$regex"] {
                let options: String
                if case .string(let given)? = operators["$options"] { options = given } else { options = "" }
                return matches(value, .regex(BSONRegex(pattern: pattern, options: options)))
            }
            return true
        case .regex(let regex):
            guard case .string(let text)? = value else { return false }
            let pattern = regex.options.contains("i") ? "(?i)" + regex.pattern : regex.pattern
            return (try? Regex(pattern))
                .map { (try? $0.firstMatch(in: text)) != nil } ?? false
        default:
            guard let value else { return condition == .null }
            if equal(value, condition) { return true }
            if case .array(let elements) = value { return elements.contains { equal($0, condition) } }
            return false
        }
    }

    /// BSON equality that treats numbers of different types as equal when their values are (`1` and `1.0`).
    private static func equal(_ a: BSONValue, _ b: BSONValue) -> Bool {
        if let x = number(a), let y = number(b) { return x == y }
        return a == b
    }

    private static func number(_ value: BSONValue) -> Double? {
        switch value {
        case .int32(let n): Double(n)
        case .int64(let n): Double(n)
        case .double(let n): n
        default: nil
        }
    }
}
