import BSONCore

extension InspectNode {
    /// The node for a BSON value, with mongosh's printed forms (`ObjectId('…')`, `ISODate('…')`, `Long('5')`,
    /// `Timestamp({ t: 1, i: 2 })`, `UUID('…')`, …) as `printable-bson` gives them.
    package init(bson value: BSONValue) {
        switch value {
        case .double(let number): self = .number(JSNumberText.inspect(number))
        case .string(let string), .symbol(let string): self = .string(string)
        case .document(let document): self = InspectNode(bson: document)
        case .array(let elements): self = .array(elements.map { InspectNode(bson: $0) })
        case .binary(let binary): self = BSONPrintedForms.binary(binary)
        case .undefined: self = .undefined
        case .objectID(let id): self = BSONPrintedForms.objectID(id)
        case .bool(let flag): self = .bool(flag)
        case .datetime(let milliseconds): self = BSONPrintedForms.date(milliseconds: milliseconds)
        case .null: self = .null
        case .regex(let regex): self = BSONPrintedForms.regex(regex)
        case .dbPointer(let namespace, let id):
            self = .printed(
                [InspectSegment("DBRef("), BSONPrintedForms.quoted(namespace), InspectSegment(", ")]
                    + BSONPrintedForms.objectIDSegments(id) + [InspectSegment(")")])
        case .code(let code):
            self = .printed([InspectSegment("Code("), BSONPrintedForms.quoted(code), InspectSegment(")")])
        case .codeWithScope(let code, let scope):
            // js-bson inspects the scope with a fresh `inspect` call, so it is laid out on its own.
            let scopeText = Inspector.inspect(InspectNode(bson: scope), options: .serverDocument)
            self = .printed([
                InspectSegment("Code("), BSONPrintedForms.quoted(code), InspectSegment(", \(scopeText))"),
            ])
        case .int32(let number): self = .number(String(number))
        case .timestamp(let timestamp):
            self = .printed([
                InspectSegment("Timestamp({ t: "), InspectSegment(String(timestamp.t), .number),
                InspectSegment(", i: "), InspectSegment(String(timestamp.i), .number), InspectSegment(" })"),
            ])
        case .int64(let number):
            self = .printed([InspectSegment("Long("), BSONPrintedForms.quoted(String(number)), InspectSegment(")")])
        case .decimal128(let decimal):
            self = .printed([
                InspectSegment("Decimal128("), BSONPrintedForms.quoted(decimal.description),
                InspectSegment(")"),
            ])
        case .minKey: self = .printed([InspectSegment("MinKey()")])
        case .maxKey: self = .printed([InspectSegment("MaxKey()")])
        }
    }

    /// The node for a document: an object with its keys in stored order (duplicates kept).
    package init(bson document: BSONDocument) {
        self = .object(document.elements.map { InspectEntry($0.key, InspectNode(bson: $0.value)) })
    }
}

extension Inspector {
    /// A BSON value as mongosh prints it.
    package static func inspect(_ value: BSONValue, options: InspectOptions) -> String {
        inspect(InspectNode(bson: value), options: options)
    }

    /// A document as mongosh prints it; use `.serverDocument` for documents that came from the server.
    package static func inspect(_ document: BSONDocument, options: InspectOptions) -> String {
        inspect(InspectNode(bson: document), options: options)
    }

    /// A page of cursor results as mongosh prints it: one array of documents, at full depth by default.
    package static func inspectBatch(_ documents: [BSONDocument], options: InspectOptions = .serverDocument)
        -> String
    {
        inspect(.array(documents.map { InspectNode(bson: $0) }), options: options)
    }
}
