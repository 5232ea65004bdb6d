/// The date operators (§11.7–§11.11): `$dateToString`, `$dateTrunc`, `$dateDiff`, `$toDate`, ….
package enum DateOperators {
    /// The date family's operators by name.
    package static let compilers: [String: OperatorCompiler] = [:]
}
