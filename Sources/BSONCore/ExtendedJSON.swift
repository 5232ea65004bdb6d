/// Which Extended JSON v2 form to write: `canonical` keeps every type (`{"$numberInt":"1"}`), `relaxed` writes
/// plain JSON numbers and ISO-8601 dates where that loses nothing a reader needs.
package enum ExtendedJSONMode: Sendable, Hashable {
    case relaxed
    case canonical
}

/// MongoDB Extended JSON v2: parse text into BSON and write BSON as text.
///
/// The parser is its own (Foundation's JSONSerialization loses key order and integer-versus-float), accepts
/// canonical, relaxed and the legacy `{"$date": <number>}`, `{"$binary": "…", "$type": "…"}` and
/// `{"$regex": …, "$options": …}` forms, and reports errors with line:column. Stateless; safe from any task.
package enum ExtendedJSON {
    /// Parses one Extended JSON value (any JSON value, not only an object).
    package static func parse(_ text: String) throws(BSONError) -> BSONValue {
        var parser = JSONParser(text)
        let node = try parser.parseDocumentText()
        return try ExtendedJSONDecoder(parser: parser).value(node)
    }

    /// Parses an Extended JSON object that is a document (not a type wrapper such as `{"$oid": …}`).
    package static func parseDocument(_ text: String) throws(BSONError) -> BSONDocument {
        var parser = JSONParser(text)
        let node = try parser.parseDocumentText()
        let value = try ExtendedJSONDecoder(parser: parser).value(node)
        guard case .document(let document) = value else {
            throw parser.error(at: node.offset, "Expected a document, found a value of type '\(value.typeName)'")
        }
        return document
    }

    /// Writes `value` as Extended JSON: compact (`{"a":1}`) when `indent` is nil, else one member per line
    /// indented by `indent` spaces per level, with `"key": value`.
    package static func serialize(_ value: BSONValue, mode: ExtendedJSONMode, indent: Int? = nil) -> String {
        var writer = ExtendedJSONWriter(mode: mode, indent: indent.map { max(0, $0) })
        writer.write(value, level: 0)
        return writer.output
    }

    /// Writes a document as Extended JSON; see `serialize(_:mode:indent:)`.
    package static func serialize(_ document: BSONDocument, mode: ExtendedJSONMode, indent: Int? = nil) -> String {
        serialize(.document(document), mode: mode, indent: indent)
    }
}
