import BSONCore

/// A compiled stateless stage, with the common one-in-at-most-one-out stages as concrete cases so the hot
/// path calls them directly instead of through `any Stage` and an `emit` closure.
package enum CompiledStage {
    /// `$match`.
    case match(MatchStage)
    /// `$addFields` / `$set`.
    case addFields(AddFieldsStage)
    /// `$project` / `$unset`.
    case project(ProjectStage)
    /// Any other stage.
    case other(any Stage)

    /// Wraps a stage from `StageFactory`, unboxing the concrete types the chain fast-paths.
    package init(_ stage: any Stage) {
        if let match = stage as? MatchStage {
            self = .match(match)
        } else if let addFields = stage as? AddFieldsStage {
            self = .addFields(addFields)
        } else if let project = stage as? ProjectStage {
            self = .project(project)
        } else {
            self = .other(stage)
        }
    }
}

/// A run of stateless stages (§4): each record goes through them in order; results go to a sink closure and
/// per-document failures are collected as DLQ drafts (§6).
///
/// Used by the executor before and after a window, and usable by window stages for their inner pipelines.
/// Not thread-safe: one executor drives it.
package final class StageChain {
    /// The stages, in pipeline order.
    package let stages: [CompiledStage]
    /// What stages may use (the clock, `$lookup`).
    package let environment: StageEnvironment
    /// Failures collected since the caller last emptied this.
    package var deadLetters: [DeadLetterDraft] = []

    /// A chain of `stages` in `environment`.
    package init(_ stages: [any Stage], environment: StageEnvironment) {
        self.stages = stages.map(CompiledStage.init)
        self.environment = environment
    }

    /// Whether the chain has no stages (records pass unchanged).
    package var isEmpty: Bool { stages.isEmpty }

    /// Runs `record` through the stages from `index` on, giving each result to `sink`.
    package func run(
        _ record: consuming StreamRecord, from index: Int = 0, _ sink: (consuming StreamRecord) -> Void
    ) {
        var record = record  // consumed, so stages that change the document do so in place
        var position = index
        while position < stages.count {
            switch stages[position] {
            case .match(let stage):
                do throws(ExpressionError) {
                    guard try stage.matches(record, environment) else { return }
                } catch {
                    deadLetters.append(.failure(record, in: stage.operatorName, error))
                    return
                }
            case .addFields(let stage):
                do throws(ExpressionError) {
                    try stage.apply(to: &record, environment)  // leaves `record` unchanged when it throws
                } catch {
                    deadLetters.append(.failure(record, in: stage.operatorName, error))
                    return
                }
            case .project(let stage):
                do throws(ExpressionError) {
                    try stage.apply(to: &record, environment)  // leaves `record` unchanged when it throws
                } catch {
                    deadLetters.append(.failure(record, in: stage.operatorName, error))
                    return
                }
            case .other(let stage):
                let next = position + 1
                do throws(ExpressionError) {
                    try stage.process(record, environment) { result in run(result, from: next, sink) }
                } catch {
                    deadLetters.append(.failure(record, in: stage.operatorName, error))
                }
                return
            }
            position += 1
        }
        sink(record)
    }

    /// Takes the collected failures, leaving none.
    package func takeDeadLetters() -> [DeadLetterDraft] {
        defer { deadLetters.removeAll(keepingCapacity: true) }
        return deadLetters
    }
}
