import Interpreter

/// A shell object whose methods are a table from name to Swift closure (`db`, collections, `explain()`,
/// `db.getMongo()`): the table lists what completion offers, and a property read gives the method bound to the
/// object.
protocol MethodTableObject: HostObject {
    /// A method: given the object and the call, the value the script sees.
    typealias Method = @Sendable (Self, NativeCall) throws -> JSValue
    /// Every method, by name.
    static var methodTable: [String: Method] { get }
}

extension MethodTableObject {
    /// The method named `key`, bound to this object, or nil when there is none.
    func boundMethod(_ key: String) -> JSValue? {
        guard let method = Self.methodTable[key] else { return nil }
        return .makeFunction(name: key) { [self] call in try method(self, call) }
    }
}
