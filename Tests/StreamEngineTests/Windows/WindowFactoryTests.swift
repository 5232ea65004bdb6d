import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

/// §3.1 validation: every invalid window spec fails with code 420 and ASP's message.
@Suite("Window factory", .tags(.small))
struct WindowFactoryTests {
    private static let pipeline = #""pipeline": [{"$group": {"_id": null, "n": {"$sum": 1}}}]"#

    @Test(
        "Invalid specs",
        arguments: [
            (
                #"{"$tumblingWindow": {"interval": {"size": 0, "unit": "second"}, \#(pipeline)}}"#,
                "Window interval size must be greater than 0."
            ),
            (
                #"{"$hoppingWindow": {"interval": {"size": 2, "unit": "second"}, "hopSize": {"size": 0, "unit": "second"}, \#(pipeline)}}"#,
                "Window hopSize size must be greater than 0."
            ),
            (
                #"{"$tumblingWindow": {"interval": {"size": 1, "unit": "second"}, "allowedLateness": {"size": 31, "unit": "minute"}, \#(pipeline)}}"#,
                "Maximum allowedLateness is 30 minutes"
            ),
            (
                #"{"$tumblingWindow": {"interval": {"size": 1, "unit": "second"}, "allowedLateness": 5, \#(pipeline)}}"#,
                "Must specify unit and size for non-zero allowed lateness values"
            ),
            (
                #"{"$tumblingWindow": {"interval": {"size": 1, "unit": "second"}, "idleTimeout": 5, \#(pipeline)}}"#,
                "Must specify unit and size for non-zero idle timeout values"
            ),
            (
                #"{"$tumblingWindow": {"interval": {"size": 1, "unit": "second"}, "boundary": "processingTime", "allowedLateness": 0, \#(pipeline)}}"#,
                "allowedLateness and idleTimeout are not supported with boundary: processingTime"
            ),
            (
                #"{"$tumblingWindow": {"interval": {"size": 1, "unit": "second"}, "foo": 1, \#(pipeline)}}"#,
                "IDLUnknownField: BSON field 'TumblingWindowOptions.foo' is an unknown field."
            ),
            (
                #"{"$tumblingWindow": {"interval": {"size": 1, "unit": "seconds"}, \#(pipeline)}}"#,
                "Enumeration value 'seconds' for field 'StreamTimeDuration.unit' is not a valid value."
            ),
            (
                #"{"$tumblingWindow": {\#(pipeline)}}"#,
                "BSON field 'TumblingWindowOptions.interval' is missing but a required field"
            ),
            (
                #"{"$tumblingWindow": {"interval": {"size": 1, "unit": "second"}, "pipeline": [{"$merge": {}}]}}"#,
                "$merge stage is not permitted in the inner pipeline of a window stage"
            ),
            (
                #"{"$tumblingWindow": {"interval": {"size": 1, "unit": "second"}, "pipeline": [{"$skip": 1}]}}"#,
                "Unsupported stage: $skip"
            ),
            (
                #"{"$tumblingWindow": {"interval": {"size": 1, "unit": "second"}, "pipeline": [{"$group": {"n": {"$sum": 1}}}]}}"#,
                "a group specification must include an _id"
            ),
            (
                #"{"$tumblingWindow": {"interval": {"size": 1, "unit": "second"}, "pipeline": [{"$limit": 0}]}}"#,
                "the limit must be positive"
            ),
            (
                #"{"$sessionWindow": {"partitionBy": "$k", "gap": {"size": 1, "unit": "second"}, "pipeline": []}}"#,
                "$sessionWindow pipeline must contain a $group or $sort stage."
            ),
            (
                #"{"$sessionWindow": {"partitionBy": "$k", "gap": {"size": 1, "unit": "second"}, "pipeline": [{"$limit": 1}, {"$sort": {"a": 1}}]}}"#,
                "$sessionWindow pipeline must not contain a $limit before the first $group or $sort."
            ),
        ])
    func invalid(stage: String, message: String) throws {
        let document = try ExtendedJSON.parseDocument(stage)
        let (name, spec) = try #require(document.elements.first)
        #expect {
            _ = try WindowFactory.makeWindow(
                name: name, spec: try #require(spec.documentValue), options: ProcessorOptions(name: "p"))
        } throws: { error in
            guard let error = error as? StreamEngineError else { return false }
            return error.code == 420 && error.message == message
                && error.description == "StreamProcessorInvalidOptions: \(message)"
        }
    }

    @Test(
        "Valid specs build, with the operator's name",
        arguments: [
            (
                #"{"$tumblingWindow": {"interval": {"size": 1, "unit": "day"}, "allowedLateness": 0, "idleTimeout": 0, "pipeline": []}}"#,
                "TumblingWindowOperator"
            ),
            (
                #"{"$hoppingWindow": {"interval": {"size": 1, "unit": "hour"}, "hopSize": {"size": 30, "unit": "minute"}, "offset": {"offsetFromUtc": -5, "unit": "minute"}, "allowedLateness": {"size": 30, "unit": "minute"}, "pipeline": []}}"#,
                "HoppingWindowOperator"
            ),
            (
                #"{"$sessionWindow": {"partitionBy": "$k", "gap": {"size": {"$numberLong": "5"}, "unit": "ms"}, "boundary": "eventTime", "pipeline": [{"$sort": {"a": 1}}]}}"#,
                "SessionWindowOperator"
            ),
        ])
    func valid(stage: String, operatorName: String) throws {
        let driver = try WindowDriver(stage)
        #expect(driver.window.operatorName == operatorName)
        #expect(driver.window.stateSize == 0)
    }
}
