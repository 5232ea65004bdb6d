/// An ordered BSON document: keys keep their insertion order, as on the wire.
///
/// Pure value type; safe to share across tasks.
package struct BSONDocument: Sendable {
    /// The key-value pairs in order, duplicates included.
    package private(set) var elements: [(key: String, value: BSONValue)]

    /// An empty document.
    package init() { elements = [] }

    /// A document with these elements, in this order.
    package init(_ elements: [(key: String, value: BSONValue)]) { self.elements = elements }

    /// The number of elements.
    package var count: Int { elements.count }
    /// Whether there are no elements.
    package var isEmpty: Bool { elements.isEmpty }
    /// The keys in order.
    package var keys: [String] { elements.map(\.key) }

    /// The value of the first element named `key`; setting `nil` removes it, setting a new key appends it.
    package subscript(key: String) -> BSONValue? {
        get {
            // An indexed loop, not `first(where:)`: no closure and no copy of the non-matching elements.
            for index in elements.indices where elements[index].key == key { return elements[index].value }
            return nil
        }
        set {
            if let index = elements.firstIndex(where: { $0.key == key }) {
                if let newValue { elements[index].value = newValue } else { elements.remove(at: index) }
            } else if let newValue {
                elements.append((key, newValue))
            }
        }
    }

    /// Appends an element even if the key exists (BSON allows duplicate keys).
    package mutating func append(_ key: String, _ value: BSONValue) { elements.append((key, value)) }
}
