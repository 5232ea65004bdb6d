import BSONCore
import Interpreter

/// The `EJSON` global, as js-bson's `EJSON` behaves in mongosh: `stringify(value, replacer?, space?, options?)`
/// (relaxed unless `{relaxed: false}`), `parse(text, options?)`, `serialize(value, options?)` and
/// `deserialize(object, options?)`.
///
/// Values go through BSON: `BSONBridge` turns script values into BSON, BSONCore's `ExtendedJSON` writes and
/// reads the text, and `JSON.stringify` lays it out, so replacers and `space` behave as in `JSON.stringify`.
package enum EJSONGlobal {
    static func install(in interpreter: Interpreter) {
        let ejson = JSObject.makeObject([
            (
                "stringify",
                .makeFunction(name: "stringify", length: 4) { call in
                    var (replacer, space, options) = (call.argument(1), call.argument(2), call.argument(3))
                    // js-bson: stringify(value, options) and stringify(value, replacer, options).
                    if isOptionsObject(replacer) {
                        (options, replacer, space) = (replacer, .undefined, .number(0))
                    } else if isOptionsObject(space) {
                        (options, space) = (space, .number(0))
                    }
                    return try stringify(
                        call.argument(0), replacer: replacer, space: space, mode: mode(options),
                        interpreter: call.interpreter)
                }
            ),
            (
                "parse",
                .makeFunction(name: "parse", length: 2) { call in
                    guard case .string(let text) = call.argument(0) else {
                        throw ShellError(
                            .invalidArgument,
                            "EJSON.parse() takes a string, found \(BSONBridge.describeType(call.argument(0)))")
                    }
                    return try parse(text, mode: mode(call.argument(1)))
                }
            ),
            (
                "serialize",
                .makeFunction(name: "serialize", length: 2) { call in
                    try serialize(call.argument(0), mode: mode(call.argument(1)), interpreter: call.interpreter)
                }
            ),
            (
                "deserialize",
                .makeFunction(name: "deserialize", length: 2) { call in
                    let text = try jsonStringify(
                        call.argument(0), replacer: .undefined, space: .undefined, interpreter: call.interpreter)
                    guard case .string(let json) = text else { return .undefined }
                    return try parse(json, mode: mode(call.argument(1)))
                }
            ),
        ])
        interpreter.defineGlobal("EJSON", .object(ejson))
    }

    /// `EJSON.stringify`: the value's Extended JSON text, laid out by `JSON.stringify(…, replacer, space)`;
    /// `undefined` for `undefined`.
    package static func stringify(
        _ value: JSValue, replacer: JSValue = .undefined, space: JSValue = .undefined, mode: ExtendedJSONMode,
        interpreter: Interpreter
    ) throws -> JSValue {
        if case .undefined = value { return .undefined }
        let plain = try serialize(value, mode: mode, interpreter: interpreter)
        return try jsonStringify(plain, replacer: replacer, space: space, interpreter: interpreter)
    }

    /// `EJSON.serialize`: the value as plain objects in Extended JSON form (`{ $oid: '…' }`).
    static func serialize(_ value: JSValue, mode: ExtendedJSONMode, interpreter: Interpreter) throws -> JSValue {
        if case .undefined = value { return .undefined }
        let bson: BSONValue
        do {
            bson = try BSONBridge.bson(from: value)
        } catch BSONBridge.StructureError.circular {
            throw JSError.typeError("Converting circular structure to EJSON")  // js-bson's wording
        }
        let text = ExtendedJSON.serialize(bson, mode: mode)
        return try interpreter.call(
            try jsonFunction("parse", interpreter), this: .undefined, arguments: [.string(text)])
    }

    /// `EJSON.parse`: BSON-typed values (ObjectId, Date, Decimal128, …). Relaxed (the default) gives Int32,
    /// Long and Double as plain numbers; canonical keeps them as `Int32(…)`, `Long(…)` and `Double(…)`.
    static func parse(_ text: String, mode: ExtendedJSONMode) throws -> JSValue {
        let value: BSONValue
        do {
            value = try ExtendedJSON.parse(text)
        } catch {
            throw JSError.syntaxError(error.message)
        }
        return mode == .relaxed ? BSONBridge.jsValue(from: relaxingNumbers(value)) : keepingNumberTypes(value)
    }

    /// The mode an options argument asks for: canonical only for `{relaxed: false}`.
    static func mode(_ options: JSValue) -> ExtendedJSONMode {
        guard case .object(let object) = options, case .bool(false)? = object.get("relaxed") else { return .relaxed }
        return .canonical
    }

    private static func isOptionsObject(_ value: JSValue) -> Bool {
        guard case .object(let object) = value else { return false }
        return object.arrayElements == nil && !object.isCallable
    }

    private static func relaxingNumbers(_ value: BSONValue) -> BSONValue {
        switch value {
        case .int64(let n): return .double(Double(n))
        case .document(let document):
            return .document(BSONDocument(document.elements.map { (key: $0.key, value: relaxingNumbers($0.value)) }))
        case .array(let values): return .array(values.map(relaxingNumbers))
        default: return value
        }
    }

    private static func keepingNumberTypes(_ value: BSONValue) -> JSValue {
        switch value {
        case .int32, .double: return .object(JSObject(host: BSONBox(value)))
        case .document(let document):
            return .object(JSObject.makeObject(document.elements.map { ($0.key, keepingNumberTypes($0.value)) }))
        case .array(let values): return .object(JSObject.makeArray(values.map(keepingNumberTypes)))
        default: return BSONBridge.jsValue(from: value)
        }
    }

    private static func jsonStringify(
        _ value: JSValue, replacer: JSValue, space: JSValue, interpreter: Interpreter
    ) throws -> JSValue {
        try interpreter.call(
            try jsonFunction("stringify", interpreter), this: .undefined, arguments: [value, replacer, space])
    }

    private static func jsonFunction(_ name: String, _ interpreter: Interpreter) throws -> JSValue {
        guard case .object(let json)? = interpreter.global("JSON"), let function = json.get(name) else {
            throw JSError.error("JSON.\(name) is not available")
        }
        return function
    }
}
