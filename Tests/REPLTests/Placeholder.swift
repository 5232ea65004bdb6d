import Testing

@Test func placeholderREPL() { #expect(Bool(true)) }
