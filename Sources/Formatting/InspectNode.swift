/// A value laid out by `Inspector`: the neutral tree between the value sources (BSON, the interpreter) and
/// Node's `util.inspect` layout rules.
///
/// Pure value type; safe to share across tasks.
package indirect enum InspectNode: Sendable {
    /// A plain or class-named object. `prefix` is the class name Node prints before the brace (`Foo {}`),
    /// empty for plain objects. `identity` marks an object that a `circular` node may point back to.
    case object([InspectEntry], prefix: String = "", identity: Int? = nil)
    /// An array, with any extra non-index properties after the elements.
    case array([InspectNode], extra: [InspectEntry] = [], identity: Int? = nil)
    /// A string, quoted and escaped by the layout.
    case string(String)
    /// A number as JavaScript text (`5`, `-0`, `NaN`, `1e+21`); see `JSNumberText`.
    case number(String)
    case bool(Bool)
    case null
    case undefined
    /// Text printed as-is, like a custom `util.inspect` result (`ObjectId('…')`), in styled pieces.
    case printed([InspectSegment])
    /// A regular expression literal such as `/ab+c/i`.
    case regexp(String)
    /// A function: `[Function: name]`, or `[Function (anonymous)]` when `name` is nil or empty.
    case function(name: String?)
    /// Text in Node's "special" style, such as `[Object]` or a host object's `[Collection]`.
    case special(String)
    /// A reference back to the enclosing container whose `identity` is given: `[Circular *1]`.
    case circular(Int)
}

/// One key and value of an object node, in display order.
///
/// Pure value type; safe to share across tasks.
package struct InspectEntry: Sendable {
    package var key: String
    package var value: InspectNode

    package init(_ key: String, _ value: InspectNode) {
        self.key = key
        self.value = value
    }
}

/// The color role of a piece of output, as Node's `inspect.styles` names them.
package enum InspectStyle: Sendable {
    case plain, number, boolean, string, null, undefined, date, regexp, special, symbol

    /// The ANSI SGR open and close codes for this style, or nil when Node leaves it unstyled.
    var ansiCodes: (open: Int, close: Int)? {
        switch self {
        case .plain: nil
        case .number, .boolean: (33, 39)
        case .string, .symbol: (32, 39)
        case .null: (1, 22)
        case .undefined: (90, 39)
        case .date: (35, 39)
        case .regexp: (31, 39)
        case .special: (36, 39)
        }
    }
}

/// A run of text with one style, part of a `printed` node.
///
/// Pure value type; safe to share across tasks.
package struct InspectSegment: Sendable {
    package var text: String
    package var style: InspectStyle

    package init(_ text: String, _ style: InspectStyle = .plain) {
        self.text = text
        self.style = style
    }
}
