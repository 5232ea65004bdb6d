/// The built-in prototypes of one interpreter.
final class Realm {
    let objectPrototype = JSObject(kind: .ordinary)
    let functionPrototype = JSObject(kind: .ordinary)
    let arrayPrototype = JSObject(kind: .ordinary)
    let stringPrototype = JSObject(kind: .ordinary)
    let numberPrototype = JSObject(kind: .ordinary)
    let booleanPrototype = JSObject(kind: .ordinary)
    let datePrototype = JSObject(kind: .ordinary)
    let regexpPrototype = JSObject(kind: .ordinary)
    let errorPrototype = JSObject(kind: .ordinary)
    let promisePrototype = JSObject(kind: .ordinary)
    /// `TypeError.prototype` and the other error types' prototypes, by name.
    var errorPrototypes: [String: JSObject] = [:]

    init() {
        objectPrototype.prototype = nil
        for prototype in [
            functionPrototype, arrayPrototype, stringPrototype, numberPrototype, booleanPrototype, datePrototype,
            regexpPrototype, errorPrototype,
        ] {
            prototype.prototype = objectPrototype
        }
        errorPrototypes["Error"] = errorPrototype
    }

    /// The prototype of `object`: its explicit one, or the built-in one for its kind.
    @inline(__always)
    func prototype(of object: JSObject) -> JSObject? {
        guard object.usesIntrinsicPrototype else { return object.prototype }
        switch object.kind {
        case .ordinary, .host: return objectPrototype
        case .array: return arrayPrototype
        case .function: return functionPrototype
        case .date: return datePrototype
        case .regexp: return regexpPrototype
        case .error: return errorPrototype
        case .boxedPrimitive:
            switch object.primitiveValue {
            case .string: return stringPrototype
            case .number: return numberPrototype
            case .bool: return booleanPrototype
            default: return objectPrototype
            }
        }
    }

    /// The prototype for errors named `name`, or `Error.prototype` for unknown names.
    func errorPrototype(named name: String) -> JSObject {
        errorPrototypes[name] ?? errorPrototype
    }
}
