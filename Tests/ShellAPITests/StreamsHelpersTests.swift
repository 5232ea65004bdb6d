import BSONCore
import TestSupport
import Testing

@testable import ShellAPI

/// The pieces behind `sp`'s messages and output: nearest-name suggestions and secret masking.
@Suite(.tags(.small))
struct StreamsHelpersTests {
    @Test(
        arguments: [
            ("kafak", ["kafka", "solar"], "kafka"),
            ("SOLARDEMO", ["solarDemo"], "solarDemo"),
            (
                "kafka_stock_trade_procesor", ["kafka_stock_trade_processor", "Kafka stock trade processor"],
                "kafka_stock_trade_processor"
            ),
            ("xyz", ["kafka", "solar"], nil),
            ("p", [], nil),
        ] as [(String, [String], String?)])
    func nearestName(name: String, known: [String], expected: String?) {
        #expect(NameSuggestion.nearest(to: name, in: known) == expected)
    }

    @Test(arguments: [("", "abc", 3), ("kitten", "sitting", 3), ("same", "same", 0), ("ab", "ba", 2)])
    func editDistance(a: String, b: String, distance: Int) {
        #expect(NameSuggestion.editDistance(Array(a), Array(b)) == distance)
    }

    @Test func secretsAreMaskedAtAnyDepth() {
        let connection = BSONDocument([
            ("name", .string("k")),
            (
                "authentication",
                .document(
                    BSONDocument([
                        ("username", .string("u")), ("password", .string("p")), ("clientSecret", .string("c")),
                        ("sslKeyPassword", .string("s")), ("tokenEndpointUrl", .string("https://idp/token")),
                    ]))
            ),
            (
                "schemaRegistryAuthentication",
                .document(BSONDocument([("type", .string("USER_INFO")), ("password", .null)]))
            ),
            ("headers", .document(BSONDocument([("X-Api-Key", .string("k1")), ("Accept", .string("json"))]))),
        ])
        let mask = BSONValue.string("********")
        #expect(
            SecretMasking.masked(connection)
                == BSONDocument([
                    ("name", .string("k")),
                    (
                        "authentication",
                        .document(
                            BSONDocument([
                                ("username", .string("u")), ("password", mask), ("clientSecret", mask),
                                ("sslKeyPassword", mask), ("tokenEndpointUrl", .string("https://idp/token")),
                            ]))
                    ),
                    (
                        "schemaRegistryAuthentication",
                        .document(BSONDocument([("type", .string("USER_INFO")), ("password", .null)]))
                    ),
                    ("headers", .document(BSONDocument([("X-Api-Key", mask), ("Accept", .string("json"))]))),
                ]))
    }
}
