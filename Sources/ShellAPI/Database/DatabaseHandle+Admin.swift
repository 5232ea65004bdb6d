import BSONCore
import Interpreter

/// Database administration.
extension DatabaseHandle {
    static let adminMethods: [String: Method] = [:]
}
