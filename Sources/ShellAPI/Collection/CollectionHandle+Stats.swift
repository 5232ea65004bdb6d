import BSONCore
import Interpreter

/// `stats()` and the size helpers, built from the `$collStats` stage as mongosh builds them.
extension CollectionHandle {
    static let statsMethods: [String: Method] = [
        "stats": { collection, call in
            var scale = 1.0
            var indexDetails = false
            switch call.argument(0) {
            case .number(let n): scale = n
            case .undefined, .null: break
            case .object:
                let options = try ArgumentChecks.options(call, 0, method: "Collection.stats")
                if let s = options["scale"]?.asDouble, s != 0 { scale = s }
                if case .bool(let b)? = options["indexDetails"] { indexDetails = b }
            default:
                throw ArgumentChecks.wrongType(
                    0, expected: "number or object", found: call.argument(0), method: "Collection.stats")
            }
            guard scale >= 1 else {
                throw ShellError(
                    .invalidArgument, "scale has to be a number >=1, got \(JSValue.number(scale).toDisplayString())")
            }
            var stats = try collection.aggregatedStats(scale: scale)
            if !indexDetails { stats["indexDetails"] = nil }
            return collection.shell.serverObject(stats)
        },
        "dataSize": { collection, _ in .number(try collection.storageStat("size")) },
        "storageSize": { collection, _ in .number(try collection.storageStat("storageSize")) },
        "totalSize": { collection, _ in .number(try collection.storageStat("totalSize")) },
        "totalIndexSize": { collection, call in
            guard call.arguments.isEmpty else {
                throw ShellError(
                    .invalidArgument,
                    "\"totalIndexSize\" takes no argument. Use db.collection.stats to get detailed information.")
            }
            return .number(try collection.storageStat("totalIndexSize"))
        },
    ]

    /// The `$collStats` storage statistics, one document per shard (one on a replica set).
    private func collStats() throws -> [BSONDocument] {
        let stage = BSONDocument([
            ("$collStats", .document(BSONDocument([("storageStats", .document(BSONDocument([("scale", .int32(1))])))])))
        ])
        let cursor = try shell.requireConnection().aggregate(
            database: database.name, collection: name, pipeline: [.document(stage)], options: BSONDocument())
        defer { cursor.close() }
        var documents: [BSONDocument] = []
        while let document = try cursor.next() { documents.append(document) }
        guard !documents.isEmpty else {
            throw ShellError(.unexpectedReply, "Error running $collStats aggregation stage on \(fullName)")
        }
        return documents
    }

    /// One storage statistic summed over the shards (mongosh's `_getSingleStorageStatValue`).
    private func storageStat(_ key: String) throws -> Double {
        try collStats().reduce(0) { sum, shard in
            guard case .document(let storage)? = shard["storageStats"] else { return sum }
            return sum + (storage[key]?.asDouble ?? 0)
        }
    }

    /// mongosh's `_aggregateAndScaleCollStats`: one document from the per-shard `$collStats` results, with sizes
    /// divided by `scale`, in mongosh's key order.
    private func aggregatedStats(scale: Double) throws -> BSONDocument {
        let shards = try collStats()
        var result = BSONDocument([("ok", .int32(1))])
        var counts: [(String, Double)] = []
        var indexSizes: [(String, Double)] = []
        var unscaledSize = 0.0
        var maxSize = 0.0
        var nindexes: BSONValue = .int32(0)
        var scaleFactorSeen = false
        func add(_ value: Double, to list: inout [(String, Double)], key: String) {
            if let i = list.firstIndex(where: { $0.0 == key }) { list[i].1 += value } else { list.append((key, value)) }
        }
        for shard in shards {
            guard case .document(let storage)? = shard["storageStats"] else { continue }
            let objects = storage["count"]?.asDouble ?? 0
            for (key, value) in storage.elements {
                switch key {
                case "ns", "ok", "lastExtentSize", "paddingFactor":
                    continue
                case "userFlags", "capped", "max", "paddingFactorNote", "indexDetails", "wiredTiger":
                    if result[key] == nil { result[key] = value }
                case "count", "size", "storageSize", "totalIndexSize", "totalSize", "numOrphanDocs":
                    add(value.asDouble ?? 0, to: &counts, key: key)
                case "avgObjSize":
                    unscaledSize += (value.asDouble ?? 0) * objects
                case "maxSize":
                    maxSize = max(maxSize, value.asDouble ?? 0)
                case "indexSizes":
                    guard case .document(let sizes) = value else { continue }
                    for (index, size) in sizes.elements { add(size.asDouble ?? 0, to: &indexSizes, key: index) }
                case "nindexes":
                    if (value.asDouble ?? 0) > (nindexes.asDouble ?? 0) { nindexes = value }
                case "scaleFactor":
                    scaleFactorSeen = true
                default:
                    continue
                }
            }
        }
        result["sharded"] = .bool(try isSharded(shardCount: shards.count))
        let scaled: Set = ["size", "storageSize", "totalIndexSize", "totalSize"]
        for (key, value) in counts { result[key] = BSONBridge.number(scaled.contains(key) ? value / scale : value) }
        result["indexSizes"] = .document(BSONDocument(indexSizes.map { ($0.0, BSONBridge.number($0.1 / scale)) }))
        let objects = counts.first(where: { $0.0 == "count" })?.1 ?? 0
        result["avgObjSize"] = BSONBridge.number(objects > 0 ? unscaledSize / objects : 0)
        if let capped = result["capped"], BSONBridge.jsValue(from: capped).isTruthy {
            result["maxSize"] = BSONBridge.number(maxSize / scale)
        }
        result["ns"] = .string(fullName)
        result["nindexes"] = nindexes
        if scaleFactorSeen { result["scaleFactor"] = BSONBridge.number(scale) }
        return result
    }

    /// Whether `config.collections` lists this collection as sharded; when it cannot be read, whether more than
    /// one shard answered (mongosh's fallback).
    private func isSharded(shardCount: Int) throws -> Bool {
        let filter = BSONDocument([
            ("_id", .string(fullName)),
            ("dropped", .document(BSONDocument([("$ne", .bool(true))]))),
            ("unsplittable", .document(BSONDocument([("$ne", .bool(true))]))),
        ])
        do {
            let cursor = try shell.requireConnection().find(
                database: "config", collection: "collections", filter: filter,
                options: BSONDocument([("limit", .int64(1))]))
            defer { cursor.close() }
            return try cursor.next() != nil
        } catch {
            return shardCount > 1
        }
    }
}
