import Foundation
import TestSupport
import Testing

@testable import AtlasClient

@Suite(.tags(.small)) struct NameSuggestionTests {
    @Test(
        arguments: [
            ("kafka_stock_trade_procesor", ["kafka_stock_trade_processor", "other"], "kafka_stock_trade_processor"),
            ("Kafka Stock Trade Processor", ["Kafka stock trade processor"], "Kafka stock trade processor"),
            ("p3", ["p1", "p2", "x"], "p1"),
            ("solar", ["sample_stream_solar", "kafkaprod"], nil),
            ("kafkaprod", ["kafkaprod"], nil),
            ("abc", [], nil),
        ] as [(String, [String], String?)])
    func nearestName(name: String, known: [String], expected: String?) {
        #expect(NameSuggestion.nearest(to: name, in: known) == expected)
    }

    @Test(arguments: [("kitten", "sitting", 3), ("", "abc", 3), ("abc", "abc", 0), ("flaw", "lawn", 2)])
    func editDistance(a: String, b: String, distance: Int) {
        #expect(NameSuggestion.editDistance(Array(a), Array(b)) == distance)
    }
}
