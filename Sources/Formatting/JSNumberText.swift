import Interpreter

/// Node's inspect form of a number: JavaScript's text (the interpreter's `JSNumber.format`), except `-0` for
/// negative zero, which `String(-0)` prints as `0`.
package enum JSNumberText {
    /// The text `util.inspect` prints for a number (`5`, `-0`, `NaN`, `1e+21`, `0.1`).
    package static func inspect(_ value: Double) -> String {
        if value == 0 && value.sign == .minus { return "-0" }
        return JSNumber.format(value)
    }
}
