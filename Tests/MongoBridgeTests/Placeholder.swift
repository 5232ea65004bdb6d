import Testing

@Test func placeholderMongoBridge() { #expect(Bool(true)) }
