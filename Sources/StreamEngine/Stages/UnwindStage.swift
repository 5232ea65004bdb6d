import BSONCore

/// `$unwind` (§4, `UnwindOperator`) with the server's options: one output per element of the array at `path`
/// (a non-array value counts as a one-element array); `includeArrayIndex` adds the index as a Long (null for a
/// non-array); with `preserveNullAndEmptyArrays`, a null, missing or empty-array value keeps the document
/// (without the empty array), otherwise it is dropped.
package final class UnwindStage: Stage {
    /// `UnwindOperator`.
    package let operatorName = "UnwindOperator"
    private let path: FieldPath
    private let indexPath: FieldPath?
    private let preserveNullAndEmpty: Bool

    /// Compiles `$unwind: "$path"` or `$unwind: {path, includeArrayIndex, preserveNullAndEmptyArrays}`.
    package init(spec: BSONValue) throws(StreamEngineError) {
        let pathValue: BSONValue
        var indexName: String?
        var preserve = false
        switch spec {
        case .string:
            pathValue = spec
        case .document(let document):
            for (key, value) in document.elements {
                switch key {
                case "path": continue
                case "includeArrayIndex":
                    guard case .string(let name) = value, !name.isEmpty else {
                        throw .invalid(
                            "expected a non-empty string for the includeArrayIndex option to $unwind stage, got "
                                + value.typeName)
                    }
                    guard !name.hasPrefix("$") else {
                        throw .invalid(
                            "includeArrayIndex option to $unwind stage should not be prefixed with a '$': \(name)")
                    }
                    indexName = name
                case "preserveNullAndEmptyArrays":
                    guard case .bool(let flag) = value else {
                        throw .invalid(
                            "expected a boolean for the preserveNullAndEmptyArrays option to $unwind stage, got "
                                + value.typeName)
                    }
                    preserve = flag
                default:
                    throw .invalid("unrecognized option to $unwind stage: \(key)")
                }
            }
            guard let value = document["path"] else { throw .invalid("no path specified to $unwind stage") }
            pathValue = value
        default:
            throw .invalid(
                "expected either a string or an object as specification for $unwind stage, got \(spec.typeName)")
        }
        guard case .string(let text) = pathValue else {
            throw .invalid("expected a string as the path for $unwind stage, got \(pathValue.typeName)")
        }
        guard text.hasPrefix("$") else {
            throw .invalid("path option to $unwind stage should be prefixed with a '$': \(text)")
        }
        do throws(ExpressionError) {
            path = try FieldPath(text.dropFirst())
            indexPath = try indexName.map { name throws(ExpressionError) in try FieldPath(Substring(name)) }
        } catch {
            throw .invalid(error.message)
        }
        preserveNullAndEmpty = preserve
    }

    /// Emits one record per array element (or the record itself, as the options say).
    package func process(
        _ record: StreamRecord, _ environment: StageEnvironment, emit: (StreamRecord) -> Void
    ) throws(ExpressionError) {
        let value = DocumentPath.value(at: path, in: record.document)
        switch value {
        case .array(let elements) where !elements.isEmpty:
            for (index, element) in elements.enumerated() {
                var result = record
                DocumentPath.set(element, at: path, in: &result.document)
                if let indexPath { DocumentPath.set(.int64(Int64(index)), at: indexPath, in: &result.document) }
                emit(result)
            }
        case .array:
            guard preserveNullAndEmpty else { return }
            var result = record
            DocumentPath.set(nil, at: path, in: &result.document)
            if let indexPath { DocumentPath.set(.null, at: indexPath, in: &result.document) }
            emit(result)
        case nil, .null?:
            guard preserveNullAndEmpty else { return }
            var result = record
            if let indexPath { DocumentPath.set(.null, at: indexPath, in: &result.document) }
            emit(result)
        case .some:
            var result = record
            if let indexPath { DocumentPath.set(.null, at: indexPath, in: &result.document) }
            emit(result)
        }
    }
}
