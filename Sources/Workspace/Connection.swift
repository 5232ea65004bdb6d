/// Rules for stream connections (`StreamsConnection`, atlas-api.md §6): the types, their required fields, the
/// write-only secrets that responses leave out, and which connections a pipeline names.
package enum Connection {
    /// The `type` values the spec's discriminator maps (the enum lacks `S3`; the mapping has it).
    package static let types = [
        "Kafka", "Cluster", "Sample", "Https", "AzureBlobStorage", "AWSLambda", "AWSKinesisDataStreams",
        "SchemaRegistry", "GCPPubSub", "S3",
    ]

    /// Fields each type must carry, beyond `name` and `type` (the ones Atlas rejects a create without).
    static let requiredFields: [String: [String]] = [
        "Kafka": ["bootstrapServers"], "Cluster": ["clusterName"], "Https": ["url"],
    ]

    /// Checks a create or update body and returns the stored form: `name`, `type` first, the given fields in
    /// order, then the server-set `id` and `state`.
    static func validated(_ body: JSONValue, name fallbackName: String?, id: String) throws(APIError) -> JSONValue {
        guard let fields = body.objectValue else {
            throw APIError.validation("The connection must be a JSON object, found \(body.kindName).")
        }
        let name: String
        switch body["name"] {
        case .string(let given) where !given.isEmpty: name = given
        case nil where fallbackName != nil: name = fallbackName ?? ""
        case nil, .string: throw APIError.validation("The required attribute name was not specified.", ["name"])
        case let other?:
            throw APIError.validation("Attribute name must be a string, found \(other.kindName).", ["name"])
        }
        guard case .string(let type)? = body["type"] else {
            throw APIError.validation("The required attribute type was not specified.", ["type"])
        }
        guard types.contains(type) else { throw APIError.unknownConnectionType(type) }
        for field in requiredFields[type] ?? [] {
            guard case .string(let value)? = body[field], !value.isEmpty else {
                throw APIError.validation(
                    "The required attribute \(field) was not specified for a \(type) connection.", [.string(field)])
            }
        }
        var stored: [(key: String, value: JSONValue)] = [("name", .string(name)), ("type", .string(type))]
        stored += fields.filter { !["name", "type", "id", "state", "links"].contains($0.key) }
        stored += [("id", .string(id)), ("state", .string("READY"))]
        return .object(stored)
    }

    /// The response form of a stored connection: write-only secrets removed (the spec marks them writeOnly).
    static func publicView(_ stored: JSONValue) -> JSONValue {
        var view = stored
        for (parent, secrets) in [
            ("authentication", ["password", "clientSecret", "sslKeyPassword", "sslKey"]),
            ("schemaRegistryAuthentication", ["password"]),
        ] {
            guard var inner = view[parent], inner.objectValue != nil else { continue }
            for secret in secrets { inner = inner.removing(secret) }
            view = view.setting(parent, inner)
        }
        return view
    }

    /// The connection names a processor uses: `connectionName` directly in a stage (`$source`, `$emit`,
    /// `$https`…), under `into` (`$merge`) or `from` (`$lookup`), and the dlq's.
    static func names(usedBy pipeline: [JSONValue], options: JSONValue?) -> [String] {
        var names: [String] = []
        func add(_ value: JSONValue?) {
            if case .string(let name)? = value, !names.contains(name) { names.append(name) }
        }
        for stage in pipeline {
            for (_, spec) in stage.objectValue ?? [] {
                add(spec["connectionName"])
                add(spec["into"]?["connectionName"])
                add(spec["from"]?["connectionName"])
            }
        }
        add(options?["dlq"]?["connectionName"])
        return names
    }
}
