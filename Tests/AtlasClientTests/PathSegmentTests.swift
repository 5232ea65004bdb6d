import AtlasClient
import TestSupport
import Testing

@Suite(.tags(.small)) struct PathSegmentTests {
    @Test(arguments: [
        ("Kafka stock trade processor", "Kafka%20stock%20trade%20processor"),
        ("kafka_stock_trade_processor", "kafka_stock_trade_processor"),
        ("a/b", "a%2Fb"),
        ("host:9092", "host%3A9092"),
        ("100%", "100%25"),
        ("what?#x", "what%3F%23x"),
        ("it's \"quoted\"", "it%27s%20%22quoted%22"),
        ("café", "caf%C3%A9"),
        ("日本", "%E6%97%A5%E6%9C%AC"),
        ("a+b@c;d", "a%2Bb%40c%3Bd"),
        ("a.b-c_d~e", "a.b-c_d~e"),
        ("...", "..."),
    ])
    func encodesOneSegment(name: String, encoded: String) throws {
        #expect(try PathSegment.encode(name, kind: "processor") == encoded)
    }

    @Test(arguments: [
        ("", "Invalid processor name: the name is empty"),
        (".", "Invalid processor name: '.' cannot be used in a URL path; rename the processor"),
        ("..", "Invalid processor name: '..' cannot be used in a URL path; rename the processor"),
    ])
    func rejectsNamesThatAreNotASegment(name: String, message: String) {
        #expect(throws: AtlasAPIError.invalidArgument(message)) { try PathSegment.encode(name, kind: "processor") }
    }
}
