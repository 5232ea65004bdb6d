import BSONCore
import Interpreter

/// Naming and administration: `getName`, `getFullName`.
extension CollectionHandle {
    static let adminMethods: [String: Method] = [
        "getName": { collection, _ in .string(collection.name) },
        "getFullName": { collection, _ in .string(collection.fullName) },
    ]
}
