/// A JavaScript value. Objects (arrays, functions, dates, host objects) are shared references.
package enum JSValue {
    case undefined
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case object(JSObject)

    /// JavaScript's `ToBoolean`.
    package var isTruthy: Bool {
        switch self {
        case .undefined, .null: false
        case .bool(let value): value
        case .number(let value): !(value == 0 || value.isNaN)
        case .string(let value): !value.isEmpty
        case .object: true
        }
    }

    /// Whether the value is `undefined` or `null`.
    package var isNullish: Bool {
        switch self {
        case .undefined, .null: true
        default: false
        }
    }

    /// Whether the value is `undefined`.
    package var isUndefined: Bool {
        if case .undefined = self { return true }
        return false
    }

    /// The object, if the value is one.
    package var asObject: JSObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The result of `typeof value`.
    package var typeofString: String {
        switch self {
        case .undefined: "undefined"
        case .null: "object"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .object(let object): object.isCallable ? "function" : "object"
        }
    }

    /// JavaScript's `ToString` without calling script code: primitives exactly; arrays joined with commas,
    /// dates as `Date#toString`, errors as `Name: message`, functions and other objects by kind.
    package func toDisplayString() -> String {
        switch self {
        case .undefined: "undefined"
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let value): JSNumber.format(value)
        case .string(let value): value
        case .object(let object): object.displayString(visited: [])
        }
    }

    /// Creates a native function value; `body` receives `this`, the arguments and the interpreter.
    package static func makeFunction(
        name: String, length: Int = 0, _ body: @escaping (NativeCall) throws -> JSValue
    ) -> JSValue {
        .object(JSObject(native: NativeFunction(name: name, length: length, body: body)))
    }

    /// A number value from an integer.
    package static func number(_ value: Int) -> JSValue { .number(Double(value)) }
}

/// The context of a call to a native function.
package struct NativeCall {
    /// The receiver (`undefined` for a plain call; the new object's prototype holder for `new`).
    package var this: JSValue
    /// The arguments as passed.
    package var arguments: [JSValue]
    /// Whether the function was called with `new`.
    package var isConstruct: Bool
    /// The interpreter running the call (to call back into script functions).
    package var interpreter: Interpreter

    /// The argument at `index`, or `undefined` when absent.
    package func argument(_ index: Int) -> JSValue {
        index < arguments.count ? arguments[index] : .undefined
    }
}

/// A function implemented in Swift.
package final class NativeFunction {
    /// The function's `name`.
    package let name: String
    /// The function's `length` (declared parameter count).
    package let length: Int
    /// The implementation.
    package let body: (NativeCall) throws -> JSValue
    /// Whether `new` may call it; false for built-in methods such as `Math.max` (`new Math.max()` is a TypeError).
    package let isConstructor: Bool

    /// Creates a native function.
    package init(
        name: String, length: Int, isConstructor: Bool = true, body: @escaping (NativeCall) throws -> JSValue
    ) {
        self.name = name
        self.length = length
        self.isConstructor = isConstructor
        self.body = body
    }
}

/// A function written in script: its node and the scope it closes over.
final class ScriptFunction {
    let node: FunctionNode
    /// The scope the function closes over (arrow functions find `this` through it). Replaced by an empty scope
    /// only when the function and its scope are being freed together (see `Interpreter.releaseScope`).
    var scope: Scope
    /// For class methods and constructors: the object whose prototype `super.name` reads.
    var homeObject: JSObject?

    init(node: FunctionNode, scope: Scope) {
        self.node = node
        self.scope = scope
    }
}

/// A function created by `Function.prototype.bind`.
final class BoundFunction {
    let target: JSObject
    let this: JSValue
    let arguments: [JSValue]

    init(target: JSObject, this: JSValue, arguments: [JSValue]) {
        self.target = target
        self.this = this
        self.arguments = arguments
    }
}

/// An object from outside the interpreter (database, collection, cursor, BSON wrapper) exposed to scripts.
///
/// Implemented by the ShellAPI target. Not thread-safe: used on the interpreter's thread.
package protocol HostObject: AnyObject {
    /// The class name shown to users, e.g. "Database", "Collection", "Cursor", "ObjectId".
    var className: String { get }
    /// The value of property `key`, or nil to fall back to ordinary lookup (own properties, then `undefined`).
    func getProperty(_ key: String, interpreter: Interpreter) throws -> JSValue?
    /// Handles `object[key] = value`; returns false to store it as an ordinary own property.
    func setProperty(_ key: String, _ value: JSValue, interpreter: Interpreter) throws -> Bool
    /// The names offered for completion, `for…in` and `Object.keys`.
    var propertyNames: [String] { get }
    /// An iterator for `for…of` (returns nil when exhausted), or nil when the object is not iterable.
    func makeIterator(interpreter: Interpreter) throws -> (() throws -> JSValue?)?
}

extension HostObject {
    /// Not handled: store an ordinary own property.
    package func setProperty(_ key: String, _ value: JSValue, interpreter: Interpreter) throws -> Bool { false }
    /// No names.
    package var propertyNames: [String] { [] }
    /// Not iterable.
    package func makeIterator(interpreter: Interpreter) throws -> (() throws -> JSValue?)? { nil }
}
