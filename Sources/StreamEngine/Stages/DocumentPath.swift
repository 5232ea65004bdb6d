import BSONCore

/// Reading and writing a dotted path inside a document without traversing arrays, as `$unwind`, `$lookup.as`
/// and `includeArrayIndex` do on the server (`Document::getNestedField` / `setNestedField`).
package enum DocumentPath {
    /// The value at `path` in `document`, or `nil` when missing or when the path crosses a non-document.
    package static func value(at path: FieldPath, in document: BSONDocument) -> BSONValue? {
        var current = document
        let last = path.components.count - 1
        for (index, component) in path.components.enumerated() {
            guard let next = current[component] else { return nil }
            if index == last { return next }
            guard case .document(let inner) = next else { return nil }
            current = inner
        }
        return nil
    }

    /// Sets (or, for `nil`, removes) the value at `path`, creating documents on the way and replacing
    /// non-documents that stand in it. An existing field keeps its position.
    package static func set(_ value: BSONValue?, at path: FieldPath, in document: inout BSONDocument) {
        set(value, at: path.components[...], in: &document)
    }

    private static func set(_ value: BSONValue?, at path: ArraySlice<String>, in document: inout BSONDocument) {
        let key = path[path.startIndex]
        if path.count == 1 {
            document[key] = value
            return
        }
        var inner: BSONDocument
        if case .document(let existing) = document[key] {
            inner = existing
            document[key] = .null  // drop the reference so `inner` is unique and changes in place
        } else {
            if value == nil { return }
            inner = BSONDocument()
        }
        set(value, at: path.dropFirst(), in: &inner)
        document[key] = .document(inner)
    }
}
