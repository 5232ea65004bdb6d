import BSONCore
import Interpreter

/// Argument checks shared by the collection, database and cursor methods, with mongosh's messages
/// (`assertArgsDefinedType` in mongosh's `helpers.ts`): `Missing required argument at position 0
/// (Collection.createIndex)` and `Argument at position 0 must be of type string, got number instead (…)`.
enum ArgumentChecks {
    /// The argument at `index`, which must be present (not `undefined`).
    static func required(_ call: NativeCall, _ index: Int, method: String) throws -> JSValue {
        let value = call.argument(index)
        if case .undefined = value {
            throw ShellError(.invalidArgument, "Missing required argument at position \(index) (\(method))")
        }
        return value
    }

    /// The string argument at `index`, which must be present.
    static func string(_ call: NativeCall, _ index: Int, method: String) throws -> String {
        let value = try required(call, index, method: method)
        guard case .string(let s) = value else {
            throw wrongType(index, expected: "string", found: value, method: method)
        }
        return s
    }

    /// The error for an argument of the wrong JavaScript type.
    static func wrongType(_ index: Int, expected: String, found: JSValue, method: String) -> ShellError {
        ShellError(
            .invalidArgument,
            "Argument at position \(index) must be of type \(expected), got \(found.typeofString) instead (\(method))")
    }

    /// An optional options object at `index`: `{}` when absent, an error naming the method otherwise.
    static func options(_ call: NativeCall, _ index: Int, method: String) throws -> BSONDocument {
        let value = call.argument(index)
        switch value {
        case .undefined, .null: return BSONDocument()
        case .object(let object) where object.arrayElements == nil && object.host == nil && !object.isCallable:
            return try BSONBridge.document(from: value, what: "The options")
        default:
            throw wrongType(index, expected: "object", found: value, method: method)
        }
    }

    /// A pipeline: an array of stage documents.
    static func pipeline(_ value: JSValue, method: String) throws -> [BSONValue] {
        guard case .object(let array) = value, let stages = array.arrayElements else {
            throw ShellError(.invalidArgument, "\(method) takes the pipeline as an array of stages")
        }
        return try stages.enumerated().map {
            .document(try BSONBridge.document(from: $0.element, what: "Pipeline stage \($0.offset)"))
        }
    }

    /// A JavaScript number that is a whole number, as an Int64.
    static func integer(_ value: JSValue) -> Int64? {
        guard case .number(let n) = value, n.rounded() == n, abs(n) < 9.2e18 else { return nil }
        return Int64(n)
    }

    /// The explain verbosity as mongosh's `validateExplainableVerbosity` reads it: `true` is
    /// `allPlansExecution`, `false` or nothing `queryPlanner`, any other string as given.
    static func verbosity(_ value: JSValue) throws -> String {
        switch value {
        case .undefined, .bool(false): return "queryPlanner"
        case .bool(true): return "allPlansExecution"
        case .string(let s): return s
        default: throw ShellError(.invalidArgument, "verbosity must be a string")
        }
    }
}
