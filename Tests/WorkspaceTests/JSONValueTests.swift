import TestSupport
import Testing
import Workspace

@Suite(.tags(.small)) struct JSONValueTests {
    @Test(arguments: [
        #"{"b":1,"a":[true,false,null],"c":{"z":"x","y":-1.5e3}}"#,
        #"[{"$source":{"connectionName":"k","topic":"t"}},{"$merge":{"into":{"db":"d"}}}]"#,
        #""quote \" backslash \\ newline \n tab \t é 😀""#,
        "12345678901234567890123",
        "[]", "{}", "\"\"",
    ])
    func roundTrips(text: String) throws {
        #expect(try JSONValue.parse(text).text == text)
    }

    @Test func keepsKeyOrderAndDecodesEscapes() throws {
        let value = try JSONValue.parse(#" { "z" : 1 , "a" : "\u00e9\ud83d\ude00" } "#)
        #expect(value.objectValue?.map(\.key) == ["z", "a"])
        #expect(value["a"] == .string("é😀"))
    }

    @Test(arguments: [
        ("{", "Expected a key string at offset 1"),
        (#"{"a" 1}"#, "Expected ':' at offset 5"),
        ("[1,]", "Unexpected character ']' at offset 3"),
        ("tru", "Invalid literal at offset 0"),
        ("1 2", "Unexpected character after the JSON value at offset 2"),
        (#""\x""#, "Invalid escape in string at offset 3"),
    ])
    func rejects(text: String, message: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
        do {
            _ = try JSONValue.parse(text)
        } catch {
            #expect(error.description == message)
        }
    }
}
