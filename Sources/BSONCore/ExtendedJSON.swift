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
/// `{"$regex": …, "$options": …}` forms, and reports errors with line:column. It works on UTF-8 bytes in one
/// pass (`ExtendedJSONReader` parses from a buffer without copying). Stateless; safe from any task.
package enum ExtendedJSON {
    /// Parses one Extended JSON value (any JSON value, not only an object).
    package static func parse(_ text: String) throws(BSONError) -> BSONValue {
        var text = text
        let result = text.withUTF8 { bytes in
            var reader = ExtendedJSONReader()
            return Result { () throws(BSONError) in try reader.parse(bytes) }
        }
        return try result.get()
    }

    /// Parses an Extended JSON object that is a document (not a type wrapper such as `{"$oid": …}`).
    package static func parseDocument(_ text: String) throws(BSONError) -> BSONDocument {
        var text = text
        let result = text.withUTF8 { bytes in
            var reader = ExtendedJSONReader()
            return Result { () throws(BSONError) in try reader.parseDocument(bytes) }
        }
        return try result.get()
    }

    /// Writes `value` as Extended JSON: compact (`{"a":1}`) when `indent` is nil, else one member per line
    /// indented by `indent` spaces per level, with `"key": value`.
    package static func serialize(_ value: BSONValue, mode: ExtendedJSONMode, indent: Int? = nil) -> String {
        var writer = ExtendedJSONWriter(mode: mode, indent: indent.map { max(0, $0) })
        writer.write(value, level: 0)
        return writer.output
    }

    /// Appends `document` as compact Extended JSON to `bytes` (UTF-8), with no intermediate `String`.
    package static func serialize(_ document: BSONDocument, mode: ExtendedJSONMode, into bytes: inout [UInt8]) {
        var writer = ExtendedJSONWriter(mode: mode, indent: nil)
        swap(&writer.bytes, &bytes)
        writer.write(document, level: 0)
        swap(&writer.bytes, &bytes)
    }

    /// Writes a document as Extended JSON; see `serialize(_:mode:indent:)`.
    package static func serialize(_ document: BSONDocument, mode: ExtendedJSONMode, indent: Int? = nil) -> String {
        serialize(.document(document), mode: mode, indent: indent)
    }
}
