import Testing

@Test func placeholderBSONCore() { #expect(Bool(true)) }
