/// A class declaration or expression.
///
/// A reference type shared by every evaluation; immutable after parsing.
package final class ClassNode: Sendable {
    /// The class name (empty for an anonymous class expression).
    package let name: String
    /// The `extends` expression.
    package let superclass: Expression?
    /// The `constructor(…) { … }` method, if declared.
    package let constructor: FunctionNode?
    /// Methods, accessors and fields, in source order.
    package let members: [ClassMember]
    /// The class's source.
    package let range: SourceRange

    /// Creates a class node.
    package init(
        name: String, superclass: Expression?, constructor: FunctionNode?, members: [ClassMember], range: SourceRange
    ) {
        self.name = name
        self.superclass = superclass
        self.constructor = constructor
        self.members = members
        self.range = range
    }
}

/// One member of a class body.
package struct ClassMember: Sendable {
    /// What the member defines.
    package enum Kind: Sendable {
        /// `name() { … }`.
        case method(FunctionNode)
        /// `get name() { … }`.
        case getter(FunctionNode)
        /// `set name(value) { … }`.
        case setter(FunctionNode)
        /// `name = value;` (initialized on each instance, or once on the class when static).
        case field(Expression?)
    }

    /// The member's key.
    package var key: PropertyKey
    /// Whether it belongs to the class itself rather than to instances.
    package var isStatic: Bool
    /// The definition.
    package var kind: Kind
}
