import BSONCore

/// `$mergeObjects` (expression form), `$getField $setField $unsetField $objectToArray $arrayToObject`.
enum ObjectOperators {
    /// The family's operators by name.
    static let compilers: [String: OperatorCompiler] = [
        "$mergeObjects": { value, compiler throws(ExpressionError) in
            let arguments = try compiler.compileArguments(value)
            return OperatorSupport.operation("$mergeObjects", arguments) { context throws(ExpressionError) in
                var result = BSONDocument()
                for argument in arguments {
                    let part = try argument.evaluate(&context)
                    if part.isNullish { continue }
                    guard case .document(let document)? = part else {
                        throw ExpressionError(
                            code: 40400,
                            "$mergeObjects requires object inputs, but input \(OperatorSupport.text(part)) is of type "
                                + OperatorSupport.typeName(part))
                    }
                    for (key, field) in document.elements { result[key] = field }
                }
                return .document(result)
            }
        },
        "$getField": compileGetField,
        "$setField": { value, compiler throws(ExpressionError) in try compileSetField("$setField", value, &compiler) },
        "$unsetField": { value, compiler throws(ExpressionError) in try compileSetField("$unsetField", value, &compiler)
        },
        "$objectToArray": ArrayOperators.unary("$objectToArray") { value throws(ExpressionError) in
            if value.isNullish { return .null }
            guard case .document(let document)? = value else {
                throw ExpressionError(
                    code: 40390, "$objectToArray requires a document input, found: \(OperatorSupport.typeName(value))")
            }
            return .array(document.elements.map { .document(["k": .string($0.key), "v": $0.value]) })
        },
        "$arrayToObject": ArrayOperators.unary("$arrayToObject", arrayToObject),
    ]

    /// The constant field name of `$getField`/`$setField`/`$unsetField`.
    private static func fieldName(_ spec: BSONValue?, _ name: String) throws(ExpressionError) -> String {
        guard let spec else { throw ExpressionError(code: 3_041_702, "\(name) requires 'field' to be specified") }
        switch spec {
        case .string(let text) where !text.hasPrefix("$"): return text
        case .document(let document) where document.count == 1 && document.elements[0].key == "$literal":
            guard case .string(let text) = document.elements[0].value else {
                throw ExpressionError(
                    code: 3_041_704,
                    "\(name) requires 'field' to evaluate to type String, but got \(document.elements[0].value.typeName)"
                )
            }
            return text
        case .string:
            throw ExpressionError(
                code: 4_161_106, "\(name) requires 'field' to evaluate to a constant, but got a non-constant argument")
        default:
            throw ExpressionError(
                code: 3_041_704, "\(name) requires 'field' to evaluate to type String, but got \(spec.typeName)")
        }
    }

    private static func compileGetField(_ value: BSONValue, _ compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> Expression
    {
        var fieldSpec: BSONValue? = value
        var input: Expression = .variable(name: "CURRENT", path: nil)
        if case .document(let spec) = value, !(spec.count == 1 && spec.elements[0].key == "$literal") {
            fieldSpec = nil
            for (key, argument) in spec.elements {
                switch key {
                case "field": fieldSpec = argument
                case "input": input = try compiler.compile(argument)
                default: throw ExpressionError(code: 3_041_701, "$getField found an unknown argument: \(key)")
                }
            }
        }
        let field = try fieldName(fieldSpec, "$getField")
        let source = input
        return OperatorSupport.operation("$getField", [source]) { context throws(ExpressionError) in
            let inputValue = try source.evaluate(&context)
            if inputValue.isNullish { return inputValue == nil ? nil : .null }
            guard case .document(let document)? = inputValue else {
                throw ExpressionError(
                    code: 3_041_705,
                    "$getField requires 'input' to evaluate to type Object, but got \(OperatorSupport.typeName(inputValue))"
                )
            }
            return document[field]
        }
    }

    private static func compileSetField(_ name: String, _ value: BSONValue, _ compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> Expression
    {
        guard case .document(let spec) = value else {
            throw ExpressionError(code: 4_161_100, "\(name) only supports an object as its argument")
        }
        var fieldSpec: BSONValue?
        var input: Expression?
        var newValue: Expression?
        for (key, argument) in spec.elements {
            switch key {
            case "field": fieldSpec = argument
            case "input": input = try compiler.compile(argument)
            case "value" where name == "$setField": newValue = try compiler.compile(argument)
            default: throw ExpressionError(code: 4_161_101, "\(name) found an unknown argument: \(key)")
            }
        }
        let field = try fieldName(fieldSpec, name)
        guard let input else { throw ExpressionError(code: 4_161_102, "\(name) requires 'input' to be specified") }
        if name == "$setField" && newValue == nil {
            throw ExpressionError(code: 4_161_103, "$setField requires 'value' to be specified")
        }
        let replacement = newValue
        return .operation(name: name) { context throws(ExpressionError) in
            let inputValue = try input.evaluate(&context)
            if inputValue.isNullish { return .null }
            guard case .document(var document)? = inputValue else {
                throw ExpressionError(code: 4_161_105, "\(name) requires 'input' to evaluate to type Object")
            }
            document[field] = try replacement?.evaluate(&context)
            return .document(document)
        }
    }

    private static func arrayToObject(_ value: BSONValue?) throws(ExpressionError) -> BSONValue? {
        if value.isNullish { return .null }
        guard case .array(let elements)? = value else {
            throw ExpressionError(
                code: 40386, "$arrayToObject requires an array input, found: \(OperatorSupport.typeName(value))")
        }
        var result = BSONDocument()
        guard let first = elements.first else { return .document(result) }
        let pairs: Bool
        switch first {
        case .array: pairs = true
        case .document: pairs = false
        default:
            throw ExpressionError(code: 40398, "Unrecognised input type format for $arrayToObject: \(first.typeName)")
        }
        for element in elements {
            let key: BSONValue
            let field: BSONValue
            if pairs {
                guard case .array(let pair) = element else {
                    throw ExpressionError(
                        code: 40391,
                        "$arrayToObject requires a consistent input format. Elements must all be arrays or all be "
                            + "objects. Array was detected, now found: \(element.typeName)")
                }
                guard pair.count == 2 else {
                    throw ExpressionError(
                        code: 40397,
                        "$arrayToObject requires an array of size 2 arrays,found array of size: \(pair.count)")
                }
                guard case .string = pair[0] else {
                    throw ExpressionError(
                        code: 40395,
                        "$arrayToObject requires an array of key-value pairs, where the key must be of type string. "
                            + "Found key type: \(pair[0].typeName)")
                }
                (key, field) = (pair[0], pair[1])
            } else {
                guard case .document(let document) = element else {
                    throw ExpressionError(
                        code: 40391,
                        "$arrayToObject requires a consistent input format. Elements must all be arrays or all be "
                            + "objects. Object was detected, now found: \(element.typeName)")
                }
                guard document.count == 2 else {
                    throw ExpressionError(
                        code: 40392,
                        "$arrayToObject requires an object keys of 'k' and 'v'. Found incorrect number of keys:"
                            + "\(document.count)")
                }
                guard let k = document["k"], let v = document["v"] else {
                    throw ExpressionError(
                        code: 40393,
                        "$arrayToObject requires an object with keys 'k' and 'v'. Missing either or both keys from: "
                            + element.description)
                }
                guard case .string = k else {
                    throw ExpressionError(
                        code: 40394,
                        "$arrayToObject requires an object with keys 'k' and 'v', where the value of 'k' must be of "
                            + "type string. Found type: \(k.typeName)")
                }
                (key, field) = (k, v)
            }
            guard case .string(let name) = key, !name.utf8.contains(0) else {
                throw ExpressionError(code: 4_940_400, "Key field cannot contain an embedded null byte")
            }
            result[name] = field
        }
        return .document(result)
    }
}
